//! The Markdown job summary written to `$GITHUB_STEP_SUMMARY` in GitHub Actions: findings per
//! rule, the worst findings with links to their lines, and the link check's totals.

use std::collections::BTreeMap;

use super::{Report, count};
use crate::diagnostic::Severity;
use crate::links::summarize;

/// How many findings the summary lists one by one (all are counted).
const WORST: usize = 20;

/// `blob_base`: where a file of this commit is shown on GitHub
/// (`https://github.com/OWNER/REPO/blob/SHA`), to link each finding to its line.
pub fn render(report: &Report, blob_base: Option<&str>) -> String {
    let summary = report.summary();
    let mut out = String::from("## awesome-lint\n\n");
    out.push_str(&format!(
        "**{}, {}** in {}",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.files, "file", "files"),
    ));
    if summary.suppressed > 0 {
        out.push_str(&format!(
            " ({} suppressed)",
            count(summary.suppressed, "finding", "findings")
        ));
    }
    out.push_str("\n\n");

    let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        let counts = per_rule.entry(d.rule).or_default();
        match d.severity {
            Severity::Error => counts.0 += 1,
            Severity::Warning => counts.1 += 1,
        }
    }
    if !per_rule.is_empty() {
        out.push_str("| Rule | Errors | Warnings |\n|---|---:|---:|\n");
        for (rule, (errors, warnings)) in &per_rule {
            out.push_str(&format!("| `{rule}` | {errors} | {warnings} |\n"));
        }
        out.push('\n');

        let mut worst: Vec<_> = report
            .files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
            .collect();
        // Errors first, then in file and source order (the sort is stable).
        worst.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity));
        let shown = worst.len().min(WORST);
        out.push_str(&format!(
            "### {}\n\n| | Where | Rule | Finding |\n|---|---|---|---|\n",
            if shown < worst.len() {
                format!("The first {shown} of {} findings", worst.len())
            } else {
                "Findings".to_string()
            }
        ));
        for (file, d) in worst.into_iter().take(WORST) {
            let line = file.document.position(d.span.start).line;
            let place = format!("{}:{line}", file.repo_path);
            let place = match blob_base {
                Some(base) => format!("[{place}]({base}/{}#L{line})", file.repo_path),
                None => format!("`{place}`"),
            };
            let mark = match d.severity {
                Severity::Error => "❌",
                Severity::Warning => "⚠️",
            };
            out.push_str(&format!(
                "| {mark} | {place} | `{}` | {} |\n",
                d.rule,
                table_cell(&d.message)
            ));
        }
        out.push('\n');
    }

    if report.files.iter().any(|f| f.links.is_some()) {
        let links = summarize(report.files.iter().flat_map(|f| f.links.iter().flatten()));
        out.push_str("### Links\n\n| Checked | OK | Redirect | Dead | Blocked | Timeout | Error | Excluded | Skipped |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n\n",
            links.total,
            links.ok,
            links.redirect,
            links.dead,
            links.blocked,
            links.timeout,
            links.error,
            links.excluded,
            links.skipped
        ));
    }
    out
}

/// Text fit for one Markdown table cell: no line breaks, pipes escaped.
fn table_cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::super::testing::report;
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn counts_rules_lists_errors_first_and_links_lines() {
        let source = "# T\n\n## A\n\n## A\n";
        let mut r = report(
            "README.md",
            source,
            vec![
                Diagnostic::new("bare-url", Severity::Warning, 0..1, "a | b"),
                Diagnostic::new("duplicate-heading", Severity::Error, 15..16, "dup"),
            ],
        );
        r.files[0].suppressed = 2;
        let md = render(&r, Some("https://github.com/o/r/blob/abc"));
        assert!(
            md.contains("**1 error, 1 warning** in 1 file (2 findings suppressed)"),
            "{md}"
        );
        assert!(
            md.contains("| `bare-url` | 0 | 1 |\n| `duplicate-heading` | 1 | 0 |"),
            "{md}"
        );
        let error = md
            .find("[README.md:5](https://github.com/o/r/blob/abc/README.md#L5)")
            .unwrap();
        let warning = md.find("a \\| b").unwrap();
        assert!(error < warning, "errors first: {md}");
        assert!(!md.contains("### Links"), "links were not checked");
        let plain = render(&r, None);
        assert!(plain.contains("`README.md:5`"), "{plain}");
    }
}
