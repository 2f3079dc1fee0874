//! Source text → `Document`: headings, sections, entries, links, with exact byte spans.
//!
//! The document knows nothing of rules, links checking or reports. It parses once and
//! answers the questions every rule asks: where the headings are and how they nest,
//! which entries each section holds, what links an entry carries and what stands
//! between them, and which conventions the list itself follows.

mod by_hash;
pub mod conventions;
pub mod inline;
pub mod line_index;
mod parse;
pub mod scan;
pub mod slug;
pub mod toc;
pub mod words;

use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::OnceLock;

pub use conventions::Conventions;
pub use line_index::{LineIndex, Position};
pub use parse::options as parser_options;
pub use toc::Toc;
pub use words::{TitleWords, WordIndex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// Rendered text, as GitHub uses it for the anchor (no image alt text, no HTML tags).
    pub text: String,
    /// GitHub's anchor, de-duplicated in document order: where it is among the anchors the
    /// document handed out (read it with `Document::slug_of`).
    pub slug: Range<usize>,
    /// Where the anchor holds `slugify(text)`: the anchor without a repeat's `-1` and without
    /// the `-` of spaces around the text, read with `Document::text_slug_of`.
    pub text_slug: Range<usize>,
    /// The heading line(s) in the source.
    pub span: Range<usize>,
    /// The heading text's source, without `#` markers and trailing `#`s.
    pub text_span: Range<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// From the heading to the next heading of the same or a higher level.
    pub section_span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    ListItem,
    /// A paragraph outside any list that starts with a link.
    Paragraph,
    TableRow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    /// The whole entry, including nested sub-entries of a list item.
    pub span: Range<usize>,
    /// The entry's own content: after the list marker, before any nested list, trimmed.
    pub content: Range<usize>,
    /// 0 for a top-level list item; 1 for an item nested in another, and so on.
    pub depth: usize,
    /// Index of the innermost heading above the entry.
    pub section: Option<usize>,
    /// Where the entry's links are in `Document::entry_links` (read them with
    /// `Document::links_of`): the links in its own content, outermost only (an image inside a
    /// link is not one), in order. One shared vector, as every entry's links are pushed
    /// before the next entry starts: a vector per entry cost an allocation and a free each.
    pub links: Range<usize>,
    /// `[` and `]` in the own content's text outside links and code spans: the brackets
    /// that group links (`[[Paper](…)]`), which must balance.
    pub brackets_outside_links: (usize, usize),
    /// Where the entry's years are in `Document::entry_years` (read them with
    /// `Document::years_of`), as `links`: the years (1900–2099) in the rendered text of the
    /// own content, link texts and code spans included, URLs and image alt texts excluded.
    pub years: Range<usize>,
    /// Index of the list (in document order) the item belongs to; `None` for paragraphs and rows.
    pub list: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Inline,
    /// `[text][ref]`, `[text][]`, `[ref]`.
    Reference,
    /// `<https://…>`.
    Autolink,
    Image,
    /// `href`/`src` in an HTML block or inline HTML.
    Html,
    /// A reference definition `[ref]: url` (its uses appear as `Reference` links too).
    Definition,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// Where the destination is in `Document::urls` (read it with `Document::url_of`): as
    /// written, unescaped. One string holds every link's, as a string per link cost an
    /// allocation and a free each.
    pub url: Range<usize>,
    /// Rendered link text, kept for in-document links (`#x`, `./#x`, `README.md#x`), which
    /// the TOC rules compare with headings; empty for other links, whose text is only ever
    /// shown as part of `span` (rendering it for every link cost a tenth of the parse).
    /// For a definition, its label.
    pub text: String,
    /// The whole link in the source, e.g. `[text](url)`.
    pub span: Range<usize>,
    pub section: Option<usize>,
    pub entry: Option<usize>,
    /// The heading this link sits in, if any.
    pub heading: Option<usize>,
    /// An image inside a link (a badge), or a link inside an image's alt text.
    pub nested: bool,
    /// The link's visible content is only an image (a badge or logo).
    pub image_only: bool,
    /// For a definition: whether any reference link uses it.
    pub used: bool,
}

/// A URL written as plain text, outside any link, code span, code block or HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BareUrl {
    /// The URL as written (read it with `Document::text`).
    pub span: Range<usize>,
    pub section: Option<usize>,
    pub entry: Option<usize>,
}

/// `id="…"` or `name="…"` in HTML: a target for `#fragment` links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlAnchor {
    pub name: String,
    pub span: Range<usize>,
}

/// An HTML comment; kept for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Range<usize>,
}

/// A block-level piece of a section that is not an entry: used to tell prose from emptiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph that is not an entry.
    Prose,
    ThematicBreak,
    CodeBlock,
    Html,
    /// A list (its items are entries).
    List,
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    pub section: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub source: String,
    pub line_index: LineIndex,
    pub headings: Vec<Heading>,
    pub entries: Vec<Entry>,
    pub links: Vec<Link>,
    /// Every entry's links (indices into `links`), entry after entry; see `Entry::links`.
    pub entry_links: Vec<usize>,
    /// Every entry's years, entry after entry; see `Entry::years`.
    pub entry_years: Vec<u16>,
    /// Every link's destination, back to back; see `Link::url`.
    pub urls: String,
    pub bare_urls: Vec<BareUrl>,
    pub html_anchors: Vec<HtmlAnchor>,
    pub comments: Vec<Comment>,
    /// Top-level blocks (and lists) in order, with their sections.
    pub blocks: Vec<Block>,
    /// Spans of every list, in document order (nested lists included).
    pub lists: Vec<Range<usize>>,
    pub conventions: Conventions,
    /// The table of contents, if the list has one.
    pub toc: Option<Toc>,
    /// The slugger that handed out the headings' anchors, one per heading in order: it
    /// finds the heading of an anchor.
    anchors: slug::Slugger,
    /// Lowercased HTML `id`/`name` anchors.
    html_anchor_names: FxHashSet<String>,
    /// The headings by word, with their title words, built on first use (by lists with a
    /// broken anchor or a table of contents).
    heading_words: OnceLock<WordIndex>,
}

impl Document {
    pub fn parse(source: impl Into<String>) -> Document {
        parse::parse(source.into())
    }

    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(&self.source, offset)
    }

    pub fn end_position(&self, span: &Range<usize>) -> Position {
        self.line_index.end_position(&self.source, span)
    }

    pub fn text(&self, span: &Range<usize>) -> &str {
        &self.source[span.clone()]
    }

    /// `link`'s destination.
    pub fn url_of(&self, link: &Link) -> &str {
        &self.urls[link.url.clone()]
    }

    /// `heading`'s anchor (GitHub's, de-duplicated).
    pub fn slug_of(&self, heading: &Heading) -> &str {
        self.anchors.get(heading.slug.clone())
    }

    /// `slugify(text)` of `heading`, read from its anchor rather than computed again: what
    /// the rules compare headings by.
    pub fn text_slug_of(&self, heading: &Heading) -> &str {
        &self.slug_of(heading)[heading.text_slug.clone()]
    }

    /// The links of `entry`'s own content (indices into `links`), in order.
    pub fn links_of(&self, entry: &Entry) -> &[usize] {
        &self.entry_links[entry.links.clone()]
    }

    /// The years in `entry`'s own content, in order.
    pub fn years_of(&self, entry: &Entry) -> &[u16] {
        &self.entry_years[entry.years.clone()]
    }

    /// Indices of the entries that start inside `span` (entries are in source order).
    pub fn entries_within(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.entries.partition_point(|e| e.span.start < span.start);
        let end = self.entries.partition_point(|e| e.span.start < span.end);
        start..end.max(start)
    }

    /// Whether the section of `heading` (its subsections included) holds any entry.
    pub fn section_has_entries(&self, heading: usize) -> bool {
        !self
            .entries_within(&self.headings[heading].section_span)
            .is_empty()
    }

    /// The empty span where the text starts, after a BOM: where findings about the whole file
    /// point, so that they sort alike with and without one.
    pub fn start(&self) -> std::ops::Range<usize> {
        let at = if self.source.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        at..at
    }

    /// Whether `fragment` (without `#`, already percent-decoded) names a target in this document.
    /// Matching ignores case: GitHub's anchors are lowercase and it forgives `#Books`.
    pub fn has_anchor(&self, fragment: &str) -> bool {
        let lower = lowercase(fragment);
        self.heading_with_slug(&lower).is_some()
            || self.html_anchor_names.contains(lower.as_ref())
            || lower == "top"
            || is_line_anchor(fragment)
    }

    /// The heading whose slug is `fragment`, if any.
    pub fn heading_by_slug(&self, fragment: &str) -> Option<usize> {
        self.heading_with_slug(&lowercase(fragment))
    }

    /// The heading whose slug is `slug` exactly.
    fn heading_with_slug(&self, slug: &str) -> Option<usize> {
        self.anchors.find(slug)
    }

    /// The headings' words, indexed.
    pub fn heading_words(&self) -> &WordIndex {
        self.heading_words
            .get_or_init(|| WordIndex::new(self.headings.iter().map(|h| h.text.as_str())))
    }

    pub(crate) fn index_anchors(&mut self) {
        self.html_anchor_names = self
            .html_anchors
            .iter()
            .map(|a| a.name.to_lowercase())
            .collect();
    }
}

/// GitHub's line links: `#L10`, `#L10-L20`.
fn is_line_anchor(fragment: &str) -> bool {
    let mut parts = fragment.splitn(2, '-');
    let is_line =
        |p: &str| p.len() > 1 && p.starts_with('L') && p[1..].bytes().all(|b| b.is_ascii_digit());
    parts.next().is_some_and(is_line) && parts.next().is_none_or(is_line)
}

/// `text.to_lowercase()`, borrowed when it is lowercase already (most anchors are).
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

#[cfg(test)]
mod tests;
