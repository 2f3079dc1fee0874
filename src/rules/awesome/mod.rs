//! The `awesome` preset: the checks of the official awesome guidelines, as
//! sindresorhus/awesome-lint makes them, each a rule of its own. Where that tool has a known
//! bug or loophole these rules do the right thing; README's "Migrating from
//! sindresorhus/awesome-lint" lists every difference.

pub mod badge;
pub mod bullet_indent;
pub mod code_of_conduct;
pub mod contents;
pub mod contributing;
pub mod double_link;
pub mod emphasis_heading;
pub mod github;
pub mod heading;
pub mod license;
pub mod list_item;
pub mod markdown;
pub mod no_ci_badge;
pub mod punctuation;
pub mod repeat_item;
pub mod spell_check;
pub mod undefined_references;

use crate::document::{BlockKind, Document, EntryKind};

/// The main heading: the first depth-1 heading, if any.
pub(crate) fn main_heading(doc: &Document) -> Option<usize> {
    doc.headings.iter().position(|h| h.level == 1)
}

/// Whether the document opens with an HTML header that stands in for the main heading: an
/// `<h1>`…`<h6>`, or a centred block with an image.
pub(crate) fn html_header(doc: &Document) -> bool {
    let Some(first) = doc.blocks.iter().find(|b| !is_comment(doc, b)) else {
        return false;
    };
    if first.kind != BlockKind::Html {
        return false;
    }
    let html = doc.text(&first.span).to_ascii_lowercase();
    let heading_tag =
        (1..=6).any(|n| html.contains(&format!("<h{n}>")) || html.contains(&format!("<h{n} ")));
    let centred = html.contains("align=\"center\"") || html.contains("align='center'");
    heading_tag || (centred && html.contains("<img"))
}

fn is_comment(doc: &Document, b: &crate::document::Block) -> bool {
    b.kind == BlockKind::Html && {
        let t = doc.text(&b.span).trim();
        t.starts_with("<!--") && t.ends_with("-->")
    }
}

/// The list items the list-item rules judge: every item after the table of contents (the
/// contents and whatever stands above them are the list's header).
pub(crate) fn judged_items(doc: &Document) -> impl Iterator<Item = usize> + '_ {
    let contents = doc
        .headings
        .iter()
        .find(|h| h.level == 2 && h.text.trim() == "Contents")
        .map(|h| h.section_span.end);
    let after = contents
        .or(doc.toc.as_ref().map(|t| t.span.end))
        .unwrap_or(0);
    doc.entries
        .iter()
        .enumerate()
        .filter(move |(_, e)| e.kind == EntryKind::ListItem && e.span.start >= after)
        .map(|(i, _)| i)
}
