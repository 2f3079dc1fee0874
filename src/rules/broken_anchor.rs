use super::words::naming_score;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::toc::{local_fragment, percent_decode};
use crate::document::{Document, LinkKind};

/// An in-document link whose fragment names no heading or HTML anchor.
pub struct BrokenAnchor;

/// The heading a broken fragment most likely meant.
pub(crate) fn closest_heading(doc: &Document, fragment: &str) -> Option<usize> {
    let words = fragment.replace(['-', '_'], " ");
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                i,
                naming_score(&words, &h.text) + naming_score(&h.text, &words),
            )
        })
        .filter(|&(_, s)| s >= 1.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

impl Rule for BrokenAnchor {
    fn id(&self) -> &'static str {
        "broken-anchor"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "An in-document link (`#x`, `./#x`, `README.md#x`) that reaches no heading or HTML anchor."
    }
    fn explanation(&self) -> &'static str {
        "Links to `#fragment` are resolved the way GitHub resolves them: against heading \
         anchors computed with GitHub's slug algorithm (lowercase, punctuation dropped, spaces \
         to `-`, repeats suffixed `-1`, `-2`…), explicit `id`/`name` anchors in HTML, `#top` \
         and line links such as `#L10`. A link that reaches none of them does nothing when \
         clicked. The help suggests the heading it most likely meant."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for link in &doc.links {
            if matches!(link.kind, LinkKind::Image | LinkKind::Definition) {
                continue;
            }
            let Some(raw) = local_fragment(&link.url) else {
                continue;
            };
            if raw.is_empty() {
                continue;
            }
            let fragment = percent_decode(raw);
            if doc.has_anchor(&fragment) {
                continue;
            }
            let help = match closest_heading(doc, &fragment) {
                Some(h) => format!(
                    "did you mean `#{}` (heading `{}` on line {})?",
                    doc.headings[h].slug,
                    doc.headings[h].text,
                    doc.position(doc.headings[h].span.start).line
                ),
                None => "point the link at an existing heading's anchor, or add the section it refers to".to_string(),
            };
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    link.span.clone(),
                    format!("link to `#{fragment}` reaches no heading or anchor in this file"),
                )
                .with_help(help),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn resolves_github_slugs_and_html_anchors() {
        let md = "# T\n- [a](#courses--videos)\n- [b](#c-tools)\n- [c](#legacy)\n- [d](./#top)\n- [e](README.md#courses--videos)\n- [f](#L10-L20)\n- [g](#caf%C3%A9)\n## Courses & Videos\n## C++ Tools\n## Café\n<a name=\"legacy\"></a>\n";
        assert!(lines(&BrokenAnchor, md).is_empty());
    }

    #[test]
    fn fires_on_missing_targets_and_suggests() {
        let md = "# T\n- [a](#courses-videos)\n- [b](#nothing-here)\n## Courses & Videos\n";
        assert_eq!(lines(&BrokenAnchor, md), [2, 3]);
        let doc = Document::parse(md);
        let d = BrokenAnchor.check(&doc, &RuleOptions::default());
        assert!(d[0].help.contains("#courses--videos"), "{}", d[0].help);
        assert!(messages(&BrokenAnchor, md)[1].contains("#nothing-here"));
    }

    #[test]
    fn duplicate_heading_anchor_gets_suffix() {
        let md = "# T\n- [a](#x-1)\n- [b](#x-2)\n## X\n## X\n";
        assert_eq!(lines(&BrokenAnchor, md), [3]);
    }
}
