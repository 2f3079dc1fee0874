//! One walk over pulldown-cmark's offset events builds the whole `Document`.

use rustc_hash::FxHashSet;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::scan::{self, HtmlAttr};
use super::slug::Slugger;
use super::{
    BareUrl, Block, BlockKind, Comment, Conventions, Document, Entry, EntryKind, Heading,
    HtmlAnchor, LineIndex, Link, LinkKind,
};

/// The parser options of the model (GitHub's extensions); benches parse with the same.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

struct HeadingBuilder {
    level: u8,
    span: Range<usize>,
    text: String,
    text_span: Option<Range<usize>>,
}

struct ItemBuilder {
    entry: usize,
    /// Where a nested list starts: the item's own content ends there.
    own_end: Option<usize>,
    content_start: Option<usize>,
}

struct ParagraphBuilder {
    span: Range<usize>,
    /// `Some` once the paragraph turned out to start with a link.
    entry: Option<usize>,
    decided: bool,
    /// The paragraph opens with bold text: a title whose links may follow after a line break.
    bold_title: bool,
    saw_text: bool,
    saw_break: bool,
    /// Rendered text before the paragraph turned into an entry (its title line).
    text: String,
}

struct OpenLink {
    index: usize,
    has_image: bool,
    own_text: bool,
    /// Whether the rendered text is kept (in-document links only; see `Link::text`).
    keep_text: bool,
}

#[derive(Default)]
struct Walk<'s> {
    source: &'s str,
    headings: Vec<Heading>,
    entries: Vec<Entry>,
    links: Vec<Link>,
    entry_links: Vec<usize>,
    entry_years: Vec<u16>,
    urls: String,
    bare_urls: Vec<BareUrl>,
    html_anchors: Vec<HtmlAnchor>,
    comments: Vec<Comment>,
    blocks: Vec<Block>,
    lists: Vec<Range<usize>>,

    slugger: Slugger,
    heading_stack: Vec<usize>,
    current_heading: Option<usize>,
    heading: Option<HeadingBuilder>,
    items: Vec<ItemBuilder>,
    list_stack: Vec<usize>,
    paragraph: Option<ParagraphBuilder>,
    table_row: Option<usize>,
    in_table_head: bool,
    open_links: Vec<OpenLink>,
    image_depth: usize,
    code_block: bool,
    used_labels: FxHashSet<String>,
    pending_text: Option<Range<usize>>,
}

pub(crate) fn parse(source: String) -> Document {
    // The estimates can be far too high (64 MiB of `](` holds no link): capped, so that a
    // reservation never exceeds a few tens of megabytes; past the cap the vectors grow.
    let link_estimate = memchr::memmem::find_iter(source.as_bytes(), b"](").count();
    let (entry_estimate, heading_estimate) = line_estimates(&source);
    let mut walk = Walk {
        source: &source,
        entries: Vec::with_capacity(entry_estimate.min(RESERVE_CAP)),
        headings: Vec::with_capacity(heading_estimate.min(RESERVE_CAP)),
        links: Vec::with_capacity(link_estimate.min(RESERVE_CAP)),
        entry_links: Vec::with_capacity(link_estimate.min(RESERVE_CAP)),
        // Most destinations are a few dozen bytes.
        urls: String::with_capacity((32 * link_estimate).min(RESERVE_CAP * 32)),
        ..Walk::default()
    };
    // pulldown-cmark does not skip a UTF-8 BOM (GitHub does): parse after it and shift
    // every range back onto the full source.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    let parser = Parser::new_ext(&source[base..], options());
    // In source order (the parser keeps them in a hash map): sorted as small references
    // first, then copied out once.
    let mut by_start: Vec<_> = parser.reference_definitions().iter().collect();
    by_start.sort_unstable_by_key(|(_, def)| def.span.start);
    let definitions: Vec<(String, Range<usize>, Range<usize>)> = by_start
        .into_iter()
        .map(|(label, def)| {
            // `String::from`, not `to_string`, which goes through `Display` formatting.
            (
                String::from(label),
                walk.push_url(&[&def.dest]),
                shift(def.span.clone()),
            )
        })
        .collect();
    for (event, range) in parser.into_offset_iter() {
        walk.event(event, shift(range));
    }
    walk.flush_text();
    walk.finish_definitions(definitions);
    walk.finish_sections();

    let Walk {
        headings,
        entries,
        links,
        entry_links,
        entry_years,
        urls,
        bare_urls,
        html_anchors,
        comments,
        blocks,
        lists,
        slugger,
        ..
    } = walk;
    let line_index = LineIndex::new(&source);
    let mut doc = Document {
        source,
        line_index,
        headings,
        entries,
        links,
        entry_links,
        entry_years,
        urls,
        bare_urls,
        html_anchors,
        comments,
        blocks,
        lists,
        conventions: Conventions::default(),
        toc: None,
        anchors: slugger,
        html_anchor_names: Default::default(),
        heading_words: Default::default(),
    };
    doc.index_anchors();
    doc.toc = super::toc::detect(&doc);
    doc.conventions = Conventions::infer(&doc);
    doc
}

/// At most this many entries and links are reserved up front.
const RESERVE_CAP: usize = 1 << 18;

/// How many entries and headings the list may hold: its lines that start (after indentation
/// and quote marks) like a list item, a table row or a link, and those that start with `#`.
/// Entries, links and headings are the model's largest vectors; sizing them up front spares
/// the copies (and the page faults) of doubling them.
fn line_estimates(source: &str) -> (usize, usize) {
    let bytes = source.as_bytes();
    let (mut entries, mut headings) = (0, 0);
    for start in std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)) {
        let first = bytes[start..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'>'));
        match first {
            Some(b'-' | b'*' | b'+' | b'|' | b'[' | b'0'..=b'9') => entries += 1,
            Some(b'#') => headings += 1,
            _ => {}
        }
    }
    (entries, headings)
}

fn normalize_label(label: &str) -> String {
    // Lowercased word by word: a final sigma is final at a space as at the end.
    let mut out = String::with_capacity(label.len());
    for (n, word) in label.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        super::words::push_lowercase(&mut out, word);
    }
    out
}

/// Whether `normalize_label(label)` is `label` itself (lowercase ASCII words, one space
/// apart), as most labels are: then it need not be built.
fn is_normal_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last().is_some_and(|&b| b != b' ')
        && bytes
            .iter()
            .all(|&b| b.is_ascii_graphic() && !b.is_ascii_uppercase() || b == b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
}

impl<'s> Walk<'s> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Event::Text(_) = &event {
            if self.open_links.is_empty() && !self.code_block && self.heading.is_none() {
                self.push_text_run(range.clone());
            }
        } else {
            self.flush_text();
        }
        if !matches!(event, Event::End(TagEnd::Heading(_))) {
            self.note_heading_text(&range);
        }
        self.note_inline(&event, &range);
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, false),
            Event::Code(text) => self.text(&text, true),
            Event::SoftBreak | Event::HardBreak => self.text(" ", false),
            Event::Html(_) => {}
            Event::InlineHtml(_) => self.html(range, false),
            Event::Rule => self.block(BlockKind::ThematicBreak, range),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    /// Bookkeeping common to every inline event: paragraph classification and content starts.
    fn note_inline(&mut self, event: &Event<'_>, range: &Range<usize>) {
        if let Some(item) = self.items.last_mut()
            && item.content_start.is_none()
            && !matches!(event, Event::Start(Tag::Item))
        {
            item.content_start = Some(range.start);
        }
        let Some(p) = &mut self.paragraph else { return };
        if p.decided {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph)
            | Event::Start(Tag::Strong)
            | Event::Start(Tag::Emphasis) => {
                if matches!(event, Event::Start(Tag::Strong)) && p.span.start + 2 >= range.start {
                    p.bold_title = true;
                }
            }
            Event::Text(t) if t.trim().is_empty() => {}
            // A link first, or a bold title on a line of its own and then links
            // (`**Title** \ authors \ [[Paper](…)]`); not `**Note:** see [x](…)`.
            Event::Start(Tag::Link { .. }) => {
                p.decided = true;
                if !p.saw_text || p.saw_break {
                    self.paragraph_becomes_entry();
                }
            }
            Event::Text(_) | Event::Code(_) if p.bold_title => p.saw_text = true,
            Event::SoftBreak | Event::HardBreak if p.bold_title => p.saw_break = true,
            // `**Title**<br>` ends the title line as a line break does.
            Event::InlineHtml(html) if p.bold_title && is_line_break_tag(html) => {
                p.saw_break = true;
            }
            Event::End(TagEnd::Strong) | Event::End(TagEnd::Emphasis) if p.bold_title => {}
            _ => p.decided = true,
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some(HeadingBuilder {
                    level: level as u8,
                    span: range,
                    text: String::new(),
                    text_span: None,
                });
            }
            Tag::List(_) => {
                if let Some(item) = self.items.last_mut()
                    && item.own_end.is_none()
                {
                    item.own_end = Some(range.start);
                }
                if self.items.is_empty() {
                    self.block(BlockKind::List, range.clone());
                }
                self.list_stack.push(self.lists.len());
                self.lists.push(range);
            }
            Tag::Item => {
                let depth = self.items.len();
                let list = self.list_stack.last().copied();
                let entry = self.new_entry(EntryKind::ListItem, range, depth, list);
                self.items.push(ItemBuilder {
                    entry,
                    own_end: None,
                    content_start: None,
                });
            }
            Tag::Paragraph if self.items.is_empty() && self.table_row.is_none() => {
                self.paragraph = Some(ParagraphBuilder {
                    span: range,
                    entry: None,
                    decided: false,
                    bold_title: false,
                    saw_text: false,
                    saw_break: false,
                    text: String::new(),
                });
            }
            Tag::Table(_) if self.items.is_empty() => {
                self.block(BlockKind::Table, range);
            }
            Tag::TableHead => self.in_table_head = true,
            Tag::TableRow if !self.in_table_head => {
                let entry = self.new_entry(EntryKind::TableRow, range.clone(), 0, None);
                self.entries[entry].content = range;
                self.table_row = Some(entry);
            }
            Tag::CodeBlock(_) => {
                self.code_block = true;
                if self.items.is_empty() {
                    self.block(BlockKind::CodeBlock, range);
                }
            }
            Tag::HtmlBlock => {
                self.html(range.clone(), true);
                if self.items.is_empty() {
                    self.block(BlockKind::Html, range);
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let kind = match link_type {
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                if kind == LinkKind::Reference && !id.is_empty() {
                    self.used_labels.insert(normalize_label(&id));
                }
                let url = if link_type == LinkType::Email {
                    self.push_url(&["mailto:", &dest_url])
                } else {
                    self.push_url(&[&dest_url])
                };
                self.open_link(kind, url, range);
            }
            Tag::Image { dest_url, .. } => {
                if let Some(parent) = self.open_links.last_mut() {
                    parent.has_image = true;
                }
                self.image_depth += 1;
                let url = self.push_url(&[&dest_url]);
                self.open_link(LinkKind::Image, url, range);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(h) = self.heading.take() {
                    self.push_heading(h);
                }
            }
            TagEnd::List(_) => {
                self.list_stack.pop();
            }
            TagEnd::Item => {
                if let Some(item) = self.items.pop() {
                    let entry = &mut self.entries[item.entry];
                    let end = item.own_end.unwrap_or(entry.span.end);
                    let start = item.content_start.unwrap_or(end).min(end);
                    entry.content = trim_span(self.source, start..end);
                }
            }
            TagEnd::Paragraph => {
                if let Some(p) = self.paragraph.take() {
                    match p.entry {
                        Some(entry) => self.finish_paragraph_entry(entry),
                        None => self.block(BlockKind::Prose, p.span),
                    }
                }
            }
            TagEnd::TableHead => self.in_table_head = false,
            TagEnd::TableRow => self.table_row = None,
            TagEnd::CodeBlock => self.code_block = false,
            TagEnd::Link | TagEnd::Image => {
                if tag == TagEnd::Image {
                    self.image_depth = self.image_depth.saturating_sub(1);
                }
                if let Some(open) = self.open_links.pop() {
                    let link = &mut self.links[open.index];
                    link.image_only = open.has_image && !open.own_text;
                }
            }
            _ => {}
        }
    }

    fn paragraph_becomes_entry(&mut self) {
        let p = self.paragraph.as_ref().expect("called inside a paragraph");
        let span = p.span.clone();
        let title = p.text.clone();
        let entry = self.new_entry(EntryKind::Paragraph, span.clone(), 0, None);
        self.entries[entry].content = span;
        self.entries[entry].brackets_outside_links = brackets(&title);
        scan::years_into(&title, &mut self.entry_years);
        self.entries[entry].years.end = self.entry_years.len();
        self.paragraph.as_mut().expect("checked above").entry = Some(entry);
    }

    /// A link-led paragraph whose links are all badges is a badge row, not an entry.
    fn finish_paragraph_entry(&mut self, entry: usize) {
        let e = &self.entries[entry];
        let all_badges = self.entry_links[e.links.clone()]
            .iter()
            .all(|&l| self.links[l].image_only);
        if all_badges && entry + 1 == self.entries.len() {
            let span = e.span.clone();
            self.entry_links.truncate(e.links.start);
            self.entry_years.truncate(e.years.start);
            self.entries.pop();
            // Only the most recent links and URLs can belong to the paragraph.
            for link in self
                .links
                .iter_mut()
                .rev()
                .take_while(|l| l.span.start >= span.start)
            {
                if link.entry == Some(entry) {
                    link.entry = None;
                }
            }
            for url in self
                .bare_urls
                .iter_mut()
                .rev()
                .take_while(|u| u.span.start >= span.start)
            {
                if url.entry == Some(entry) {
                    url.entry = None;
                }
            }
            self.block(BlockKind::Prose, span);
        }
    }

    fn new_entry(
        &mut self,
        kind: EntryKind,
        span: Range<usize>,
        depth: usize,
        list: Option<usize>,
    ) -> usize {
        self.entries.push(Entry {
            kind,
            content: span.start..span.start,
            span,
            depth,
            section: self.current_heading,
            links: self.entry_links.len()..self.entry_links.len(),
            brackets_outside_links: (0, 0),
            years: self.entry_years.len()..self.entry_years.len(),
            list,
        });
        self.entries.len() - 1
    }

    /// The entry that inline content belongs to right now, if any.
    fn current_entry(&self) -> Option<usize> {
        if let Some(row) = self.table_row {
            return Some(row);
        }
        if let Some(item) = self.items.last() {
            return item.own_end.is_none().then_some(item.entry);
        }
        self.paragraph.as_ref().and_then(|p| p.entry)
    }

    /// Appends a destination, written in `parts`, to `urls`: where it is there.
    fn push_url(&mut self, parts: &[&str]) -> Range<usize> {
        let start = self.urls.len();
        for part in parts {
            self.urls.push_str(part);
        }
        start..self.urls.len()
    }

    /// A link found where the walk is now: in the current section, and in the heading being
    /// read, if any.
    fn link_here(
        &self,
        kind: LinkKind,
        url: Range<usize>,
        span: Range<usize>,
        entry: Option<usize>,
        nested: bool,
    ) -> Link {
        Link {
            kind,
            url,
            text: String::new(),
            span,
            section: self.current_heading,
            entry,
            heading: self.heading.as_ref().map(|_| self.headings.len()),
            nested,
            image_only: false,
            used: false,
        }
    }

    fn open_link(&mut self, kind: LinkKind, url: Range<usize>, span: Range<usize>) {
        let nested = !self.open_links.is_empty();
        let entry = self.current_entry();
        let index = self.links.len();
        self.links
            .push(self.link_here(kind, url, span, entry, nested));
        if let Some(e) = entry
            && !nested
            && kind != LinkKind::Image
        {
            // Inline content only ever belongs to the newest entry, so each entry's links
            // are one run at the end of `entry_links`.
            debug_assert_eq!(e + 1, self.entries.len());
            debug_assert_eq!(self.entries[e].links.end, self.entry_links.len());
            self.entry_links.push(index);
            self.entries[e].links.end = self.entry_links.len();
        }
        let keep_text =
            super::toc::local_fragment(&self.urls[self.links[index].url.clone()]).is_some();
        self.open_links.push(OpenLink {
            index,
            has_image: false,
            own_text: false,
            keep_text,
        });
    }

    fn text(&mut self, text: &str, code: bool) {
        if let Some(h) = &mut self.heading {
            if self.image_depth == 0 {
                h.text.push_str(text);
            }
            return;
        }
        if let Some(open) = self.open_links.last_mut() {
            if open.keep_text {
                self.links[open.index].text.push_str(text);
            }
            if !text.trim().is_empty() && self.links[open.index].kind != LinkKind::Image {
                open.own_text = true;
            }
        }
        if let Some(p) = &mut self.paragraph
            && !p.decided
        {
            p.text.push_str(text);
        }
        if let Some(e) = self.current_entry() {
            let entry = &mut self.entries[e];
            if self.image_depth == 0 {
                // Text arrives in pieces split at markup, never inside a run of digits,
                // so years can be read piece by piece without keeping the text.
                debug_assert_eq!(entry.years.end, self.entry_years.len());
                scan::years_into(text, &mut self.entry_years);
                entry.years.end = self.entry_years.len();
                if self.open_links.is_empty() && !code {
                    let (open, close) = brackets(text);
                    entry.brackets_outside_links.0 += open;
                    entry.brackets_outside_links.1 += close;
                }
            }
        }
    }

    fn push_text_run(&mut self, range: Range<usize>) {
        match &mut self.pending_text {
            Some(run) if run.end == range.start => run.end = range.end,
            _ => {
                self.flush_text();
                self.pending_text = Some(range);
            }
        }
    }

    fn flush_text(&mut self) {
        let Some(run) = self.pending_text.take() else {
            return;
        };
        let text = &self.source[run.clone()];
        // Most text holds no URL: looked for from the rare `:`, without a substring searcher.
        let bytes = text.as_bytes();
        if !memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//")) {
            return;
        }
        for r in scan::bare_urls(text) {
            let span = run.start + r.start..run.start + r.end;
            self.bare_urls.push(BareUrl {
                span,
                section: self.current_heading,
                entry: self.current_entry(),
            });
        }
    }

    /// HTML: links (`href`, `src`), anchors (`id`, `name`) and comments.
    fn html(&mut self, range: Range<usize>, block: bool) {
        let html = &self.source[range.clone()];
        if html.contains("<!--") {
            let mut at = 0;
            while let Some(open) = html[at..].find("<!--") {
                let start = at + open;
                // An unterminated comment runs to the end of the HTML; its text has no `-->`
                // to cut off (cutting three bytes anyway could split a character).
                let (text_end, end) = html[start..]
                    .find("-->")
                    .map_or((html.len(), html.len()), |e| (start + e, start + e + 3));
                self.comments.push(Comment {
                    text: html[(start + 4).min(text_end)..text_end].trim().to_string(),
                    span: range.start + start..range.start + end,
                });
                at = end;
            }
        }
        let entry = if block { None } else { self.current_entry() };
        for (attr, r) in scan::html_attrs(html) {
            let span = range.start + r.start..range.start + r.end;
            // Attributes inside a comment are commented out.
            if self
                .comments
                .iter()
                .rev()
                .take(4)
                .any(|c| c.span.start <= span.start && span.end <= c.span.end)
            {
                continue;
            }
            match attr {
                HtmlAttr::Url(url) => {
                    let url = self.push_url(&[&url]);
                    let link = self.link_here(LinkKind::Html, url, span, entry, false);
                    self.links.push(link);
                }
                HtmlAttr::Anchor(name) => self.html_anchors.push(HtmlAnchor { name, span }),
            }
        }
    }

    fn block(&mut self, kind: BlockKind, span: Range<usize>) {
        self.blocks.push(Block {
            kind,
            span,
            section: self.current_heading,
        });
    }

    fn push_heading(&mut self, h: HeadingBuilder) {
        while let Some(&top) = self.heading_stack.last() {
            if self.headings[top].level >= h.level {
                self.heading_stack.pop();
            } else {
                break;
            }
        }
        let parent = self.heading_stack.last().copied();
        let index = self.headings.len();
        let (slug, base) = self.slugger.slug(&h.text);
        let text_span = h.text_span.unwrap_or(h.span.start..h.span.start);
        // The anchor is made from the untrimmed text, where each space around the text
        // became a `-`; `text_slug` is the trimmed text's part of it.
        let trimmed = h.text.trim();
        let spaces = |s: &str| s.bytes().filter(|&b| b == b' ').count();
        let lead = spaces(&h.text[..h.text.len() - h.text.trim_start().len()]);
        let trail = spaces(&h.text[h.text.trim_end().len()..]);
        let text_slug = lead.min(base)..base.saturating_sub(trail).max(lead.min(base));
        let text = if trimmed.len() == h.text.len() {
            h.text
        } else {
            trimmed.to_string()
        };
        self.headings.push(Heading {
            level: h.level,
            text,
            slug,
            text_slug,
            section_span: h.span.clone(),
            span: h.span,
            text_span,
            parent,
            children: Vec::new(),
        });
        if let Some(p) = parent {
            self.headings[p].children.push(index);
        }
        self.heading_stack.push(index);
        self.current_heading = Some(index);
    }

    fn finish_definitions(&mut self, definitions: Vec<(String, Range<usize>, Range<usize>)>) {
        for (label, url, span) in definitions {
            let used = if is_normal_label(&label) {
                self.used_labels.contains(label.as_str())
            } else {
                self.used_labels.contains(&normalize_label(&label))
            };
            // Headings are in source order: the last one at or before the definition.
            let section = self
                .headings
                .partition_point(|h| h.span.start <= span.start)
                .checked_sub(1);
            self.links.push(Link {
                kind: LinkKind::Definition,
                url,
                text: label,
                span,
                section,
                entry: None,
                heading: None,
                nested: false,
                image_only: false,
                used,
            });
        }
    }

    fn finish_sections(&mut self) {
        let len = self.source.len();
        for i in 0..self.headings.len() {
            let level = self.headings[i].level;
            let end = self.headings[i + 1..]
                .iter()
                .find(|h| h.level <= level)
                .map_or(len, |h| h.span.start);
            self.headings[i].section_span = self.headings[i].span.start..end;
        }
    }
}

/// Heading text spans are recorded from the inline events inside the heading.
impl Walk<'_> {
    fn note_heading_text(&mut self, range: &Range<usize>) {
        if let Some(h) = &mut self.heading {
            let span = h.text_span.get_or_insert(range.clone());
            span.start = span.start.min(range.start);
            span.end = span.end.max(range.end);
        }
    }
}

/// `<br>`, `<br/>`, `<br />`, in any case.
fn is_line_break_tag(html: &str) -> bool {
    let tag = html.trim();
    tag.len() <= 6
        && tag.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br"))
        && tag.ends_with('>')
        && tag[3..tag.len() - 1]
            .trim()
            .trim_end_matches('/')
            .is_empty()
}

/// Counts of `[` and `]` in `text`.
fn brackets(text: &str) -> (usize, usize) {
    text.bytes().fold((0, 0), |(open, close), b| match b {
        b'[' => (open + 1, close),
        b']' => (open, close + 1),
        _ => (open, close),
    })
}

fn trim_span(source: &str, span: Range<usize>) -> Range<usize> {
    let text = &source[span.clone()];
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.end - (text.len() - text.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// A label taken as normal is its own normal form.
        #[test]
        fn a_normal_label_normalizes_to_itself(label in "[a-cA-C1 \\t\\n\u{3a3}\u{e9}\u{a0}_-]{0,8}") {
            if is_normal_label(&label) {
                proptest::prop_assert_eq!(normalize_label(&label), label);
            }
        }
    }

    #[test]
    fn normal_labels() {
        for label in ["ref-1", "a b", "x_y", "1"] {
            assert!(is_normal_label(label), "{label}");
        }
        for label in ["", " a", "a ", "a  b", "A", "a\tb", "é", "a\u{a0}b"] {
            assert!(!is_normal_label(label), "{label:?}");
        }
    }
}
