//! Finding the table of contents: the first list whose entries are mostly in-document links
//! and that stands before the sections it points to. Its heading can be anything
//! (`Contents`, `Table of Contents`, `**What's in here:**`) or nothing.

use std::borrow::Cow;
use std::ops::Range;

use super::{Document, EntryKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toc {
    /// Index into `Document::lists` of the TOC's outermost list.
    pub list: usize,
    pub span: Range<usize>,
    /// Entries of the TOC, nested ones included.
    pub entries: Vec<usize>,
}

/// An in-document link target: `#x`, `./#x`, or `README.md#x`. Returns the raw fragment.
pub fn local_fragment(url: &str) -> Option<&str> {
    // memchr, not `split_once`: this runs for every link of the list, and most have no `#`.
    let hash = memchr::memchr(b'#', url.as_bytes())?;
    let (path, fragment) = (&url[..hash], &url[hash + 1..]);
    let path = path.strip_prefix("./").unwrap_or(path);
    let own_file = path.is_empty() || path.eq_ignore_ascii_case("readme.md");
    own_file.then_some(fragment)
}

pub(crate) fn detect(doc: &Document) -> Option<Toc> {
    let is_local =
        |link: usize| local_fragment(doc.url_of(&doc.links[link])).is_some_and(|f| !f.is_empty());
    let mut outer_end = 0;
    for (list_index, span) in doc.lists.iter().enumerate() {
        // Only outermost lists: a nested list is part of the one around it.
        if span.start < outer_end {
            continue;
        }
        outer_end = span.end;
        let entries: Vec<usize> = doc
            .entries_within(span)
            .filter(|&i| doc.entries[i].kind == EntryKind::ListItem)
            .collect();
        let with_links: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|&e| !doc.entries[e].links.is_empty())
            .collect();
        let local = with_links
            .iter()
            .filter(|&&e| is_local(doc.links_of(&doc.entries[e])[0]))
            .count();
        if local < 2 || local * 10 < with_links.len() * 6 {
            continue;
        }
        // It must come before what it indexes: at least one target heading lies below it.
        let targets_below = with_links.iter().any(|&e| {
            let url = doc.url_of(&doc.links[doc.links_of(&doc.entries[e])[0]]);
            local_fragment(url)
                .and_then(|f| doc.heading_by_slug(&percent_decode(f)))
                .is_some_and(|h| doc.headings[h].span.start >= span.end)
        });
        if !targets_below {
            continue;
        }
        return Some(Toc {
            list: list_index,
            span: span.clone(),
            entries,
        });
    }
    None
}

/// Decode `%XX` escapes (fragments are compared after percent-decoding).
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_fragments() {
        assert_eq!(local_fragment("#books"), Some("books"));
        assert_eq!(local_fragment("./#books"), Some("books"));
        assert_eq!(local_fragment("README.md#books"), Some("books"));
        assert_eq!(local_fragment("docs/x.md#books"), None);
        assert_eq!(local_fragment("https://x.y/#books"), None);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
