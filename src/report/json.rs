//! JSON output: one document, stable and documented in README.md.
//!
//! ```json
//! {"version":1,
//!  "files":[{"path":"README.md",
//!            "diagnostics":[{"rule":"…","severity":"error|warning","message":"…",
//!                            "line":1,"column":1,"end_line":1,"end_column":5,"help":"…"}],
//!            "links":[…]}],
//!  "summary":{"errors":0,"warnings":0,"suppressed":0,"links":{…}},
//!  "errors":[{"kind":"network","message":"…"}]}
//! ```
//! Lines and columns are 1-based, columns in characters; `end_line`/`end_column` is the last
//! character covered (inclusive). `links` (per file) and `summary.links` appear only when links
//! were checked; the top-level `errors` only when the run could not do all of its job (e.g. no
//! network for the link check). Fields are only ever added, never renamed or removed; a breaking change would
//! bump `version`.

use serde::Serialize;

use super::{FileReport, Report, RunError};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::links::github::RepoFacts;
use crate::links::{self, LinkResult, LinkSummary, Verdict};

pub const FORMAT_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let json = JsonReport {
        version: FORMAT_VERSION,
        files: report.files.iter().map(JsonFile::new).collect(),
        summary: JsonSummary::new(report),
        errors: &report.errors,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&json).expect("report serializes");
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: JsonSummary,
    #[serde(skip_serializing_if = "<[RunError]>::is_empty")]
    errors: &'a [RunError],
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<JsonLink<'a>>>,
}

impl<'a> JsonFile<'a> {
    fn new(file: &'a FileReport) -> Self {
        JsonFile {
            path: &file.path,
            diagnostics: file
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(file, d))
                .collect(),
            links: file
                .links
                .as_ref()
                .map(|links| links.iter().map(|l| JsonLink::new(file, l)).collect()),
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: &'a str,
    /// The fix, or `null`.
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

/// An edit's range runs from the first character replaced to the position after the last
/// one (exclusive, so that an insertion has `end == start`), in the text that was linted.
#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

impl<'a> JsonFix<'a> {
    fn new(file: &FileReport, fix: &'a Fix) -> Self {
        JsonFix {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    let start = file.document.position(e.span.start);
                    let end = file.document.position(e.span.end);
                    JsonEdit {
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                        content: &e.replacement,
                    }
                })
                .collect(),
        }
    }
}

impl<'a> JsonDiagnostic<'a> {
    fn new(file: &FileReport, diagnostic: &'a Diagnostic) -> Self {
        let start = file.document.position(diagnostic.span.start);
        let end = file.document.end_position(&diagnostic.span);
        JsonDiagnostic {
            rule: diagnostic.rule,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            help: &diagnostic.help,
            fix: diagnostic.fix.as_ref().map(|f| JsonFix::new(file, f)),
        }
    }
}

#[derive(Serialize)]
struct JsonLink<'a> {
    url: &'a str,
    line: usize,
    column: usize,
    status: Verdict,
    http_status: Option<u16>,
    redirect_to: Option<&'a str>,
    attempts: u32,
    elapsed_ms: u64,
    detail: &'a str,
    /// What GitHub's API said about the link's repository, when it answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    github: Option<&'a RepoFacts>,
}

impl<'a> JsonLink<'a> {
    fn new(file: &FileReport, link: &'a LinkResult) -> Self {
        let start = file.document.position(link.span.start);
        JsonLink {
            url: &link.url,
            line: start.line,
            column: start.column,
            status: link.status,
            http_status: link.http_status,
            redirect_to: link.redirect_to.as_deref(),
            attempts: link.attempts,
            elapsed_ms: link.elapsed_ms,
            detail: &link.detail,
            github: link.github.as_ref(),
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    /// Findings silenced by suppression comments.
    suppressed: usize,
    /// Fixes applied by `--fix`.
    fixed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<LinkSummary>,
}

impl JsonSummary {
    fn new(report: &Report) -> Self {
        let summary = report.summary();
        JsonSummary {
            errors: summary.errors,
            warnings: summary.warnings,
            suppressed: summary.suppressed,
            fixed: summary.fixed,
            links: link_summary(report),
        }
    }
}

/// Link results counted over every file; `None` when no file had its links checked.
fn link_summary(report: &Report) -> Option<LinkSummary> {
    let checked: Vec<&Vec<LinkResult>> = report
        .files
        .iter()
        .filter_map(|f| f.links.as_ref())
        .collect();
    (!checked.is_empty()).then(|| links::summarize(checked.into_iter().flatten()))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::report::testing::{report, span_of};

    const SOURCE: &str = "\u{feff}# Título\r\n\r\n- ñandú https://x.example/a\r\n";

    fn bare_url_report() -> Report {
        let span = span_of(SOURCE, "https://x.example/a");
        report(
            "docs/list.md",
            SOURCE,
            vec![
                Diagnostic::new("bare-url", Severity::Warning, span, "bare URL")
                    .with_help("Wrap it in a link."),
            ],
        )
    }

    #[test]
    fn exact_shape_without_links() {
        let out: Value = serde_json::from_str(&render(&bare_url_report())).unwrap();
        assert_eq!(
            out,
            json!({
                "version": 1,
                "files": [{
                    "path": "docs/list.md",
                    "diagnostics": [{
                        "rule": "bare-url",
                        "severity": "warning",
                        "message": "bare URL",
                        "line": 3,
                        "column": 9,
                        "end_line": 3,
                        "end_column": 27,
                        "help": "Wrap it in a link.",
                        "fix": null
                    }]
                }],
                "summary": {"errors": 0, "warnings": 1, "suppressed": 0, "fixed": 0}
            })
        );
    }

    #[test]
    fn keys_keep_their_documented_order() {
        let out = render(&bare_url_report());
        let order = [
            "\"version\"",
            "\"files\"",
            "\"path\"",
            "\"diagnostics\"",
            "\"rule\"",
            "\"severity\"",
            "\"message\"",
            "\"line\"",
            "\"column\"",
            "\"end_line\"",
            "\"end_column\"",
            "\"help\"",
            "\"fix\"",
            "\"summary\"",
            "\"errors\"",
            "\"warnings\"",
        ];
        let positions: Vec<usize> = order.iter().map(|k| out.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
    }

    #[test]
    fn a_fix_lists_its_applicability_and_edits() {
        let span = span_of(SOURCE, "https://x.example/a");
        let mut report = bare_url_report();
        report.files[0].fixed = 2;
        let d = &mut report.files[0].diagnostics[0];
        *d = d
            .clone()
            .with_edit(span.start..span.start, "<")
            .with_edit(span.end..span.end, ">");
        let out: Value = serde_json::from_str(&render(&report)).unwrap();
        assert_eq!(
            out["files"][0]["diagnostics"][0]["fix"],
            json!({"applicability": "safe", "edits": [
                {"line": 3, "column": 9, "end_line": 3, "end_column": 9, "content": "<"},
                {"line": 3, "column": 28, "end_line": 3, "end_column": 28, "content": ">"}
            ]})
        );
        assert_eq!(out["summary"]["fixed"], 2);
    }

    #[test]
    fn empty_run_is_still_a_full_document() {
        let out: Value = serde_json::from_str(&render(&Report::default())).unwrap();
        assert_eq!(
            out,
            json!({"version": 1, "files": [], "summary": {"errors": 0, "warnings": 0, "suppressed": 0, "fixed": 0}})
        );
    }

    #[test]
    fn checked_links_add_a_links_array_and_a_tally() {
        let mut report = bare_url_report();
        let span = span_of(SOURCE, "https://x.example/a");
        let result = |status, http_status| LinkResult {
            url: "https://x.example/a".into(),
            span: span.clone(),
            status,
            http_status,
            redirect_to: None,
            attempts: 1,
            elapsed_ms: 12,
            detail: String::new(),
            github: None,
        };
        let mut moved = result(Verdict::Redirect, Some(301));
        moved.redirect_to = Some("https://x.example/b".into());
        report.files[0].links = Some(vec![result(Verdict::Ok, Some(200)), moved]);

        let out: Value = serde_json::from_str(&render(&report)).unwrap();
        // Everything of the offline shape is still there, unchanged.
        assert_eq!(out["summary"]["warnings"], 1);
        assert_eq!(out["files"][0]["diagnostics"][0]["rule"], "bare-url");
        assert_eq!(
            out["files"][0]["links"],
            json!([
                {"url": "https://x.example/a", "line": 3, "column": 9, "status": "ok",
                 "http_status": 200, "redirect_to": null, "attempts": 1, "elapsed_ms": 12,
                 "detail": ""},
                {"url": "https://x.example/a", "line": 3, "column": 9, "status": "redirect",
                 "http_status": 301, "redirect_to": "https://x.example/b", "attempts": 1,
                 "elapsed_ms": 12, "detail": ""}
            ])
        );
        assert_eq!(
            out["summary"]["links"],
            json!({"total": 2, "unique": 1, "ok": 1, "redirect": 1, "dead": 0, "blocked": 0,
                   "timeout": 0, "error": 0, "excluded": 0, "skipped": 0, "unchecked": 0})
        );
        assert!(out.get("errors").is_none(), "no errors, no key");
    }

    #[test]
    fn run_errors_are_a_top_level_array_after_the_summary() {
        let mut report = bare_url_report();
        report.errors.push(RunError {
            kind: super::super::RunErrorKind::Network,
            message: "network unavailable: …".into(),
        });
        let text = render(&report);
        let out: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            out["errors"],
            json!([{"kind": "network", "message": "network unavailable: …"}])
        );
        assert!(text.find("\"summary\"").unwrap() < text.find("\"kind\"").unwrap());
    }
}
