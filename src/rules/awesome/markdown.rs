//! Markdown style the awesome preset shares with remark-lint: a final newline, one bullet
//! marker, `---` for thematic breaks.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document, EntryKind};
use crate::rules::{Preset, Rule, RuleOptions};

pub struct FinalNewline;
pub struct ListMarkerStyle;
pub struct RuleStyle;

impl Rule for FinalNewline {
    fn id(&self) -> &'static str {
        "final-newline"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The file does not end with a line break."
    }
    fn explanation(&self) -> &'static str {
        "A text file ends with a line break; without one, appending an entry changes the last \
         line too and tools that read lines may drop it. An empty file is fine."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let s = &doc.source;
        if s.is_empty() || s.ends_with('\n') {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                self.id(),
                self.severity(),
                s.len()..s.len(),
                "missing line break at the end of the file",
            )
            .with_help("end the file with a line break")
            // The file's own line break style.
            .with_edit(
                s.len()..s.len(),
                if s.contains("\r\n") { "\r\n" } else { "\n" },
            ),
        ]
    }
}

/// The bullet of an unordered list item, if it is one.
fn bullet(doc: &Document, start: usize) -> Option<char> {
    doc.source[start..]
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '*' | '+'))
}

impl Rule for ListMarkerStyle {
    fn id(&self) -> &'static str {
        "unordered-list-marker-style"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A bullet list item marked differently from the first one (`-`, `*`, `+`)."
    }
    fn explanation(&self) -> &'static str {
        "The first bullet of the file sets the style; items marked with another of `-`, `*` \
         and `+` are reported, so that the source reads the same throughout."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut style = None;
        let mut out = Vec::new();
        for e in doc.entries.iter().filter(|e| e.kind == EntryKind::ListItem) {
            let Some(marker) = bullet(doc, e.span.start) else {
                continue;
            };
            match style {
                None => style = Some(marker),
                Some(s) if s != marker => out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        e.span.start..e.span.start + 1,
                        format!("`{marker}` where the list uses `{s}`"),
                    )
                    .with_help(format!("mark bullets with `{s}`"))
                    .with_edit(e.span.start..e.span.start + 1, s.to_string()),
                ),
                Some(_) => {}
            }
        }
        out
    }
}

impl Rule for RuleStyle {
    fn id(&self) -> &'static str {
        "rule-style"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A thematic break written otherwise than `---`."
    }
    fn explanation(&self) -> &'static str {
        "Thematic breaks are written `---`; `***`, `___` or `- - -` draw the same line but \
         read differently in the source."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ThematicBreak && doc.text(&b.span).trim() != "---")
            .map(|b| {
                let text = doc.text(&b.span);
                let start = b.span.start + (text.len() - text.trim_start().len());
                let written = start..start + text.trim().len();
                // Under a paragraph line `---` would make it a heading: the fix engine's
                // structure check refuses that edit, and the finding stays.
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    b.span.clone(),
                    format!("`{}` instead of `---`", text.trim()),
                )
                .with_help("write thematic breaks as `---`")
                .with_edit(written, "---")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn final_newline() {
        assert!(lines(&FinalNewline, "# T\n").is_empty());
        assert!(lines(&FinalNewline, "").is_empty());
        assert_eq!(lines(&FinalNewline, "# T\n\ntext"), [3]);
    }

    #[test]
    fn markers() {
        assert_eq!(
            lines(&ListMarkerStyle, "# T\n\n- a\n- b\n\n* c\n  + d\n\n1. e\n"),
            [6, 7]
        );
    }

    #[test]
    fn thematic_breaks() {
        assert_eq!(lines(&RuleStyle, "# T\n\n---\n\n***\n\n___\n"), [5, 7]);
    }
}
