use rustc_hash::{FxHashMap, FxHashSet};

use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// A sub-topic heading written at the level of the topics it belongs under.
pub struct HeadingLevel;

/// A heading text repeated this many times among the siblings of one parent, each time
/// right after another sibling, is a sub-topic at the wrong level; two could be a slip
/// that `duplicate-heading` reports.
const MIN_REPEATS: usize = 3;

/// One root cause: the headings (in order) that repeat one text among the siblings of one
/// parent, each right after a different sibling it belongs under.
pub struct Misleveled {
    pub headings: Vec<usize>,
    /// For each heading, the sibling right before it: the section it reads as part of.
    pub owners: Vec<usize>,
}

/// Every group of misleveled headings. Linear in the headings: siblings are visited once.
pub fn misleveled(doc: &Document) -> Vec<Misleveled> {
    let mut out = Vec::new();
    // A group repeats a text; a repeated text's anchor is suffixed (`-1`), so with every
    // anchor its text's own, no text repeats: most lists, and then nothing to count.
    if doc
        .headings
        .iter()
        .all(|h| doc.text_slug_of(h) == doc.slug_of(h))
    {
        return out;
    }
    let roots: Vec<usize> = (0..doc.headings.len())
        .filter(|&i| doc.headings[i].parent.is_none())
        .collect();
    for children in std::iter::once(&roots).chain(doc.headings.iter().map(|h| &h.children)) {
        if children.len() < 2 * MIN_REPEATS {
            continue;
        }
        // Counted by (level, slug) on the slugs the model keeps, then only the keys seen
        // often enough are grouped: most headings are unique.
        let key = |n: usize| {
            let h = &doc.headings[children[n]];
            (n > 0 && doc.text_slug_of(h).bytes().any(|b| b != b'-'))
                .then(|| (h.level, doc.text_slug_of(h)))
        };
        let mut counts: FxHashMap<(u8, &str), usize> = FxHashMap::default();
        for k in (0..children.len()).filter_map(key) {
            *counts.entry(k).or_default() += 1;
        }
        let mut groups: FxHashMap<(u8, &str), Vec<usize>> = FxHashMap::default();
        for n in 0..children.len() {
            if let Some(k) = key(n).filter(|k| counts[k] >= MIN_REPEATS) {
                groups.entry(k).or_default().push(n);
            }
        }
        let mut found: Vec<Misleveled> = groups
            .into_values()
            .filter(|positions| positions.len() >= MIN_REPEATS)
            .filter_map(|positions| {
                let level = doc.headings[children[positions[0]]].level;
                let owners: Vec<usize> = positions.iter().map(|&n| children[n - 1]).collect();
                // Each one right after a sibling of its level with another text, never
                // two in a row: every occurrence belongs under the section before it.
                let text = doc.text_slug_of(&doc.headings[children[positions[0]]]);
                let distinct = owners.iter().all(|&o| {
                    doc.headings[o].level == level && doc.text_slug_of(&doc.headings[o]) != text
                });
                distinct.then(|| Misleveled {
                    headings: positions.iter().map(|&n| children[n]).collect(),
                    owners,
                })
            })
            .collect();
        found.sort_by_key(|m| m.headings[0]);
        out.extend(found);
    }
    out
}

/// The headings of every group, for the rules that stay quiet about them.
pub fn misleveled_headings(doc: &Document) -> FxHashSet<usize> {
    misleveled(doc)
        .into_iter()
        .flat_map(|m| m.headings)
        .collect()
}

impl Rule for HeadingLevel {
    fn id(&self) -> &'static str {
        "heading-level"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A sub-topic heading repeated at the level of the topics it belongs under."
    }
    fn explanation(&self) -> &'static str {
        "`### Python in Practice` followed by `### Tools`, then `### Go in Practice` and \
         `### Tools` again: each `Tools` is a sub-topic written at its topic's level, so it \
         reads as a sibling. One wrong level then shows up as many findings: the repeated \
         headings look like duplicates, and a table of contents that nests them looks \
         incomplete. When one text repeats three or more times among the siblings of one \
         parent, each time right after another sibling, it is reported once here, with a \
         label on every occurrence, and `duplicate-heading` and `toc-incomplete` stay quiet \
         about those headings."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        misleveled(doc)
            .into_iter()
            .map(|m| {
                let first = &doc.headings[m.headings[0]];
                let owner = &doc.headings[m.owners[0]];
                let line = doc.position(first.span.start).line;
                let hashes = "#".repeat(usize::from(first.level) + 1);
                let mut d = Diagnostic::new(
                    self.id(),
                    self.severity(),
                    first.text_span.clone(),
                    format!(
                        "`{}` on line {line} reads as a subsection of `{}` but has its level; so do the {} other `{}` headings after it",
                        first.text,
                        owner.text,
                        m.headings.len() - 1,
                        first.text
                    ),
                )
                .with_help(format!(
                    "write each `{}` one level deeper (`{hashes} {}`), under the section it belongs to",
                    first.text, first.text
                ));
                for (&h, &o) in m.headings.iter().zip(&m.owners).skip(1) {
                    d = d.with_label(
                        doc.headings[h].text_span.clone(),
                        format!("under `{}`", doc.headings[o].text),
                    );
                }
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    const MD: &str = "# T\n## Languages\n### Python\n- [a](https://a.b)\n### Tools\n- [b](https://b.c)\n### Go\n- [c](https://c.d)\n### Tools\n- [d](https://d.e)\n### Rust\n- [e](https://e.f)\n### Tools\n- [f](https://f.g)\n";

    #[test]
    fn one_finding_for_the_root_cause() {
        assert_eq!(lines(&HeadingLevel, MD), [5]);
        assert_eq!(
            messages(&HeadingLevel, MD)[0],
            "`Tools` on line 5 reads as a subsection of `Python` but has its level; so do the 2 other `Tools` headings after it"
        );
    }

    #[test]
    fn the_findings_it_causes_stay_quiet() {
        use crate::rules::duplicate_heading::DuplicateHeading;
        use crate::rules::toc_incomplete::TocIncomplete;
        let toc = "# T\n## Contents\n- [Languages](#languages)\n  - [Python](#python)\n  - [Go](#go)\n  - [Rust](#rust)\n";
        let md = format!("{toc}{}", &MD[4..]);
        assert!(lines(&DuplicateHeading, &md).is_empty());
        assert!(lines(&TocIncomplete, &md).is_empty());
        assert_eq!(lines(&HeadingLevel, &md), [10]);
        // Without the third repeat there is no such cause: the duplicate is reported.
        let two = md.replace("### Rust\n- [e](https://e.f)\n### Tools\n", "### Rust\n");
        assert_eq!(lines(&DuplicateHeading, &two), [14]);
    }

    #[test]
    fn silent_on_two_repeats_and_on_subsections_at_their_level() {
        let two = MD.replace("### Rust\n- [e](https://e.f)\n### Tools\n", "### Rust\n");
        assert!(lines(&HeadingLevel, &two).is_empty());
        let right = MD.replace("### Tools", "#### Tools");
        assert!(lines(&HeadingLevel, &right).is_empty());
        // Repeats in a row are a different slip.
        let row = "# T\n## A\n### X\n### X\n### X\n### Y\n### Z\n### W\n";
        assert!(lines(&HeadingLevel, row).is_empty());
    }
}
