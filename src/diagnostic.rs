//! One data model for every finding, whether a structural rule or the link checker produced it.
//! Reports render it; nothing here knows about output formats.

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
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case rule id, e.g. `duplicate-heading`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range in the source text the finding is about.
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it, in one or two sentences.
    pub help: String,
    pub labels: Vec<Label>,
    pub fix: Vec<Edit>,
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
            help: String::new(),
            labels: Vec::new(),
            fix: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
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

    pub fn with_edit(mut self, span: Range<usize>, replacement: impl Into<String>) -> Self {
        self.fix.push(Edit {
            span,
            replacement: replacement.into(),
        });
        self
    }
}
