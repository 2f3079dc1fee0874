//! The words of titles, and an index of the headings by word (which holds the headings'
//! title words), so that comparing a text with every heading looks only at the headings that
//! share a word.

use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::by_hash::ByHash;

/// The shortest word that counts as a prefix of another when texts are compared with
/// headings: `lib` names `libraries`, `li` does not.
pub const MIN_PREFIX: usize = 3;

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
pub(crate) fn plural_stem(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// `text.to_lowercase()`, appended to `out`; ASCII without the Unicode tables.
pub fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

const STOP: &[&str] = &[
    "a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "by", "&",
];

/// Whether a lowercased ASCII word is one of `STOP`, without comparing it with each.
fn is_stop(word: &[u8]) -> bool {
    matches!(
        word,
        b"a" | b"an" | b"and" | b"the" | b"of" | b"for" | b"in" | b"on" | b"to" | b"with" | b"by"
    )
}

/// Content words: `words` without little words that say nothing about a section.
#[cfg(test)]
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A title's content words (`content_words`) and the two strings its acronym comparisons
/// read, in one string: three strings and a vector per title cost a tenth of the parse on a
/// list of many headings. `TitleWords<&str>` is a view of one title's in a string of many
/// (the headings' are kept that way in `WordIndex`, one string for them all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleWords<S = String> {
    /// The content words, each followed by a space (words have letters and digits only),
    /// then `compact`, then `initials`.
    buf: S,
    /// Where the words end and `compact` starts, and where `compact` ends.
    words_end: usize,
    compact_end: usize,
    count: usize,
}

impl TitleWords {
    pub fn new(text: &str) -> TitleWords {
        let mut bytes = Vec::with_capacity(2 * text.len() + 4);
        let (words_end, compact_end, count) = Self::write(text, &mut bytes);
        TitleWords {
            buf: String::from_utf8(bytes).expect("built from whole characters"),
            words_end,
            compact_end,
            count,
        }
    }

    /// Appends `text`'s title words to `out` as `new` lays them out in its string, and
    /// returns where the words and `compact` end (from where they start) and the word count.
    fn write(text: &str, out: &mut Vec<u8>) -> (usize, usize, usize) {
        if text.is_ascii() {
            return Self::write_ascii(text.as_bytes(), out);
        }
        let t = Self::new_unicode(text);
        out.extend_from_slice(t.buf.as_bytes());
        (t.words_end, t.compact_end, t.count)
    }

    fn new_unicode(text: &str) -> TitleWords {
        let mut buf = String::with_capacity(2 * text.len() + 4);
        let mut count = 0;
        for w in raw_words(text) {
            let start = buf.len();
            push_lowercase(&mut buf, w);
            buf.truncate(start + plural_stem(&buf[start..]).len());
            // Every little word is four bytes or shorter.
            if buf.len() - start <= 4 && STOP.contains(&&buf[start..]) {
                buf.truncate(start);
            } else {
                buf.push(' ');
                count += 1;
            }
        }
        let words_end = buf.len();
        // `str::to_lowercase` on the whole, not char by char: a final sigma lowercases by its
        // place in the word.
        let letters: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
        buf.push_str(&letters.to_lowercase());
        let compact_end = buf.len();
        let mut at = 0;
        while at < words_end {
            let c = buf[at..].chars().next().expect("a word is not empty");
            buf.push(c);
            at += buf[at..words_end]
                .find(' ')
                .expect("each word ends in a space")
                + 1;
        }
        TitleWords {
            buf,
            words_end,
            compact_end,
            count,
        }
    }

    /// `write` for an ASCII title, a byte at a time: splitting by `char` with the Unicode
    /// tables cost several times as much.
    fn write_ascii(text: &[u8], out: &mut Vec<u8>) -> (usize, usize, usize) {
        let base = out.len();
        let mut count = 0;
        for w in text.split(|b| !b.is_ascii_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let start = out.len();
            out.extend(w.iter().map(u8::to_ascii_lowercase));
            // `plural_stem`: a final `s` after a stem of three bytes not ending in `s`.
            if let [.., last, b's'] = out[start..]
                && out.len() - start >= 4
                && last != b's'
            {
                out.pop();
            }
            if is_stop(&out[start..]) {
                out.truncate(start);
            } else {
                out.push(b' ');
                count += 1;
            }
        }
        let words_end = out.len();
        out.extend(
            text.iter()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(u8::to_ascii_lowercase),
        );
        let compact_end = out.len();
        let mut at_word_start = true;
        for i in base..words_end {
            let b = out[i];
            if at_word_start {
                out.push(b);
            }
            at_word_start = b == b' ';
        }
        (words_end - base, compact_end - base, count)
    }
}

impl<S: AsRef<str>> TitleWords<S> {
    /// The content words, lowercased, a plural `s` removed, little words left out.
    pub fn words(&self) -> impl Iterator<Item = &str> + Clone {
        self.buf.as_ref()[..self.words_end].split_terminator(' ')
    }

    /// How many content words there are.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The title's letters and digits, lowercased (`NLP` → `nlp`).
    pub fn compact(&self) -> &str {
        &self.buf.as_ref()[self.words_end..self.compact_end]
    }

    /// The first letter of each content word (`Natural Language Processing` → `nlp`).
    pub fn initials(&self) -> &str {
        &self.buf.as_ref()[self.compact_end..]
    }
}

/// The headings' content words, each distinct word once, in byte order, with the headings
/// it occurs in; and each heading's words as numbers of distinct words.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// The distinct words back to back, in byte order.
    text: String,
    /// Per word: where it is in `text`, and where its headings are in `postings`.
    words: Vec<(Range<usize>, Range<usize>)>,
    /// Per word: `head` of it, in the words' order: the lookups bisect these small numbers,
    /// which sit together in memory, and compare whole words only among equal heads (a
    /// bisection over the words themselves missed the cache at every step).
    heads: Vec<u64>,
    /// Per word: the longest other word that is a prefix of it.
    prefix: Vec<Option<usize>>,
    /// Per word, the headings it occurs in, each once, in heading order.
    postings: Vec<u32>,
    /// Each heading's words, as numbers of distinct words, heading after heading; heading
    /// `h`'s are `heading_words[heading_start[h]..heading_start[h + 1]]`.
    heading_words: Vec<u32>,
    heading_start: Vec<u32>,
    /// Per word: the largest share of a heading's words it makes up (`Data data Tools`: 2/3
    /// for `data`), which bounds what naming it adds to a heading's score.
    share: Vec<f64>,
    /// The headings with words by the hash of their `initials` and of their `compact`: the
    /// acronym lookups, confirmed on the headings' own strings.
    initials: ByHash,
    compacts: ByHash,
    /// Every heading's `TitleWords`, back to back in one string (`title`), and per heading
    /// where it starts, where its words and `compact` end, where it ends, and its word count.
    titles: String,
    title_at: Vec<[u32; 5]>,
}

impl WordIndex {
    /// The index of the headings whose texts `texts` gives, in order.
    pub fn new<'a>(texts: impl Iterator<Item = &'a str>) -> WordIndex {
        // The headings' title words, made here (only lists with a broken anchor or a table of
        // contents need them) into one string: a string per heading cost an allocation and a
        // free each.
        let mut bytes = Vec::new();
        let title_at: Vec<[u32; 5]> = texts
            .map(|text| {
                let start = bytes.len();
                let (words_end, compact_end, count) = TitleWords::write(text, &mut bytes);
                [
                    start,
                    start + words_end,
                    start + compact_end,
                    bytes.len(),
                    count,
                ]
                .map(|n| u32::try_from(n).expect("a list under 4 GiB"))
            })
            .collect();
        let title_strings = String::from_utf8(bytes).expect("built from whole characters");

        // Each occurrence numbered by its distinct word, in heading order; then only the
        // distinct words are sorted (most headings repeat a few common words), and the
        // postings are laid out word by word, each word's still in heading order.
        // Sized from the number of headings, at a few words each: growing these vectors
        // and the map by doubling cost a tenth of the index.
        let headings = title_at.len();
        let mut ids: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(headings, FxBuildHasher);
        let mut distinct: Vec<&str> = Vec::with_capacity(headings);
        // Per occurrence, heading after heading: its distinct word, and its heading.
        let mut occurrences: Vec<(usize, u32)> = Vec::with_capacity(4 * headings);
        let mut heading_start = Vec::with_capacity(headings + 1);
        heading_start.push(0);
        let (mut initials, mut compacts) = (
            ByHash::with_capacity(headings),
            ByHash::with_capacity(headings),
        );
        for (heading, at) in title_at.iter().enumerate() {
            let t = title_view(&title_strings, at);
            if !t.is_empty() {
                initials.push(t.initials(), heading as u32);
                compacts.push(t.compact(), heading as u32);
            }
            // The words borrowed from the string of titles itself, not from the view.
            let [start, words_end, ..] = at.map(|n| n as usize);
            for w in title_strings[start..words_end].split_terminator(' ') {
                let id = *ids.entry(w).or_insert_with(|| {
                    distinct.push(w);
                    distinct.len() - 1
                });
                occurrences.push((id, heading as u32));
            }
            heading_start.push(occurrences.len() as u32);
        }
        // Sorted by their first eight bytes as a number, then by the rest: most words differ
        // there, so most comparisons are one integer comparison instead of a `memcmp`.
        let mut keyed: Vec<(u64, usize)> = (0..distinct.len())
            .map(|id| (head(distinct[id]), id))
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| distinct[a.1].cmp(distinct[b.1])));
        let heads: Vec<u64> = keyed.iter().map(|&(h, _)| h).collect();
        let order: Vec<usize> = keyed.into_iter().map(|(_, id)| id).collect();
        let mut rank = vec![0; distinct.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id] = r;
        }
        // Where each word's postings start, by rank: a word repeated within one heading
        // (occurrences of a heading are consecutive) is posted once.
        let mut start = vec![0; distinct.len() + 1];
        let mut last_posted = vec![u32::MAX; distinct.len()];
        for &(id, heading) in &occurrences {
            if std::mem::replace(&mut last_posted[id], heading) != heading {
                start[rank[id] + 1] += 1;
            }
        }
        for r in 0..distinct.len() {
            start[r + 1] += start[r];
        }
        let mut text = String::with_capacity(distinct.iter().map(|w| w.len()).sum());
        let words: Vec<(Range<usize>, Range<usize>)> = order
            .iter()
            .enumerate()
            .map(|(r, &id)| {
                let at = text.len();
                text.push_str(distinct[id]);
                (at..text.len(), start[r]..start[r + 1])
            })
            .collect();
        let word = |i: usize| &text[words[i].0.clone()];
        // Each word's longest proper prefix among the words: in byte order a word's prefixes
        // come before it, and the open chain of prefixes is a stack.
        let mut open: Vec<usize> = Vec::new();
        let prefix = (0..words.len())
            .map(|i| {
                while open.last().is_some_and(|&p| !word(i).starts_with(word(p))) {
                    open.pop();
                }
                let longest = open.last().copied();
                open.push(i);
                longest
            })
            .collect();
        let mut postings = vec![0; start[distinct.len()]];
        last_posted.fill(u32::MAX);
        let heading_words: Vec<u32> = occurrences
            .iter()
            .map(|&(id, heading)| {
                let r = rank[id];
                if std::mem::replace(&mut last_posted[id], heading) != heading {
                    postings[start[r]] = heading;
                    start[r] += 1;
                }
                r as u32
            })
            .collect();
        let mut share = vec![0.0; words.len()];
        let mut sorted = Vec::new();
        for h in heading_start.windows(2) {
            let own = &heading_words[h[0] as usize..h[1] as usize];
            let n = own.len() as f64;
            // Most headings name each word once: then each word's share is 1/n, without
            // sorting a copy to count repeats.
            if own.len() <= 8 && own.iter().enumerate().all(|(i, w)| !own[..i].contains(w)) {
                for &w in own {
                    let s = &mut share[w as usize];
                    *s = f64::max(*s, 1.0 / n);
                }
                continue;
            }
            sorted.clear();
            sorted.extend_from_slice(own);
            sorted.sort_unstable();
            for run in sorted.chunk_by(|a, b| a == b) {
                let s = &mut share[run[0] as usize];
                *s = f64::max(*s, run.len() as f64 / n);
            }
        }
        WordIndex {
            text,
            words,
            heads,
            prefix,
            postings,
            heading_words,
            heading_start,
            share,
            initials,
            compacts,
            titles: title_strings,
            title_at,
        }
    }

    /// Heading `h`'s title words.
    pub fn title(&self, h: usize) -> TitleWords<&str> {
        title_view(&self.titles, &self.title_at[h])
    }

    /// Heading `h`'s words, as numbers of distinct words (`word`), in the heading's order.
    pub fn heading(&self, h: usize) -> &[u32] {
        &self.heading_words[self.heading_start[h] as usize..self.heading_start[h + 1] as usize]
    }

    /// The largest share of a heading's words that word `i` makes up.
    pub fn share(&self, i: usize) -> f64 {
        self.share[i]
    }

    /// The headings word `i` occurs in, each once, in heading order.
    pub fn postings(&self, i: usize) -> &[u32] {
        &self.postings[self.words[i].1.clone()]
    }

    /// The headings (with words) whose `initials` may be `s`, the last first: those whose
    /// hash is `s`'s. The caller confirms each on the heading's own string.
    pub fn initials_may_be<'a>(&'a self, s: &str) -> impl Iterator<Item = usize> + 'a {
        self.initials.get(s).map(|h| h as usize)
    }

    /// The headings (with words) whose `compact` may be `s`, as `initials_may_be`.
    pub fn compact_may_be<'a>(&'a self, s: &str) -> impl Iterator<Item = usize> + 'a {
        self.compacts.get(s).map(|h| h as usize)
    }

    /// The `i`th distinct word in byte order.
    pub fn word(&self, i: usize) -> &str {
        &self.text[self.words[i].0.clone()]
    }

    /// How many distinct words the headings have: the bound of the numbers `related` gives.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The heading words equal to `word`, and those that are a prefix of it or start with it
    /// where the prefix has `MIN_PREFIX` bytes or more, each with its number among the
    /// distinct words: every word that can name `word` or be named by it.
    pub fn related<'a>(&'a self, word: &str) -> impl Iterator<Item = (usize, &'a str)> {
        let found = |i: usize| (i, self.word(i));
        // Words starting with `word` (itself included) form one run in byte order. A word
        // before `word` has a head no greater than its, one after no smaller.
        let key = head(word);
        let lo = self.heads.partition_point(|&h| h < key);
        let hi = lo + self.heads[lo..].partition_point(|&h| h == key);
        let first = lo + self.words[lo..hi].partition_point(|(w, _)| &self.text[w.clone()] < word);
        let run = (first..self.words.len()).take_while(|&i| self.word(i).starts_with(word));
        let longer = if word.len() >= MIN_PREFIX {
            run.count()
        } else {
            // Too short to be a prefix: only the word itself.
            run.take(1).filter(|&i| self.word(i) == word).count()
        };
        // Every proper prefix of `word` lies between itself and `word` in byte order, so it is
        // a prefix of the word just before `first`: they are that word's chain of prefixes
        // from the first one that is also a prefix of `word`, longest first.
        let mut at = first.checked_sub(1);
        while let Some(i) = at.filter(|&i| !word.starts_with(self.word(i))) {
            at = self.prefix[i];
        }
        let shorter = std::iter::successors(at, |&i| self.prefix[i])
            .take_while(|&i| self.word(i).len() >= MIN_PREFIX);
        shorter.chain(first..first + longer).map(found)
    }
}

/// One heading's `TitleWords` in the string of them all, from where `WordIndex::new` noted it
/// (its start, where its words and `compact` end, its end, its word count).
fn title_view<'a>(titles: &'a str, at: &[u32; 5]) -> TitleWords<&'a str> {
    let [start, words_end, compact_end, end, count] = at.map(|n| n as usize);
    TitleWords {
        buf: &titles[start..end],
        words_end: words_end - start,
        compact_end: compact_end - start,
        count,
    }
}

/// The first eight bytes of `word` as a big-endian number (zeros after a shorter word): of two
/// words in byte order, the first's head is no greater than the second's.
fn head(word: &str) -> u64 {
    let mut bytes = [0; 8];
    let n = word.len().min(8);
    bytes[..n].copy_from_slice(&word.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_is_the_lowercased_letters_and_digits() {
        assert_eq!(
            TitleWords::new("Natural-Language 2 Processing!").compact(),
            "naturallanguage2processing"
        );
        assert_eq!(TitleWords::new("NLP").initials(), "n");
        // Greek: the final sigma lowercases by its place in the word.
        assert_eq!(TitleWords::new("ΟΔΟΣ").compact(), "οδος");
        assert_eq!(
            words("Tools Libraries Class OSS"),
            ["tool", "librarie", "class", "oss"]
        );
    }

    #[test]
    fn dashes_and_underscores_split_words_as_spaces_do() {
        // A broken anchor's fragment is read as a title without replacing them first.
        for text in [
            "natural-language_processing",
            "the-art-of-the-tools",
            "c--tools_",
            "ΟΔΟΣ-σοφίας_δρόμοι",
            "-party-🎉",
            "a_b-c d",
        ] {
            assert_eq!(
                TitleWords::new(text),
                TitleWords::new(&text.replace(['-', '_'], " ")),
                "{text:?}"
            );
        }
    }

    #[test]
    fn title_words_are_the_content_words_and_acronym_strings_by_definition() {
        for text in [
            "Natural Language Processing!",
            "The Art of the Tools & Libraries",
            "a an the",
            "",
            "🎉 Party",
            "ΟΔΟΣ Σοφός İstanbul",
            "C++ / Rust: 2024 edition's classes",
            "Data data DATA",
            "ss sss ssss bus buss bUSS Tools",
        ] {
            assert_title_words_by_definition(text);
        }
    }

    fn assert_title_words_by_definition(text: &str) {
        let t = TitleWords::new(text);
        let words = content_words(text);
        assert_eq!(t.words().collect::<Vec<_>>(), words, "{text:?}");
        assert_eq!(t.len(), words.len());
        assert_eq!(t.is_empty(), words.is_empty());
        let compact = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        assert_eq!(t.compact(), compact, "{text:?}");
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        assert_eq!(t.initials(), initials, "{text:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// ASCII titles (the path a byte at a time) pieced from little words, plurals and
        /// near-plurals, digits and punctuation: the same words as the definition.
        #[test]
        fn ascii_title_words_match_their_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "An", "THE", "of", "&", "and", "with", "by", "s", "ss", "S", "bus", "Tools",
                "class", "oss", "lib", "x", "2024", "C++", " ", "  ", "-", "'", "!", "\t", "_",
                "ab", "abs", "abcs", "the's", "withs",
            ]), 0..10)
        ) {
            assert_title_words_by_definition(&pieces.concat());
        }
    }

    #[test]
    fn title_words_keep_acronym_strings() {
        let t = TitleWords::new("Natural Language Processing!");
        assert_eq!(
            t.words().collect::<Vec<_>>(),
            ["natural", "language", "processing"]
        );
        assert_eq!(t.initials(), "nlp");
        assert_eq!(TitleWords::new("N.L.P.").compact(), "nlp");
    }

    #[test]
    fn the_index_lists_each_word_once_in_byte_order_with_postings_in_heading_order() {
        let texts = [
            "Data data Data",
            "Tools",
            "Lib Tools",
            "Zeta Alpha 10",
            "",
            "Alpha 1 10 100",
            "Ωmega tools",
            "internationalization internationalisation internation interna",
        ];
        let titles: Vec<TitleWords> = texts.iter().map(|t| TitleWords::new(t)).collect();
        let index = WordIndex::new(texts.iter().copied());
        // Each heading's title words, kept in the index's one string, are its own.
        for (h, t) in titles.iter().enumerate() {
            let kept = index.title(h);
            assert!(kept.words().eq(t.words()), "{h}");
            assert_eq!(
                (kept.compact(), kept.initials(), kept.len()),
                (t.compact(), t.initials(), t.len())
            );
        }
        // The definition: each distinct word, sorted, with the headings it occurs in.
        let mut all: Vec<&str> = titles.iter().flat_map(|t| t.words()).collect();
        all.sort();
        all.dedup();
        let want: Vec<(&str, Vec<u32>)> = all
            .iter()
            .map(|&w| {
                let headings = (0..titles.len() as u32)
                    .filter(|&h| titles[h as usize].words().any(|x| x == w))
                    .collect();
                (w, headings)
            })
            .collect();
        let got: Vec<(&str, Vec<u32>)> = (0..index.len())
            .map(|i| (index.word(i), index.postings(i).to_vec()))
            .collect();
        assert_eq!(got, want);
        for (h, t) in titles.iter().enumerate() {
            let words: Vec<&str> = index
                .heading(h)
                .iter()
                .map(|&i| index.word(i as usize))
                .collect();
            assert_eq!(words, t.words().collect::<Vec<_>>(), "heading {h}");
        }
        // Each word's share: the most of one heading's words it makes up.
        for i in 0..index.len() {
            let share = titles
                .iter()
                .map(|t| {
                    let n = t.words().filter(|&x| x == index.word(i)).count();
                    n as f64 / t.len().max(1) as f64
                })
                .fold(0.0, f64::max);
            assert_eq!(index.share(i), share, "{}", index.word(i));
        }
        assert!((1..index.len()).all(|i| index.word(i - 1) < index.word(i)));
        assert!(
            STOP.iter().all(|w| w.len() <= 4),
            "TitleWords::new relies on it"
        );
    }

    #[test]
    fn is_stop_knows_every_little_word_a_word_can_be() {
        // `&` is never a word of letters and digits.
        for stop in STOP
            .iter()
            .filter(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            assert!(is_stop(stop.as_bytes()), "{stop}");
        }
        for word in ["", "at", "ands", "th", "fo", "form", "tool", "&"] {
            assert!(!is_stop(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn related_words_are_the_word_and_its_long_enough_prefixes_and_extensions() {
        let texts = [
            "1 12 123 1234 124 13 2 12345 1235",
            "a ab abc abd abcd b ba",
            "é éa éab ω ωa li",
            "lib librarie library tool tooling",
            // Words that share their first eight bytes, and so their heads.
            "internationalization internationalize international internat interna internb",
        ];
        let index = WordIndex::new(texts.iter().copied());
        let all: Vec<&str> = (0..index.len()).map(|i| index.word(i)).collect();
        for query in [
            "1",
            "12",
            "1235",
            "124",
            "125",
            "0",
            "3",
            "abce",
            "abd",
            "ac",
            "b",
            "bz",
            "éabc",
            "éb",
            "ω",
            "ωab",
            "librar",
            "libraryx",
            "toolingz",
            "z",
            "",
            "ab",
            "é",
            "éa",
            "li",
            "lib",
            "12345",
            "international",
            "internationalizationx",
            "internat",
            "internation",
            "internationa",
            "internb",
            "internc",
            "internationalizf",
            "interm",
        ] {
            let mut got: Vec<&str> = index.related(query).map(|(_, w)| w).collect();
            got.sort();
            let want: Vec<&str> = all
                .iter()
                .copied()
                .filter(|x| {
                    *x == query
                        || (x.len().min(query.len()) >= MIN_PREFIX
                            && (x.starts_with(query) || query.starts_with(x)))
                })
                .collect();
            assert_eq!(got, want, "{query:?}");
        }
    }

    #[test]
    fn related_words_are_equal_prefixes_or_extensions() {
        let texts = ["Lib Tools", "Libraries", "Library of Tool", "Li", "Other"];
        let index = WordIndex::new(texts.iter().copied());
        let mut got: Vec<(&str, Vec<u32>)> = index
            .related("libra")
            .map(|(i, w)| (w, index.postings(i).to_vec()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("lib", vec![0]),
                ("librarie", vec![1]),
                ("library", vec![2])
            ]
        );
        let tool: Vec<&str> = index.related("tool").map(|(_, w)| w).collect();
        assert_eq!(tool, ["tool"]);
        assert_eq!(index.related("zzz").count(), 0);
    }
}
