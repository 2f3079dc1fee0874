use std::collections::HashMap;

use super::options::{DuplicateScope, OptionDoc};
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::conventions::is_styled_entry;

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
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
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

fn hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
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
        "The same URL as the main link of two entries."
    }
    fn explanation(&self) -> &'static str {
        "Each entry's main link (its first link) names what it lists; two entries with the \
         same main link list the same thing twice. URLs are compared with the scheme, `www.`, \
         a trailing slash and `utm_*` parameters ignored, but the fragment kept. Links in \
         descriptions, badges, the table of contents and headings are not compared, so a \
         repository cited as the code of several papers is not reported. A list that \
         repeats ten or more entries across sections cross-lists on purpose; there only \
         repeats within one section are reported. The later entry is reported, with a label \
         on the first."
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
        // Keys are hashed from one reused buffer; the first link of each hash is kept, and a
        // hash match is confirmed by comparing the normalised URLs themselves.
        let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut key = String::new();
        let mut other = String::new();
        // (later link, first link) for every repeat.
        let mut repeats: Vec<(usize, usize)> = Vec::new();
        for (i, e) in doc.entries.iter().enumerate() {
            if !is_styled_entry(doc, i) {
                continue;
            }
            let Some(&l) = e.links.iter().find(|&&l| !doc.links[l].image_only) else {
                continue;
            };
            if !normalize_into(&doc.links[l].url, &mut key) {
                continue;
            }
            let firsts = first.entry(hash(&key)).or_default();
            let same = firsts
                .iter()
                .copied()
                .find(|&f| normalize_into(&doc.links[f].url, &mut other) && other == key);
            match same {
                Some(f) => repeats.push((l, f)),
                None => firsts.push(l),
            }
        }
        let cross_listed = repeats
            .iter()
            .filter(|&&(l, f)| doc.links[l].section != doc.links[f].section)
            .count();
        let same_section_only = match options.scope {
            DuplicateScope::Auto => cross_listed >= CROSS_LISTING_CONVENTION,
            DuplicateScope::Section => true,
            DuplicateScope::Document => false,
        };
        repeats
            .into_iter()
            .filter(|&(l, f)| !same_section_only || doc.links[l].section == doc.links[f].section)
            .map(|(l, f)| {
                let link = &doc.links[l];
                let first = &doc.links[f];
                let line = doc.position(first.span.start).line;
                let place = match first.section {
                    Some(s) if first.section != link.section => {
                        format!(" (under `{}`)", doc.headings[s].text)
                    }
                    _ => String::new(),
                };
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    link.span.clone(),
                    format!("`{}` is already listed on line {line}{place}", link.url),
                )
                .with_help("remove one of the two entries, or merge them")
                .with_label(first.span.clone(), "first listed here")
            })
            .collect()
    }
}

/// A list that repeats this many entries across sections cross-lists on purpose
/// (a paper under both "Generation" and "Video"); then only repeats within one
/// section are reported.
const CROSS_LISTING_CONVENTION: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, lines_with};

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
        for i in 0..10 {
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

    #[test]
    fn silent_on_shared_code_links_and_fragments() {
        let md = "# T\n- P1: [Paper](https://arxiv.org/1) | [Code](https://github.com/o/r)\n- P2: [Paper](https://arxiv.org/2) | [Code](https://github.com/o/r)\n- [Docs](https://d.e/#install)\n- [Docs](https://d.e/#usage)\n";
        assert!(lines(&DuplicateLink, md).is_empty());
    }
}
