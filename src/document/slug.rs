//! GitHub's heading anchors, as github-slugger computes them.

use std::ops::Range;

use super::by_hash::ByHash;

mod table;

/// Whether a (lowercased) character stays in an anchor: letters, marks, decimal and letter
/// numbers, connector punctuation, Alphabetic symbols (circled letters), `-` and the space, as
/// assigned in Unicode 13.0. GitHub's set is frozen at that version: a letter assigned later is
/// dropped, so the standard library's (newer) classes cannot answer this.
fn keeps(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_');
    }
    table::KEEP
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// What each ASCII byte becomes in a slug: itself lowercased, `-` for a space, 0 if dropped.
const ASCII_SLUG: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        table[b] = if c == b' ' {
            b'-'
        } else if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' {
            c
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The slug of one heading text, before de-duplication.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    slugify_into(text, &mut slug);
    slug
}

/// `slugify` into `slug` (cleared first), for callers that slug many texts in one buffer.
pub fn slugify_into(text: &str, slug: &mut String) {
    slug.clear();
    if text.is_ascii() {
        // The same steps, a byte at a time, without lowercasing into a second string: each
        // byte looked up in a table of what it becomes (0 for dropped).
        let mut bytes = std::mem::take(slug).into_bytes();
        bytes.resize(text.len(), 0);
        let mut n = 0;
        for &b in text.as_bytes() {
            let out = ASCII_SLUG[usize::from(b)];
            bytes[n] = out;
            n += usize::from(out != 0);
        }
        bytes.truncate(n);
        *slug = String::from_utf8(bytes).expect("ASCII bytes");
    } else {
        slug.push_str(&slugify_unicode(text));
    }
}

fn slugify_unicode(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| keeps(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Hands out slugs in document order, suffixing repeats with `-1`, `-2`…
///
/// The slugs handed out are kept back to back in one string and found by hash: a map of
/// owned slugs cost an allocation and a free per heading.
#[derive(Debug, Clone, Default)]
pub struct Slugger {
    /// Every slug handed out, back to back.
    arena: String,
    /// Per slug handed out: where it is in `arena`, and how many repeats of it as an
    /// original were suffixed.
    slugs: Vec<(Range<usize>, usize)>,
    /// The slugs handed out (their numbers), by hash.
    by_hash: ByHash,
    /// The buffer each text is slugged in before it is looked up.
    scratch: String,
}

impl Slugger {
    /// The anchor of the next heading with `text`, as where it is among the slugs handed out
    /// (read it with `get`), and the length of `slugify(text)`, which the anchor starts with
    /// (a repeat adds `-1`, `-2`…). The anchor is not copied out: a string per heading cost an
    /// allocation and a free each.
    pub fn slug(&mut self, text: &str) -> (Range<usize>, usize) {
        let mut original = std::mem::take(&mut self.scratch);
        slugify_into(text, &mut original);
        let len = original.len();
        let range = match self.find(&original) {
            None => self.insert(&original),
            Some(first) => loop {
                self.slugs[first].1 += 1;
                let slug = format!("{original}-{}", self.slugs[first].1);
                if self.find(&slug).is_none() {
                    break self.insert(&slug);
                }
            },
        };
        self.scratch = original;
        (range, len)
    }

    /// A slug handed out by `slug`.
    pub fn get(&self, range: Range<usize>) -> &str {
        &self.arena[range]
    }

    /// The number of `slug` among the slugs handed out, in order (the heading it went to).
    pub fn find(&self, slug: &str) -> Option<usize> {
        self.by_hash
            .get(slug)
            .map(|i| i as usize)
            .find(|&i| self.get(self.slugs[i].0.clone()) == slug)
    }

    fn insert(&mut self, slug: &str) -> Range<usize> {
        let start = self.arena.len();
        self.arena.push_str(slug);
        let i = u32::try_from(self.slugs.len()).expect("fewer than 2^32 headings");
        self.by_hash.push(slug, i);
        self.slugs.push((start..self.arena.len(), 0));
        start..self.arena.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// The next anchor `slugger` hands out for `text`.
    fn next(slugger: &mut Slugger, text: &str) -> String {
        let (range, _) = slugger.slug(text);
        slugger.get(range).to_string()
    }

    #[test]
    fn the_ascii_path_slugs_as_the_unicode_path_does() {
        let every_ascii: String = (0..128u8).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "Hello World",
            "C++ & Rust_Tools - 2024!",
            "  A--b  ",
        ] {
            assert_eq!(slugify(text), slugify_unicode(text), "{text:?}");
        }
    }

    #[test]
    fn reference_examples() {
        assert_eq!(slugify("Courses & Videos"), "courses--videos");
        assert_eq!(slugify("C++ Tools"), "c-tools");
        assert_eq!(slugify("🎉 Party"), "-party");
        assert_eq!(slugify("Papers by Categories"), "papers-by-categories");
        assert_eq!(slugify("snake_case and-dash"), "snake_case-and-dash");
        assert_eq!(slugify("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(slugify("中文 标题"), "中文-标题");
        assert_eq!(slugify("  two  spaces "), "--two--spaces-");
    }

    #[test]
    fn alphabetic_symbols_stay() {
        // Circled and squared letters are Other_Symbol and Alphabetic; GitHub keeps them.
        assert_eq!(slugify("Ⓐ ⓑ 🄰 ★"), "ⓐ-ⓑ-🄰-");
    }

    #[test]
    fn letters_assigned_after_unicode_13_are_dropped() {
        // U+0870 (Arabic, Unicode 14) and U+1E290 (Toto, Unicode 14) are letters today.
        assert!('\u{870}'.is_alphabetic() && '\u{1E290}'.is_alphabetic());
        assert_eq!(slugify("a\u{870}b\u{1E290}c"), "abc");
    }

    #[test]
    fn table_is_sorted_and_disjoint() {
        assert!(table::KEEP.iter().all(|(lo, hi)| lo <= hi));
        assert!(table::KEEP.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(
            next(&mut s, "Text-Image generation"),
            "text-image-generation"
        );
        assert_eq!(
            next(&mut s, "Text-Image generation"),
            "text-image-generation-1"
        );
        assert_eq!(
            next(&mut s, "Text-Image generation"),
            "text-image-generation-2"
        );
    }

    use proptest::strategy::Strategy;

    /// github-slugger's algorithm as written, with a map of owned slugs.
    fn slugs_by_definition(texts: &[String]) -> Vec<String> {
        let mut occurrences: FxHashMap<String, usize> = FxHashMap::default();
        texts
            .iter()
            .map(|text| {
                let original = slugify(text);
                let mut slug = original.clone();
                while occurrences.contains_key(&slug) {
                    let count = occurrences.get_mut(&original).expect("tried after it");
                    *count += 1;
                    slug = format!("{original}-{count}");
                }
                occurrences.insert(slug.clone(), 0);
                slug
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// Texts that repeat and collide with each other's suffixed slugs.
        #[test]
        fn the_slugger_hands_out_slugs_as_by_definition(
            texts in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(vec![
                "a", "A", "-1", "-2", " 1", "1", "-", " ", "b", "é", "!",
            ]), 0..4).prop_map(|p: Vec<&str>| p.concat()), 0..40)
        ) {
            let mut slugger = Slugger::default();
            let got: Vec<String> = texts.iter().map(|t| next(&mut slugger, t)).collect();
            for (i, slug) in got.iter().enumerate() {
                proptest::prop_assert_eq!(slugger.find(slug), Some(i));
            }
            proptest::prop_assert_eq!(slugger.find("not-handed-out-x"), None);
            proptest::prop_assert_eq!(got, slugs_by_definition(&texts));
        }
    }

    #[test]
    fn suffixed_slug_must_itself_be_free() {
        let mut s = Slugger::default();
        assert_eq!(next(&mut s, "a-1"), "a-1");
        assert_eq!(next(&mut s, "a"), "a");
        assert_eq!(next(&mut s, "a"), "a-2");
    }
}
