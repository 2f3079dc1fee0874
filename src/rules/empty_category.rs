use super::words::is_meta_section;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use rustc_hash::FxHashMap;
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
                    // Bare URLs are in source order: those of the block are one run, found
                    // by binary search, and the text between them is read once.
                    let first = doc
                        .bare_urls
                        .partition_point(|u| u.span.start < b.span.start);
                    let mut at = b.span.start;
                    let mut text = false;
                    for u in doc.bare_urls[first..]
                        .iter()
                        .take_while(|u| u.span.start < b.span.end)
                        .filter(|u| u.span.end <= b.span.end)
                    {
                        text |= has_alphanumeric(doc.text(&(at..u.span.start.max(at))));
                        at = at.max(u.span.end);
                    }
                    text || has_alphanumeric(doc.text(&(at..b.span.end)))
                }
                BlockKind::CodeBlock | BlockKind::Html | BlockKind::Table | BlockKind::List => true,
                BlockKind::ThematicBreak => false,
            };
        }
        has
    }
}

fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// A parent heading's children as `lone_blurb` weighs them.
struct Family {
    /// The children whose sections list entries, in order.
    listing: Vec<usize>,
    /// How many children are not conventional sections (Contributing, License…).
    not_meta: usize,
}

impl Family {
    fn of(doc: &Document, parent: usize) -> Family {
        let children = &doc.headings[parent].children;
        Family {
            listing: children
                .iter()
                .copied()
                .filter(|&s| doc.section_has_entries(s))
                .collect(),
            not_meta: children
                .iter()
                .filter(|&&s| !is_meta_section(&doc.headings[s].text))
                .count(),
        }
    }
}

impl EmptyCategory {
    /// A leaf category whose only content is one line of prose that stands in for entries
    /// (an italic blurb, a "coming soon", a link elsewhere), among sibling categories that
    /// list entries (two or more, a third of the categories at least), one of them before
    /// it (a preface opens the list instead).
    /// Returns what the line is.
    fn lone_blurb(
        doc: &Document,
        heading: usize,
        families: &mut FxHashMap<usize, Family>,
    ) -> Option<&'static str> {
        let h = &doc.headings[heading];
        if !h.children.is_empty() {
            return None;
        }
        let parent = h.parent?;
        // Once per parent, not once per child: a parent with many empty children would
        // otherwise cost the square of their number.
        let family = families
            .entry(parent)
            .or_insert_with(|| Family::of(doc, parent));
        let own = family.listing.binary_search(&heading).is_ok();
        let listing = family.listing.len() - usize::from(own);
        let before = family.listing.partition_point(|&s| s < heading);
        let others = family.not_meta - usize::from(!is_meta_section(&h.text));
        if before == 0 || listing < 2 || listing * 3 < others {
            return None;
        }
        let span = &h.section_span;
        let first = doc.blocks.partition_point(|b| b.span.start < span.start);
        let mut blocks = doc.blocks[first..]
            .iter()
            .take_while(|b| b.span.start < span.end)
            .filter(|b| b.kind != BlockKind::ThematicBreak);
        let (Some(block), None) = (blocks.next(), blocks.next()) else {
            return None;
        };
        let text = doc.text(&block.span).trim();
        if block.kind != BlockKind::Prose || text.contains('\n') {
            return None;
        }
        let lower = text.to_lowercase();
        const PLACEHOLDERS: &[&str] = &[
            "coming soon",
            "soon",
            "tbd",
            "todo",
            "to be added",
            "to be updated",
            "work in progress",
            "wip",
            "under construction",
            "stay tuned",
        ];
        if PLACEHOLDERS.iter().any(|p| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != ' ')
                .any(|part| part.trim() == *p)
        }) {
            Some("a placeholder line")
        } else if text.contains("](") && !text.starts_with("[![") && !text.starts_with("![") {
            Some("a line of prose with a link elsewhere")
        } else if (text.starts_with('*') && text.ends_with('*'))
            || (text.starts_with('_') && text.ends_with('_'))
        {
            Some("an italic line")
        } else {
            None
        }
    }

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
            doc.links_of(&doc.entries[e]).first().is_some_and(|&l| {
                local_fragment(doc.url_of(&doc.links[l]))
                    .is_some_and(|f| percent_decode(f).eq_ignore_ascii_case(doc.slug_of(h)))
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
         their own are not categories and are never reported, with one exception: a leaf \
         category whose only content is one line standing in for entries (an italic blurb, a \
         `Coming soon`, a line with a link elsewhere) is empty when it stands among sibling \
         categories that list entries (two or more, one of them before it)."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut own_text: Option<Vec<bool>> = None;
        let mut families = FxHashMap::default();
        for (i, h) in doc.headings.iter().enumerate() {
            // Entries first: two binary searches, where the name test reads the title.
            if h.level == 1 || doc.section_has_entries(i) || is_meta_section(&h.text) {
                continue;
            }
            let own_text = own_text.get_or_insert_with(|| Self::own_text(doc));
            // Prose anywhere in the section (including subsections) makes it a text section.
            let subtree_has_text = (i..doc.headings.len())
                .take_while(|&j| j == i || doc.headings[j].span.start < h.section_span.end)
                .any(|j| own_text[j]);
            let blurb = subtree_has_text
                .then(|| Self::lone_blurb(doc, i, &mut families))
                .flatten();
            if subtree_has_text && blurb.is_none() {
                continue;
            }
            let what = match blurb {
                Some(kind) => &*format!("section holds only {kind}, and lists"),
                None if h.children.is_empty() => "section lists",
                None => "section and its subsections list",
            };
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    h.text_span.clone(),
                    format!("category `{}` is empty: its {what} no entry", h.text),
                )
                .with_help("add the entries that belong here, or remove the heading (and its table-of-contents link)")
                .with_unsafe_edits(if blurb.is_some() {
                    // Deleting the heading would move its line under the previous one.
                    Vec::new()
                } else {
                    Self::removal(doc, i)
                }),
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
    fn prose_of_bare_urls_alone_is_no_text() {
        // One URL a prefix of the other: removing the first one's text everywhere left `/x`.
        let md = "# T\n\n## A\n\nhttps://a.com https://a.com/x\n\n## B\n\nhttps://b.com, see https://c.com\n";
        assert_eq!(lines(&EmptyCategory, md), [3]);
    }

    #[test]
    fn entries_in_subsections_tables_and_paragraphs_count() {
        let md = "# T\n## A\n### A1\n- x\n## B\n| a | b |\n|---|---|\n| [x](https://x.y) | 1 |\n## C\n[x](https://x.y) - desc\n";
        assert!(lines(&EmptyCategory, md).is_empty());
    }

    #[test]
    fn a_lone_line_among_listing_siblings_is_empty() {
        let md = "# T\n\n## Intro\n\n*A curated list.*\n\n## A\n\n- [a](https://a.b)\n\n## B\n\n*Tools for B.*\n\n## C\n\nComing soon!\n\n## D\n\nSee [the D list](https://d.e) for these.\n\n## E\n\n- [e](https://e.f)\n\n## F\n\nF is a way of working: write the tests first, then the code.\n\n## G\n\n*First paragraph.*\n\nSecond paragraph.\n\n## H\n\n- [h](https://h.i)\n";
        // Intro opens the list (no listing sibling before it); F is a sentence; G is two paragraphs.
        assert_eq!(lines(&EmptyCategory, md), [11, 15, 19]);
        // Among siblings that mostly list nothing, a blurb is how the list is written.
        let md = "# T\n\n## A\n\n- [a](https://a.b)\n\n## B\n\n*Soon.*\n\n## C\n\n*Later.*\n\n## D\n\n*Never.*\n";
        assert!(lines(&EmptyCategory, md).is_empty());
    }

    #[test]
    fn silent_on_title_meta_and_text_sections() {
        let md = "# Awesome\n\n## Contributing\n\n## License\n\n## Install\n\nRun `x` to install.\n\n## Usage\n\n```sh\nx\n```\n";
        assert!(lines(&EmptyCategory, md).is_empty());
    }
}
