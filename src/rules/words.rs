//! Word-level comparison of titles, shared by the rules that match TOC texts to headings
//! and recognise conventional non-category sections.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::document::{Document, TitleWords};

use crate::document::words::{Posting, joined_words, plural_stem};

/// How well `text` names `title`: the share of `text`'s content words found in `title`
/// (prefix matches count, so `Lib` names `Libraries`), or 1.0 for an acronym of the title.
/// The rules call `naming_score_words` on words computed once; this is its definition on text.
#[cfg(test)]
pub fn naming_score(text: &str, title: &str) -> f64 {
    naming_score_words(&TitleWords::new(text), &TitleWords::new(title))
}

/// `naming_score` on words computed beforehand (a heading's are in the model).
pub fn naming_score_words(text: &TitleWords, title: &TitleWords) -> f64 {
    if text.is_empty() || title.is_empty() {
        return 0.0;
    }
    if is_acronym(text, title) {
        return 1.0;
    }
    let hits = text
        .words()
        .filter(|w| title.words().any(|x| word_names(w, x)))
        .count();
    hits as f64 / text.len() as f64
}

/// Whether the text word `w` names the title word `x`: equal, or (for a text word of three
/// bytes or more) one a prefix of the other.
fn word_names(w: &str, x: &str) -> bool {
    x == w || (w.len() >= 3 && (x.starts_with(w) || w.starts_with(x)))
}

fn is_acronym(text: &TitleWords, title: &TitleWords) -> bool {
    text.compact().len() >= 2 && text.compact() == title.initials()
}

/// `naming_score` of one text against every heading, both ways, looking only at the headings
/// that share a word with the text (through the model's word index) or are its acronym.
/// Made once per rule run: it keeps per-heading scratch space between texts.
pub struct HeadingMatcher<'d> {
    doc: &'d Document,
    /// Per heading, for the query that last touched it: its hits both ways and whether it is
    /// the text's acronym or the text its acronym, beside the heading's word count. Small and
    /// flat: a query over common words touches thousands of headings, and reading each
    /// heading's own words cost cache misses.
    hits: Vec<Hits>,
    /// Per heading: the query and text word that last counted it (a text word counts once).
    /// Read only for a text word related to several index words; one index word's postings
    /// are in heading order, so a repeat there is the posting just before.
    counted_by: Vec<(u32, u32)>,
    /// Per heading word (`word_start[h] + position`): the query that last counted it. Read
    /// only when two text words relate to the same index word; otherwise each heading word
    /// is visited at most once per query.
    word_counted: Vec<u32>,
    /// Where each heading's words start among all headings' words.
    word_start: Vec<usize>,
    /// Per distinct heading word (`WordIndex::related`'s number): the query that last
    /// related a text word to it.
    related_by: Vec<u32>,
    /// The last query's related index words: (text word number, whether the text word names
    /// it, whether it names the text word, its postings), kept for the capacity.
    related: Vec<(u32, bool, bool, &'d [Posting])>,
    touched: Vec<usize>,
    query: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Hits {
    query: u32,
    /// Text words that name a word of the heading.
    named: u32,
    /// Heading words named by a word of the text.
    naming: u32,
    /// The heading's word count (kept across queries).
    words: u32,
    /// The text is the heading's acronym (`is_acronym(text, heading)`).
    text_acronym: bool,
    /// The heading is the text's acronym (`is_acronym(heading, text)`).
    heading_acronym: bool,
}

impl<'d> HeadingMatcher<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let n = doc.headings.len();
        let mut word_start = Vec::with_capacity(n);
        let mut hits = Vec::with_capacity(n);
        let mut words = 0;
        for h in &doc.headings {
            word_start.push(words);
            words += h.words.len();
            hits.push(Hits {
                words: h.words.len() as u32,
                ..Hits::default()
            });
        }
        HeadingMatcher {
            doc,
            hits,
            counted_by: vec![(0, 0); n],
            word_counted: vec![0; words],
            word_start,
            related_by: vec![0; doc.heading_words().len()],
            related: Vec::new(),
            touched: Vec::new(),
            query: 0,
        }
    }

    /// `(heading, naming_score(text, heading), naming_score(heading, text))` for every heading
    /// where either is above zero, in no particular order (any heading left out scores 0
    /// both ways).
    pub fn scores<'a>(
        &'a mut self,
        text: &'a TitleWords,
    ) -> impl Iterator<Item = (usize, f64, f64)> + 'a {
        self.touched.clear();
        if text.is_empty() {
            return self.scored(text);
        }
        self.query += 1;
        let q = self.query;
        let doc: &'d Document = self.doc;
        let index = doc.heading_words();
        // Each text word's related index words, as (text word number, whether each names the
        // other, postings), and whether an index word is related to two text words: then its
        // heading words must be counted once.
        let mut related = std::mem::take(&mut self.related);
        related.clear();
        let mut shared_word = false;
        for (i, w) in text.words().enumerate() {
            for (id, x, postings) in index.related(w) {
                shared_word |= std::mem::replace(&mut self.related_by[id], q) == q;
                related.push((i as u32 + 1, word_names(w, x), word_names(x, w), postings));
            }
        }
        for (k, &(word_no, text_names, heading_names, postings)) in related.iter().enumerate() {
            if !text_names && !heading_names {
                continue;
            }
            // The same text word related to another index word too: a heading may be
            // reached twice by this text word.
            let several = related.get(k + 1).is_some_and(|r| r.0 == word_no)
                || (k > 0 && related[k - 1].0 == word_no);
            let mut previous = usize::MAX;
            for p in postings {
                let h = p.heading;
                let hit = Self::touch(&mut self.hits, &mut self.touched, h, q);
                if text_names && h != previous {
                    if !several {
                        hit.named += 1;
                    } else if self.counted_by[h] != (q, word_no) {
                        self.counted_by[h] = (q, word_no);
                        hit.named += 1;
                    }
                }
                previous = h;
                if heading_names {
                    if !shared_word {
                        hit.naming += 1;
                    } else {
                        let word = self.word_start[h] + p.position;
                        if self.word_counted[word] != q {
                            self.word_counted[word] = q;
                            hit.naming += 1;
                        }
                    }
                }
            }
        }
        self.related = related;
        // The acronyms both ways, from the headings indexed by initials and by compact text:
        // exactly the headings where `is_acronym` holds.
        let headings = &doc.headings;
        if text.compact().len() >= 2 {
            for h in index.initials_may_be(text.compact()) {
                if headings[h].words.initials() == text.compact() {
                    Self::touch(&mut self.hits, &mut self.touched, h, q).text_acronym = true;
                }
            }
        }
        if text.initials().len() >= 2 {
            for h in index.compact_may_be(text.initials()) {
                if headings[h].words.compact() == text.initials() {
                    Self::touch(&mut self.hits, &mut self.touched, h, q).heading_acronym = true;
                }
            }
        }
        self.scored(text)
    }

    /// Heading `h`'s hits, started for query `q` unless this query touched it already. On the
    /// scratch vectors alone, so that the acronym maps can stay borrowed meanwhile.
    fn touch<'h>(hits: &'h mut [Hits], touched: &mut Vec<usize>, h: usize, q: u32) -> &'h mut Hits {
        let hit = &mut hits[h];
        if hit.query != q {
            *hit = Hits {
                query: q,
                words: hit.words,
                ..Hits::default()
            };
            touched.push(h);
        }
        hit
    }

    /// The scores of the headings the last query touched.
    fn scored<'a>(&'a self, text: &'a TitleWords) -> impl Iterator<Item = (usize, f64, f64)> + 'a {
        let t = text.len() as f64;
        self.touched.iter().map(move |&h| {
            let hits = self.hits[h];
            let forward = if hits.text_acronym {
                1.0
            } else {
                f64::from(hits.named) / t
            };
            let backward = if hits.heading_acronym {
                1.0
            } else {
                f64::from(hits.naming) / f64::from(hits.words)
            };
            (h, forward, backward)
        })
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

/// Sections every kind of list may have that are not categories of entries.
pub fn is_meta_section(title: &str) -> bool {
    // Each name and its `words` form, computed once rather than on every call.
    static META_WORDS: LazyLock<Vec<(&str, String)>> =
        LazyLock::new(|| META.iter().map(|m| (*m, joined_words(m))).collect());
    static META_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| META.iter().copied().collect());
    static META_WORDS_SET: LazyLock<FxHashSet<&str>> =
        LazyLock::new(|| META_WORDS.iter().map(|(_, w)| w.as_str()).collect());
    if title.is_ascii() {
        // This runs for every heading: both forms built on the stack, given up as soon as
        // they outgrow the longest name.
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
    }

    /// `HeadingMatcher::scores` of `text`, in heading order.
    fn sorted_scores(matcher: &mut HeadingMatcher, text: &str) -> Vec<(usize, f64, f64)> {
        let words = TitleWords::new(text);
        let mut got: Vec<_> = matcher.scores(&words).collect();
        got.sort_by_key(|s| s.0);
        got
    }

    /// What `scores` must give, by its definition: every heading's `naming_score` both ways
    /// where either is above zero.
    fn scores_by_definition(doc: &Document, text: &str) -> Vec<(usize, f64, f64)> {
        doc.headings
            .iter()
            .enumerate()
            .map(|(i, h)| (i, naming_score(text, &h.text), naming_score(&h.text, text)))
            .filter(|&(_, f, b)| f > 0.0 || b > 0.0)
            .collect()
    }

    #[test]
    fn matcher_scores_equal_naming_score_against_every_heading() {
        let md = "# Awesome NLP\n## Natural Language Processing\n## Libraries\n## Lib Tools\n\
                  ## Li\n## Courses & Videos\n## Data data Data\n## 🎉\n## C++ Tools\n\
                  ## NLP\n## Papers by Categories\n## Tool\n## Libs and Libs\n";
        let doc = Document::parse(md);
        let mut matcher = HeadingMatcher::new(&doc);
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
        ];
        for text in texts {
            assert_eq!(
                sorted_scores(&mut matcher, text),
                scores_by_definition(&doc, text),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// Headings and texts pieced from a few words that are prefixes of each other, so that
        /// words repeat across headings and within one, and a text word relates to several
        /// heading words: every dedup path of the matcher runs.
        #[test]
        fn matcher_scores_equal_naming_score_on_pieced_headings(
            headings in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(WORD_PIECES.to_vec()), 0..5), 1..60),
            texts in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(WORD_PIECES.to_vec()), 0..5), 1..6),
        ) {
            let md: String = headings.iter().map(|h| format!("## {}\n", h.join(" "))).collect();
            let doc = Document::parse(md);
            let mut matcher = HeadingMatcher::new(&doc);
            for text in texts.iter().map(|t| t.join(" ")) {
                proptest::prop_assert_eq!(
                    sorted_scores(&mut matcher, &text),
                    scores_by_definition(&doc, &text),
                    "{:?}", text
                );
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
