//! GitHub's heading anchors, as github-slugger computes them.

use rustc_hash::FxHashMap;

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
        // The same steps, a byte at a time, without lowercasing into a second string.
        let mut bytes = std::mem::take(slug).into_bytes();
        bytes.reserve(text.len());
        bytes.extend(text.bytes().filter_map(|b| match b.to_ascii_lowercase() {
            b' ' => Some(b'-'),
            b => keeps(char::from(b)).then_some(b),
        }));
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
#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: FxHashMap<String, usize>,
}

impl Slugger {
    /// The anchor of the next heading with `text`, and the length of `slugify(text)`, which
    /// the anchor starts with (a repeat adds `-1`, `-2`…).
    pub fn slug(&mut self, text: &str) -> (String, usize) {
        let original = slugify(text);
        let len = original.len();
        if !self.occurrences.contains_key(&original) {
            self.occurrences.insert(original.clone(), 0);
            return (original, len);
        }
        let mut slug = original.clone();
        while self.occurrences.contains_key(&slug) {
            let count = self
                .occurrences
                .get_mut(&original)
                .expect("original slug is present whenever a suffixed one is tried");
            *count += 1;
            slug = format!("{original}-{count}");
        }
        self.occurrences.insert(slug.clone(), 0);
        (slug, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(s.slug("Text-Image generation").0, "text-image-generation");
        assert_eq!(s.slug("Text-Image generation").0, "text-image-generation-1");
        assert_eq!(s.slug("Text-Image generation").0, "text-image-generation-2");
    }

    #[test]
    fn suffixed_slug_must_itself_be_free() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("a-1").0, "a-1");
        assert_eq!(s.slug("a").0, "a");
        assert_eq!(s.slug("a").0, "a-2");
    }
}
