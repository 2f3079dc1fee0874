//! One data model for every finding, whether a structural rule or the link checker produced it.
//! Reports render it; nothing here knows about output formats.

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A related place in the source, e.g. the first heading of a duplicate pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// A byte-range replacement in the source. All edits of one fix are applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    /// Borrowed when it is a constant (`<`, `>`, an empty removal): most are.
    pub replacement: Cow<'static, str>,
}

/// Whether `--fix` applies a fix on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps every entry and URL (or replaces a URL by the one it redirects to): `--fix`.
    Safe,
    /// Removes something a maintainer may want to keep (an entry, a heading): only with
    /// `--fix --unsafe-fixes`.
    Unsafe,
}

/// How to resolve a finding: edits on byte ranges of the text the finding was made on,
/// applied together or not at all (`crate::fix` applies them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Non-overlapping, in any order.
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case rule id, e.g. `duplicate-heading`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range in the source text the finding is about.
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it, in one or two sentences; borrowed when it is a constant, as it is for
    /// most rules (a list with thousands of findings would otherwise copy it thousands of times).
    pub help: Cow<'static, str>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            span,
            message: message.into(),
            help: Cow::Borrowed(""),
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = help.into();
        self
    }

    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds an edit to the finding's safe fix.
    pub fn with_edit(self, span: Range<usize>, replacement: impl Into<Cow<'static, str>>) -> Self {
        self.with_fix_edit(Applicability::Safe, span, replacement)
    }

    /// Adds an edit to the finding's unsafe fix (applied only with `--unsafe-fixes`).
    pub fn with_unsafe_edit(
        self,
        span: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.with_fix_edit(Applicability::Unsafe, span, replacement)
    }

    /// Adds every edit of `edits` to the finding's unsafe fix.
    pub fn with_unsafe_edits(
        self,
        edits: impl IntoIterator<Item = (Range<usize>, impl Into<Cow<'static, str>>)>,
    ) -> Self {
        edits.into_iter().fold(self, |d, (span, replacement)| {
            d.with_unsafe_edit(span, replacement)
        })
    }

    /// One unsafe edit makes the whole fix unsafe.
    fn with_fix_edit(
        mut self,
        applicability: Applicability,
        span: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
    ) -> Self {
        let fix = self.fix.get_or_insert(Fix {
            applicability,
            edits: Vec::new(),
        });
        fix.applicability = fix.applicability.max(applicability);
        fix.edits.push(Edit {
            span,
            replacement: replacement.into(),
        });
        self
    }
}
