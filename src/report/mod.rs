//! The report model (what one run found, per file) and its renderings. Each format is a pure
//! function from a `Report` to a `String`: formats only format, they never compute findings.

pub mod compact;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod step_summary;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::links::{LinkResult, NetworkProblem};

/// Everything found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave it; reports print it unchanged.
    pub path: String,
    /// The path relative to the repository root, with `/` separators, for GitHub annotations
    /// and SARIF; the path as given when the file is not in a repository.
    pub repo_path: String,
    pub document: Document,
    /// Structural findings (and, once links are checked, link findings), sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// One result per URL occurrence, or `None` when links were not checked (`--offline`).
    pub links: Option<Vec<LinkResult>>,
    /// Findings silenced by suppression comments (not in `diagnostics`).
    pub suppressed: usize,
    /// Set when the link check stopped because the network, not the links, failed.
    pub network: Option<NetworkProblem>,
    /// Fixes applied by `--fix` (`diagnostics` are then the findings left).
    pub fixed: usize,
}

impl FileReport {
    pub fn new(path: impl Into<String>, document: Document, diagnostics: Vec<Diagnostic>) -> Self {
        let path = path.into();
        FileReport {
            repo_path: path.clone(),
            path,
            document,
            diagnostics,
            links: None,
            suppressed: 0,
            network: None,
            fixed: 0,
        }
    }
}

/// All files of one run, in the order they were given.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Files given on the command line that could not be read (their errors go to stderr).
    pub unreadable: usize,
    /// What kept the run from doing all of its job (the exit status is then 2).
    pub errors: Vec<RunError>,
}

/// Something that kept the run from doing all of its job, e.g. checking the links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunError {
    pub kind: RunErrorKind,
    /// One line, the same as on stderr after `error: `.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunErrorKind {
    /// The network was unavailable: links were not (all) checked.
    Network,
}

impl Report {
    /// Adds the file's network problem, if any, to `errors`, once per distinct message.
    pub fn note_network_problem(&mut self, file: &FileReport) {
        if let Some(problem) = &file.network {
            let error = RunError {
                kind: RunErrorKind::Network,
                message: problem.message(),
            };
            if !self.errors.contains(&error) {
                self.errors.push(error);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
    /// Fixes applied by `--fix`.
    pub fixed: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.files.len(),
            suppressed: self.files.iter().map(|f| f.suppressed).sum(),
            fixed: self.files.iter().map(|f| f.fixed).sum(),
            ..Summary::default()
        };
        for diagnostic in self.files.iter().flat_map(|f| &f.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
        }
        summary
    }
}

/// How the human report marks a finding that `--fix` can resolve.
pub fn fix_note(diagnostic: &Diagnostic) -> Option<&'static str> {
    diagnostic.fix.as_ref().map(|f| match f.applicability {
        Applicability::Safe => "fixable with --fix",
        Applicability::Unsafe => "fixable with --unsafe-fixes",
    })
}

/// `1 error`, `2 errors`.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// The line that ends every human report: `2 errors, 1 warning in 1 file`.
pub fn summary_line(report: &Report) -> String {
    let summary = report.summary();
    let mut line = format!(
        "{}, {} in {}",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.files, "file", "files"),
    );
    if summary.suppressed > 0 {
        line.push_str(&format!(
            "; {} suppressed",
            count(summary.suppressed, "finding", "findings")
        ));
    }
    if summary.fixed > 0 {
        line.push_str(&format!("; {} fixed", summary.fixed));
    }
    if report.unreadable > 0 {
        line.push_str(&format!(
            "; {} could not be read",
            count(report.unreadable, "file", "files")
        ));
    }
    line
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A one-file report with hand-built diagnostics.
    pub fn report(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> Report {
        Report {
            files: vec![FileReport::new(path, Document::parse(source), diagnostics)],
            unreadable: 0,
            errors: Vec::new(),
        }
    }

    /// Byte span of the first occurrence of `needle` in `source`.
    pub fn span_of(source: &str, needle: &str) -> std::ops::Range<usize> {
        let start = source.find(needle).expect("needle in source");
        start..start + needle.len()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn summary_counts_by_severity_and_pluralises() {
        let source = "# T\n\n## A\n\n## A\n";
        let mut report = report(
            "README.md",
            source,
            vec![
                Diagnostic::new("duplicate-heading", Severity::Error, 15..19, "dup"),
                Diagnostic::new("empty-category", Severity::Warning, 5..9, "empty"),
                Diagnostic::new("empty-category", Severity::Warning, 15..19, "empty"),
            ],
        );
        assert_eq!(
            report.summary(),
            Summary {
                errors: 1,
                warnings: 2,
                files: 1,
                suppressed: 0,
                fixed: 0,
            }
        );
        assert_eq!(summary_line(&report), "1 error, 2 warnings in 1 file");
        report.unreadable = 2;
        assert_eq!(
            summary_line(&report),
            "1 error, 2 warnings in 1 file; 2 files could not be read"
        );
        report.files[0].suppressed = 3;
        assert_eq!(
            summary_line(&report),
            "1 error, 2 warnings in 1 file; 3 findings suppressed; 2 files could not be read"
        );
        report.files[0].fixed = 4;
        assert_eq!(
            summary_line(&report),
            "1 error, 2 warnings in 1 file; 3 findings suppressed; 4 fixed; 2 files could not be read"
        );
        assert_eq!(
            summary_line(&Report::default()),
            "0 errors, 0 warnings in 0 files"
        );
    }
}
