use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::conventions::{
    LinkSeparator, TitleSeparator, gaps, is_styled_entry, title_span,
};

/// An entry whose links break the grouping the list itself uses.
pub struct MalformedLinkGroup;

/// A convention is trusted when this many entries show it…
const MIN_ENTRIES: usize = 5;
/// …and at least this share (in tenths) of them follow it.
const MIN_SHARE_TENTHS: usize = 6;

fn trusted(following: usize, total: usize) -> bool {
    total >= MIN_ENTRIES && following * 10 >= total * MIN_SHARE_TENTHS
}

/// Only a real separator (` | `, `, `, `] [`) can be missing; a lone opening bracket
/// (`[Title](…) ([Code](…))`) wraps the next link rather than separating two.
fn link_convention(doc: &Document) -> Option<&LinkSeparator> {
    doc.conventions.link_separator.as_ref().filter(|c| {
        let wrapper = c.separator.chars().all(|ch| matches!(ch, '(' | '['))
            || c.separator.chars().all(|ch| matches!(ch, ')' | ']'));
        !c.separator.is_empty() && !wrapper && trusted(c.following, c.grouped)
    })
}

fn title_convention(doc: &Document) -> Option<&TitleSeparator> {
    doc.conventions
        .title_separator
        .as_ref()
        .filter(|c| trusted(c.separated, c.titled))
}

impl MalformedLinkGroup {
    fn diagnostic(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        help: String,
    ) -> Diagnostic {
        Diagnostic::new(self.id(), self.severity(), span, message).with_help(help)
    }
}

impl Rule for MalformedLinkGroup {
    fn id(&self) -> &'static str {
        "malformed-link-group"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An entry whose links break the list's own grouping: missing, doubled or stray separators, a title glued to its link, unbalanced brackets."
    }
    fn explanation(&self) -> &'static str {
        "Paper lists group an entry's links (`Title: [Paper](…) | [Code](…) | 2023`, or \
         `[[Paper](…)] [[Code](…)]`). The list's convention is inferred from its own entries: \
         the separator between links (` | `, `, `, `] [`…) and the separator between title and \
         links (`: `, ` - `). When enough entries agree (at least five, and six in ten), an \
         entry that runs two links together, doubles a separator, leaves one dangling at the \
         end, glues its title to its first link (`Model[ArXiv](…)`) or leaves a bracket \
         unclosed is reported, with the convention and how many entries follow it. Lists with \
         no such convention (most software lists) are not judged, except for unbalanced brackets."
    }
    fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let links = link_convention(doc);
        let title = title_convention(doc);
        let share = links.map(|conv| {
            format!(
                "{} of {} entries with several links",
                conv.following, conv.grouped
            )
        });
        let doubled = links.map(|conv| conv.separator.repeat(2));
        let mut out = Vec::new();
        for (i, e) in doc.entries.iter().enumerate() {
            if !is_styled_entry(doc, i) || e.links.is_empty() {
                continue;
            }
            if let (Some(conv), Some(share), Some(doubled)) = (links, &share, &doubled) {
                let gaps = if e.links.len() > 1 {
                    gaps(doc, i)
                } else {
                    Vec::new()
                };
                for g in &gaps {
                    let Some(sep) = &g.separator else { continue };
                    let around = g.links_span.clone();
                    if sep.is_empty() {
                        out.push(
                            self.diagnostic(
                                around,
                                format!("two links with no separator between them; this list separates links with `{}` ({share})", conv.display),
                                format!("put `{}` between the links", conv.display),
                            )
                            .with_edit(g.span.clone(), conv.display.clone()),
                        );
                    } else if sep == doubled {
                        out.push(
                            self.diagnostic(
                                around,
                                format!("doubled separator `{}` between links; this list uses `{}` ({share})", doc.text(&g.span).trim(), conv.display),
                                format!("use a single `{}`", conv.display),
                            )
                            .with_edit(g.span.clone(), conv.display.clone()),
                        );
                    }
                }
                // A separator after the last link with nothing after it.
                let last = doc.links[*e.links.last().expect("checked non-empty")]
                    .span
                    .end;
                if last <= e.content.end {
                    let tail = doc.text(&(last..e.content.end));
                    if !tail.trim().is_empty() && tail.trim() == conv.separator {
                        out.push(
                            self.diagnostic(
                                last..e.content.end,
                                format!("stray separator `{}` after the last link", tail.trim()),
                                "remove it, or add what was meant to follow".to_string(),
                            )
                            .with_edit(last..e.content.end, ""),
                        );
                    }
                }
            }
            if let Some(conv) = title
                && let Some(span) = title_span(doc, i)
            {
                let text = doc.text(&span);
                let glued = text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == ')')
                    && text.chars().any(char::is_alphanumeric);
                if glued {
                    let link = doc.links[e.links[0]].span.clone();
                    let sep = if conv.separator == '-' {
                        " - ".to_string()
                    } else {
                        format!("{} ", conv.separator)
                    };
                    out.push(
                        self.diagnostic(
                            span.end.saturating_sub(text.chars().last().map_or(0, char::len_utf8))..link.end,
                            format!(
                                "title runs into its first link; {} of {} entries put a separator such as `{}` between title and links",
                                conv.separated, conv.titled, sep
                            ),
                            format!("put `{sep}` between the title and the link"),
                        )
                        .with_edit(span.end..span.end, sep.clone()),
                    );
                }
            }
            let (open, close) = e.brackets_outside_links;
            if open != close {
                out.push(self.diagnostic(
                    e.content.clone(),
                    format!("unbalanced brackets around the links: {open} `[` but {close} `]`"),
                    "close each bracket group, e.g. `[[Paper](…)] [[Code](…)]`".to_string(),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    fn list(extra: &str) -> String {
        let mut md = String::from("# T\n\n## Papers\n\n");
        for i in 0..6 {
            md.push_str(&format!(
                "- Paper {i}: [ArXiv](https://a.b/{i}) | [Code](https://c.d/{i}) | 2023\n"
            ));
        }
        md.push_str(extra);
        md
    }

    #[test]
    fn silent_on_well_formed_entries() {
        assert!(lines(&MalformedLinkGroup, &list("")).is_empty());
    }

    #[test]
    fn missing_separator() {
        let md = list("- Paper X: [ArXiv](https://a.b/x) [Code](https://c.d/x) | 2023\n");
        assert_eq!(lines(&MalformedLinkGroup, &md), [11]);
        assert!(messages(&MalformedLinkGroup, &md)[0].contains("` | ` (6 of 7 entries"));
    }

    #[test]
    fn title_glued_to_link() {
        let md = list("- Paper X[ArXiv](https://a.b/x) | [Code](https://c.d/x) | 2023\n");
        assert_eq!(lines(&MalformedLinkGroup, &md), [11]);
        assert!(messages(&MalformedLinkGroup, &md)[0].contains("title runs into its first link"));
    }

    #[test]
    fn doubled_and_stray_separators() {
        let md = list(
            "- Paper X: [ArXiv](https://a.b/x) | | [Code](https://c.d/x) | 2023\n- Paper Y: [ArXiv](https://a.b/y) | [Code](https://c.d/y) |\n",
        );
        assert_eq!(lines(&MalformedLinkGroup, &md), [11, 12]);
    }

    #[test]
    fn unbalanced_brackets() {
        let md = "# T\n- A [[Paper](https://a.b/1)] [[Code](https://c.d/1)]\n- B [[Paper](https://a.b/2) [[Code](https://c.d/2)]\n";
        assert_eq!(lines(&MalformedLinkGroup, md), [3]);
    }

    #[test]
    fn wrapping_brackets_are_not_separators() {
        let mut md = String::from("# T\n");
        for i in 0..6 {
            md.push_str(&format!(
                "1. [Post {i}](https://a.b/{i}) ([Code](https://c.d/{i}))\n"
            ));
        }
        md.push_str("1. [Post](https://a.b/x) [(Part 2)](https://c.d/x)\n");
        assert!(lines(&MalformedLinkGroup, &md).is_empty());
    }

    #[test]
    fn no_convention_no_judgement() {
        // A software list: one link per entry, descriptions in between.
        let md = "# T\n- [a](https://a.b) - Lib. [docs](https://d.e)\n- [b](https://b.c) [![x](https://img)](https://b.c)\n";
        assert!(lines(&MalformedLinkGroup, md).is_empty());
    }
}
