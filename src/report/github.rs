//! `--format github`: GitHub Actions workflow commands, one per finding, so that findings show
//! as annotations on the pull request's lines:
//! `::error file=README.md,line=79,col=1,endLine=79,endColumn=27,title=duplicate-heading::message`.
//! Paths are relative to the repository root (GitHub drops annotations whose path it cannot
//! match); GitHub shows only the first few annotations per step, so each finding is also one
//! plain line of the log (the command itself is printed there).

use super::Report;
use crate::diagnostic::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for d in &file.diagnostics {
            let start = file.document.position(d.span.start);
            let end = file.document.end_position(&d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if !d.help.is_empty() {
                message.push('\n');
                message.push_str(&d.help);
            }
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&file.repo_path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(d.rule),
                escape_data(&message),
            ));
        }
    }
    out
}

/// The message of a workflow command: `%`, CR and LF escaped.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command: also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{report, span_of};
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn escaping_follows_githubs_rules() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_finding_with_the_repository_path() {
        let source = "# T\n\n## A\n\n## A\n";
        let mut r = report(
            "./docs/README.md",
            source,
            vec![
                Diagnostic::new(
                    "duplicate-heading",
                    Severity::Error,
                    source.len() - 2..source.len() - 1,
                    "heading `A` repeats line 3, 50% alike",
                )
                .with_help("rename one"),
                Diagnostic::new("bare-url", Severity::Warning, span_of(source, "# T"), "w"),
            ],
        );
        r.files[0].repo_path = "docs/README, v2.md".into();
        assert_eq!(
            render(&r),
            "::error file=docs/README%2C v2.md,line=5,col=4,endLine=5,endColumn=4,title=duplicate-heading::heading `A` repeats line 3, 50%25 alike%0Arename one\n\
             ::warning file=docs/README%2C v2.md,line=1,col=1,endLine=1,endColumn=3,title=bare-url::w\n"
        );
    }
}
