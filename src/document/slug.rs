//! GitHub's heading anchors, as github-slugger computes them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Everything github-slugger deletes: all but letters, marks, decimal and letter
/// numbers, connector punctuation, `-` and the ASCII space.
static REMOVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]").expect("valid regex"));

/// The slug of one heading text, before de-duplication.
pub fn slugify(text: &str) -> String {
    let lower = text.to_lowercase();
    REMOVE.replace_all(&lower, "").replace(' ', "-")
}

/// Hands out slugs in document order, suffixing repeats with `-1`, `-2`…
#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    pub fn slug(&mut self, text: &str) -> String {
        let original = slugify(text);
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
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn repeats_get_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Text-Image generation"), "text-image-generation");
        assert_eq!(s.slug("Text-Image generation"), "text-image-generation-1");
        assert_eq!(s.slug("Text-Image generation"), "text-image-generation-2");
    }

    #[test]
    fn suffixed_slug_must_itself_be_free() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("a-1"), "a-1");
        assert_eq!(s.slug("a"), "a");
        assert_eq!(s.slug("a"), "a-2");
    }
}
