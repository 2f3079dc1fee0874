use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::toc::{local_fragment, percent_decode};
use crate::rules::{Preset, Rule, RuleOptions};

/// The `## Contents` section: first, in order, exact, two levels at most.
pub struct Contents;

impl Rule for Contents {
    fn id(&self) -> &'static str {
        "awesome-contents"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A `## Contents` section that is not first, lists headings out of order or under other \
         text, or nests deeper than two levels."
    }
    fn explanation(&self) -> &'static str {
        "The awesome guidelines' table of contents is optional; when a `## Contents` section \
         exists it is the first section, its items link to the sections below it in the order \
         they stand, each with the heading's exact text, and it is at most two levels deep. \
         Anchors that reach no heading are `broken-anchor`'s, sections left out \
         `toc-incomplete`'s (both in the default preset)."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let Some(c) = doc
            .headings
            .iter()
            .position(|h| h.level == 2 && h.text.trim() == "Contents")
        else {
            return out;
        };
        let contents = &doc.headings[c];
        if doc.headings[..c].iter().any(|h| h.level == 2) {
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    contents.span.clone(),
                    "the Contents section must be the first section",
                )
                .with_help("move `## Contents` above every other `##` section"),
            );
        }
        let section = &contents.section_span;
        let Some(list) = doc
            .lists
            .iter()
            .find(|l| l.start >= contents.span.end && l.start < section.end)
        else {
            return out;
        };
        let items = doc.entries_within(list);
        let Some(top) = items.clone().next().map(|e| doc.entries[e].depth) else {
            return out;
        };
        let mut last: Option<usize> = None;
        let mut too_deep = false;
        for e in items {
            let entry = &doc.entries[e];
            let level = entry.depth - top.min(entry.depth);
            if level >= 2 {
                if std::mem::replace(&mut too_deep, true) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        entry.content.clone(),
                        "the contents list is more than two levels deep",
                    )
                    .with_help("list only sections and their subsections"),
                );
                continue;
            }
            let Some((link, target)) = doc.links_of(entry).iter().find_map(|&l| {
                let fragment = local_fragment(doc.url_of(&doc.links[l]))?;
                Some((l, doc.heading_by_slug(&percent_decode(fragment))?))
            }) else {
                continue;
            };
            let link = &doc.links[link];
            let heading = &doc.headings[target];
            if target <= c {
                out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        link.span.clone(),
                        format!("`{}` is above the Contents section", link.text.trim()),
                    )
                    .with_help("list only the sections below Contents"),
                );
                continue;
            }
            if link.text.trim() != heading.text.trim() {
                let mut d = Diagnostic::new(
                    self.id(),
                    self.severity(),
                    link.span.clone(),
                    format!(
                        "`{}` does not match its heading `{}`",
                        link.text.trim(),
                        heading.text.trim()
                    ),
                )
                .with_help("use the heading's text exactly");
                if let Some((span, text)) = text_fix(doc, link, heading) {
                    d = d.with_edit(span, text);
                }
                out.push(d);
            }
            if level == 0 {
                if last.is_some_and(|l| target < l) {
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            link.span.clone(),
                            format!("`{}` is out of order", link.text.trim()),
                        )
                        .with_help("list the sections in the order they stand"),
                    );
                }
                last = Some(target);
            }
        }
        out
    }
}

/// The link text's range in `[text](#anchor)` and the heading's own source to put there, when
/// the heading's source is plain enough to be a link text (no link, image or HTML in it).
fn text_fix(
    doc: &Document,
    link: &crate::document::Link,
    heading: &crate::document::Heading,
) -> Option<(std::ops::Range<usize>, String)> {
    let source = doc.text(&link.span);
    let close = source.rfind("](")?;
    if !source.starts_with('[') || !source.ends_with(')') {
        return None;
    }
    let text = doc.text(&heading.text_span).trim();
    if text.is_empty() || text.contains(['[', ']', '<', '\n', '\\']) {
        return None;
    }
    Some((
        link.span.start + 1..link.span.start + close,
        text.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    #[test]
    fn good_contents() {
        let md =
            "# T\n\n## Contents\n\n- [A](#a)\n  - [A1](#a1)\n- [B](#b)\n\n## A\n\n### A1\n\n## B\n";
        assert!(messages(&Contents, md).is_empty());
        assert!(messages(&Contents, "# T\n\n## A\n").is_empty());
    }

    #[test]
    fn bad_contents() {
        let md = "# T\n\n## Intro\n\n## Contents\n\n- [B](#b)\n- [a](#a)\n  - [A1](#a1)\n    - [Deep](#deep)\n\n## A\n\n### A1\n\n#### Deep\n\n## B\n";
        assert_eq!(
            messages(&Contents, md),
            [
                "the Contents section must be the first section",
                "`a` does not match its heading `A`",
                "`a` is out of order",
                "the contents list is more than two levels deep",
            ]
        );
    }

    #[test]
    fn text_fix_uses_the_heading_source() {
        let md = "# T\n\n## Contents\n\n- [tools](#tools)\n- [Code](#code-tools)\n\n## Tools\n\n## `Code` Tools\n";
        let doc = Document::parse(md);
        let found = Contents.check(&doc, &RuleOptions::default());
        let edits: Vec<(&str, &str)> = found
            .iter()
            .map(|d| {
                let e = &d.fix.as_ref().expect("a fix").edits[0];
                (&md[e.span.clone()], e.replacement.as_ref())
            })
            .collect();
        assert_eq!(edits, [("tools", "Tools"), ("Code", "`Code` Tools")]);
    }
}
