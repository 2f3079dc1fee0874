use super::options::OptionDoc;
use super::{Rule, RuleOptions, link_shape};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::conventions::{
    LinkSeparator, TitleSeparator, gaps, is_styled_entry, parse_link_separator,
    parse_title_separator, title_separator, title_span,
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

/// A convention the rule judges by: inferred from the list, or set in the config.
struct Convention<T> {
    style: T,
    /// Set in the config: every entry must follow it, and other separators are reported too.
    enforced: bool,
}

/// Only a real separator (` | `, `, `, `] [`) can be missing; a lone opening bracket
/// (`[Title](…) ([Code](…))`) wraps the next link rather than separating two.
fn link_convention(doc: &Document, options: &RuleOptions) -> Option<Convention<LinkSeparator>> {
    if let Some(display) = &options.separator {
        // The config was validated when loaded; an invalid value here judges nothing.
        let separator = parse_link_separator(display).ok()?;
        return Some(Convention {
            style: LinkSeparator {
                separator,
                display: display.clone(),
                following: 0,
                grouped: 0,
            },
            enforced: true,
        });
    }
    doc.conventions
        .link_separator
        .as_ref()
        .filter(|c| {
            let wrapper = c.separator.chars().all(|ch| matches!(ch, '(' | '['))
                || c.separator.chars().all(|ch| matches!(ch, ')' | ']'));
            !c.separator.is_empty() && !wrapper && trusted(c.following, c.grouped)
        })
        .map(|c| Convention {
            style: c.clone(),
            enforced: false,
        })
}

fn title_convention(doc: &Document, options: &RuleOptions) -> Option<Convention<TitleSeparator>> {
    if let Some(text) = &options.title_separator {
        let separator = parse_title_separator(text).ok()?;
        return Some(Convention {
            style: TitleSeparator {
                separator,
                separated: 0,
                titled: 0,
            },
            enforced: true,
        });
    }
    doc.conventions
        .title_separator
        .as_ref()
        .filter(|c| trusted(c.separated, c.titled))
        .map(|c| Convention {
            style: c.clone(),
            enforced: false,
        })
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
        "An entry whose links break the list's own grouping or are broken Markdown: missing, doubled or stray separators, a title glued to its link, unbalanced brackets, a link inside a destination, an empty or plain-text destination, a stray `)` or `]`, glued links."
    }
    fn explanation(&self) -> &'static str {
        "Paper lists group an entry's links (`Title: [Paper](…) | [Code](…) | 2023`, or \
         `[[Paper](…)] [[Code](…)]`). The list's convention is inferred from its own entries: \
         the separator between links (` | `, `, `, `] [`…) and the separator between title and \
         links (`: `, ` - `). When enough entries agree (at least five, and six in ten), an \
         entry that runs two links together, doubles a separator, leaves one dangling at the \
         end, glues its title to its first link (`Model[ArXiv](…)`) or leaves a bracket \
         unclosed is reported, with the convention and how many entries follow it. Lists with \
         no such convention (most software lists) are not judged, except for unbalanced brackets. \
         Broken Markdown needs no convention and is reported in every entry, table rows \
         included: a link written inside another link's destination (`[[Code]]([url](url))`, \
         which renders as text; the URL probably meant is named), an empty destination \
         (`[Code]()`, unless its text says it is a placeholder such as `Coming soon`), a \
         destination of words (`[[Paper]](A Simple Framework)`), a `)` or `]` right after a \
         link or in its text that nothing opened, a word or code span glued to the entry's \
         first link (`Redis[awesome-redis](…)`; not a numbered citation such as `[1](…)`), and \
         two links touching (`[Demo](…)[Code](…)`) in a list whose links stand apart."
    }
    fn options(&self) -> &'static [OptionDoc] {
        &[
            OptionDoc {
                key: "separator",
                default: "(inferred)",
                doc: "the separator between an entry's links, e.g. \" | \"; enforced on every entry instead of inferred",
            },
            OptionDoc {
                key: "title-separator",
                default: "(inferred)",
                doc: "the separator between an entry's title and its links, e.g. \": \"; enforced instead of inferred",
            },
        ]
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let link_conv = link_convention(doc, options);
        let title_conv = title_convention(doc, options);
        let mut out = Vec::new();
        let in_toc = |e: &crate::document::Entry| {
            doc.toc
                .as_ref()
                .is_some_and(|t| t.span.start <= e.span.start && e.span.start < t.span.end)
        };
        let spacing = link_shape::spacing(
            doc,
            (0..doc.entries.len()).filter(|&i| !in_toc(&doc.entries[i])),
        );
        for (i, e) in doc.entries.iter().enumerate() {
            if in_toc(e) {
                continue;
            }
            let styled = is_styled_entry(doc, i);
            let before = out.len();
            if styled && !e.links.is_empty() {
                self.check_grouping(doc, i, options, &link_conv, &title_conv, &mut out);
            }
            let glued_title = out[before..]
                .iter()
                .any(|d| d.message.starts_with("title runs into"));
            // The separator convention already reports links with nothing between them.
            let judge_touching = spacing.judges_touching() && !(styled && link_conv.is_some());
            let mut stray_bracket = false;
            for s in link_shape::check_entry(doc, i, judge_touching, glued_title) {
                stray_bracket |= s.message.starts_with("stray `]`");
                let d = self.diagnostic(s.span, s.message, s.help);
                out.push(match s.edit {
                    Some((span, text, true)) => d.with_edit(span, text),
                    Some((span, text, false)) => d.with_unsafe_edit(span, text),
                    None => d,
                });
            }
            let (open, close) = e.brackets_outside_links;
            if styled && !e.links.is_empty() && open != close && !stray_bracket {
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

impl MalformedLinkGroup {
    /// Findings against the list's own conventions: separators between links and after the title.
    fn check_grouping(
        &self,
        doc: &Document,
        i: usize,
        options: &RuleOptions,
        link_conv: &Option<Convention<LinkSeparator>>,
        title_conv: &Option<Convention<TitleSeparator>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let e = &doc.entries[i];
        let enforced_links = link_conv.as_ref().is_some_and(|c| c.enforced);
        let links = link_conv.as_ref().map(|c| &c.style);
        // Said only in findings: built when one is made, not for every entry.
        let share = |c: &Convention<LinkSeparator>| {
            if c.enforced {
                "set in the config".to_string()
            } else {
                format!(
                    "{} of {} entries with several links",
                    c.style.following, c.style.grouped
                )
            }
        };
        {
            if let (Some(conv), Some(c)) = (links, link_conv) {
                let share = || share(c);
                let doubled = |sep: &str| {
                    sep.len() == 2 * conv.separator.len()
                        && sep.starts_with(conv.separator.as_str())
                        && sep.ends_with(conv.separator.as_str())
                };
                for g in gaps(doc, i) {
                    let Some(sep) = &g.separator else { continue };
                    let around = g.links_span.clone();
                    if sep.is_empty() {
                        out.push(
                            self.diagnostic(
                                around,
                                format!("two links with no separator between them; this list separates links with `{}` ({})", conv.display, share()),
                                format!("put `{}` between the links", conv.display),
                            )
                            .with_edit(g.span.clone(), conv.display.clone()),
                        );
                    } else if doubled(sep) {
                        out.push(
                            self.diagnostic(
                                around,
                                format!("doubled separator `{}` between links; this list uses `{}` ({})", doc.text(&g.span).trim(), conv.display, share()),
                                format!("use a single `{}`", conv.display),
                            )
                            .with_edit(g.span.clone(), conv.display.clone()),
                        );
                    } else if enforced_links && *sep != conv.separator {
                        out.push(
                            self.diagnostic(
                                around,
                                format!(
                                    "links separated by `{}`; the config sets `{}`",
                                    doc.text(&g.span).trim(),
                                    conv.display
                                ),
                                format!("use `{}` between the links", conv.display),
                            )
                            .with_edit(g.span.clone(), conv.display.clone()),
                        );
                    }
                }
                // A separator after the last link with nothing after it.
                let last = doc.links[*doc.links_of(e).last().expect("checked non-empty")]
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
            if let Some(Convention {
                style: conv,
                enforced,
            }) = &title_conv
                && let Some(span) = title_span(doc, i)
            {
                let text = doc.text(&span);
                let configured = options.title_separator.as_deref();
                if *enforced
                    && let Some(c) = title_separator(text)
                    && c != conv.separator
                    && !matches!(c, '(' | '[')
                    && let Some(wanted) = configured
                {
                    // Replace the separator and the spaces around it with the configured one.
                    let kept = text.trim_end();
                    let kept = kept[..kept.len() - c.len_utf8()].trim_end();
                    let at = span.start + kept.len();
                    out.push(
                        self.diagnostic(
                            at..span.end,
                            format!("title separated from its links by `{c}`; the config sets `{wanted}`"),
                            format!("write `{wanted}` between the title and the links"),
                        )
                        .with_edit(at..span.end, wanted.to_string()),
                    );
                }
                let glued = text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == ')')
                    && text.chars().any(char::is_alphanumeric)
                    && !link_shape::is_citation(doc.text(&doc.links[doc.links_of(e)[0]].span));
                if glued {
                    let link = doc.links[doc.links_of(e)[0]].span.clone();
                    let sep = match configured {
                        Some(wanted) => wanted.to_string(),
                        None if conv.separator == '-' => " - ".to_string(),
                        None => format!("{} ", conv.separator),
                    };
                    let share = if *enforced {
                        "the config sets a separator such as".to_string()
                    } else {
                        format!(
                            "{} of {} entries put a separator such as",
                            conv.separated, conv.titled
                        )
                    };
                    out.push(
                        self.diagnostic(
                            span.end.saturating_sub(text.chars().last().map_or(0, char::len_utf8))..link.end,
                            format!(
                                "title runs into its first link; {share} `{sep}` between title and links"
                            ),
                            format!("put `{sep}` between the title and the link"),
                        )
                        .with_edit(span.end..span.end, sep.clone()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, lines_with, messages, messages_with};

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
    fn configured_separators_are_enforced_without_a_convention() {
        // Too few entries to infer anything: silent but for the glued title, which is never
        // a style, until the config sets the style.
        let md = "# T\n- A: [P](https://a.b/1) | [C](https://c.d/1)\n- B - [P](https://a.b/2), [C](https://c.d/2)\n- C[P](https://a.b/3) [C](https://c.d/3)\n";
        assert_eq!(lines(&MalformedLinkGroup, md), [4]);
        let options = RuleOptions {
            separator: Some(" | ".into()),
            title_separator: Some(": ".into()),
            ..RuleOptions::default()
        };
        assert_eq!(lines_with(&MalformedLinkGroup, md, &options), [3, 3, 4, 4]);
        let messages = messages_with(&MalformedLinkGroup, md, &options);
        assert!(
            messages
                .iter()
                .any(|m| m.contains("links separated by `,`; the config sets ` | `")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("title separated from its links by `-`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("title runs into its first link")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("no separator") && m.contains("set in the config")),
            "{messages:?}"
        );
    }

    #[test]
    fn no_convention_no_judgement() {
        // A software list: one link per entry, descriptions in between.
        let md = "# T\n- [a](https://a.b) - Lib. [docs](https://d.e)\n- [b](https://b.c) [![x](https://img)](https://b.c)\n";
        assert!(lines(&MalformedLinkGroup, md).is_empty());
    }
}
