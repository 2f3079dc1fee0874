//! Links whose Markdown is broken in a way that needs no convention to see: a link written
//! inside another link's destination, an empty or plain-text destination, a stray `)` or `]`
//! after a link or inside its text, two links glued together, a title glued to its link.
//! `malformed-link-group` reports them; every check here reads one entry's own source.

use std::ops::Range;

use crate::document::{Document, LinkKind};

/// One finding, before the rule gives it its id and severity.
pub struct Shape {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
    /// A safe edit (`true`) or one that picks between readings (`false`): a stray mark
    /// may be removed, or its missing partner added.
    pub edit: Option<(Range<usize>, String, bool)>,
}

/// How often the list's links touch (`)[`, no space) against how often they stand apart.
#[derive(Debug, Default, Clone, Copy)]
pub struct Spacing {
    pub touching: usize,
    pub apart: usize,
}

impl Spacing {
    /// Links that touch are a slip only where the list keeps its links apart: at least
    /// five pairs, and touching in fewer than one pair in five.
    pub fn judges_touching(&self) -> bool {
        self.apart >= 5 && self.touching * 5 < self.apart + self.touching
    }
}

/// Two links with nothing between them but brackets, and no space: `[a](…)[b](…)`, `(…)[[b](…)]`.
fn touching(gap: &str) -> bool {
    gap.chars().all(|c| matches!(c, '[' | ']'))
}

/// The entry's consecutive non-badge links that are text apart.
fn pairs(doc: &Document, entry: usize) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let mut previous: Option<Range<usize>> = None;
    doc.links_of(&doc.entries[entry])
        .iter()
        .map(|&l| &doc.links[l])
        .filter(|l| !l.image_only && l.kind != LinkKind::Autolink)
        .filter_map(move |l| {
            let before = previous.replace(l.span.clone())?;
            Some((before, l.span.clone()))
        })
        .filter(|(a, b)| a.end <= b.start)
}

pub fn spacing(doc: &Document, entries: impl Iterator<Item = usize>) -> Spacing {
    let mut s = Spacing::default();
    for entry in entries {
        for (a, b) in pairs(doc, entry) {
            let gap = &doc.source[a.end..b.start];
            if touching(gap) {
                s.touching += 1;
            } else if gap.chars().take(9).count() <= 8 {
                // A separator, not a description between two links.
                s.apart += 1;
            }
        }
    }
    s
}

/// `[Coming soon]()`, `[TBD]()`: a link left empty on purpose until it exists.
fn placeholder(src: &str) -> bool {
    let text = src.to_lowercase();
    ["soon", "tbd", "todo", "to be", "n/a", "wip", "upcoming"]
        .iter()
        .any(|w| text.contains(w))
}

fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// `[text](url)` → the inner text and URL of a destination that is itself a link.
fn nested_link(dest: &str) -> Option<(&str, &str)> {
    let rest = dest.strip_prefix('[')?.strip_suffix(')')?;
    let (text, url) = rest.split_once("](")?;
    Some((text, url.trim()))
}

/// Where a link's text ends (`](` of an inline link), relative to its start.
fn text_end(src: &str) -> Option<usize> {
    // The last `(` preceded by `]`, found with memchr's `memrchr`: this runs for every link,
    // and `str::rfind("](")` sets up a substring searcher on every call.
    let bytes = src.as_bytes();
    let mut end = bytes.len();
    while let Some(i) = memchr::memrchr(b'(', &bytes[..end]) {
        if i > 0 && bytes[i - 1] == b']' {
            return Some(i - 1);
        }
        end = i;
    }
    None
}

/// `[1](…)`, `[[2]](…)`: a numbered reference, which prose glues to the word it backs.
pub fn is_citation(src: &str) -> bool {
    text_end(src).is_some_and(|end| {
        let text = src[1..end].trim_matches(|c| c == '[' || c == ']');
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Parenthesis and bracket depths (`(` minus `)`, `[` minus `]`) of `text`. This reads every
/// entry's text outside its links: mostly short separators, counted byte by byte, and
/// sometimes long descriptions, searched with memchr (which costs more to start than a
/// short text takes to read).
fn depths(text: &str) -> (isize, isize) {
    let bytes = text.as_bytes();
    if bytes.len() < SHORT {
        return bytes.iter().fold((0, 0), |(p, b), c| match c {
            b'(' => (p + 1, b),
            b')' => (p - 1, b),
            b'[' => (p, b + 1),
            b']' => (p, b - 1),
            _ => (p, b),
        });
    }
    let depth = |open: u8, close: u8| {
        memchr::memchr2_iter(open, close, bytes)
            .map(|i| if bytes[i] == open { 1 } else { -1 })
            .sum::<isize>()
    };
    (depth(b'(', b')'), depth(b'[', b']'))
}

/// Below this many bytes a text is read byte by byte rather than searched with memchr.
const SHORT: usize = 32;

/// Whether `text` holds `![` (an image).
fn has_image(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < SHORT {
        return bytes.windows(2).any(|w| w == b"![");
    }
    memchr::memchr_iter(b'!', bytes).any(|i| bytes.get(i + 1) == Some(&b'['))
}

/// Everything wrong with the shape of one entry's links. `glued_title_reported` is set
/// when the convention-based check already reported the entry's title; `judge_touching`
/// when touching links are a slip in this list and no other finding covers them.
pub fn check_entry(
    doc: &Document,
    entry: usize,
    judge_touching: bool,
    glued_title_reported: bool,
) -> Vec<Shape> {
    let e = &doc.entries[entry];
    let source = doc.source.as_str();
    let mut out = Vec::new();
    let links = doc
        .links_of(e)
        .iter()
        .map(|&l| &doc.links[l])
        .filter(|l| l.kind == LinkKind::Inline);
    // Text of the entry outside its links, scanned once from left to right.
    let mut outside_parens = 0isize;
    let mut outside_brackets = 0isize;
    let mut at = e.content.start;
    for l in links {
        if l.span.start < at {
            continue;
        }
        let (parens, brackets) = depths(&source[at..l.span.start]);
        outside_parens += parens;
        outside_brackets += brackets;
        at = l.span.end;
        let src = &source[l.span.clone()];
        if let Some((text, inner)) = nested_link(doc.url_of(l)) {
            let meant = if is_url(inner) {
                inner
            } else if is_url(text) {
                text
            } else {
                inner
            };
            let other = if is_url(text) && text != inner {
                format!(" (its text shows `{text}`, which differs)")
            } else {
                String::new()
            };
            let edit = src.ends_with(&format!("{})", doc.url_of(l))).then(|| {
                let end = l.span.end - 1;
                (end - doc.url_of(l).len()..end, meant.to_string(), false)
            });
            out.push(Shape {
                span: l.span.clone(),
                message: format!(
                    "a link written inside another link's destination renders as text; the URL meant is probably `{meant}`{other}"
                ),
                help: format!("write the destination as the URL alone: `({meant})`"),
                edit,
            });
            continue;
        }
        if doc.url_of(l).trim().is_empty() && !placeholder(src) {
            out.push(Shape {
                span: l.span.clone(),
                message: format!("`{}` has an empty destination: it leads nowhere", src),
                help: "put the URL between the parentheses, or remove the link".into(),
                edit: None,
            });
        }
        // A `)` or `]` in the link text with nothing opening it.
        if !l.image_only
            && let Some(end) = text_end(src)
        {
            let text = &src[1..end];
            if memchr::memchr(b'`', text.as_bytes()).is_none() && !has_image(text) {
                let mut depth = 0isize;
                for (i, b) in text.bytes().enumerate() {
                    match b {
                        b'(' => depth += 1,
                        b')' if depth == 0 => {
                            let at = l.span.start + 1 + i;
                            out.push(Shape {
                                span: at..at + 1,
                                message: format!("stray `)` in the link text of `{src}`"),
                                help: "remove the `)`, or open it with `(`".into(),
                                edit: Some((at..at + 1, String::new(), false)),
                            });
                        }
                        b')' => depth -= 1,
                        _ => {}
                    }
                }
            }
        }
        // A closing mark right after the link that nothing before it opened.
        let next = source[l.span.end..e.content.end.max(l.span.end)]
            .chars()
            .next();
        let stray = match next {
            Some(')') => outside_parens <= 0,
            Some(']') => outside_brackets <= 0,
            _ => false,
        };
        if let Some(c) = next.filter(|_| stray) {
            // The stray mark is counted when the text after the link is scanned: cancel it.
            if c == ')' {
                outside_parens += 1;
            } else {
                outside_brackets += 1;
            }
            let at = l.span.end;
            out.push(Shape {
                span: at..at + 1,
                message: format!("stray `{c}` right after the link `{src}`"),
                help: format!("remove the `{c}`, or open it before the link"),
                edit: Some((at..at + 1, String::new(), false)),
            });
        }
    }
    // A destination that is not a URL (it holds spaces): the whole thing renders as text.
    plain_text_destinations(doc, entry, &mut out);
    if judge_touching {
        for (a, b) in pairs(doc, entry) {
            let gap = &source[a.end..b.start];
            if touching(gap) && !gap.contains("][") {
                let at = a.end + gap.find(']').map_or(0, |i| i + 1);
                out.push(Shape {
                    span: a.start..b.end,
                    message: format!("two links glued together: `{}`", &source[a.start..b.end]),
                    help: "separate them as the list's other entries do, e.g. with a space".into(),
                    edit: Some((at..at, " ".into(), true)),
                });
            }
        }
    }
    if !glued_title_reported && let Some(first) = doc.links_of(e).first().map(|&l| &doc.links[l]) {
        let before = source[e.content.start..first.span.start].trim_end_matches('[');
        let last = before.chars().last();
        let src = &source[first.span.clone()];
        let citation = is_citation(src);
        if let Some(c) = last
            && (c.is_ascii_alphanumeric() || c == '`')
            && !citation
            && !first.image_only
        {
            let word_start = before
                .rfind(|ch: char| ch.is_whitespace())
                .map_or(0, |i| i + 1);
            let at = e.content.start + before.len();
            out.push(Shape {
                span: e.content.start + word_start..first.span.end,
                message: format!(
                    "title runs into its first link: `{}`",
                    &source[e.content.start + word_start..first.span.end]
                ),
                help: "put a space or the list's separator between the title and the link".into(),
                edit: Some((at..at, " ".into(), true)),
            });
        }
    }
    out
}

/// Offsets of `](`, between a link's text and its destination, in `bytes`: found from `]`
/// with memchr (a substring searcher costs more to set up than these short texts take).
fn link_middles(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b']', bytes).filter(|&i| bytes.get(i + 1) == Some(&b'('))
}

fn plain_text_destinations(doc: &Document, entry: usize, out: &mut Vec<Shape>) {
    let e = &doc.entries[entry];
    let source = doc.source.as_str();
    let content = &source[e.content.clone()];
    let links = doc.links_of(e);
    let mut next_link = 0;
    for i in link_middles(content.as_bytes()) {
        let at = e.content.start + i;
        // Inside one of the entry's links (a link's own `](`)?
        while next_link < links.len() && doc.links[links[next_link]].span.end <= at {
            next_link += 1;
        }
        if next_link < links.len() && doc.links[links[next_link]].span.start <= at {
            continue;
        }
        let line_start = content[..at - e.content.start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        // Inside a code span.
        if content[line_start..at - e.content.start]
            .matches('`')
            .count()
            % 2
            == 1
        {
            continue;
        }
        let rest = &content[at - e.content.start + 2..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let mut depth = 0isize;
        let Some(close) = line.find(|c: char| {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => return true,
                ')' => depth -= 1,
                _ => {}
            }
            false
        }) else {
            continue;
        };
        let dest = line[..close].trim();
        // Only words: `http` with a space is a broken URL, reported by its own finding.
        if !dest.contains(' ') || dest.contains("://") || dest.starts_with('<') {
            continue;
        }
        // The `[` that the `]` closes.
        let mut depth = 0isize;
        let open = content[line_start..at - e.content.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| {
                match c {
                    ']' => depth += 1,
                    '[' if depth == 0 => return true,
                    '[' => depth -= 1,
                    _ => {}
                }
                false
            })
            .map_or(at, |(p, _)| e.content.start + line_start + p);
        let span = open..at + 2 + close + 1;
        out.push(Shape {
            message: format!(
                "`{}` is not a link: its destination is plain text, not a URL",
                &source[span.clone()]
            ),
            span,
            help: "put the URL between the parentheses".into(),
            edit: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::malformed_link_group::MalformedLinkGroup;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn short_and_long_texts_are_counted_alike() {
        for piece in ["(a] ![x", "))[", "![", "a!b[", "(", "] |"] {
            for n in [1, 3, 8, 20] {
                let text = piece.repeat(n);
                let expected = text.bytes().fold((0isize, 0isize), |(p, b), c| match c {
                    b'(' => (p + 1, b),
                    b')' => (p - 1, b),
                    b'[' => (p, b + 1),
                    b']' => (p, b - 1),
                    _ => (p, b),
                });
                assert_eq!(super::depths(&text), expected, "{text:?}");
                assert_eq!(super::has_image(&text), text.contains("!["), "{text:?}");
            }
        }
    }

    #[test]
    fn text_end_is_the_last_close_bracket_before_a_paren() {
        for src in [
            "[a](u)",
            "[a](b](c)",
            "[(x)](u)",
            "[a]",
            "(",
            "](",
            "[a] (b)",
            "[]()",
        ] {
            assert_eq!(super::text_end(src), src.rfind("]("), "{src}");
        }
    }

    #[test]
    fn broken_links_need_no_convention() {
        let md = "# T\n\n- [a](https://a.b) - Lib.\n- [b]([b](https://b.c)) - Lib.\n- [c]() - Lib.\n- [d](https://d.e)) - Lib.\n- Redis[e](https://e.f) - Lib.\n- `MIT`[f](https://f.g) - Lib.\n";
        assert_eq!(lines(&MalformedLinkGroup, md), [4, 5, 6, 7, 8]);
        let m = messages(&MalformedLinkGroup, md);
        assert!(m[0].contains("probably `https://b.c`"), "{m:?}");
        assert!(m[3].contains("`Redis[e](https://e.f)`"), "{m:?}");
    }

    #[test]
    fn silent_on_what_is_written_on_purpose() {
        // Citations, other scripts, placeholders, parentheses that balance, syntax in code.
        let md = "# T\n\n- [a](https://a.b) - as in the survey[1](https://s.t).\n- 使用[工具](https://z.y)\n- [Soon]() coming soon\n- [TBD]()\n- Lib ([docs](https://d.e)) and [x (y)](https://x.y)\n- `[a](b c)` is the syntax\n";
        assert!(
            lines(&MalformedLinkGroup, md).is_empty(),
            "{:?}",
            messages(&MalformedLinkGroup, md)
        );
    }

    #[test]
    fn glued_links_where_the_list_keeps_them_apart() {
        let mut md = String::from("# T\n\n");
        for i in 0..10 {
            md.push_str(&format!(
                "- [[site]](https://s.t/{i}) [[paper]](https://p.q/{i})\n"
            ));
        }
        md.push_str("- [[site]](https://s.t/x)[[paper]](https://p.q/x)\n- [Title](https://t.u)[[code](https://c.d)]\n");
        assert_eq!(lines(&MalformedLinkGroup, &md), [13, 14]);
        // Where most links touch, touching is the list's style.
        let mut md = String::from("# T\n\n");
        for i in 0..6 {
            md.push_str(&format!(
                "- [[site]](https://s.t/{i})[[paper]](https://p.q/{i})\n"
            ));
        }
        assert!(lines(&MalformedLinkGroup, &md).is_empty());
    }

    #[test]
    fn a_stray_mark_does_not_make_the_next_one_stray() {
        let md = "# T\n\n**A**\\\n[[Paper](https://a.b)] [Project](https://p.q)] [[Github](https://g.h)]\n";
        assert_eq!(lines(&MalformedLinkGroup, md), [4]);
        assert_eq!(messages(&MalformedLinkGroup, md).len(), 1);
    }
}
