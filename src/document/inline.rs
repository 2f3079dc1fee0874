//! Inline views the model does not keep, computed on demand by the rules of the `awesome`
//! preset only, so that the default preset pays nothing for them: the top-level inline nodes
//! of a paragraph (what `awesome-list-item` judges) and the text runs of the whole document
//! (what the spell and punctuation checks read). Both re-parse with the model's options.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::Document;
use super::parse::options;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineKind {
    /// Plain text; soft line breaks are part of it.
    Text,
    Code,
    /// An inline link or an autolink.
    Link,
    /// `[text][ref]`, `[text][]`, `[ref]`.
    Reference,
    Image,
    Html,
    Emphasis,
    Strong,
    Strikethrough,
    FootnoteReference,
    HardBreak,
}

/// One top-level inline node of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub kind: InlineKind,
    /// In the document's source.
    pub span: Range<usize>,
    /// Rendered text (code spans and image alt text included, as remark's `toString`).
    pub text: String,
    /// For links and images: the destination (a reference's is resolved when defined).
    pub url: String,
    /// For links: whether an image stands inside it.
    pub has_image: bool,
    /// For links: whether anything else than text, code, emphasis or strong stands inside it.
    pub has_other: bool,
}

/// A run of plain text (adjacent text events merged), outside code, HTML and image alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRun {
    pub span: Range<usize>,
    /// The rendered text (entities decoded); equal to the source when `exact`.
    pub text: String,
    /// Whether `text` is the source slice, so that offsets within it are source offsets.
    pub exact: bool,
    /// The paragraph, heading or table cell it belongs to (a counter in document order).
    pub container: usize,
    /// Inside a link's text.
    pub in_link: bool,
    /// Inside a table cell.
    pub in_table: bool,
}

impl Document {
    /// The top-level inline nodes of the first paragraph in `span` (e.g. an entry's own
    /// content), with source spans.
    pub fn inlines(&self, span: &Range<usize>) -> Vec<Inline> {
        let base = span.start;
        let fragment = &self.source[span.clone()];
        let mut callback = |_: BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
        let parser =
            Parser::new_with_broken_link_callback(fragment, options(), Some(&mut callback));
        let mut out: Vec<Inline> = Vec::new();
        let mut depth = 0usize;
        let mut in_paragraph = false;
        let mut image_depth = 0usize;
        for (event, range) in parser.into_offset_iter() {
            let range = range.start + base..range.end + base;
            match &event {
                Event::Start(Tag::Paragraph) if !in_paragraph && out.is_empty() => {
                    in_paragraph = true;
                    continue;
                }
                Event::End(TagEnd::Paragraph) if in_paragraph && depth == 0 => break,
                _ => {}
            }
            if !in_paragraph {
                continue;
            }
            match event {
                Event::Start(tag) => {
                    if depth == 0 {
                        let (kind, url) = match &tag {
                            Tag::Link {
                                link_type,
                                dest_url,
                                id,
                                ..
                            } => match link_type {
                                LinkType::Reference
                                | LinkType::ReferenceUnknown
                                | LinkType::Collapsed
                                | LinkType::CollapsedUnknown
                                | LinkType::Shortcut
                                | LinkType::ShortcutUnknown => {
                                    (InlineKind::Reference, self.definition(id, dest_url))
                                }
                                _ => (InlineKind::Link, dest_url.to_string()),
                            },
                            Tag::Image { dest_url, .. } => {
                                (InlineKind::Image, dest_url.to_string())
                            }
                            Tag::Emphasis => (InlineKind::Emphasis, String::new()),
                            Tag::Strong => (InlineKind::Strong, String::new()),
                            Tag::Strikethrough => (InlineKind::Strikethrough, String::new()),
                            _ => (InlineKind::Html, String::new()),
                        };
                        out.push(Inline {
                            kind,
                            span: range,
                            text: String::new(),
                            url,
                            has_image: false,
                            has_other: false,
                        });
                    } else if let Some(last) = out.last_mut() {
                        match tag {
                            Tag::Image { .. } => last.has_image = true,
                            Tag::Emphasis | Tag::Strong => {}
                            _ => last.has_other = true,
                        }
                    }
                    if matches!(out.last().map(|i| i.kind), Some(InlineKind::Image))
                        || image_depth > 0
                    {
                        image_depth += 1;
                    }
                    depth += 1;
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    image_depth = image_depth.saturating_sub(1);
                }
                Event::Text(t) => push_text(&mut out, depth, InlineKind::Text, &t, range),
                Event::SoftBreak => push_text(&mut out, depth, InlineKind::Text, "\n", range),
                Event::Code(t) => push_text(&mut out, depth, InlineKind::Code, &t, range),
                Event::InlineHtml(t) | Event::Html(t) => {
                    if depth == 0 {
                        out.push(leaf(InlineKind::Html, range, String::new()));
                    } else if let Some(last) = out.last_mut() {
                        last.has_other = true;
                        let _ = t;
                    }
                }
                Event::HardBreak if depth == 0 => {
                    out.push(leaf(InlineKind::HardBreak, range, "\n".into()))
                }
                Event::FootnoteReference(_) if depth == 0 => {
                    out.push(leaf(InlineKind::FootnoteReference, range, String::new()))
                }
                _ => {}
            }
        }
        out
    }

    /// The URL of reference definition `label`, or `fallback` when not defined.
    fn definition(&self, label: &str, fallback: &str) -> String {
        let wanted = label.split_whitespace().collect::<Vec<_>>().join(" ");
        self.links
            .iter()
            .find(|l| {
                l.kind == super::LinkKind::Definition
                    && l.text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .eq_ignore_ascii_case(&wanted)
            })
            .map_or_else(|| fallback.to_string(), |l| self.url_of(l).to_string())
    }

    /// Every run of plain text in the document, in order.
    pub fn text_runs(&self) -> Vec<TextRun> {
        let base = if self.source.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let parser = Parser::new_ext(&self.source[base..], options());
        let mut out: Vec<TextRun> = Vec::new();
        let mut container = 0usize;
        let mut links = 0usize;
        let mut images = 0usize;
        let mut code_block = false;
        let mut table = false;
        let mut last_end = usize::MAX;
        for (event, range) in parser.into_offset_iter() {
            let range = range.start + base..range.end + base;
            match event {
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell) => {
                    container += 1;
                }
                Event::Start(Tag::Link { .. }) => links += 1,
                Event::End(TagEnd::Link) => links = links.saturating_sub(1),
                Event::Start(Tag::Image { .. }) => images += 1,
                Event::End(TagEnd::Image) => images = images.saturating_sub(1),
                Event::Start(Tag::Table(_)) => table = true,
                Event::End(TagEnd::Table) => table = false,
                Event::Start(Tag::CodeBlock(_)) => code_block = true,
                Event::End(TagEnd::CodeBlock) => code_block = false,
                Event::Text(t) if !code_block && images == 0 => {
                    let exact = self.source.get(range.clone()) == Some(t.as_ref());
                    let in_link = links > 0;
                    match out.last_mut() {
                        Some(run)
                            if last_end == range.start
                                && run.in_link == in_link
                                && run.container == container =>
                        {
                            run.text.push_str(&t);
                            run.exact &= exact;
                            run.span.end = range.end;
                        }
                        _ => out.push(TextRun {
                            span: range.clone(),
                            text: t.to_string(),
                            exact,
                            container,
                            in_link,
                            in_table: table,
                        }),
                    }
                    last_end = range.end;
                    continue;
                }
                _ => {}
            }
            last_end = usize::MAX;
        }
        out
    }
}

fn leaf(kind: InlineKind, span: Range<usize>, text: String) -> Inline {
    Inline {
        kind,
        span,
        text,
        url: String::new(),
        has_image: false,
        has_other: false,
    }
}

/// Text at the top level merges with the text before it; inside a node it adds to its text.
fn push_text(
    out: &mut Vec<Inline>,
    depth: usize,
    kind: InlineKind,
    text: &str,
    span: Range<usize>,
) {
    if depth > 0 {
        if let Some(last) = out.last_mut() {
            last.text.push_str(text);
        }
        return;
    }
    if kind == InlineKind::Text
        && let Some(last) = out.last_mut()
        && last.kind == InlineKind::Text
        && last.span.end == span.start
    {
        last.text.push_str(text);
        last.span.end = span.end;
        return;
    }
    out.push(leaf(kind, span, text.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlines_of_an_item() {
        let md = "# T\n\n- [Name](https://a.b) - Does `x` *well*.\n";
        let doc = Document::parse(md);
        let e = &doc.entries[0];
        let nodes = doc.inlines(&e.content);
        let kinds: Vec<_> = nodes.iter().map(|n| n.kind).collect();
        use InlineKind::*;
        assert_eq!(kinds, [Link, Text, Code, Text, Emphasis, Text]);
        assert_eq!(nodes[0].text, "Name");
        assert_eq!(nodes[0].url, "https://a.b");
        assert_eq!(nodes[1].text, " - Does ");
        assert_eq!(doc.text(&nodes[1].span), " - Does ");
        assert_eq!(nodes[4].text, "well");
    }

    #[test]
    fn references_resolve_to_their_definition() {
        let md = "- [Name][n] - Yes.\n- [Other][missing] - No.\n\n[n]: https://n.example\n";
        let doc = Document::parse(md);
        let first = doc.inlines(&doc.entries[0].content);
        assert_eq!(first[0].kind, InlineKind::Reference);
        assert_eq!(first[0].url, "https://n.example");
        let second = doc.inlines(&doc.entries[1].content);
        assert_eq!(second[0].kind, InlineKind::Reference);
    }

    #[test]
    fn text_runs_skip_code_and_alt_text_and_know_links() {
        let md = "# Title &amp; more\n\nSee [github](https://x.y) and `nodejs` ![osx](i.png).\n\n```\ngithub\n```\n";
        let doc = Document::parse(md);
        let runs = doc.text_runs();
        let runs: Vec<(&str, bool)> = runs.iter().map(|r| (r.text.as_str(), r.in_link)).collect();
        assert_eq!(
            runs,
            [
                ("Title & more", false),
                ("See ", false),
                ("github", true),
                (" and ", false),
                (" ", false),
                (".", false)
            ]
        );
    }
}
