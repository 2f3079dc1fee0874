use super::words::{HeadingMatcher, Score, naming_score_words};
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::toc::{local_fragment, percent_decode};
use crate::document::{Document, TitleWords};

/// A table-of-contents entry whose text names a different section than the one it links to.
pub struct TocMismatch;

/// A heading that another TOC text names at least this well is suggested.
const SUGGEST_SCORE: f64 = 0.5;

impl Rule for TocMismatch {
    fn id(&self) -> &'static str {
        "toc-mismatch"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn summary(&self) -> &'static str {
        "A table-of-contents entry whose text names another section than the heading its anchor reaches."
    }
    fn explanation(&self) -> &'static str {
        "`[Courses & Lecture Videos](#books)` takes the reader to Books. Table-of-contents \
         texts are often shorter or looser than their headings (a dropped emoji or suffix, \
         other case, a plural, an abbreviation such as `NLP`), so an entry is reported only \
         when its text shares no word with the heading it reaches and clearly names another \
         heading instead; the help names that heading's anchor. Numbers are content: a text \
         whose numbers differ from those of the heading it reaches (`March 3 - March 9` \
         landing on `February 24 - March 2`, `Release 2.0` on `Release 1.0`) is reported \
         even though the words agree."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(toc) = &doc.toc else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut matcher = None;
        for &e in &toc.entries {
            let Some(&l) = doc.links_of(&doc.entries[e]).first() else {
                continue;
            };
            let link = &doc.links[l];
            let Some(fragment) = local_fragment(doc.url_of(link)) else {
                continue;
            };
            let Some(target) = doc.heading_by_slug(&percent_decode(fragment)) else {
                continue; // broken-anchor reports it
            };
            // Numbers are content: `March 3 - March 9` does not name `February 24 - March 2`.
            let text_numbers = numbers(&link.text);
            let numbers_differ = text_numbers.clone().next().is_some() && {
                let heading_numbers = numbers(&doc.headings[target].text);
                heading_numbers.clone().next().is_some()
                    && !heading_numbers.eq(text_numbers.clone())
            };
            let text = TitleWords::new(&link.text);
            if text.is_empty()
                || (!numbers_differ
                    && naming_score_words(&text, &doc.heading_words().title(target)) > 0.0)
            {
                continue;
            }
            let heading = &doc.headings[target];
            let best = matcher
                .get_or_insert_with(|| HeadingMatcher::new(doc))
                .best(&text, Score::Forward, SUGGEST_SCORE, |i| {
                    i != target
                        && (!numbers_differ
                            || numbers(&doc.headings[i].text).eq(text_numbers.clone()))
                });
            // Only a text that clearly names another section is a mismatch; a loose
            // or abbreviated text (`Misc` for `Other`) names nothing else and passes.
            // Other numbers are a mismatch even when no heading carries the text's own.
            let Some(i) = best else {
                if numbers_differ {
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            link.span.clone(),
                            format!(
                                "table-of-contents entry `{}` links to `#{}`, the heading `{}`: the numbers differ",
                                link.text, doc.slug_of(heading), heading.text
                            ),
                        )
                        .with_label(heading.text_span.clone(), "the link lands here")
                        .with_help("make the entry's text and its anchor name the same section"),
                    );
                }
                continue;
            };
            let h = &doc.headings[i];
            let mut d = Diagnostic::new(
                self.id(),
                self.severity(),
                link.span.clone(),
                format!(
                    "table-of-contents entry `{}` links to `#{}`, the heading `{}`",
                    link.text,
                    doc.slug_of(heading),
                    heading.text
                ),
            )
            .with_label(heading.text_span.clone(), "the link lands here")
            .with_help(format!(
                "link it to `#{}` (heading `{}` on line {})",
                doc.slug_of(h),
                h.text,
                doc.position(h.span.start).line
            ));
            if let Some(at) = doc.text(&link.span).rfind(&format!("#{fragment}")) {
                let start = link.span.start + at + 1;
                d = d.with_edit(start..start + fragment.len(), doc.slug_of(h).to_string());
            }
            out.push(d);
        }
        out
    }
}

/// The numbers written in a title, in order (`Week 03` and `Week 3` write the same one);
/// an iterator, as most titles are compared by their first number or not at all.
fn numbers(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(|n| {
            let trimmed = n.trim_start_matches('0');
            if trimmed.is_empty() { "0" } else { trimmed }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    const TOC: &str = "# T\n\n**Contents**\n- [Courses & Lecture Videos](#books)\n- [Books](#books)\n- [Papers](#papers-by-categories)\n- [NLP](#natural-language-processing)\n- [🚀 Tools](#tools)\n- [Misc](#other)\n\n## Courses & Videos\n## Books\n## Papers by Categories\n## Natural Language Processing\n## 🔧 Tools!\n## Other\n";

    #[test]
    fn fires_only_when_text_names_another_section() {
        assert_eq!(lines(&TocMismatch, TOC), [4]);
    }

    #[test]
    fn numbers_are_content() {
        let md = "# T\n\n## Contents\n- [February 24 - March 2](#february-24---march-2)\n- [March 3 - March 9](#february-24---march-2)\n- [Week 3](#week-03)\n- [2023](#papers-2023)\n- [Papers](#papers-2023)\n- [Part 1](#part-2)\n\n## February 24 - March 2\n## March 3 - March 9\n## Week 03\n## Papers 2023\n## Part 2\n";
        assert_eq!(lines(&TocMismatch, md), [5, 9]);
        let doc = Document::parse(md);
        let d = TocMismatch.check(&doc, &RuleOptions::default());
        assert!(d[0].help.contains("#march-3---march-9"), "{}", d[0].help);
        assert!(
            d[1].message.ends_with("the numbers differ"),
            "{}",
            d[1].message
        );
    }

    #[test]
    fn suggests_matching_heading() {
        let doc = Document::parse(TOC);
        let d = TocMismatch.check(&doc, &RuleOptions::default());
        assert!(d[0].help.contains("#courses--videos"), "{}", d[0].help);
        let fix = d[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Safe);
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].replacement, "courses--videos");
        assert_eq!(&TOC[fix.edits[0].span.clone()], "books");
    }
}
