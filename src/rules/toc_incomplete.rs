use std::collections::HashSet;

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
         sub-topics repeated at the wrong level are left to `heading-level`."
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(toc) = &doc.toc else {
            return Vec::new();
        };
        let listed: HashSet<usize> = toc
            .entries
            .iter()
            .flat_map(|&e| doc.entries[e].links.iter())
            .filter_map(|&l| local_fragment(&doc.links[l].url))
            .filter_map(|f| doc.heading_by_slug(&percent_decode(f)))
            .collect();
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
            for (_, h) in candidates(level).filter(|(i, _)| !listed.contains(i)) {
                out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        h.text_span.clone(),
                        format!(
                            "section `{}` has no entry in the table of contents, which lists {covered} of {total} level-{level} sections",
                            h.text
                        ),
                    )
                    .with_help(format!("add `- [{}](#{})` to the table of contents", h.text, h.slug))
                    .with_label(toc_start.clone(), "the table of contents starts here"),
                );
            }
        }
        out
    }
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
