//! Does a fixed text parse to the same list? A fix may change what it means to change (a
//! separator, an anchor, a redirected URL) and, when unsafe, delete what it means to delete
//! (an entry's lines, a heading's line); nothing else of the structure may move.
//!
//! Compared, before and after: the headings (level and text) and the entries (kind and
//! depth), less those inside a deletion; whether there is a table of contents; and the
//! multiset of link URLs (every link, image, HTML `href`/`src`, reference definition and bare
//! URL). The URLs away from every edit must all still be there; their number may only drop by
//! the URLs inside deletions; and a URL that was not there before must carry the text an edit
//! put in (a redirect target, a corrected anchor). Whole lines an edit inserts (a table of
//! contents' missing entry) may add entries and URLs, and nothing else: the entries and URLs
//! of the fixed text that stand inside such lines are left out of the comparison.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Edit;
use crate::document::{Document, EntryKind};

use super::engine::conflict;

/// Why a fixed text was refused (for tests and debugging).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    Headings,
    Entries,
    Toc,
    UrlLost(String),
    UrlCount { expected: usize, found: usize },
    UrlNew(String),
}

/// Inside an edit that deletes (replaces with nothing); whitespace at the end of `span`
/// (a list item's trailing blank line) need not be.
fn deleted(edits: &[Edit], source: &str, span: &Range<usize>) -> bool {
    let trimmed = source
        .get(span.clone())
        .map_or(0, |t| t.len() - t.trim_end().len());
    let span = &(span.start..span.end - trimmed);
    edits.iter().any(|e| {
        e.replacement.is_empty()
            && !e.span.is_empty()
            && e.span.start <= span.start
            && span.end <= e.span.end
    })
}

/// Where the whole lines that `edits` insert stand in the fixed text: pure insertions at a
/// line start whose text ends with a line break.
fn inserted_lines(before: &str, edits: &[Edit]) -> Vec<Range<usize>> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut shift: isize = 0;
    let mut out = Vec::new();
    for e in edits {
        let at = (e.span.start as isize + shift) as usize;
        let line_start = e.span.start == 0 || before.as_bytes()[e.span.start - 1] == b'\n';
        if e.span.is_empty() && line_start && e.replacement.ends_with('\n') {
            out.push(at..at + e.replacement.len());
        }
        shift += e.replacement.len() as isize - e.span.len() as isize;
    }
    out
}

fn urls(doc: &Document) -> Vec<(&str, &Range<usize>)> {
    doc.links
        .iter()
        .map(|l| (doc.url_of(l).trim(), &l.span))
        .chain(doc.bare_urls.iter().map(|u| (doc.text(&u.span), &u.span)))
        .collect()
}

/// Whether `after` (`before` with `edits` applied) is the same list; only `removals` (unsafe
/// fixes' edits) may delete what they cover.
pub fn same_structure(
    before: &Document,
    edits: &[Edit],
    removals: &[Edit],
    after: &Document,
) -> Result<(), Difference> {
    let headings = |doc: &Document, skip: &dyn Fn(&Range<usize>) -> bool| -> Vec<(u8, String)> {
        doc.headings
            .iter()
            .filter(|h| !skip(&h.span))
            .map(|h| (h.level, h.text.clone()))
            .collect()
    };
    if headings(before, &|s| deleted(removals, &before.source, s)) != headings(after, &|_| false) {
        return Err(Difference::Headings);
    }
    let inserted = inserted_lines(&before.source, edits);
    let added = |span: &Range<usize>| {
        inserted
            .iter()
            .any(|lines| lines.start <= span.start && span.end <= lines.end)
    };
    let entries =
        |doc: &Document, skip: &dyn Fn(&Range<usize>) -> bool| -> Vec<(EntryKind, usize)> {
            doc.entries
                .iter()
                .filter(|e| !skip(&e.span))
                .map(|e| (e.kind, e.depth))
                .collect()
        };
    // An entry inserted last in its list runs over the blank line after it: its start counts.
    if entries(before, &|s| deleted(removals, &before.source, s))
        != entries(after, &|s| {
            inserted.iter().any(|lines| lines.contains(&s.start))
        })
    {
        return Err(Difference::Entries);
    }
    if before.toc.is_some() != after.toc.is_some() {
        return Err(Difference::Toc);
    }

    let old = urls(before);
    let removed = old
        .iter()
        .filter(|(_, s)| deleted(removals, &before.source, s))
        .count();
    let mut found: HashMap<&str, usize> = HashMap::new();
    for (url, span) in urls(after) {
        if !added(span) {
            *found.entry(url).or_default() += 1;
        }
    }
    let total: usize = found.values().sum();
    if total != old.len() - removed {
        return Err(Difference::UrlCount {
            expected: old.len() - removed,
            found: total,
        });
    }
    // The URLs no edit touched are all there; what is left over is new or was touched.
    let mut touched: HashMap<&str, usize> = HashMap::new();
    for (url, span) in &old {
        if deleted(removals, &before.source, span) {
            continue;
        }
        if edits.iter().any(|e| conflict(&e.span, span)) {
            *touched.entry(url).or_default() += 1;
            continue;
        }
        match found.get_mut(url) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(Difference::UrlLost(url.to_string())),
        }
    }
    for (url, n) in found {
        let was = touched.get(url).copied().unwrap_or(0);
        if n > was
            && !edits
                .iter()
                .any(|e| !e.replacement.is_empty() && url.contains(e.replacement.trim()))
        {
            return Err(Difference::UrlNew(url.to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(before: &str, edits: &[Edit]) -> Result<(), Difference> {
        let after = super::super::engine::apply_edits(before, edits);
        same_structure(
            &Document::parse(before),
            edits,
            edits,
            &Document::parse(after),
        )
    }

    fn edit(source: &str, old: &str, new: &str) -> Edit {
        let start = source.find(old).expect("old text in source");
        Edit {
            span: start..start + old.len(),
            replacement: new.to_string().into(),
        }
    }

    const LIST: &str = "# T\n\n## A\n\n- [a](https://a.example) - x.\n- [b](https://b.example) - y.\n\n## B\n\n- [c](https://c.example)\n";

    #[test]
    fn a_text_edit_keeps_the_structure() {
        assert_eq!(check(LIST, &[edit(LIST, " - x.", " — x.")]), Ok(()));
    }

    #[test]
    fn a_replaced_url_must_carry_the_replacement() {
        assert_eq!(
            check(
                LIST,
                &[edit(LIST, "https://a.example", "https://new.example")]
            ),
            Ok(())
        );
        // A replacement that breaks the link out of its brackets gives another URL.
        assert!(
            check(
                LIST,
                &[edit(LIST, "https://a.example", "https://n.example) (x")]
            )
            .is_err()
        );
    }

    #[test]
    fn lost_entries_headings_and_urls_are_refused() {
        assert_eq!(
            check(LIST, &[edit(LIST, "- [b]", "[b]")]),
            Err(Difference::Entries)
        );
        assert_eq!(
            check(LIST, &[edit(LIST, "## B", "B")]),
            Err(Difference::Headings)
        );
        assert!(matches!(
            check(LIST, &[edit(LIST, "[a](https://a.example)", "a")]),
            Err(Difference::UrlCount { .. })
        ));
    }

    #[test]
    fn inserted_lines_may_add_entries_and_nothing_else() {
        let toc = "# T\n\n- [A](#a)\n- [C](#c)\n\n## A\n## B\n## C\n";
        let at = toc.find("- [C]").unwrap();
        let insert = |text: &str| Edit {
            span: at..at,
            replacement: text.to_string().into(),
        };
        assert_eq!(check(toc, &[insert("- [B](#b)\n")]), Ok(()));
        // Not a whole line: it changes the entry it lands in.
        assert!(check(toc, &[insert("[B](#b) ")]).is_err());
        // A heading is not an entry.
        assert_eq!(check(toc, &[insert("## B\n")]), Err(Difference::Headings));
        // An entry broken elsewhere is still caught beside an insertion.
        let broken = edit(toc, "- [A]", "[A]");
        assert_eq!(
            check(toc, &[insert("- [B](#b)\n"), broken]),
            Err(Difference::Entries)
        );
    }

    #[test]
    fn deletions_may_remove_what_they_cover() {
        assert_eq!(
            check(LIST, &[edit(LIST, "- [b](https://b.example) - y.\n", "")]),
            Ok(())
        );
        assert_eq!(check(LIST, &[edit(LIST, "## B\n\n", "")]), Ok(()));
        // A deletion that cuts an entry in half is not a deletion of the entry.
        assert!(check(LIST, &[edit(LIST, "- [b](https://b.ex", "")]).is_err());
    }
}
