//! Word-level comparison of titles, shared by the rules that match TOC texts to headings
//! and recognise conventional non-category sections.

use std::sync::LazyLock;

/// Lowercased words of a title, emoji and punctuation dropped, a plural `s` removed.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
                _ => w,
            }
        })
        .collect()
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

/// How well `text` names `title`: the share of `text`'s content words found in `title`
/// (prefix matches count, so `Lib` names `Libraries`), or 1.0 for an acronym of the title.
pub fn naming_score(text: &str, title: &str) -> f64 {
    let t = content_words(text);
    let h = content_words(title);
    if t.is_empty() || h.is_empty() {
        return 0.0;
    }
    if is_acronym(text, &h) {
        return 1.0;
    }
    let hits = t
        .iter()
        .filter(|w| {
            h.iter().any(|x| {
                x == *w
                    || (w.len() >= 3 && (x.starts_with(w.as_str()) || w.starts_with(x.as_str())))
            })
        })
        .count();
    hits as f64 / t.len() as f64
}

fn is_acronym(text: &str, title_words: &[String]) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let initials: String = title_words
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    compact.len() >= 2 && compact == initials
}

/// Sections every kind of list may have that are not categories of entries.
pub fn is_meta_section(title: &str) -> bool {
    // Each name and its `words` form, computed once rather than on every call.
    static META_WORDS: LazyLock<Vec<(&str, String)>> =
        LazyLock::new(|| META.iter().map(|m| (*m, words(m).join(" "))).collect());
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
    let normalized = words(title).join(" ");
    let plain: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .trim()
        .to_lowercase();
    META_WORDS
        .iter()
        .any(|(m, w)| plain == *m || normalized == *w)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn meta_sections() {
        assert!(is_meta_section("Contributing"));
        assert!(is_meta_section("📜 License"));
        assert!(is_meta_section("Table of Contents"));
        assert!(!is_meta_section("Blog Posts"));
    }
}
