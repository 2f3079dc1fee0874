use super::words::is_meta_section;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use std::ops::Range;

use super::edits::{whole_lines, with_following_blank_lines};
use crate::document::toc::{local_fragment, percent_decode};
use crate::document::{BlockKind, Document};

/// A category heading with nothing listed under it.
pub struct EmptyCategory;

impl EmptyCategory {
    /// Per heading: whether its own body (before any subsection) carries prose, code or
    /// HTML. Such a section is a text section (an introduction, a how-to), not an empty
    /// category.
    fn own_text(doc: &Document) -> Vec<bool> {
        let mut has = vec![false; doc.headings.len()];
        for b in &doc.blocks {
            let Some(h) = b.section else { continue };
            if has[h] {
                continue;
            }
            has[h] = match b.kind {
                BlockKind::Prose => {
                    let mut text = doc.text(&b.span).to_string();
                    for url in doc
                        .bare_urls
                        .iter()
                        .filter(|u| b.span.start <= u.span.start && u.span.end <= b.span.end)
                    {
                        text = text.replace(&url.url, "");
                    }
                    text.chars().any(char::is_alphanumeric)
                }
                BlockKind::CodeBlock | BlockKind::Html | BlockKind::Table | BlockKind::List => true,
                BlockKind::ThematicBreak => false,
            };
        }
        has
    }
}

impl EmptyCategory {
    /// Deleting the heading's line (and the blank lines after it), and its table-of-contents
    /// entry when that is one line with nothing nested. Unsafe: a maintainer may have meant
    /// to fill the category.
    fn removal(doc: &Document, heading: usize) -> Vec<(Range<usize>, String)> {
        let h = &doc.headings[heading];
        let Some(lines) = whole_lines(doc, &h.span) else {
            return Vec::new();
        };
        let mut edits = vec![(with_following_blank_lines(doc, lines), String::new())];
        let toc_entry = doc.toc.iter().flat_map(|t| &t.entries).find(|&&e| {
            doc.entries[e].links.first().is_some_and(|&l| {
                local_fragment(&doc.links[l].url)
                    .is_some_and(|f| percent_decode(f).eq_ignore_ascii_case(&h.slug))
            })
        });
        if let Some(&e) = toc_entry
            && doc.entries_within(&doc.entries[e].span).len() == 1
            && let Some(lines) = whole_lines(doc, &doc.entries[e].span)
        {
            edits.push((lines, String::new()));
        }
        edits
    }
}

impl Rule for EmptyCategory {
    fn id(&self) -> &'static str {
        "empty-category"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A heading whose section lists no entry, directly or in any subsection."
    }
    fn explanation(&self) -> &'static str {
        "A category that lists nothing sends readers to an empty page section and usually \
         means entries were lost, or a placeholder heading was never filled. An entry is a \
         list item, a table row or a paragraph that starts with a link; a thematic break or a \
         lone bare URL is not one. Level-1 headings (the title), conventional sections such \
         as Contents, Contributing or License, and sections that hold prose, code or HTML of \
         their own are not categories and are never reported."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut own_text: Option<Vec<bool>> = None;
        for (i, h) in doc.headings.iter().enumerate() {
            if h.level == 1 || is_meta_section(&h.text) || doc.section_has_entries(i) {
                continue;
            }
            let own_text = own_text.get_or_insert_with(|| Self::own_text(doc));
            // Prose anywhere in the section (including subsections) makes it a text section.
            let subtree_has_text = (i..doc.headings.len())
                .take_while(|&j| j == i || doc.headings[j].span.start < h.section_span.end)
                .any(|j| own_text[j]);
            if subtree_has_text {
                continue;
            }
            let what = if h.children.is_empty() {
                "section lists"
            } else {
                "section and its subsections list"
            };
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    h.text_span.clone(),
                    format!("category `{}` is empty: its {what} no entry", h.text),
                )
                .with_help("add the entries that belong here, or remove the heading (and its table-of-contents link)")
                .with_unsafe_edits(Self::removal(doc, i)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn fires_on_empty_sections_and_empty_parents() {
        let md = "# T\n\n## A\n\n- [x](https://x.y)\n\n## B\n\n***\n\n## C\n\n### C1\n\n## D\n\nhttps://example.com/page\n";
        assert_eq!(lines(&EmptyCategory, md), [7, 11, 13, 15]);
    }

    #[test]
    fn entries_in_subsections_tables_and_paragraphs_count() {
        let md = "# T\n## A\n### A1\n- x\n## B\n| a | b |\n|---|---|\n| [x](https://x.y) | 1 |\n## C\n[x](https://x.y) - desc\n";
        assert!(lines(&EmptyCategory, md).is_empty());
    }

    #[test]
    fn silent_on_title_meta_and_text_sections() {
        let md = "# Awesome\n\n## Contributing\n\n## License\n\n## Install\n\nRun `x` to install.\n\n## Usage\n\n```sh\nx\n```\n";
        assert!(lines(&EmptyCategory, md).is_empty());
    }
}
