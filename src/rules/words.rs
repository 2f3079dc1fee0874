//! Word-level comparison of titles, shared by the rules that match TOC texts to headings
//! and recognise conventional non-category sections.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::document::words::{MIN_PREFIX, joined_words, plural_stem};
use crate::document::{Document, TitleWords, WordIndex};

/// How well `text` names `title`: the share of `text`'s content words found in `title`
/// (prefix matches count, so `Lib` names `Libraries`), or 1.0 for an acronym of the title.
/// The rules call `naming_score_words` on words computed once; this is its definition on text.
#[cfg(test)]
pub fn naming_score(text: &str, title: &str) -> f64 {
    naming_score_words(&TitleWords::new(text), &TitleWords::new(title))
}

/// `naming_score` on words computed beforehand (the headings' are in the model's word index).
pub fn naming_score_words<S: AsRef<str>, T: AsRef<str>>(
    text: &TitleWords<S>,
    title: &TitleWords<T>,
) -> f64 {
    naming_fraction(text, title).value()
}

/// `naming_score_words` as the fraction it is (hits over the text's words): what the matcher
/// ranks by, so that equal scores compare equal.
fn naming_fraction<S: AsRef<str>, T: AsRef<str>>(
    text: &TitleWords<S>,
    title: &TitleWords<T>,
) -> Fraction {
    if text.is_empty() || title.is_empty() {
        return Fraction::new(0, 1);
    }
    if is_acronym(text, title) {
        return Fraction::new(1, 1);
    }
    let hits = text
        .words()
        .filter(|w| title.words().any(|x| word_names(w, x)))
        .count();
    Fraction::new(hits, text.len())
}

/// Whether the text word `w` names the title word `x`: equal, or one a prefix of the other
/// where the prefix has three bytes or more (`lib` and `libraries`; not `li`, nor `12` and
/// `1200`: a letter or two says nothing about which word was meant).
fn word_names(w: &str, x: &str) -> bool {
    x == w || (w.len().min(x.len()) >= MIN_PREFIX && (x.starts_with(w) || w.starts_with(x)))
}

fn is_acronym<S: AsRef<str>, T: AsRef<str>>(text: &TitleWords<S>, title: &TitleWords<T>) -> bool {
    text.compact().len() >= 2 && text.compact() == title.initials()
}

/// Which score `HeadingMatcher::best` ranks headings by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Score {
    /// `naming_score(text, heading)`: how well the text names the heading.
    Forward,
    /// `naming_score(text, heading) + naming_score(heading, text)`.
    Both,
}

/// The heading a text most likely names. It looks only at the headings that share a word with
/// the text (through the model's word index) or are its acronym, and scores only those whose
/// bound (summed over the words they share) can beat the best so far: a text of common words
/// against thousands of headings scores a few of them. Made once per rule run: it keeps
/// per-heading scratch space between texts.
pub struct HeadingMatcher<'d> {
    index: &'d WordIndex,
    /// The most words a heading has: what bounds how close two different scores can be.
    most_words: usize,
    /// Words with this many headings or fewer have them scored before the walk.
    seed_postings: usize,
    /// Per heading: the query that last scored it.
    scored: Vec<u32>,
    /// Per distinct heading word: how the last query that met it relates to it.
    relation: Vec<Relation>,
    /// The query's related index words, each once, with the most that sharing it adds to a
    /// heading's score; sorted by that, smallest first.
    related: Vec<(u32, f64)>,
    /// The sums of the first related words' bounds: `prefix[i]` of the first `i`.
    prefix: Vec<f64>,
    /// Per related word: how many of its postings (from the front) are still to walk.
    left: Vec<usize>,
    /// The next heading of each related word still walked, and the word.
    heads: std::collections::BinaryHeap<(u32, u32)>,
    query: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Relation {
    query: u32,
    /// Bit `i`: the text's `i`th word names this word (kept for texts of up to 64 words).
    named_by: u64,
    /// This word names a word of the text.
    names: bool,
}

/// A word with this many headings or fewer has them all scored before the walk.
const SEED_POSTINGS: usize = 64;

/// The most text words a query keeps as bits; a longer text compares its words directly.
const MASK_WORDS: usize = 64;

/// A score as the fraction it is (`named / words + names / words`), so that equal scores
/// compare equal however they were summed: ties go to the last heading, and a sum of floats
/// would break some of them by rounding.
#[derive(Debug, Clone, Copy)]
struct Fraction {
    num: u64,
    den: u64,
}

impl Fraction {
    fn new(num: usize, den: usize) -> Fraction {
        Fraction {
            num: num as u64,
            den: den as u64,
        }
    }

    fn add(self, other: Fraction) -> Fraction {
        Fraction {
            num: self.num * other.den + other.num * self.den,
            den: self.den * other.den,
        }
    }

    fn value(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Fraction {}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

/// A heading's score: the fraction it ranks by, and the float `min` is compared with (as
/// `naming_score` computes it).
#[derive(Debug, Clone, Copy)]
struct Scored {
    exact: Fraction,
    value: f64,
}

impl<'d> HeadingMatcher<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let index = doc.heading_words();
        HeadingMatcher {
            index,
            most_words: (0..doc.headings.len())
                .map(|h| index.heading(h).len())
                .max()
                .unwrap_or(0),
            seed_postings: SEED_POSTINGS,
            scored: vec![0; doc.headings.len()],
            relation: vec![Relation::default(); index.len()],
            related: Vec::new(),
            prefix: Vec::new(),
            left: Vec::new(),
            heads: std::collections::BinaryHeap::new(),
            query: 0,
        }
    }

    /// The same matcher, walking every word's postings: the tests compare both with the
    /// definition, so that the walk is tested on small lists too.
    #[cfg(test)]
    fn without_seeding(mut self) -> Self {
        self.seed_postings = 0;
        self
    }

    /// The heading with the highest `score` of `text` among those scoring at least `min` that
    /// `accept` takes, the last in the document of equals. `min` is above zero: every heading
    /// not scored scores zero. `accept` is asked only of a heading that would be the best.
    pub fn best(
        &mut self,
        text: &TitleWords,
        score: Score,
        min: f64,
        mut accept: impl FnMut(usize) -> bool,
    ) -> Option<usize> {
        debug_assert!(min > 0.0);
        if text.is_empty() {
            return None;
        }
        self.query += 1;
        let q = self.query;
        let index = self.index;
        let t = text.len() as f64;
        self.related.clear();
        for (i, w) in text.words().enumerate() {
            for (id, x) in index.related(w) {
                let (named, names) = (word_names(w, x), word_names(x, w));
                let r = &mut self.relation[id];
                if r.query != q {
                    *r = Relation {
                        query: q,
                        ..Relation::default()
                    };
                }
                if named && i < MASK_WORDS {
                    r.named_by |= 1 << i;
                }
                r.names |= names;
                // A heading with this word: the text word names one of its words (1/t of the
                // forward score), and this word, as often as it occurs there, names the text
                // (at most its `share` of the way back).
                let mut most = if named { 1.0 / t } else { 0.0 };
                if names && score == Score::Both {
                    most += index.share(id);
                }
                if most > 0.0 {
                    self.related.push((id as u32, most));
                }
            }
        }
        let mut best: Option<(Scored, usize)> = None;
        let mut consider = |this: &mut Self, best: &mut Option<(Scored, usize)>, h, acronyms| {
            if std::mem::replace(&mut this.scored[h], q) == q {
                return;
            }
            let s = this.score(text, h, score, acronyms);
            let beats = match *best {
                None => s.value >= min,
                Some((b, at)) => s.exact > b.exact || (s.exact == b.exact && h > at),
            };
            if beats && accept(h) {
                *best = Some((s, h));
            }
        };
        // The acronyms first, from the headings indexed by initials and by compact text:
        // every heading that may be one is scored here, so that the rest need not ask.
        if text.compact().len() >= 2 {
            for h in index.initials_may_be(text.compact()) {
                consider(self, &mut best, h, true);
            }
        }
        if score == Score::Both && text.initials().len() >= 2 {
            for h in index.compact_may_be(text.initials()) {
                consider(self, &mut best, h, true);
            }
        }
        // Then the headings that share words with the text, from the last back, so that once
        // the walk is below the best no equal heading can take its place: only a higher score.
        // A heading's score is at most the sum of what its shared words may add (a text word
        // named twice counts twice, which only loosens the bound). The words are ordered by
        // that, smallest first; while the first few together cannot beat the best, their
        // postings are not walked: a heading must have one of the others to be worth scoring.
        self.related.sort_unstable_by_key(|&(id, _)| id);
        self.related.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        // Among equal bounds the longest postings first: the first to be left unwalked.
        self.related.sort_unstable_by(|a, b| {
            a.1.total_cmp(&b.1).then_with(|| {
                let len = |id: u32| index.postings(id as usize).len();
                len(b.0).cmp(&len(a.0))
            })
        });
        // Sums of the bounds, and the margin that covers their rounding: each addition may
        // lose a relative 2^-53, so it holds for up to about 10^11 related words.
        let mut prefix = std::mem::take(&mut self.prefix);
        prefix.clear();
        prefix.push(0.0);
        for &(_, most) in &self.related {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + most);
        }
        let margin = |b: f64| b * 1e-4 + 1e-9;
        // No heading has all the words (the bound of the best imaginable): none reaches `min`.
        if best.is_none() && prefix.last().copied().unwrap_or(0.0) < min - margin(min) {
            self.prefix = prefix;
            return None;
        }
        // The lowest bound that may beat the best, for a heading at `h`: below the best, only
        // a higher score beats it, and two different scores are at least `gap` apart (their
        // denominators divide `t * words(h) * words(best)`); above it, an equal one does.
        let most_words = self.most_words.max(1) as f64;
        let index_heading_len = |h: usize| index.heading(h).len().max(1) as f64;
        let needed = |best: Option<(Scored, usize)>, h: usize| -> f64 {
            match best {
                None => min - margin(min),
                Some((b, at)) => {
                    let b = b.exact.value();
                    let gap = match score {
                        Score::Forward => 1.0 / t,
                        Score::Both => 1.0 / (t * most_words * index_heading_len(at)),
                    };
                    // The gap is trusted only where it dwarfs the rounding of the sums.
                    if h < at && gap > 1e-9 {
                        b + gap / 2.0
                    } else {
                        b - margin(b)
                    }
                }
            }
        };
        // The headings of the rarest words are scored first: one of them is often the best,
        // or near it, and the walk below then leaves the common words' postings unwalked.
        for term in 0..self.related.len() {
            let postings = index.postings(self.related[term].0 as usize);
            if postings.len() <= self.seed_postings {
                for &h in postings {
                    consider(self, &mut best, h as usize, false);
                }
            }
        }
        self.left.clear();
        self.heads.clear();
        for (term, &(id, _)) in self.related.iter().enumerate() {
            let postings = index.postings(id as usize);
            self.left.push(postings.len().saturating_sub(1));
            if let Some(&h) = postings.last() {
                self.heads.push((h, term as u32));
            }
        }
        // The first `unwalked` words, together, cannot beat the best at the walk's place.
        let mut unwalked = 0;
        while let Some(&(h, _)) = self.heads.peek() {
            let need = needed(best, h as usize);
            while unwalked < self.related.len() && prefix[unwalked + 1] < need {
                unwalked += 1;
            }
            let mut bound = prefix[unwalked];
            while let Some(&(at, term)) = self.heads.peek()
                && at == h
            {
                self.heads.pop();
                let term = term as usize;
                if term < unwalked {
                    continue;
                }
                bound += self.related[term].1;
                let left = &mut self.left[term];
                if *left > 0 {
                    *left -= 1;
                    let next = index.postings(self.related[term].0 as usize)[*left];
                    self.heads.push((next, term as u32));
                }
            }
            if bound >= need {
                consider(self, &mut best, h as usize, false);
            }
        }
        self.prefix = prefix;
        best.map(|(_, h)| h)
    }

    /// Heading `h`'s `score` of `text`, the query's relations set: `naming_score_words`
    /// computed from the relations of the heading's words. The acronym comparisons are made
    /// only with `acronyms`, for the headings the acronym index gave.
    fn score(&self, text: &TitleWords, h: usize, score: Score, acronyms: bool) -> Scored {
        let ids = self.index.heading(h);
        if ids.is_empty() {
            let zero = Fraction::new(0, 1);
            return Scored {
                exact: zero,
                value: 0.0,
            };
        }
        let q = self.query;
        let mut named_by = 0u64;
        let mut names = 0usize;
        for &id in ids {
            let r = &self.relation[id as usize];
            if r.query == q {
                named_by |= r.named_by;
                names += usize::from(r.names);
            }
        }
        let heading = || self.index.title(h);
        let forward = if acronyms && is_acronym(text, &heading()) {
            Fraction::new(1, 1)
        } else {
            let named = if text.len() <= MASK_WORDS {
                named_by.count_ones() as usize
            } else {
                text.words()
                    .filter(|w| {
                        ids.iter()
                            .any(|&id| word_names(w, self.index.word(id as usize)))
                    })
                    .count()
            };
            Fraction::new(named, text.len())
        };
        if score == Score::Forward {
            return Scored {
                exact: forward,
                value: forward.value(),
            };
        }
        let backward = if acronyms && is_acronym(&heading(), text) {
            Fraction::new(1, 1)
        } else {
            Fraction::new(names, ids.len())
        };
        Scored {
            exact: forward.add(backward),
            value: forward.value() + backward.value(),
        }
    }
}

/// Names of the sections every kind of list may have that are not categories of entries.
const META: &[&str] = &[
    "contents",
    "content",
    "table of contents",
    "toc",
    "contributing",
    "contribute",
    "contribution",
    "contributions",
    "contributors",
    "license",
    "licence",
    "licensing",
    "footnotes",
    "related lists",
    "related",
    "acknowledgements",
    "acknowledgments",
    "acknowledgement",
    "acknowledgment",
    "credits",
    "citation",
    "cite",
    "star history",
    "sponsors",
    "sponsor",
    "backers",
    "support",
    "about",
    "introduction",
    "intro",
    "overview",
    "how to contribute",
    "contact",
    "faq",
    "changelog",
    "news",
    "updates",
    "code of conduct",
    "maintainers",
    "authors",
    "thanks",
    "disclaimer",
    "legend",
    "usage",
    "index",
    "notes",
    "todo",
];

/// The longest name in `META`, in bytes: a title whose normalised forms are longer is none.
const META_MAX: usize = {
    let (mut i, mut max) = (0, 0);
    while i < META.len() {
        if META[i].len() > max {
            max = META[i].len();
        }
        i += 1;
    }
    max
};

/// Per lowercase letter, the letters that follow it at the start of a name in `META`, as
/// bits: the first two letters of most titles begin no name.
const META_PAIRS: [u32; 26] = {
    let mut pairs = [0u32; 26];
    let mut i = 0;
    while i < META.len() {
        let name = META[i].as_bytes();
        if name.len() >= 2 && name[0].is_ascii_lowercase() && name[1].is_ascii_lowercase() {
            pairs[(name[0] - b'a') as usize] |= 1 << (name[1] - b'a');
        }
        i += 1;
    }
    pairs
};

/// Sections every kind of list may have that are not categories of entries.
pub fn is_meta_section(title: &str) -> bool {
    // Each name and its `words` form, computed once rather than on every call.
    static META_WORDS: LazyLock<Vec<(&str, String)>> =
        LazyLock::new(|| META.iter().map(|m| (*m, joined_words(m))).collect());
    static META_SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| {
        let mut names = META.to_vec();
        names.sort_unstable();
        names
    });
    static META_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| META.iter().copied().collect());
    static META_WORDS_SET: LazyLock<FxHashSet<&str>> =
        LazyLock::new(|| META_WORDS.iter().map(|(_, w)| w.as_str()).collect());
    if title.is_ascii() {
        // Both forms start with the title's first run of letters and digits, lowercased (the
        // words form perhaps without its plural `s`): a title whose first run begins no name
        // is none, which most headings show at their first word.
        let first = title
            .bytes()
            .skip_while(|b| !b.is_ascii_alphanumeric())
            .take_while(u8::is_ascii_alphanumeric);
        let mut run = [0u8; META_MAX + 1];
        let mut n = 0;
        for b in first {
            if n > META_MAX {
                return false;
            }
            run[n] = b.to_ascii_lowercase();
            n += 1;
        }
        // Its first two letters, if letters, must begin a name (most titles stop here).
        if let [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] = run[..n]
            && META_PAIRS[usize::from(a - b'a')] & (1 << (b - b'a')) == 0
        {
            return false;
        }
        let run = std::str::from_utf8(&run[..n]).expect("ASCII bytes");
        let stem = plural_stem(run);
        // The names that start with `stem` are a run of the sorted names, found by bisection.
        let at = META_SORTED.partition_point(|m| *m < stem);
        if !META_SORTED.get(at).is_some_and(|m| m.starts_with(stem)) {
            return false;
        }
        // Both forms built on the stack, given up as soon as they outgrow the longest name.
        let (words, plain) = meta_forms_ascii(title.as_bytes());
        let in_set = |form: MetaForm, set: &FxHashSet<&str>| {
            form.is_some_and(|(buf, n)| {
                std::str::from_utf8(&buf[..n]).is_ok_and(|form| set.contains(form))
            })
        };
        return in_set(words, &META_WORDS_SET) || in_set(plain, &META_SET);
    }
    let normalized = joined_words(title);
    if META_WORDS_SET.contains(normalized.as_str()) {
        return true;
    }
    let plain = title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .trim()
        .to_lowercase();
    META_SET.contains(plain.as_str())
}

type MetaForm = Option<([u8; META_MAX + 1], usize)>;

/// For an ASCII title: `joined_words(title)` and its plain form (letters, digits and
/// whitespace, trimmed and lowercased), each `None` when longer than any name in `META`.
fn meta_forms_ascii(title: &[u8]) -> (MetaForm, MetaForm) {
    // One byte of headroom: a word's plural `s` comes off only once it is in the buffer.
    let mut words = [0u8; META_MAX + 1];
    let mut n = 0;
    let mut words_fit = true;
    for w in title
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let start = n + usize::from(n > 0);
        if start + w.len() > META_MAX + 1 {
            words_fit = false;
            break;
        }
        if start > n {
            words[n] = b' ';
        }
        for (d, b) in words[start..].iter_mut().zip(w) {
            *d = b.to_ascii_lowercase();
        }
        let word = std::str::from_utf8(&words[start..start + w.len()]).expect("ASCII bytes");
        n = start + plural_stem(word).len();
        if n > META_MAX {
            words_fit = false;
            break;
        }
    }
    let is_space = |b: u8| char::from(b).is_whitespace();
    let kept = |b: &&u8| b.is_ascii_alphanumeric() || is_space(**b);
    let mut plain = [0u8; META_MAX + 1];
    let mut m = 0;
    let mut plain_fit = true;
    for &b in title.iter().filter(kept).skip_while(|&&b| is_space(b)) {
        if m == META_MAX {
            // Only trailing whitespace may follow a name that fills the buffer.
            if !is_space(b) {
                plain_fit = false;
                break;
            }
            continue;
        }
        plain[m] = b.to_ascii_lowercase();
        m += 1;
    }
    while m > 0 && is_space(plain[m - 1]) {
        m -= 1;
    }
    (
        words_fit.then_some((words, n)),
        plain_fit.then_some((plain, m)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::words::words;

    /// `is_meta_section`'s definition, with its allocations: a name of the list as the
    /// title's plain lowercased letters, digits and spaces, or word by word.
    fn meta_by_definition(title: &str) -> bool {
        let normalized = words(title).join(" ");
        let plain = title
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .trim()
            .to_lowercase();
        META.iter()
            .any(|m| plain == *m || normalized == words(m).join(" "))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// Titles pieced together from the names, cased and joined every way.
        #[test]
        fn meta_sections_match_their_definition_on_pieced_titles(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "table", "Of", "CONTENTS", "contents", "toc", "License", "s", "S", "ss",
                "star", "History", " ", "  ", "\t", "\u{b}", "-", "!", "📜", "é", "x", "12",
                "acknowledgements", "how", "to", "contribute", "Related", "lists",
            ]), 0..8)
        ) {
            let title = pieces.concat();
            proptest::prop_assert_eq!(is_meta_section(&title), meta_by_definition(&title), "{:?}", title);
        }
    }

    #[test]
    fn meta_sections_are_recognised_as_by_their_plain_definition() {
        let reference = meta_by_definition;
        let mut titles: Vec<String> = [
            "  Table of  Contents ",
            "TABLE OF CONTENTS:",
            "Contributing 🤝",
            "Related-Lists",
            "ΤΟDO",
            "Tools",
            "Contents of the Toolbox",
            "\u{b}License\u{b}",
            "ΣΟΦΟΣ",
            "Table of Contents \t ",
            "\u{b}Table of Contents\u{b}x",
            "Table of Contentss",
            "Table Of Contents Extra",
            "Star-Histories",
            "a b c d e f g h i j k l m n o p",
            "Acknowledgementss!!",
            "S",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for m in META {
            titles.extend([
                m.to_string(),
                m.to_uppercase(),
                format!("{m}s"),
                format!("## {m}!"),
            ]);
        }
        for title in &titles {
            assert_eq!(is_meta_section(title), reference(title), "{title:?}");
        }
    }

    #[test]
    fn naming() {
        assert!(naming_score("Papers", "Papers by Categories") >= 1.0);
        assert!(naming_score("Blog posts", "Blog Posts") >= 1.0);
        assert_eq!(naming_score("Courses & Lecture Videos", "Books"), 0.0);
        assert!(naming_score("Courses & Lecture Videos", "Courses & Videos") > 0.6);
        assert!(naming_score("NLP", "Natural Language Processing") >= 1.0);
        assert!(naming_score("Libs", "Libraries") > 0.9);
        assert_eq!(naming_score("🎉", "Party"), 0.0);
        // A prefix names only from three bytes on, whichever side it is on.
        assert!(naming_score("Lib", "Libraries") >= 1.0);
        assert!(naming_score("Libraries", "Lib") >= 1.0);
        assert_eq!(naming_score("Li", "Libraries"), 0.0);
        assert_eq!(naming_score("Libraries", "Li"), 0.0);
        assert_eq!(naming_score("Section 12", "Section 1200"), 0.5);
        assert_eq!(naming_score("Section 1200", "Section 12"), 0.5);
    }

    /// A search: the score, the bar, the filter.
    type Search = (Score, f64, fn(usize) -> bool);

    /// The searches the rules make and a few more: each score, bars low and high, filters.
    const SEARCHES: &[Search] = &[
        (Score::Both, 1.0, |_| true),
        (Score::Forward, 0.5, |_| true),
        (Score::Forward, 0.5, |i| i % 3 != 0),
        (Score::Both, 0.3, |i| i % 2 == 0),
        (Score::Forward, 1.0, |_| true),
        (Score::Both, 1.5, |i| i != 1),
    ];

    /// What `HeadingMatcher::best` must give, by its definition: the best of every heading's
    /// `naming_score`s that reach `min` and that `accept` takes, the last of equals (scores
    /// compared as the fractions they are).
    fn best_by_definition(
        doc: &Document,
        text: &str,
        (score, min, accept): Search,
    ) -> Option<usize> {
        doc.headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let forward = naming_score(text, &h.text);
                let fraction =
                    |a: &str, b: &str| naming_fraction(&TitleWords::new(a), &TitleWords::new(b));
                let exact = fraction(text, &h.text);
                let (value, exact) = match score {
                    Score::Forward => (forward, exact),
                    Score::Both => (
                        forward + naming_score(&h.text, text),
                        exact.add(fraction(&h.text, text)),
                    ),
                };
                (value >= min && accept(i)).then_some((i, exact))
            })
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(i, _)| i)
    }

    /// `best`'s answer and its definition's for each search, to compare as a whole.
    fn best_both_ways(
        matcher: &mut HeadingMatcher,
        doc: &Document,
        text: &str,
    ) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let words = TitleWords::new(text);
        SEARCHES
            .iter()
            .map(|&(score, min, accept)| {
                (
                    matcher.best(&words, score, min, accept),
                    best_by_definition(doc, text, (score, min, accept)),
                )
            })
            .unzip()
    }

    #[test]
    fn fractions_compare_by_value() {
        assert_eq!(
            Fraction::new(1, 3).add(Fraction::new(2, 3)),
            Fraction::new(4, 4)
        );
        assert!(Fraction::new(1, 3) < Fraction::new(34, 100));
        assert!(Fraction::new(2, 4).add(Fraction::new(2, 3)) > Fraction::new(1, 1));
        assert_eq!(Fraction::new(0, 1), Fraction::new(0, 7));
    }

    #[test]
    fn matcher_finds_the_best_naming_score_among_every_heading() {
        let md = "# Awesome NLP\n## Natural Language Processing\n## Libraries\n## Lib Tools\n\
                  ## Li\n## Courses & Videos\n## Data data Data\n## 🎉\n## C++ Tools\n\
                  ## NLP\n## Papers by Categories\n## Tool\n## Libs and Libs\n";
        let doc = Document::parse(md);
        let mut matcher = HeadingMatcher::new(&doc);
        let mut walking = HeadingMatcher::new(&doc).without_seeding();
        // More words than a query keeps as bits.
        let long = WORD_PIECES.repeat(4).join(" ");
        let texts = [
            "nlp",
            "natural language",
            "Libs",
            "lib",
            "li",
            "tools tools",
            "courses-videos",
            "data",
            "🎉",
            "papers",
            "c tools",
            "Natural Language Processing",
            "n l p",
            "Awesome",
            "unrelated words",
            &long,
        ];
        for text in texts {
            let (got, want) = best_both_ways(&mut matcher, &doc, text);
            assert_eq!(got, want, "{text}");
            let (got, want) = best_both_ways(&mut walking, &doc, text);
            assert_eq!(got, want, "{text}, walking every word");
        }
        // The searches find something, so that the comparison says something.
        let words = TitleWords::new("lib tools");
        assert_eq!(matcher.best(&words, Score::Both, 1.0, |_| true), Some(3));
        assert_eq!(matcher.best(&words, Score::Both, 1.0, |i| i != 3), Some(12));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// Headings and texts pieced from a few words that are prefixes of each other, so that
        /// words repeat across headings and within one, and a text word relates to several
        /// heading words; long texts now and then.
        #[test]
        fn matcher_finds_the_best_naming_score_on_pieced_headings(
            headings in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(WORD_PIECES.to_vec()), 0..5), 1..60),
            texts in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(WORD_PIECES.to_vec()), 0..5), 1..6),
            long in proptest::collection::vec(proptest::sample::select(WORD_PIECES.to_vec()), 60..70),
        ) {
            let md: String = headings.iter().map(|h| format!("## {}\n", h.join(" "))).collect();
            let doc = Document::parse(md);
            let mut matcher = HeadingMatcher::new(&doc);
            let mut walking = HeadingMatcher::new(&doc).without_seeding();
            for text in texts.iter().chain([&long]).map(|t| t.join(" ")) {
                let (got, want) = best_both_ways(&mut matcher, &doc, &text);
                proptest::prop_assert_eq!(got, want, "{:?}", text);
                let (got, want) = best_both_ways(&mut walking, &doc, &text);
                proptest::prop_assert_eq!(got, want, "{:?}, walking every word", text);
            }
        }
    }

    const WORD_PIECES: &[&str] = &[
        "lib",
        "libs",
        "libraries",
        "li",
        "l",
        "data",
        "Data",
        "tool",
        "tools",
        "nlp",
        "n",
        "p",
        "natural",
        "language",
        "processing",
        "fast",
        "faster",
        "fa",
        "2",
        "20",
        "2000",
        "é",
        "-",
    ];

    #[test]
    fn meta_sections() {
        assert!(is_meta_section("Contributing"));
        assert!(is_meta_section("📜 License"));
        assert!(is_meta_section("Table of Contents"));
        assert!(!is_meta_section("Blog Posts"));
    }
}
