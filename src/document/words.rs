//! The words of titles, computed once per heading, and an index of the headings by word, so
//! that comparing a text with every heading looks only at the headings that share a word.

use std::ops::Range;

use rustc_hash::FxHashMap;

/// Lowercased words of a title, emoji and punctuation dropped, a plural `s` removed.
pub fn words(text: &str) -> Vec<String> {
    raw_words(text)
        .map(|w| {
            let mut word = String::with_capacity(w.len());
            push_lowercase(&mut word, w);
            word.truncate(plural_stem(&word).len());
            word
        })
        .collect()
}

/// `words(text).join(" ")`, built in one string.
pub fn joined_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, w) in raw_words(text).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let start = out.len();
        push_lowercase(&mut out, w);
        out.truncate(start + plural_stem(&out[start..]).len());
    }
    out
}

/// The runs of letters and digits of `text`, as `words` splits it.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A lowercased word without its plural `s` (`tools` → `tool`; `class`, `oss` kept).
fn plural_stem(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// `text.to_lowercase()`, appended to `out`; ASCII without the Unicode tables.
pub fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&text.to_lowercase());
    }
}

const STOP: &[&str] = &[
    "a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "by", "&",
];

/// Content words: `words` without little words that say nothing about a section.
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A title's content words and the two strings its acronym comparisons read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleWords {
    pub words: Vec<String>,
    /// The title's letters and digits, lowercased (`NLP` → `nlp`).
    pub compact: String,
    /// The first letter of each content word (`Natural Language Processing` → `nlp`).
    pub initials: String,
}

impl TitleWords {
    pub fn new(text: &str) -> TitleWords {
        let words = content_words(text);
        let compact = if text.is_ascii() {
            let mut compact = String::with_capacity(text.len());
            compact.extend(
                text.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| b.to_ascii_lowercase() as char),
            );
            compact
        } else {
            // `str::to_lowercase` on the whole, not char by char: a final sigma lowercases
            // by its place in the word.
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        };
        let mut initials = String::with_capacity(words.len());
        initials.extend(words.iter().filter_map(|w| w.chars().next()));
        TitleWords {
            words,
            compact,
            initials,
        }
    }
}

/// One occurrence of a word in a heading: the heading and the word's place among its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub heading: usize,
    pub position: usize,
}

/// The headings' content words, each distinct word once, in byte order, with where it occurs.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    words: Vec<(String, Range<usize>)>,
    postings: Vec<Posting>,
}

impl WordIndex {
    pub fn new<'a>(titles: impl Iterator<Item = &'a TitleWords>) -> WordIndex {
        // Each occurrence numbered by its distinct word, in heading order; then only the
        // distinct words are sorted (most headings repeat a few common words), and the
        // postings are laid out word by word, each word's still in heading order.
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let mut occurrences: Vec<(usize, Posting)> = Vec::new();
        for (heading, t) in titles.enumerate() {
            for (position, w) in t.words.iter().enumerate() {
                let id = *ids.entry(w.as_str()).or_insert_with(|| {
                    distinct.push(w.as_str());
                    distinct.len() - 1
                });
                occurrences.push((id, Posting { heading, position }));
            }
        }
        let mut order: Vec<usize> = (0..distinct.len()).collect();
        order.sort_unstable_by(|&a, &b| distinct[a].cmp(distinct[b]));
        let mut rank = vec![0; distinct.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id] = r;
        }
        // Where each word's postings start, by rank.
        let mut start = vec![0; distinct.len() + 1];
        for &(id, _) in &occurrences {
            start[rank[id] + 1] += 1;
        }
        for r in 0..distinct.len() {
            start[r + 1] += start[r];
        }
        let words = order
            .iter()
            .enumerate()
            .map(|(r, &id)| (distinct[id].to_string(), start[r]..start[r + 1]))
            .collect();
        let mut postings = vec![
            Posting {
                heading: 0,
                position: 0
            };
            occurrences.len()
        ];
        for (id, p) in occurrences {
            let at = &mut start[rank[id]];
            postings[*at] = p;
            *at += 1;
        }
        WordIndex { words, postings }
    }

    /// How many distinct words the headings have: the bound of the numbers `related` gives.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The heading words equal to `word`, a prefix of it, or starting with it, each with its
    /// number among the distinct words and its occurrences. Every word that either could match
    /// under prefix rules is among them.
    pub fn related<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = (usize, &'a str, &'a [Posting])> {
        let found = |i: usize| {
            let (w, range) = &self.words[i];
            (i, w.as_str(), &self.postings[range.clone()])
        };
        // Words that are proper prefixes of `word`: looked up one prefix at a time, stopping
        // at the first prefix no heading word starts with (no longer one can match either).
        let mut shorter = Vec::new();
        for (end, _) in word.char_indices().skip(1) {
            let prefix = &word[..end];
            let at = self.words.partition_point(|(w, _)| w.as_str() < prefix);
            match self.words.get(at) {
                Some((w, _)) if w == prefix => shorter.push(at),
                Some((w, _)) if w.starts_with(prefix) => {}
                _ => break,
            }
        }
        // Words starting with `word` (itself included) form one run in byte order.
        let first = self.words.partition_point(|(w, _)| w.as_str() < word);
        let longer = self.words[first..]
            .iter()
            .take_while(move |(w, _)| w.starts_with(word))
            .count();
        shorter.into_iter().chain(first..first + longer).map(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_is_the_lowercased_letters_and_digits() {
        assert_eq!(
            TitleWords::new("Natural-Language 2 Processing!").compact,
            "naturallanguage2processing"
        );
        assert_eq!(TitleWords::new("NLP").initials, "n");
        // Greek: the final sigma lowercases by its place in the word.
        assert_eq!(TitleWords::new("ΟΔΟΣ").compact, "οδος");
        assert_eq!(
            words("Tools Libraries Class OSS"),
            ["tool", "librarie", "class", "oss"]
        );
    }

    #[test]
    fn title_words_keep_acronym_strings() {
        let t = TitleWords::new("Natural Language Processing!");
        assert_eq!(t.words, ["natural", "language", "processing"]);
        assert_eq!(t.initials, "nlp");
        assert_eq!(TitleWords::new("N.L.P.").compact, "nlp");
    }

    #[test]
    fn the_index_lists_each_word_once_in_byte_order_with_postings_in_heading_order() {
        let titles: Vec<TitleWords> = [
            "Data data Data",
            "Tools",
            "Lib Tools",
            "Zeta Alpha 10",
            "",
            "Alpha 1 10 100",
            "Ωmega tools",
        ]
        .iter()
        .map(|t| TitleWords::new(t))
        .collect();
        let index = WordIndex::new(titles.iter());
        // The definition: every occurrence, sorted stably by word.
        let mut all: Vec<(&str, Posting)> = titles
            .iter()
            .enumerate()
            .flat_map(|(heading, t)| {
                t.words
                    .iter()
                    .enumerate()
                    .map(move |(position, w)| (w.as_str(), Posting { heading, position }))
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        let got: Vec<(&str, Posting)> = index
            .words
            .iter()
            .flat_map(|(w, range)| {
                index.postings[range.clone()]
                    .iter()
                    .map(|&p| (w.as_str(), p))
            })
            .collect();
        assert_eq!(got, all);
        assert!(index.words.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn related_words_are_equal_prefixes_or_extensions() {
        let titles: Vec<TitleWords> = ["Lib Tools", "Libraries", "Library of Tool", "Li", "Other"]
            .iter()
            .map(|t| TitleWords::new(t))
            .collect();
        let index = WordIndex::new(titles.iter());
        let mut got: Vec<(&str, Vec<usize>)> = index
            .related("libra")
            .map(|(_, w, p)| (w, p.iter().map(|p| p.heading).collect()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("li", vec![3]),
                ("lib", vec![0]),
                ("librarie", vec![1]),
                ("library", vec![2])
            ]
        );
        let tool: Vec<&str> = index.related("tool").map(|(_, w, _)| w).collect();
        assert_eq!(tool, ["tool"]);
        assert_eq!(index.related("zzz").count(), 0);
    }
}
