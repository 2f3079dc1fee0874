use rustc_hash::{FxHashMap, FxHashSet};

use super::words::is_meta_section;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::toc::{local_fragment, percent_decode};

/// A top-level section the table of contents leaves out.
pub struct TocIncomplete;

impl Rule for TocIncomplete {
    fn id(&self) -> &'static str {
        "toc-incomplete"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A top-level section with no entry in the table of contents."
    }
    fn explanation(&self) -> &'static str {
        "The table of contents is found as the first list near the top whose entries are \
         mostly in-document links, whatever its heading (`Contents`, `Table of Contents`, \
         `**What's in here:**`). For each heading level the TOC evidently indexes (it lists at \
         least half of the sections of that level below it), a section of that level without \
         an entry is reported: readers who navigate by the TOC never find it. Conventional \
         sections (Contributing, License, Footnotes, Related Lists…) may be left out, and \
         sub-topics repeated at the wrong level are left to `heading-level`. `--fix` inserts \
         the entry beside its listed sibling sections, once every anchor of the table of \
         contents reaches a heading of its own."
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(toc) = &doc.toc else {
            return Vec::new();
        };
        // Each listed heading and the first TOC entry that lists it.
        let mut entry_of: FxHashMap<usize, usize> = FxHashMap::default();
        // A TOC entry whose anchor reaches nothing, or the heading another entry lists, is
        // probably the missing section's own entry with a stale anchor: inserting another
        // would list the section twice once `broken-anchor` or `toc-mismatch` repoints it.
        // Insertions wait until the TOC's anchors are sound (a later `--fix` pass).
        let mut sound = true;
        for &e in &toc.entries {
            for &l in doc.links_of(&doc.entries[e]) {
                let Some(fragment) = local_fragment(doc.url_of(&doc.links[l])) else {
                    continue;
                };
                match doc.heading_by_slug(&percent_decode(fragment)) {
                    Some(h) => sound &= entry_of.insert(h, e).is_none(),
                    None => sound &= doc.has_anchor(&percent_decode(fragment)),
                }
            }
        }
        let listed: FxHashSet<usize> = entry_of.keys().copied().collect();
        // Sections after the TOC that are not conventional ones (Contributing, License…),
        // nor sub-topics at the wrong level (`heading-level` reports those once).
        let misleveled = super::heading_level::misleveled_headings(doc);
        let indexable: Vec<bool> = doc
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| {
                h.span.start >= toc.span.end
                    && !is_meta_section(&h.text)
                    && !options.ignores(doc, Some(i))
                    && !misleveled.contains(&i)
            })
            .collect();
        let indexable = &indexable;
        let candidates = |level: u8| {
            doc.headings
                .iter()
                .enumerate()
                .filter(move |&(i, h)| h.level == level && indexable[i])
        };
        let toc_start = toc
            .entries
            .first()
            .map_or(toc.span.start..toc.span.start, |&e| {
                doc.entries[e].content.clone()
            });
        let mut out = Vec::new();
        // A level counts as indexed when the TOC lists at least half of its sections.
        for level in 1..=6u8 {
            let total = candidates(level).count();
            let covered = candidates(level)
                .filter(|(i, _)| listed.contains(i))
                .count();
            if covered < 2 || covered * 2 < total {
                continue;
            }
            for (i, h) in candidates(level).filter(|(i, _)| !listed.contains(i)) {
                let mut d = Diagnostic::new(
                        self.id(),
                        self.severity(),
                        h.text_span.clone(),
                        format!(
                            "section `{}` has no entry in the table of contents, which lists {covered} of {total} level-{level} sections",
                            h.text
                        ),
                    )
                    .with_help(format!("add `- [{}](#{})` to the table of contents", h.text, doc.slug_of(h)))
                    .with_label(toc_start.clone(), "the table of contents starts here");
                if let Some((at, line)) = insertion(doc, &entry_of, i).filter(|_| sound) {
                    d = d.with_edit(at..at, line);
                }
                out.push(d);
            }
        }
        out
    }
}

/// Where the TOC entry of `heading` goes and its line: before the entry of the next listed
/// sibling section (same parent, same level), or after the whole entry (nested entries
/// included) of the previous one, written like that sibling's line (indent, marker, line
/// break). `None` when no sibling is listed, the sibling's line holds more than its entry (a
/// quote marker), or the heading's text would need escaping in a link text.
fn insertion(
    doc: &Document,
    entry_of: &FxHashMap<usize, usize>,
    heading: usize,
) -> Option<(usize, String)> {
    let h = &doc.headings[heading];
    if h.text.contains(['[', ']', '\\', '\n']) || h.text.trim().is_empty() {
        return None;
    }
    let sibling = |i: &usize| {
        let s = &doc.headings[*i];
        s.level == h.level && s.parent == h.parent
    };
    let next = (heading + 1..doc.headings.len())
        .filter(sibling)
        .find_map(|i| entry_of.get(&i));
    let previous = (0..heading)
        .rev()
        .filter(sibling)
        .find_map(|i| entry_of.get(&i));
    let source = doc.source.as_str();
    let (entry, before) = match (next, previous) {
        (Some(&e), _) => (e, true),
        (None, Some(&e)) => (e, false),
        (None, None) => return None,
    };
    let entry = &doc.entries[entry];
    let line_start = source[..entry.span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..entry.span.start];
    let marker = source[entry.span.start..entry.content.start].trim_end();
    if !indent.chars().all(|c| c == ' ' || c == '\t') || !matches!(marker, "-" | "*" | "+") {
        return None;
    }
    let line_end = |at: usize| source[at..].find('\n').map_or(source.len(), |i| at + i + 1);
    let own_line_end = line_end(entry.content.start);
    let newline = if source[..own_line_end].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let line = format!(
        "{indent}{marker} [{}](#{}){newline}",
        h.text.trim(),
        doc.slug_of(h)
    );
    if before {
        return Some((line_start, line));
    }
    // After the sibling's entry and its nested entries; its span may run over blank lines.
    let end = entry.span.start + source[entry.span.clone()].trim_end().len();
    let at = line_end(end);
    if at == source.len() && !source.ends_with('\n') {
        return Some((at, format!("{newline}{}", line.trim_end())));
    }
    Some((at, line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, lines_with, messages_with};

    #[test]
    fn fires_on_unlisted_top_level_sections() {
        let md = "# T\n\n## Contents\n- [A](#a)\n- [B](#b)\n\n## A\n- x\n### A1\n## B\n## C\n## Contributing\n";
        assert_eq!(lines(&TocIncomplete, md), [11]);
    }

    #[test]
    fn title_entry_on_top_does_not_hide_chapters() {
        let md = "# Awesome\n\n## Contents\n- [Awesome](#awesome)\n  - [A](#a)\n  - [B](#b)\n\n## A\n## B\n## C\n";
        assert_eq!(lines(&TocIncomplete, md), [10]);
    }

    #[test]
    fn levels_the_toc_does_not_index_are_not_judged() {
        let md = "# T\n\n- [A](#a)\n- [B](#b)\n\n## A\n### A1\n### A2\n## B\n";
        assert!(lines(&TocIncomplete, md).is_empty());
    }

    #[test]
    fn ignored_sections_neither_fire_nor_count() {
        let md = "# T\n\n## Contents\n- [A](#a)\n- [B](#b)\n\n## A\n## B\n## Tools\n## Books\n## Extra\n";
        // Five level-2 sections, two listed: below half, so the level is not indexed.
        assert!(lines(&TocIncomplete, md).is_empty());
        let options = RuleOptions {
            ignore_sections: vec!["tools".into(), "Books".into()],
            ..RuleOptions::default()
        };
        assert_eq!(lines_with(&TocIncomplete, md, &options), [11]);
        // With two ignored, two of three are listed and the third is reported.
        assert!(messages_with(&TocIncomplete, md, &options)[0].contains("lists 2 of 3"));
    }

    fn fixed(md: &str) -> String {
        let doc = Document::parse(md);
        let mut edits: Vec<_> = TocIncomplete
            .check(&doc, &RuleOptions::default())
            .into_iter()
            .flat_map(|d| d.fix.expect("a fix").edits)
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = md.to_string();
        for e in edits {
            out.replace_range(e.span, &e.replacement);
        }
        out
    }

    #[test]
    fn fix_inserts_the_entry_beside_its_listed_siblings() {
        // Before the next sibling's entry, in its style.
        let md = "# T\n\n## Contents\n* [A](#a)\n* [C](#c)\n\n## A\n## B & Co\n## C\n";
        assert_eq!(
            fixed(md),
            "# T\n\n## Contents\n* [A](#a)\n* [B & Co](#b--co)\n* [C](#c)\n\n## A\n## B & Co\n## C\n"
        );
        // After the last sibling's entry and its nested ones; CRLF kept.
        let md = "# T\r\n\r\n- [A](#a)\r\n  - [A1](#a1)\r\n- [B](#b)\r\n  - [B1](#b1)\r\n  - [B2](#b2)\r\n\r\n## A\r\n### A1\r\n## B\r\n### B1\r\n### B2\r\n### B3\r\n## C\r\n";
        assert_eq!(
            fixed(md),
            "# T\r\n\r\n- [A](#a)\r\n  - [A1](#a1)\r\n- [B](#b)\r\n  - [B1](#b1)\r\n  - [B2](#b2)\r\n  - [B3](#b3)\r\n- [C](#c)\r\n\r\n## A\r\n### A1\r\n## B\r\n### B1\r\n### B2\r\n### B3\r\n## C\r\n"
        );
    }

    #[test]
    fn no_insertion_while_an_entry_may_be_the_missing_one() {
        // `Tools` is listed under a stale anchor (twice `#books`, or one that reaches nothing):
        // the finding stands, its insertion waits for the anchor's own fix.
        for stale in ["#books", "#tool"] {
            let md = format!(
                "# T\n\n- [Tools]({stale})\n- [Books](#books)\n- [Papers](#papers)\n\n## Tools\n## Books\n## Papers\n"
            );
            let doc = Document::parse(md.as_str());
            let found = TocIncomplete.check(&doc, &RuleOptions::default());
            assert_eq!(found.len(), 1, "{stale}");
            assert!(found[0].fix.is_none(), "{stale}");
        }
    }

    #[test]
    fn silent_without_a_toc() {
        let md = "# T\n## A\n- [x](https://x.y)\n## B\n";
        assert!(lines(&TocIncomplete, md).is_empty());
    }

    #[test]
    fn toc_without_heading_is_found() {
        let md = "# T\n\n**What's in here:**\n* [A](#a)\n\n* [B](#b)\n\n## A\n## C\n## B\n";
        assert_eq!(lines(&TocIncomplete, md), [9]);
    }
}
