use super::judged_items;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::inline::{Inline, InlineKind};
use crate::document::{BlockKind, Document};
use crate::rules::{Preset, Rule, RuleOptions};

/// `- [Name](https://absolute-url) - Description.`
pub struct ListItem;

impl Rule for ListItem {
    fn id(&self) -> &'static str {
        "awesome-list-item"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A list item is `- [Name](https://absolute-url) - Description.`"
    }
    fn explanation(&self) -> &'static str {
        "The awesome guidelines' entry format: a space after the list marker, a link with \
         text to an absolute URL, ` - ` between link and description (a double space, a \
         no-break space, an en or em dash are reported as such), and a description that starts \
         with a capital, camel-case, upper-case word, a digit, a quote or `npm`, and ends with \
         `.`, `!`, `?` or `…` (a closing parenthesis or emoji after a sentence is fine). Items \
         of the table of contents and above it are not judged, nor items without any link \
         (prose); an empty item (a bare marker) is reported. Unlike sindresorhus/awesome-lint, items that open with text before their link \
         and descriptions that mix text with links or code are judged too."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut report = |span: std::ops::Range<usize>, message: &str, help: &'static str| {
            out.push(Diagnostic::new(self.id(), self.severity(), span, message).with_help(help));
        };
        for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
            let text = doc.text(&block.span);
            if ["-[", "*[", "+["].iter().any(|m| text.starts_with(m)) {
                report(
                    block.span.start..block.span.start + 1,
                    "the list item marker must be followed by a space",
                    "write `- [Name](url) - Description.`",
                );
            }
        }
        for e in judged_items(doc) {
            let entry = &doc.entries[e];
            // A bare marker, with nothing nested under it either: an entry left unfinished.
            if is_bare_marker(doc.text(&entry.span).trim()) {
                let marker = entry.span.start
                    + (doc.text(&entry.span).len() - doc.text(&entry.span).trim_start().len());
                report(
                    marker..marker + 1,
                    "empty list item",
                    "remove the marker, or write `- [Name](url) - Description.`",
                );
                continue;
            }
            let nodes = doc.inlines(&entry.content);
            if !nodes.iter().any(is_link) {
                continue;
            }
            let Some(link_at) = main_link(&nodes) else {
                continue;
            };
            if link_at > 0 && !nodes[..link_at].iter().all(is_decoration) {
                let first = &nodes[0];
                report(
                    first.span.clone(),
                    "the list item must start with its link",
                    "write `- [Name](url) - Description.`; put other text in the description",
                );
                continue;
            }
            let link = &nodes[link_at];
            if link.kind == InlineKind::Link {
                if !is_absolute(&link.url) {
                    report(
                        link.span.clone(),
                        "the list item's link must be an absolute URL",
                        "link to `https://…`",
                    );
                    continue;
                }
                if link.text.trim().is_empty() {
                    report(
                        link.span.clone(),
                        "the list item's link has no text",
                        "write the entry's name as the link text",
                    );
                    continue;
                }
                if link.has_image || link.has_other {
                    report(
                        link.span.clone(),
                        "the list item's link must hold only text",
                        "move images and HTML out of the link",
                    );
                    continue;
                }
            }
            if let Some((span, message, help)) = description(&nodes[link_at + 1..]) {
                report(span, message, help);
            }
        }
        out
    }
}

fn is_link(n: &Inline) -> bool {
    matches!(n.kind, InlineKind::Link | InlineKind::Reference)
}

/// Text of emoji, symbols and spaces only, or an image: what may stand before the link.
fn is_decoration(n: &Inline) -> bool {
    match n.kind {
        InlineKind::Image | InlineKind::Html => true,
        InlineKind::Text => n.text.chars().all(|c| !c.is_alphanumeric()),
        _ => false,
    }
}

/// The entry's link: the first followed by ` - `, else the first.
pub(crate) fn main_link(nodes: &[Inline]) -> Option<usize> {
    let dashed = (0..nodes.len()).find(|&i| {
        is_link(&nodes[i])
            && nodes
                .get(i + 1)
                .is_some_and(|n| n.kind == InlineKind::Text && n.text.starts_with(" - "))
    });
    dashed.or_else(|| nodes.iter().position(is_link))
}

pub(crate) fn is_absolute(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    scheme_ok && (rest.starts_with("//") && rest.len() > 2 || scheme.eq_ignore_ascii_case("mailto"))
}

type Finding = (std::ops::Range<usize>, &'static str, &'static str);

fn description(nodes: &[Inline]) -> Option<Finding> {
    let (prefix, suffix) = (nodes.first()?, nodes.last()?);
    let text: String = nodes.iter().map(|n| n.text.as_str()).collect();
    if !text.starts_with(" - ") {
        let bare: String = text.chars().filter(|&c| !is_emoji(c)).collect();
        let bare = bare.trim();
        if bare.is_empty() || is_parenthetical(bare) {
            return None;
        }
    }
    let dashed = prefix.kind == InlineKind::Text
        && (prefix.text.starts_with(" - ") || (ends_with_emoji(&prefix.text) && nodes.len() == 1));
    if !dashed {
        let p = if prefix.kind == InlineKind::Text {
            prefix.text.as_str()
        } else {
            ""
        };
        let spaced = |s: &str| s.starts_with(char::is_whitespace);
        if spaced(p) && p.trim_start().strip_prefix('-').is_some_and(spaced) {
            return Some((
                prefix.span.clone(),
                "the link and description are separated by odd whitespace",
                "use one plain space on each side: ` - `",
            ));
        }
        if p.trim_start().starts_with(['\u{2013}', '\u{2014}']) {
            return Some((
                prefix.span.clone(),
                "the link and description are separated by an en or em dash",
                "use a hyphen: ` - `",
            ));
        }
        if has_dash_before_capital(&text) {
            return None;
        }
        return Some((
            prefix.span.clone(),
            "the link and description must be separated by ` - `",
            "write `[Name](url) - Description.`",
        ));
    }
    let suffix_ok = matches!(
        suffix.kind,
        InlineKind::Emphasis
            | InlineKind::Html
            | InlineKind::Image
            | InlineKind::Link
            | InlineKind::Strong
            | InlineKind::Text
    );
    if !suffix_ok || (suffix.kind == InlineKind::Text && !ends_well(&text, &suffix.text)) {
        return Some((
            suffix.span.clone(),
            "the description must end with `.`, `!`, `?` or `…`",
            "end the description as a sentence",
        ));
    }
    // Dashed text starts with ` - `, or is the one node after the link ending in an emoji.
    let rest = prefix.text.strip_prefix(" - ").unwrap_or(&prefix.text);
    if prefix.kind == InlineKind::Text && !starts_well(rest, nodes.len() == 1) {
        return Some((
            prefix.span.clone(),
            "the description must start with a capital letter",
            "start with a capital, a name as it is written, or a digit",
        ));
    }
    None
}

fn is_parenthetical(text: &str) -> bool {
    text.starts_with('(') && text.ends_with(')') && !text[1..text.len() - 1].contains(')')
}

fn has_dash_before_capital(text: &str) -> bool {
    text.match_indices(" - ")
        .any(|(i, _)| text[i + 3..].starts_with(|c: char| c.is_ascii_uppercase()))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(['-', ' ', ';', '.', '/', '\''])
        .filter(|w| !w.is_empty())
}

/// The description's first word is written as a sentence or a name starts.
fn starts_well(rest: &str, pure_text: bool) -> bool {
    if rest
        .trim_start()
        .starts_with(['/', '@', '#', '$', '~', '&', '%'])
    {
        return true;
    }
    let Some(word) = words(rest).next() else {
        // A description that goes on with code or a link after ` - `.
        return !pure_text;
    };
    let Some(first) = word.chars().next() else {
        return true;
    };
    if !first.is_alphabetic() || (!first.is_lowercase() && !first.is_uppercase()) {
        // Digits, quotes, brackets, emoji; and scripts without case.
        return true;
    }
    word.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) || word == "npm"
}

fn ends_well(text: &str, suffix: &str) -> bool {
    // Full-width marks end sentences in Chinese and Japanese descriptions.
    const MARKS: [char; 7] = ['.', '!', '?', '…', '。', '！', '？'];
    let t = text.trim_end();
    if t.starts_with('`') {
        let ticks = t.matches('`').count();
        let inner = t.trim_end_matches(MARKS);
        if inner.ends_with('`') && ticks <= 2 {
            return false;
        }
    }
    let before_marks = t.trim_end_matches(MARKS);
    if before_marks.len() < t.len() {
        // Ends with marks: fine, unless after a quote that itself follows a mark (`."!`).
        let quoted = before_marks.strip_suffix(['"', '”']);
        return quoted.is_none_or(|q| !q.ends_with(MARKS));
    }
    if t.strip_suffix(['"', '”'])
        .is_some_and(|q| q.ends_with(MARKS))
    {
        return true;
    }
    if !t.contains(MARKS) {
        let tokens: Vec<&str> = words(t).collect();
        if tokens.len() > 2 || !tokens.last().is_some_and(|w| ends_with_emoji(w)) {
            return false;
        }
    }
    let s = suffix.trim_end();
    s.ends_with(')') || ends_with_emoji(s)
}

fn ends_with_emoji(text: &str) -> bool {
    text.trim_end_matches(['\u{fe0f}', '\u{200d}'])
        .chars()
        .next_back()
        .is_some_and(is_emoji)
}

pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF | 0xFE0F | 0x200D | 0x2190..=0x21FF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x24C2 | 0x25AA..=0x25FE | 0xE0020..=0xE007F)
}

/// `-`, `*`, `+`, `1.` or `1)` alone.
fn is_bare_marker(text: &str) -> bool {
    matches!(text, "-" | "*" | "+")
        || text
            .strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    fn one(item: &str) -> Vec<String> {
        messages(&ListItem, &format!("# T\n\n- {item}\n"))
    }

    #[test]
    fn description_without_dash_ending_in_an_emoji() {
        // Found by tests/fuzz.rs: three bytes were skipped as if after ` - `, which split `中`
        // and made `Fast` read as `st`.
        assert!(one("[Bolt](https://bolt.example) 中文 bolts. 🔩").is_empty());
        assert!(one("[Bolt](https://bolt.example) Fast bolts. 🔩").is_empty());
        assert_eq!(
            one("[Bolt](https://bolt.example) fast bolts. 🔩"),
            ["the description must start with a capital letter"]
        );
    }

    #[test]
    fn good_items_are_silent() {
        for item in [
            "[Name](https://a.b) - Does things.",
            "[Name](https://a.b) - iOS toolkit!",
            "[Name](https://a.b) - 3D engine?",
            "[Name](https://a.b) - npm helper…",
            "[Name](https://a.b) - \"Quoted\" name.",
            "[Name](https://a.b) - Uses [x](https://x.y).",
            "[Name](https://a.b) - Does things. (MIT)",
            "[Name](https://a.b) - Does things. 🎉",
            "[Name](https://a.b)",
            "[Name](https://a.b) 🎉",
            "[Name](https://a.b) (deprecated)",
            "[Name](https://a.b) - `code` runner.",
            "[Name](https://a.b) - 中文描述。",
            "Plain prose without links",
            "🔥 [Name](https://a.b) - Hot.",
        ] {
            assert!(one(item).is_empty(), "{item}: {:?}", one(item));
        }
    }

    #[test]
    fn a_bare_marker_is_an_empty_item() {
        let md = "# T\n\n## A\n\n- [A](https://a.b) - Does a.\n- \n### B\n\n-\n  - [C](https://c.d) - Nested under a bare marker.\n\n1.\n";
        assert_eq!(lines(&ListItem, md), [6, 12]);
        assert_eq!(messages(&ListItem, md)[0], "empty list item");
    }

    #[test]
    fn bad_items_say_why() {
        let cases = [
            (
                "[Name](#local) - Does things.",
                "the list item's link must be an absolute URL",
            ),
            (
                "[](https://a.b) - Does things.",
                "the list item's link has no text",
            ),
            (
                "[Name](https://a.b)  -  Does things.",
                "the link and description are separated by odd whitespace",
            ),
            (
                "[Name](https://a.b) – Does things.",
                "the link and description are separated by an en or em dash",
            ),
            (
                "[Name](https://a.b): does things.",
                "the link and description must be separated by ` - `",
            ),
            (
                "[Name](https://a.b) - Does things",
                "the description must end with `.`, `!`, `?` or `…`",
            ),
            (
                "[Name](https://a.b) - does things.",
                "the description must start with a capital letter",
            ),
            (
                "[Name](https://a.b) - does [x](https://x.y).",
                "the description must start with a capital letter",
            ),
            (
                "See [Name](https://a.b) - Does things.",
                "the list item must start with its link",
            ),
        ];
        for (item, message) in cases {
            assert_eq!(one(item), [message], "{item}");
        }
    }

    #[test]
    fn the_toc_and_above_are_not_judged() {
        let md = "# T\n\n- [a](https://x.y) - lower.\n\n## Contents\n\n- [A](#a)\n\n## A\n\n- [x](https://x.y) - lower.\n";
        assert_eq!(lines(&ListItem, md), [11]);
    }

    #[test]
    fn missing_space_after_marker() {
        assert_eq!(
            lines(&ListItem, "# T\n\n-[Name](https://a.b) - Yes.\n"),
            [3]
        );
    }

    #[test]
    fn absolute_urls() {
        assert!(is_absolute("https://a.b"));
        assert!(is_absolute("mailto:a@b.c"));
        assert!(!is_absolute("#x"));
        assert!(!is_absolute("./docs/x.md"));
        assert!(!is_absolute("https://"));
    }
}
