use std::ops::Range;

use rustc_hash::FxHashMap;

use super::edits::whole_lines;
use super::options::{DuplicateScope, OptionDoc};
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::conventions::is_styled_entry;
use crate::document::words::{push_lowercase, raw_words};
use crate::document::{BlockKind, Document, EntryKind};

/// The same resource listed by two entries.
pub struct DuplicateLink;

/// The identity of a URL for duplicate detection: scheme, `www.`, a default port, a
/// trailing slash and `utm_*` tracking parameters ignored; the fragment kept (`#a` and `#b`
/// are two targets). Plain string work: this runs for every entry of the list.
#[cfg(test)]
fn normalize(raw: &str) -> Option<String> {
    let mut out = String::new();
    normalize_into(raw, &mut out).then_some(out)
}

/// `normalize` into a reused buffer; false (buffer unspecified) when `raw` is not http(s).
fn normalize_into(raw: &str, out: &mut String) -> bool {
    out.clear();
    let raw = raw.trim();
    let Some(rest) = strip_prefix_ignore_case(raw, "https://")
        .or_else(|| strip_prefix_ignore_case(raw, "http://"))
    else {
        return false;
    };
    let (rest, fragment) = match split_at_byte(rest, b'#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (rest, query) = match split_at_byte(rest, b'?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, path) =
        memchr::memchr(b'/', rest.as_bytes()).map_or((rest, ""), |i| rest.split_at(i));
    let host =
        memchr::memrchr(b'@', authority.as_bytes()).map_or(authority, |i| &authority[i + 1..]);
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("WWW."))
        .unwrap_or(host);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    if host.is_empty() {
        return false;
    }
    out.push_str(host);
    out.make_ascii_lowercase();
    out.push_str(path.trim_end_matches('/'));
    if let Some(query) = query {
        let mut first = true;
        for pair in query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
        {
            out.push(if first { '?' } else { '&' });
            out.push_str(pair);
            first = false;
        }
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    true
}

/// `s.split_once(b)` for an ASCII byte, with memchr: this runs for every link of the list,
/// and `str::split_once`'s char searcher costs more on these short strings.
fn split_at_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = memchr::memchr(b, s.as_bytes())?;
    Some((&s[..i], &s[i + 1..]))
}

/// The paper a URL names, whatever page of it, as (kind, id): `("arXiv", "2305.03048")` for
/// its abstract, PDF or HTML (any version), `("DOI", "10.…")` for a DOI resolver,
/// `("OpenReview", …)` for a forum or PDF.
fn paper_parts(raw: &str) -> Option<(&'static str, &str)> {
    let raw = raw.trim();
    let rest = strip_prefix_ignore_case(raw, "https://")
        .or_else(|| strip_prefix_ignore_case(raw, "http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = split_at_byte(rest, b'#').map_or(rest, |(r, _)| r);
    if let Some(path) = rest
        .strip_prefix("arxiv.org/")
        .or_else(|| rest.strip_prefix("export.arxiv.org/"))
    {
        let (kind, id) = path.split_once('/')?;
        if !matches!(kind, "abs" | "pdf" | "html") {
            return None;
        }
        let id = id.split(['?', '#']).next()?.trim_end_matches('/');
        let id = id.strip_suffix(".pdf").unwrap_or(id);
        // A version (`v2`) names the same paper.
        let id = match id.rfind('v') {
            Some(v)
                if v > 0 && id[v + 1..].bytes().all(|b| b.is_ascii_digit()) && v + 1 < id.len() =>
            {
                &id[..v]
            }
            _ => id,
        };
        return (!id.is_empty()).then_some(("arXiv", id));
    }
    if let Some(doi) = rest
        .strip_prefix("doi.org/")
        .or_else(|| rest.strip_prefix("dx.doi.org/"))
    {
        return doi
            .starts_with("10.")
            .then(|| ("DOI", doi.trim_end_matches('/')));
    }
    if let Some(path) = rest.strip_prefix("openreview.net/") {
        let (page, query) = path.split_once('?')?;
        if !matches!(page, "forum" | "pdf") {
            return None;
        }
        let id = query.split('&').find_map(|p| p.strip_prefix("id="))?;
        return (!id.is_empty()).then_some(("OpenReview", id));
    }
    None
}

/// The paper `raw` names, as its key (`arXiv 2011.15124`, `DOI 10.…` in lower case).
fn paper_id(raw: &str) -> Option<String> {
    let mut out = String::new();
    paper_id_into(raw, &mut out).then_some(out)
}

/// `paper_id` into a reused buffer: this runs for every entry's main link and paper badges.
fn paper_id_into(raw: &str, out: &mut String) -> bool {
    let Some((kind, id)) = paper_parts(raw) else {
        return false;
    };
    out.clear();
    out.push_str(kind);
    out.push(' ');
    if kind == "DOI" {
        // DOIs are case-insensitive.
        out.extend(id.chars().flat_map(char::to_lowercase));
    } else {
        out.push_str(id);
    }
    true
}

/// The identity of an entry's link: the paper it names, else its normalised URL.
fn key_into(raw: &str, out: &mut String) -> bool {
    paper_id_into(raw, out) || normalize_into(raw, out)
}

/// FxHash, eight bytes at a time: a match is always confirmed by comparing the keys, so the
/// hash needs to spread, not to resist chosen inputs (they come from the list being linted);
/// SipHash was a sixth of this rule's time, and FNV's byte loop most of what was left.
fn hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

impl Rule for DuplicateLink {
    fn id(&self) -> &'static str {
        "duplicate-link"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "The same URL or paper as the main link (or paper badge) of two entries; two rows of one table with the same title or link; a section pasted twice."
    }
    fn explanation(&self) -> &'static str {
        "Each entry's main link (its first link) names what it lists; two entries with the \
         same main link list the same thing twice. URLs are compared with the scheme, `www.`, \
         a trailing slash and `utm_*` parameters ignored, but the fragment kept. Links in \
         descriptions, badges, the table of contents and headings are not compared, so a \
         repository cited as the code of several papers is not reported. A paper is one \
         paper whatever page of it a link names (arXiv abstract, PDF or version; a DOI; an \
         OpenReview forum or PDF), and an entry's badges that name a paper are compared too: \
         one entry's arXiv badge pointing at another entry's paper is a copy-paste slip. Two \
         rows of one table are the same when their first cells name the same thing (the same \
         main link or title). A run of four or more consecutive entries that repeats another \
         run in the same order and fills a whole section is a section pasted twice: it is \
         reported once, and it is no evidence of cross-listing. A list that \
         repeats ten or more entries across sections cross-lists on purpose; there only \
         repeats within one section are reported. The later entry is reported, with a label \
         on the first. With `--changed-since`, every added or changed entry that repeats \
         another entry's main link is reported, on itself, whatever the scope: that is what \
         a reviewer of a new entry wants to know."
    }
    fn options(&self) -> &'static [OptionDoc] {
        &[OptionDoc {
            key: "scope",
            default: "\"auto\"",
            doc: "which repeats to report: \"auto\" (every one, unless ten or more cross sections: \
                  then those within a section), \"section\" (within a section) or \"document\" (every one)",
        }]
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        // Keys are built in one reused buffer and hashed; a hash match is confirmed by
        // comparing the keys themselves. The first link of each hash is kept with its key,
        // copied into one arena string (no allocation per key); a link whose key only
        // shares the hash with an earlier one (a collision, not a repeat) goes to `collided`.
        let mut first: FxHashMap<u64, (usize, Range<usize>)> = FxHashMap::default();
        let mut collided: Vec<(u64, usize, Range<usize>)> = Vec::new();
        let mut arena = String::new();
        let mut key = String::new();
        let mut repeats: Vec<(usize, usize)> = Vec::new();
        // Each styled entry with a main link, numbered in order: runs of repeats are runs of
        // consecutive numbers.
        let mut ordinal: Vec<Option<usize>> = vec![None; doc.entries.len()];
        let mut numbered = 0;
        for (i, e) in doc.entries.iter().enumerate() {
            if !is_styled_entry(doc, i) {
                continue;
            }
            let Some(&main) = doc.links_of(e).iter().find(|&&l| !doc.links[l].image_only) else {
                continue;
            };
            ordinal[i] = Some(numbered);
            numbered += 1;
            let badges = doc.links_of(e).iter().filter(|&&l| doc.links[l].image_only);
            for (n, &l) in std::iter::once(&main).chain(badges).enumerate() {
                let is_key = if n == 0 {
                    key_into(doc.url_of(&doc.links[l]), &mut key)
                } else {
                    paper_id_into(doc.url_of(&doc.links[l]), &mut key)
                };
                if !is_key {
                    continue;
                }
                let h = hash(&key);
                let keep = |arena: &mut String| {
                    arena.push_str(&key);
                    arena.len() - key.len()..arena.len()
                };
                let Some(head) = first.get(&h) else {
                    let at = keep(&mut arena);
                    first.insert(h, (l, at));
                    continue;
                };
                let same = std::iter::once((head.0, &head.1))
                    .chain(
                        collided
                            .iter()
                            .filter(|c| c.0 == h)
                            .map(|(_, l, at)| (*l, at)),
                    )
                    .find(|(_, at)| arena[(*at).clone()] == key)
                    .map(|(f, _)| f);
                match same {
                    Some(f) if doc.links[f].entry == Some(i) => {}
                    Some(f) => repeats.push((l, f)),
                    None => {
                        let at = keep(&mut arena);
                        collided.push((h, l, at));
                    }
                }
            }
        }
        let (pasted, repeats) = pasted_runs(doc, &ordinal, repeats);
        let cross_listed = repeats
            .iter()
            .filter(|&&(l, f)| doc.links[l].section != doc.links[f].section)
            .count();
        let same_section_only = match options.scope {
            DuplicateScope::Auto => cross_listed >= CROSS_LISTING_CONVENTION,
            DuplicateScope::Section => true,
            DuplicateScope::Document => false,
        };
        let changed = |l: usize| {
            options.changed.as_ref().is_some_and(|lines| {
                let span = &doc.links[l].span;
                lines.intersects(doc.position(span.start).line, doc.end_position(span).line)
            })
        };
        let mut found: Vec<Diagnostic> = repeats
            .iter()
            .filter(|&&(l, f)| !same_section_only || doc.links[l].section == doc.links[f].section)
            // A changed entry is reported below, in pull-request mode.
            .filter(|&&(l, _)| !changed(l))
            .map(|&(l, f)| self.finding(doc, l, f))
            .collect();
        if options.changed.is_some() {
            // Pull-request mode: every changed entry that repeats another entry's main link is
            // reported, on itself, whatever the scope and the cross-listing: the other entry
            // may stand after it. It names an unchanged entry when there is one (the list
            // already had the link); between changed entries only, the later one is reported,
            // as outside this mode.
            let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
            for &(l, f) in &repeats {
                groups.entry(f).or_insert_with(|| vec![f]).push(l);
            }
            for members in groups.values() {
                let is_changed: Vec<bool> = members.iter().map(|&m| changed(m)).collect();
                let unchanged = members
                    .iter()
                    .zip(&is_changed)
                    .find(|(_, c)| !**c)
                    .map(|(&m, _)| m);
                for (i, &m) in members.iter().enumerate() {
                    if !is_changed[i] {
                        continue;
                    }
                    if let Some(other) = unchanged.or((i > 0).then(|| members[0])) {
                        found.push(self.finding(doc, m, other));
                    }
                }
            }
        }
        found.extend(pasted.iter().map(|run| self.pasted(doc, run)));
        found.extend(self.table_repeats(doc));
        found.sort_by_key(|d| d.span.start);
        found
    }
}

/// A run of consecutive entries repeating another run of the list in the same order: a
/// block pasted twice. `later` and `earlier` are the entries' first and last links.
struct PastedRun {
    later: (usize, usize),
    earlier: (usize, usize),
    len: usize,
}

/// A block pasted twice is this many entries or more; fewer in the same order can be a
/// deliberate cross-listing of neighbours.
const PASTED_RUN: usize = 4;

/// Whether the later side of a run holds every entry of some section (two or more): a
/// section was pasted. A few neighbours repeated in the same order inside larger sections
/// are what a date-sorted list that cross-lists on purpose looks like.
fn covers_a_section(doc: &Document, ordinal: &[Option<usize>], run: &[(usize, usize)]) -> bool {
    let mut in_run: FxHashMap<Option<usize>, usize> = FxHashMap::default();
    for &(l, _) in run {
        *in_run.entry(doc.links[l].section).or_default() += 1;
    }
    in_run.iter().any(|(&section, &n)| {
        let total = match section {
            Some(h) => {
                let own = doc.entries_within(&doc.headings[h].section_span);
                own.filter(|e| doc.entries[*e].section == Some(h) && ordinal[*e].is_some())
                    .count()
            }
            None => 0,
        };
        n >= 2 && n == total
    })
}

/// Splits the repeats into pasted runs and the rest. Repeats come in the order of their
/// later entry; a run continues while both the later and the earlier entry are the next
/// entries of the list.
fn pasted_runs(
    doc: &Document,
    ordinal: &[Option<usize>],
    repeats: Vec<(usize, usize)>,
) -> (Vec<PastedRun>, Vec<(usize, usize)>) {
    let ord = |l: usize| doc.links[l].entry.and_then(|e| ordinal[e]);
    let mut runs = Vec::new();
    let mut rest = Vec::new();
    let mut start = 0;
    for i in 1..=repeats.len() {
        let continues = i < repeats.len()
            && matches!(
                (ord(repeats[i - 1].0), ord(repeats[i].0), ord(repeats[i - 1].1), ord(repeats[i].1)),
                (Some(a), Some(b), Some(c), Some(d)) if b == a + 1 && d == c + 1
            );
        if continues {
            continue;
        }
        let run = &repeats[start..i];
        if run.len() >= PASTED_RUN && covers_a_section(doc, ordinal, run) {
            runs.push(PastedRun {
                later: (run[0].0, run[run.len() - 1].0),
                earlier: (run[0].1, run[run.len() - 1].1),
                len: run.len(),
            });
        } else {
            rest.extend_from_slice(run);
        }
        start = i;
    }
    (runs, rest)
}

impl DuplicateLink {
    fn entries_span(doc: &Document, (first, last): (usize, usize)) -> std::ops::Range<usize> {
        let span = |l: usize| match doc.links[l].entry {
            Some(e) => doc.entries[e].content.clone(),
            None => doc.links[l].span.clone(),
        };
        span(first).start..span(last).end
    }

    fn pasted(&self, doc: &Document, run: &PastedRun) -> Diagnostic {
        let later = Self::entries_span(doc, run.later);
        let earlier = Self::entries_span(doc, run.earlier);
        let (a, b) = (
            doc.position(earlier.start).line,
            doc.end_position(&earlier).line,
        );
        Diagnostic::new(
            self.id(),
            self.severity(),
            later,
            format!(
                "these {} entries repeat lines {a}–{b} entry for entry, in the same order: a block pasted twice",
                run.len
            ),
        )
        .with_help("remove the pasted copy, or list each entry once")
        .with_label(earlier, "first listed here")
    }

    /// Two rows of one table with the same main link (or paper) or the same title.
    fn table_repeats(&self, doc: &Document) -> Vec<Diagnostic> {
        let tables: Vec<&std::ops::Range<usize>> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Table)
            .map(|b| &b.span)
            .collect();
        let mut seen: FxHashMap<(usize, String), usize> = FxHashMap::default();
        let mut out = Vec::new();
        let mut key = String::new();
        for e in doc.entries.iter().filter(|e| e.kind == EntryKind::TableRow) {
            let Some(&main) = doc.links_of(e).iter().find(|&&l| !doc.links[l].image_only) else {
                continue;
            };
            let table = tables.partition_point(|t| t.start <= e.span.start);
            let link = &doc.links[main];
            let cell = first_cell(doc, e);
            // A row is named by its first cell: the main link when it stands there (its text
            // is the title), else a bold name. A link further right (the paper of a dataset)
            // may be shared by rows that name different things.
            let (url, title) = if cell.start <= link.span.start && link.span.end <= cell.end {
                let src = doc.text(&link.span);
                let title = src.rfind("](").map(|end| title_key(&src[1..end]));
                (
                    key_into(doc.url_of(link), &mut key).then(|| key.clone()),
                    title,
                )
            } else {
                let text = doc.text(&cell).trim();
                let bold = text.len() > 4 && text.starts_with("**") && text.ends_with("**");
                (None, bold.then(|| title_key(text)))
            };
            let title = title.filter(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 3);
            let mut reported = false;
            for (what, k) in [("link", url), ("title", title)] {
                let Some(k) = k else { continue };
                let f = match seen.entry((table, k)) {
                    std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(main);
                        None
                    }
                };
                match f {
                    Some(f) if !reported => {
                        reported = true;
                        let line = doc.position(doc.links[f].span.start).line;
                        out.push(
                            Diagnostic::new(
                                self.id(),
                                self.severity(),
                                link.span.clone(),
                                format!("this row has the same {what} as the row on line {line} of the same table"),
                            )
                            .with_help("remove one of the two rows, or merge them")
                            .with_label(doc.links[f].span.clone(), "first listed here"),
                        );
                    }
                    Some(_) | None => {}
                }
            }
        }
        out
    }

    /// `link` repeats the main link of `other`'s entry; labelled at `other`.
    fn finding(&self, doc: &Document, link: usize, other: usize) -> Diagnostic {
        if doc.links[link].image_only || doc.links[other].image_only {
            return self.badge_finding(doc, link, other);
        }
        let (link, other) = (&doc.links[link], &doc.links[other]);
        let line = doc.position(other.span.start).line;
        let place = match other.section {
            Some(s) if other.section != link.section => {
                format!(" (under `{}`)", doc.headings[s].text)
            }
            _ => String::new(),
        };
        // Two pages of one paper (abstract and PDF): say what makes them the same.
        let paper = match paper_id(doc.url_of(link)) {
            Some(id) if doc.url_of(link) != doc.url_of(other) => {
                format!(", as `{}` ({id})", doc.url_of(other))
            }
            _ => String::new(),
        };
        let label = if other.span.start < link.span.start {
            "first listed here"
        } else {
            "also listed here"
        };
        let d = Diagnostic::new(
            self.id(),
            self.severity(),
            link.span.clone(),
            format!(
                "`{}` is already listed on line {line}{place}{paper}",
                doc.url_of(link)
            ),
        )
        .with_help("remove one of the two entries, or merge them")
        .with_label(other.span.clone(), label);
        match Self::removal(doc, link.entry) {
            Some(lines) => d.with_unsafe_edit(lines, ""),
            None => d,
        }
    }

    /// A paper named by one entry's badge and another entry's title or badge.
    fn badge_finding(&self, doc: &Document, link: usize, other: usize) -> Diagnostic {
        let (link, other) = (&doc.links[link], &doc.links[other]);
        let paper = paper_id(doc.url_of(link)).unwrap_or_else(|| doc.url_of(link).to_string());
        let line = doc.position(other.span.start).line;
        let (this, that) = match (link.image_only, other.image_only) {
            (true, false) => ("this badge", "the title link of the entry"),
            (true, true) => ("this badge", "a badge of the entry"),
            _ => ("this entry's link", "a badge of the entry"),
        };
        Diagnostic::new(
            self.id(),
            self.severity(),
            link.span.clone(),
            format!("{this} names {paper}, already {that} on line {line}"),
        )
        .with_help("point the badge at this entry's own paper, or merge the two entries")
        .with_label(other.span.clone(), "this paper")
    }

    /// The lines of the reported entry, to delete: a list item alone on its lines, with no
    /// nested entries (those would go with it). Unsafe: the two entries may differ in what
    /// they say, and the maintainer may want to keep the other one.
    fn removal(doc: &Document, entry: Option<usize>) -> Option<std::ops::Range<usize>> {
        let e = &doc.entries[entry?];
        if e.kind != EntryKind::ListItem || doc.entries_within(&e.span).len() != 1 {
            return None;
        }
        whole_lines(doc, &e.span)
    }
}

/// A table row's first cell (after the leading `|`), up to the next `|` outside its links.
fn first_cell(doc: &Document, e: &crate::document::Entry) -> std::ops::Range<usize> {
    let text = doc.text(&e.content);
    let start = e.content.start + text.len() - text.trim_start().trim_start_matches('|').len();
    let mut at = start;
    let mut links = doc
        .links_of(e)
        .iter()
        .map(|&l| &doc.links[l].span)
        .peekable();
    while at < e.content.end {
        let Some(i) = doc.source[at..e.content.end].find('|') else {
            break;
        };
        let bar = at + i;
        while links.peek().is_some_and(|l| l.end <= bar) {
            links.next();
        }
        match links.peek() {
            Some(l) if l.start <= bar => at = l.end,
            // An escaped `\|` is text.
            _ if doc.source[..bar].ends_with('\\') => at = bar + 1,
            _ => return start..bar,
        }
    }
    start..e.content.end
}

/// A title compared between table rows: words only, case and emphasis ignored.
fn title_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for (n, word) in raw_words(text).enumerate() {
        if n > 0 {
            key.push(' ');
        }
        push_lowercase(&mut key, word);
    }
    key
}

/// A list that repeats this many entries across sections cross-lists on purpose
/// (a paper under both "Generation" and "Video"); then only repeats within one
/// section are reported.
const CROSS_LISTING_CONVENTION: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::ChangedLines;
    use crate::rules::testing::{lines, lines_with, messages_with};

    #[test]
    fn normalization() {
        assert_eq!(
            normalize("https://www.a.com/x/"),
            normalize("http://a.com/x")
        );
        assert_eq!(
            normalize("https://a.com/x?utm_source=y"),
            normalize("https://a.com/x")
        );
        assert_ne!(
            normalize("https://a.com/x#one"),
            normalize("https://a.com/x#two")
        );
        assert_ne!(
            normalize("https://a.com/x?id=1"),
            normalize("https://a.com/x?id=2")
        );
        assert_eq!(normalize("mailto:a@b.c"), None);
        assert_eq!(
            normalize("HTTPS://A.com:443/x"),
            normalize("http://a.com/x")
        );
        assert_eq!(
            normalize("https://a.com/x?utm_source=y&id=3"),
            normalize("https://a.com/x?id=3")
        );
        assert_eq!(normalize("https://"), None);
        assert_eq!(normalize("https://a.com/é"), Some("a.com/é".to_string()));
    }

    #[test]
    fn fires_on_second_entry_with_same_main_link() {
        let md = "# T\n- [A](https://a.com/x) - Lib.\n- [B](https://b.com)\n- [A again](http://www.a.com/x/) - Same.\n";
        assert_eq!(lines(&DuplicateLink, md), [4]);
    }

    #[test]
    fn deliberate_cross_listing_keeps_only_same_section_repeats() {
        let mut md = String::from("# T\n## A\n");
        for i in 0..10 {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md.push_str("- [Q](https://q.org)\n- [Q again](https://q.org)\n## B\n");
        // In another order: the same order throughout would be a section pasted twice.
        for i in (0..10).rev() {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        // 10 cross-section repeats make cross-listing the house style: only line 14 remains.
        assert_eq!(lines(&DuplicateLink, &md), [14]);
        let fewer = md.replace("- [P9](https://p.org/9)\n", "");
        assert_eq!(lines(&DuplicateLink, &fewer).len(), 1 + 9);

        let scope = |scope| RuleOptions {
            scope,
            ..RuleOptions::default()
        };
        assert_eq!(
            lines_with(&DuplicateLink, &md, &scope(DuplicateScope::Document)).len(),
            1 + 10
        );
        assert_eq!(
            lines_with(&DuplicateLink, &fewer, &scope(DuplicateScope::Section)),
            [13],
            "only the same-section repeat, one line up without the first P9"
        );
    }

    fn changed(ranges: &[(usize, usize)]) -> RuleOptions {
        RuleOptions {
            changed: Some(ChangedLines::from_ranges(ranges.iter().copied())),
            ..RuleOptions::default()
        }
    }

    /// Ten deliberate cross-section repeats (lines 3–12 and 14–23), then `extra`.
    fn cross_listed(extra: &str) -> String {
        let mut md = String::from("# T\n## A\n");
        for i in 0..10 {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md.push_str("## B\n");
        for i in 0..10 {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md.push_str(extra);
        md
    }

    #[test]
    fn changed_entry_repeating_a_cross_listed_link_is_reported() {
        let md = cross_listed("- [New](https://p.org/3) - Added.\n");
        assert!(lines(&DuplicateLink, &md).is_empty(), "cross-listing");
        assert_eq!(lines_with(&DuplicateLink, &md, &changed(&[(24, 24)])), [24]);
        let messages = messages_with(&DuplicateLink, &md, &changed(&[(24, 24)]));
        assert_eq!(
            messages,
            ["`https://p.org/3` is already listed on line 6 (under `A`)"]
        );
        // Whatever the scope; and a change elsewhere reports nothing new.
        let section = RuleOptions {
            scope: DuplicateScope::Section,
            ..changed(&[(24, 24)])
        };
        assert_eq!(lines_with(&DuplicateLink, &md, &section), [24]);
        assert!(lines_with(&DuplicateLink, &md, &changed(&[(1, 2)])).is_empty());
    }

    #[test]
    fn changed_entry_before_the_existing_one_is_reported_on_itself() {
        let md = "# T\n## A\n- [New](https://a.com/x) - Added.\n## B\n- [Old](https://a.com/x) - There.\n- [Other](https://b.com)\n";
        // Without changes the later (existing) entry is the one reported.
        assert_eq!(lines(&DuplicateLink, md), [5]);
        let options = changed(&[(3, 3)]);
        let doc = Document::parse(md);
        let found: Vec<_> = DuplicateLink
            .check(&doc, &options)
            .into_iter()
            .map(|d| {
                (
                    doc.position(d.span.start).line,
                    d.message,
                    d.labels[0].message.clone(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    3,
                    "`https://a.com/x` is already listed on line 5 (under `B`)".to_string(),
                    "also listed here".to_string()
                ),
                (
                    5,
                    "`https://a.com/x` is already listed on line 3 (under `A`)".to_string(),
                    "first listed here".to_string()
                ),
            ],
            "the existing entry keeps its finding; the run drops it as unchanged"
        );
    }

    #[test]
    fn two_changed_entries_with_one_link_report_the_later() {
        let md = "# T\n- [A](https://a.com) - One.\n- [B](https://b.com)\n- [A2](https://a.com) - Two.\n";
        assert_eq!(lines_with(&DuplicateLink, md, &changed(&[(2, 4)])), [4]);
        // Three with the same link, the middle one unchanged: both changed ones name it (the
        // unchanged one keeps its own finding, which the run drops).
        let md = "# T\n- [A](https://a.com) - New.\n- [A1](https://a.com) - Old.\n- [A2](https://a.com) - New.\n";
        let messages = messages_with(&DuplicateLink, md, &changed(&[(2, 2), (4, 4)]));
        assert_eq!(
            messages,
            [
                "`https://a.com` is already listed on line 3",
                "`https://a.com` is already listed on line 2",
                "`https://a.com` is already listed on line 3",
            ]
        );
    }

    #[test]
    fn paper_ids() {
        let id = |u| paper_id(u);
        assert_eq!(
            id("https://arxiv.org/pdf/2011.15124v2.pdf"),
            id("http://arxiv.org/abs/2011.15124")
        );
        assert_eq!(
            id("https://arxiv.org/abs/2011.15124").as_deref(),
            Some("arXiv 2011.15124")
        );
        assert_ne!(
            id("https://arxiv.org/abs/2011.15124"),
            id("https://arxiv.org/abs/2011.15125")
        );
        assert_eq!(
            id("https://doi.org/10.1145/ABC"),
            id("https://dx.doi.org/10.1145/abc/")
        );
        assert_eq!(
            id("https://openreview.net/pdf?id=X1"),
            id("https://openreview.net/forum?id=X1")
        );
        assert_eq!(id("https://arxiv.org/list/cs.CV/recent"), None);
        assert_eq!(id("https://github.com/o/r"), None);
    }

    #[test]
    fn the_same_paper_by_two_pages_or_a_badge() {
        let md = "# T\n- [A](https://arxiv.org/abs/1.1) - One.\n- [B](https://arxiv.org/pdf/1.1v2.pdf) - Renamed.\n\
                  - [C](https://c.d) [![arXiv](https://img.shields.io/a.svg)](https://arxiv.org/abs/1.1)\n\
                  - [D](https://arxiv.org/abs/2.2) [![arXiv](https://img.shields.io/a.svg)](https://arxiv.org/abs/2.2) [![Stars](https://img.shields.io/s.svg)](https://github.com/o/r)\n\
                  - [E](https://arxiv.org/abs/3.3) [![Stars](https://img.shields.io/s.svg)](https://github.com/o/r) [Code](https://github.com/o/r)\n";
        assert_eq!(lines(&DuplicateLink, md), [3, 4]);
        let m = messages_with(&DuplicateLink, md, &RuleOptions::default());
        assert!(
            m[0].contains("as `https://arxiv.org/abs/1.1` (arXiv 1.1)"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("this badge names arXiv 1.1, already the title link"),
            "{m:?}"
        );
    }

    /// `n` entries under `heading`, numbered from `from`.
    fn section(heading: &str, from: usize, n: usize) -> String {
        let mut md = format!("## {heading}\n");
        for i in from..from + n {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md
    }

    #[test]
    fn a_pasted_section_is_reported_once_and_is_no_cross_listing() {
        // Section B pasted again as C; one more repeat across sections (Q) stays a slip.
        let md = format!(
            "# T\n{}{}- [Q](https://q.org)\n{}{}- [Q](https://q.org)\n",
            section("A", 0, 3),
            section("B", 3, 10),
            section("C", 3, 10),
            section("D", 20, 2),
        );
        let found = lines(&DuplicateLink, &md);
        assert_eq!(found, [19, 32]);
        let m = messages_with(&DuplicateLink, &md, &RuleOptions::default());
        assert!(
            m.iter()
                .any(|m| m.starts_with("these 10 entries repeat lines 7–16")),
            "{m:?}"
        );
        // A few neighbours repeated inside larger sections are a cross-listing, not a paste.
        let md = format!(
            "# T\n{}{}- [Z](https://z.org)\n",
            section("A", 0, 12),
            section("B", 4, 4).replace("## B\n", "## B\n- [X](https://x.org)\n"),
        );
        assert_eq!(lines(&DuplicateLink, &md).len(), 4);
    }

    #[test]
    fn table_rows_with_the_same_title_or_main_link() {
        let md = "# T\n\n| Name | Paper |\n|---|---|\n| [**Alpha Model**](https://a.org/1) | x |\n| [**Beta Model**](https://a.org/1) | x |\n| [**alpha model**](https://a.org/2) | x |\n\
                  | **Dataset One** | [Paper](https://arxiv.org/abs/9.9) |\n| **Dataset Two** | [Paper](https://arxiv.org/abs/9.9) |\n| **Dataset One** | [Paper](https://arxiv.org/abs/8.8) |\n\n\
                  | Other | Table |\n|---|---|\n| [**Alpha Model**](https://a.org/1) | x |\n";
        assert_eq!(lines(&DuplicateLink, md), [6, 7, 10]);
    }

    #[test]
    fn silent_on_shared_code_links_and_fragments() {
        let md = "# T\n- P1: [Paper](https://arxiv.org/1) | [Code](https://github.com/o/r)\n- P2: [Paper](https://arxiv.org/2) | [Code](https://github.com/o/r)\n- [Docs](https://d.e/#install)\n- [Docs](https://d.e/#usage)\n";
        assert!(lines(&DuplicateLink, md).is_empty());
    }
}
