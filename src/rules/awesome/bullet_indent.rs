//! remark-lint's `list-item-bullet-indent`, part of sindresorhus/awesome-lint: the items of a
//! top-level list start at the first column.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, EntryKind};
use crate::rules::{Preset, Rule, RuleOptions};

pub struct BulletIndent;

impl Rule for BulletIndent {
    fn id(&self) -> &'static str {
        "list-item-bullet-indent"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "An item of a top-level list whose marker is indented."
    }
    fn explanation(&self) -> &'static str {
        "The items of a top-level list start at the first column. An indented marker (` - \
         [Name](…)`) renders the same, but in the source it looks nested, and one space more or \
         less turns it into a sub-item or a code block. Lists in block quotes and nested lists \
         are not judged."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        doc.entries
            .iter()
            .filter(|e| e.kind == EntryKind::ListItem && e.depth == 0)
            .filter_map(|e| {
                // The first line starts after a BOM, as GitHub reads it.
                let line_start = doc.source[..e.span.start]
                    .rfind('\n')
                    .map_or(doc.start().start, |i| i + 1);
                // The item's span may start at its indentation.
                let rest = &doc.source[e.span.start..];
                let marker =
                    e.span.start + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
                let indent = &doc.source[line_start..marker];
                // Only blanks before the marker: a top-level list, not one in a block quote.
                if indent.is_empty() || !indent.chars().all(|c| c == ' ' || c == '\t') {
                    return None;
                }
                let n = indent.chars().count();
                let d = Diagnostic::new(
                    self.id(),
                    self.severity(),
                    line_start..marker,
                    format!(
                        "list item indented by {n} {}",
                        if n == 1 { "space" } else { "spaces" }
                    ),
                )
                .with_help("start the item's marker at the first column");
                // A one-line item moves as a whole; a longer one's lines would need re-indenting.
                let one_line = !doc.text(&e.span).trim_end().contains('\n');
                Some(if one_line {
                    d.with_edit(line_start..marker, "")
                } else {
                    d
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn indented_markers_of_top_level_lists() {
        let md = "# T\n\n- [A](https://a.org) - A.\n - [B](https://b.org) - B.\n  - [C](https://c.org) - C.\n\n > - quoted\n\n1. one\n 2. two\n";
        // Two spaces do not nest under ` - ` (its content starts at the fourth column).
        assert_eq!(lines(&BulletIndent, md), [4, 5, 10]);
        assert_eq!(
            messages(&BulletIndent, md)[0],
            "list item indented by 1 space"
        );
    }

    #[test]
    fn a_bom_is_not_indentation() {
        let md = "  - [A](https://a.org) - A.\n";
        let with_bom = format!("\u{feff}{md}");
        assert_eq!(lines(&BulletIndent, md), [1]);
        assert_eq!(lines(&BulletIndent, &with_bom), [1]);
        assert_eq!(
            messages(&BulletIndent, &with_bom),
            messages(&BulletIndent, md)
        );
    }
}
