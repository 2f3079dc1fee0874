use super::words::{HeadingMatcher, Score};
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::slug::slugify;
use crate::document::toc::{local_fragment, percent_decode};
use crate::document::{Document, LinkKind, TitleWords};

/// An in-document link whose fragment names no heading or HTML anchor.
pub struct BrokenAnchor;

/// The heading a broken fragment most likely meant: the best `naming_score` both ways,
/// the last in the document of equals.
pub(crate) fn closest_heading(matcher: &mut HeadingMatcher, fragment: &str) -> Option<usize> {
    // `-` and `_` split words as spaces do (words are runs of letters and digits).
    let words = TitleWords::new(fragment);
    matcher.best(&words, Score::Both, 1.0, |_| true)
}

/// Whether `text` is the name of the heading whose anchor is `slug`: the two slug alike (the
/// first heading of that name; a repeated one's `-1` anchor is never guessed).
fn names_exactly(text: &str, slug: &str) -> bool {
    let own = slugify(text);
    !own.is_empty() && own == slug
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
         clicked. The help suggests the heading it most likely meant; when the link's text is \
         that heading's name, `--fix` points the link at its anchor."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut matcher = None;
        for link in &doc.links {
            if matches!(link.kind, LinkKind::Image | LinkKind::Definition) {
                continue;
            }
            let Some(raw) = local_fragment(doc.url_of(link)) else {
                continue;
            };
            if raw.is_empty() {
                continue;
            }
            let fragment = percent_decode(raw);
            if doc.has_anchor(&fragment) {
                continue;
            }
            let matcher = matcher.get_or_insert_with(|| HeadingMatcher::new(doc));
            let closest = closest_heading(matcher, &fragment);
            let help = match closest {
                Some(h) => format!(
                    "did you mean `#{}` (heading `{}` on line {})?",
                    doc.slug_of(&doc.headings[h]),
                    doc.headings[h].text,
                    doc.position(doc.headings[h].span.start).line
                ),
                None => "point the link at an existing heading's anchor, or add the section it refers to".to_string(),
            };
            let mut d = Diagnostic::new(
                self.id(),
                self.severity(),
                link.span.clone(),
                format!("link to `#{fragment}` reaches no heading or anchor in this file"),
            )
            .with_help(help);
            if let Some(h) =
                closest.filter(|&h| names_exactly(&link.text, doc.slug_of(&doc.headings[h])))
                && let Some(at) = doc.text(&link.span).rfind(&format!("#{raw}"))
            {
                // The link's own text is the heading's name: only the anchor is stale.
                let start = link.span.start + at + 1;
                d = d.with_edit(
                    start..start + raw.len(),
                    doc.slug_of(&doc.headings[h]).to_string(),
                );
            }
            out.push(d);
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
    fn fixes_the_anchor_only_when_the_text_names_the_heading() {
        let md = "# T\n- [Courses & Videos](#courses-videos)\n- [a](#courses-videos)\n- [C++ Tools](#cpp-tools)\n## Courses & Videos\n## C++ Tools\n";
        let doc = Document::parse(md);
        let found = BrokenAnchor.check(&doc, &RuleOptions::default());
        assert_eq!(found.len(), 3);
        let fix = found[0].fix.as_ref().expect("the text names the heading");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Safe);
        assert_eq!(&md[fix.edits[0].span.clone()], "courses-videos");
        assert_eq!(fix.edits[0].replacement, "courses--videos");
        // Another text: the help guesses, the fix does not.
        assert!(found[1].fix.is_none());
        assert!(
            found[1].help.contains("#courses--videos"),
            "{}",
            found[1].help
        );
        assert_eq!(
            found[2].fix.as_ref().unwrap().edits[0].replacement,
            "c-tools"
        );
    }

    #[test]
    fn a_letter_or_two_does_not_guess_a_heading_it_begins() {
        let md = "# T\n- [a](#c)\n- [b](#comp)\n## Compilers\n";
        let doc = Document::parse(md);
        let found = BrokenAnchor.check(&doc, &RuleOptions::default());
        assert_eq!(found.len(), 2);
        assert!(!found[0].help.contains("#compilers"), "{}", found[0].help);
        assert!(found[1].help.contains("#compilers"), "{}", found[1].help);
    }

    #[test]
    fn duplicate_heading_anchor_gets_suffix() {
        let md = "# T\n- [a](#x-1)\n- [b](#x-2)\n## X\n## X\n";
        assert_eq!(lines(&BrokenAnchor, md), [3]);
    }
}
