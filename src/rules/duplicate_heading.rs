use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// Two sibling headings with the same text: GitHub gives the second a `-1` anchor,
/// so links meant for it silently land on the first.
pub struct DuplicateHeading;

impl Rule for DuplicateHeading {
    fn id(&self) -> &'static str {
        "duplicate-heading"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "Two headings with the same text under the same parent section."
    }
    fn explanation(&self) -> &'static str {
        "Two headings under the same parent that read the same (ignoring case and punctuation, \
         as GitHub's anchors do) are almost always a copy-paste slip: one of them is usually \
         empty, and GitHub gives the second one the anchor `-1`, so table-of-contents links meant \
         for it land on the first. The later heading is reported, with a label on the first. \
         Headings with the same text under different parents (a `Papers` section in each \
         category) are fine, and so are sub-topics repeated at the wrong level, which \
         `heading-level` reports once."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        // The first heading of each (parent, level, slug), on the slugs the model keeps.
        let mut seen: FxHashMap<(Option<usize>, u8, &str), usize> = FxHashMap::default();
        let mut out = Vec::new();
        // Sub-topics at the wrong level repeat by design: `heading-level` reports them once.
        let misleveled = super::heading_level::misleveled_headings(doc);
        for (i, h) in doc.headings.iter().enumerate() {
            if misleveled.contains(&i) {
                continue;
            }
            let slug = doc.text_slug_of(h);
            if slug.bytes().all(|b| b == b'-') {
                continue;
            }
            match seen.entry((h.parent, h.level, slug)) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    let f = &doc.headings[first];
                    let line = doc.position(f.span.start).line;
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            h.text_span.clone(),
                            format!("heading `{}` repeats the heading on line {line}", h.text),
                        )
                        .with_help(format!(
                            "merge the two sections or rename one; GitHub gives this one the anchor `#{}`, so links to `#{}` reach only the first",
                            doc.slug_of(h), doc.slug_of(f)
                        ))
                        .with_label(f.text_span.clone(), "first heading with this text"),
                    );
                }
                Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn fires_on_siblings_with_same_text() {
        let md = "# T\n## A\n### X\n### Y\n### x\n## B\n";
        assert_eq!(lines(&DuplicateHeading, md), [5]);
    }

    #[test]
    fn silent_under_different_parents() {
        let md = "# T\n## A\n### Papers\n## B\n### Papers\n";
        assert!(lines(&DuplicateHeading, md).is_empty());
    }

    #[test]
    fn silent_on_different_levels_and_texts() {
        let md = "# T\n## A\n### A\n## B\n";
        assert!(lines(&DuplicateHeading, md).is_empty());
    }
}
