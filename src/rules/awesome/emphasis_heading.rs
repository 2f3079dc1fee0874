//! remark-lint's `no-emphasis-as-heading`, part of sindresorhus/awesome-lint: a paragraph
//! that is only bold or italic text, followed by another paragraph, is a heading in disguise.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::inline::InlineKind;
use crate::document::{BlockKind, Document, EntryKind};
use crate::rules::{Preset, Rule, RuleOptions};

pub struct EmphasisAsHeading;

impl Rule for EmphasisAsHeading {
    fn id(&self) -> &'static str {
        "no-emphasis-as-heading"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A paragraph of only bold or italic text that introduces the next paragraph."
    }
    fn explanation(&self) -> &'static str {
        "`**Contributing:**` on a line of its own, followed by a paragraph, is a heading in \
         disguise: it has no anchor, the table of contents cannot link to it and screen \
         readers do not announce it. Write a heading instead. One followed by a list, a table, \
         a heading, a block quote or HTML is not reported; within a block quote, only a \
         paragraph of the same quote counts."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        // What may follow a paragraph: (start, block-quote depth, is a paragraph).
        let mut siblings: Vec<(usize, usize, bool)> = doc
            .blocks
            .iter()
            .map(|b| (b.span.start, b.kind == BlockKind::Prose))
            .chain(doc.headings.iter().map(|h| (h.span.start, false)))
            .chain(
                doc.entries
                    .iter()
                    .filter(|e| e.kind == EntryKind::Paragraph)
                    .map(|e| (e.span.start, true)),
            )
            .map(|(start, paragraph)| (start, quote_depth(doc, start), paragraph))
            .collect();
        siblings.sort_unstable();
        let mut out = Vec::new();
        for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
            let inlines = doc.inlines(&b.span);
            let [only] = inlines.as_slice() else {
                continue;
            };
            let kind = match only.kind {
                InlineKind::Strong => "bold",
                InlineKind::Emphasis => "italic",
                _ => continue,
            };
            let depth = quote_depth(doc, b.span.start);
            // A quoted paragraph's later lines carry `>`, which the inline view would read as
            // a new quote: only one-line quoted paragraphs are judged.
            if depth > 0 && doc.text(&b.span).trim().contains('\n') {
                continue;
            }
            let Some(&(next, next_depth, paragraph)) =
                siblings.iter().find(|(start, ..)| *start >= b.span.end)
            else {
                continue;
            };
            // In a block quote, the next paragraph must be in the same quote: every line
            // between them quoted too.
            let same_quote = depth == 0 || {
                let last = b.span.end.saturating_sub(1).max(b.span.start);
                let after = doc.source[last..]
                    .find('\n')
                    .map_or(doc.source.len(), |i| last + i + 1);
                let before = line_start(doc, next);
                doc.source
                    .get(after..before)
                    .unwrap_or("")
                    .lines()
                    .all(|l| l.trim_start().starts_with('>'))
            };
            if !(paragraph && next_depth == depth && same_quote) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    b.span.clone(),
                    format!("{kind} text introduces a section"),
                )
                .with_help("make it a heading (`###`), or part of the paragraph it introduces"),
            );
        }
        out
    }
}

/// How many block quotes hold what starts at `start`: the `>` before it on its line.
fn quote_depth(doc: &Document, start: usize) -> usize {
    doc.source[line_start(doc, start)..start]
        .matches('>')
        .count()
}

fn line_start(doc: &Document, offset: usize) -> usize {
    doc.source[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn bold_or_italic_alone_before_a_paragraph() {
        let md = "# T\n\n**Contributing:**\n\nSee the guide.\n\n_Libraries for GUIs._\n\n_Toolkits_\n- [A](https://a.org) - A.\n\n**Bold** and text.\n\nMore.\n";
        assert_eq!(lines(&EmphasisAsHeading, md), [3, 7]);
    }

    #[test]
    fn within_a_block_quote() {
        let md = "# T\n\n> _In a quote_\n>\n> Text.\n";
        assert_eq!(lines(&EmphasisAsHeading, md), [3]);
        let two_lines = "# T\n\n> **Bold** start\n> and more.\n>\n> Text.\n";
        assert!(lines(&EmphasisAsHeading, two_lines).is_empty());
    }

    #[test]
    fn a_link_led_paragraph_is_a_paragraph_too() {
        let md = "# T\n\n*Note*\n\n[A](https://a.org) is good.\n\n*Last*\n";
        assert_eq!(lines(&EmphasisAsHeading, md), [3]);
    }

    #[test]
    fn a_heading_list_or_comment_after_it_is_fine() {
        let md = "# T\n\n**One**\n\n## Two\n\n**Three**\n\n<!-- x -->\n\nText.\n\n- **Item**\n\n  Para in item.\n\n_Quoted:_\n\n> **[A](https://a.org)** - A.\n\n> _Alone_\n\n> Another quote.\n";
        assert_eq!(lines(&EmphasisAsHeading, md), Vec::<usize>::new());
    }
}
