//! The list's own house style, inferred once from the list itself so that every rule
//! judges an entry by the same answer: how entries separate their links, how they
//! separate the title from the links, and which sections date their entries.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::{Document, EntryKind};

/// What stands between two consecutive links of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub span: Range<usize>,
    /// From the start of the link before the gap to the end of the link after it.
    pub links_span: Range<usize>,
    /// The separator with whitespace removed (`|`, `,`, `][`), or `""` for whitespace only.
    /// `None` when the gap holds words: a description, not a separator.
    pub separator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSeparator {
    /// Normalised separator, e.g. `|`.
    pub separator: String,
    /// As most often written, e.g. ` | `.
    pub display: String,
    /// Entries with several links whose separators are all this one.
    pub following: usize,
    /// Entries with several links separated by punctuation or whitespace.
    pub grouped: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleSeparator {
    /// The most common separator character after a title, e.g. `:`.
    pub separator: char,
    /// Entries whose title is followed by some separator (any of `: - – — | ( [ ,`).
    pub separated: usize,
    /// Entries with a title before their first link.
    pub titled: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearStats {
    pub dated: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conventions {
    pub link_separator: Option<LinkSeparator>,
    pub title_separator: Option<TitleSeparator>,
    /// Per heading: its own top-level entries (not sub-sections', not the TOC's), dated or not.
    pub years: Vec<YearStats>,
    /// Entries before the first heading.
    pub years_preamble: YearStats,
}

const SEPARATOR_CHARS: &[char] = &[
    '|', ',', '/', '·', '•', ';', '-', '–', '—', '[', ']', '(', ')', '&',
];
const TITLE_SEPARATORS: &[char] = &[':', '-', '–', '—', '|', '(', '[', ','];

/// Classify the text between two links.
pub fn classify_gap(text: &str) -> Option<String> {
    let compact = || text.chars().filter(|c| !c.is_whitespace());
    // Most gaps between links are descriptions: turned down before anything is allocated.
    let is_separator =
        compact().take(7).count() <= 6 && compact().all(|c| SEPARATOR_CHARS.contains(&c));
    is_separator.then(|| compact().collect())
}

/// The gaps between an entry's consecutive links, skipping links that are only an image
/// (badges sit beside links without being part of the group).
pub fn gaps(doc: &Document, entry: usize) -> impl Iterator<Item = Gap> + '_ {
    let mut previous: Option<&Range<usize>> = None;
    doc.links_of(&doc.entries[entry])
        .iter()
        .map(|&l| &doc.links[l])
        .filter(|l| !l.image_only)
        .filter_map(move |l| Some((previous.replace(&l.span)?, &l.span)))
        .filter(|(a, b)| a.end <= b.start)
        .map(|(a, b)| {
            let span = a.end..b.start;
            Gap {
                separator: classify_gap(&doc.source[span.clone()]),
                span,
                links_span: a.start..b.end,
            }
        })
}

/// The text before an entry's first link (its title), if the entry starts with text.
pub fn title_span(doc: &Document, entry: usize) -> Option<Range<usize>> {
    let e = &doc.entries[entry];
    let first = doc.links[*doc.links_of(e).first()?].span.start;
    (first > e.content.start).then_some(e.content.start..first)
}

/// The separator character that ends a title, if any (`Title: ` → `:`).
pub fn title_separator(title: &str) -> Option<char> {
    let last = title.trim_end().chars().last()?;
    TITLE_SEPARATORS.contains(&last).then_some(last)
}

/// A link separator given by the user (` | `), checked: it must hold a separator
/// character and nothing but separator characters and spaces. Returns it normalised (`|`).
pub fn parse_link_separator(text: &str) -> Result<String, String> {
    match classify_gap(text) {
        Some(normal) if !normal.is_empty() => Ok(normal),
        _ => Err(format!(
            "{text:?} is not a link separator: use up to six of {} with spaces, e.g. \" | \"",
            SEPARATOR_CHARS.iter().collect::<String>()
        )),
    }
}

/// A title separator given by the user (`: `), checked: one of `: - – — | ,` with spaces.
pub fn parse_title_separator(text: &str) -> Result<char, String> {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if TITLE_SEPARATORS.contains(&c) && !matches!(c, '(' | '[') => Ok(c),
        _ => Err(format!(
            "{text:?} is not a title separator: use one of `:`, `-`, `–`, `—`, `|`, `,` with spaces, e.g. \": \""
        )),
    }
}

/// Entries that take part in the list's conventions: not the TOC, not table rows.
pub fn is_styled_entry(doc: &Document, entry: usize) -> bool {
    let e = &doc.entries[entry];
    e.kind != EntryKind::TableRow
        && !doc
            .toc
            .as_ref()
            .is_some_and(|t| t.span.start <= e.span.start && e.span.start < t.span.end)
}

/// Whether an entry carries a year in any of its lines: its own content, or the items
/// nested under it (`- **Title** [paper](…)` with `  - *Authors*, *CVPR 2023*` below).
pub fn is_dated(doc: &Document, entry: usize) -> bool {
    let e = &doc.entries[entry];
    !e.years.is_empty()
        || doc.entries[entry + 1..]
            .iter()
            .take_while(|n| n.span.start < e.span.end)
            .any(|n| !n.years.is_empty())
}

impl Conventions {
    pub(crate) fn infer(doc: &Document) -> Conventions {
        Conventions {
            link_separator: infer_link_separator(doc),
            title_separator: infer_title_separator(doc),
            years: year_stats(doc, false),
            years_preamble: year_stats(doc, true)[0],
        }
    }

    pub fn years_of(&self, section: Option<usize>) -> YearStats {
        match section {
            Some(h) => self.years[h],
            None => self.years_preamble,
        }
    }
}

fn infer_link_separator(doc: &Document) -> Option<LinkSeparator> {
    let mut styles: FxHashMap<String, usize> = FxHashMap::default();
    let mut displays: FxHashMap<String, FxHashMap<&str, usize>> = FxHashMap::default();
    // Every grouped entry's separators, one after another; `grouped` marks where each
    // entry's run ends (flat, as this runs over every entry of the list).
    let mut separators: Vec<String> = Vec::new();
    let mut grouped: Vec<usize> = Vec::new();
    let mut seps: Vec<(String, Range<usize>)> = Vec::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for entry in 0..doc.entries.len() {
        if !is_styled_entry(doc, entry) {
            continue;
        }
        seps.clear();
        seps.extend(gaps(doc, entry).filter_map(|g| g.separator.map(|s| (s, g.span))));
        if seps.is_empty() {
            continue;
        }
        // An entry's style is its most common non-empty separator.
        counts.clear();
        for (i, (s, _)) in seps.iter().enumerate().filter(|(_, (s, _))| !s.is_empty()) {
            match counts.iter_mut().find(|(c, _)| seps[*c].0 == *s) {
                Some((_, n)) => *n += 1,
                None => counts.push((i, 1)),
            }
        }
        let style = counts
            .iter()
            .map(|&(i, n)| (seps[i].0.as_str(), n))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map_or("", |(s, _)| s);
        for (s, span) in &seps {
            if *s == style {
                let display = &doc.source[span.clone()];
                match displays.get_mut(style) {
                    Some(d) => *d.entry(display).or_default() += 1,
                    None => {
                        displays.insert(style.to_string(), [(display, 1)].into_iter().collect());
                    }
                }
            }
        }
        match styles.get_mut(style) {
            Some(n) => *n += 1,
            None => {
                styles.insert(style.to_string(), 1);
            }
        }
        separators.extend(seps.drain(..).map(|(s, _)| s));
        grouped.push(separators.len());
    }
    let (separator, _) = styles
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let following = std::iter::once(0)
        .chain(grouped.iter().copied())
        .zip(grouped.iter().copied())
        .filter(|&(start, end)| separators[start..end].iter().all(|s| *s == separator))
        .count();
    let display = displays
        .get(&separator)
        .and_then(|d| d.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))))
        .map_or(separator.clone(), |(d, _)| d.to_string());
    Some(LinkSeparator {
        separator,
        display,
        following,
        grouped: grouped.len(),
    })
}

fn infer_title_separator(doc: &Document) -> Option<TitleSeparator> {
    let mut counts: FxHashMap<char, usize> = FxHashMap::default();
    let mut titled = 0;
    for entry in 0..doc.entries.len() {
        if !is_styled_entry(doc, entry) {
            continue;
        }
        let Some(span) = title_span(doc, entry) else {
            continue;
        };
        let title = &doc.source[span];
        // A list marker's task box or emphasis is not a title.
        if !title.chars().any(char::is_alphanumeric) {
            continue;
        }
        titled += 1;
        if let Some(c) = title_separator(title) {
            *counts.entry(c).or_default() += 1;
        }
    }
    let separated = counts.values().sum();
    let (separator, _) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    Some(TitleSeparator {
        separator,
        separated,
        titled,
    })
}

fn year_stats(doc: &Document, preamble: bool) -> Vec<YearStats> {
    let mut stats = vec![YearStats::default(); if preamble { 1 } else { doc.headings.len() }];
    for (i, e) in doc.entries.iter().enumerate() {
        // Nested items are notes on their parent, not entries of their own.
        if e.depth > 0 || (!is_styled_entry(doc, i) && e.kind != EntryKind::TableRow) {
            continue;
        }
        let slot = match (e.section, preamble) {
            (Some(h), false) => h,
            (None, true) => 0,
            _ => continue,
        };
        stats[slot].total += 1;
        // Own lines only: a year on a nested line (a citation under a tool) is weaker
        // evidence that the section dates its entries; it still exempts its entry.
        if !e.years.is_empty() {
            stats[slot].dated += 1;
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_classes() {
        assert_eq!(classify_gap(" | "), Some("|".into()));
        assert_eq!(classify_gap("] ["), Some("][".into()));
        assert_eq!(classify_gap(" "), Some("".into()));
        assert_eq!(classify_gap(""), Some("".into()));
        assert_eq!(classify_gap(", "), Some(",".into()));
        assert_eq!(classify_gap(" - a library for "), None);
    }

    #[test]
    fn user_separators() {
        assert_eq!(parse_link_separator(" | "), Ok("|".into()));
        assert_eq!(parse_link_separator("] ["), Ok("][".into()));
        assert!(parse_link_separator(" ").is_err());
        assert!(parse_link_separator("and").is_err());
        assert_eq!(parse_title_separator(": "), Ok(':'));
        assert_eq!(parse_title_separator(" - "), Ok('-'));
        assert!(parse_title_separator("::").is_err());
        assert!(parse_title_separator("(").is_err());
        assert!(parse_title_separator("").is_err());
    }

    #[test]
    fn title_separators() {
        assert_eq!(title_separator("Title: "), Some(':'));
        assert_eq!(title_separator("Title - "), Some('-'));
        assert_eq!(title_separator("Language Model"), None);
    }
}
