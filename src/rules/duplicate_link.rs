use std::collections::HashMap;

use super::edits::whole_lines;
use super::options::{DuplicateScope, OptionDoc};
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::conventions::is_styled_entry;
use crate::document::{Document, EntryKind};

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
         on the first. With `--changed-since`, every added or changed entry that repeats \
         another entry's main link is reported, on itself, whatever the scope: that is what \
         a reviewer of a new entry wants to know."
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
        let changed = |l: usize| {
            options.changed.as_ref().is_some_and(|lines| {
                let span = &doc.links[l].span;
                lines.intersects(doc.position(span.start).line, doc.end_position(span).line)
            })
        };
        let mut found: Vec<Diagnostic> = repeats
            .iter()
            .filter(|&&(l, f)| !same_section_only || doc.links[l].section == doc.links[f].section)
            // A changed entry is reported below, in pull-request mode.
            .filter(|&&(l, _)| !changed(l))
            .map(|&(l, f)| self.finding(doc, l, f))
            .collect();
        if options.changed.is_some() {
            // Pull-request mode: every changed entry that repeats another entry's main link is
            // reported, on itself, whatever the scope and the cross-listing: the other entry
            // may stand after it. It names an unchanged entry when there is one (the list
            // already had the link); between changed entries only, the later one is reported,
            // as outside this mode.
            let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
            for &(l, f) in &repeats {
                groups.entry(f).or_insert_with(|| vec![f]).push(l);
            }
            for members in groups.values() {
                let is_changed: Vec<bool> = members.iter().map(|&m| changed(m)).collect();
                let unchanged = members
                    .iter()
                    .zip(&is_changed)
                    .find(|(_, c)| !**c)
                    .map(|(&m, _)| m);
                for (i, &m) in members.iter().enumerate() {
                    if !is_changed[i] {
                        continue;
                    }
                    if let Some(other) = unchanged.or((i > 0).then(|| members[0])) {
                        found.push(self.finding(doc, m, other));
                    }
                }
            }
        }
        found.sort_by_key(|d| d.span.start);
        found
    }
}

impl DuplicateLink {
    /// `link` repeats the main link of `other`'s entry; labelled at `other`.
    fn finding(&self, doc: &Document, link: usize, other: usize) -> Diagnostic {
        let (link, other) = (&doc.links[link], &doc.links[other]);
        let line = doc.position(other.span.start).line;
        let place = match other.section {
            Some(s) if other.section != link.section => {
                format!(" (under `{}`)", doc.headings[s].text)
            }
            _ => String::new(),
        };
        let label = if other.span.start < link.span.start {
            "first listed here"
        } else {
            "also listed here"
        };
        let d = Diagnostic::new(
            self.id(),
            self.severity(),
            link.span.clone(),
            format!("`{}` is already listed on line {line}{place}", link.url),
        )
        .with_help("remove one of the two entries, or merge them")
        .with_label(other.span.clone(), label);
        match Self::removal(doc, link.entry) {
            Some(lines) => d.with_unsafe_edit(lines, ""),
            None => d,
        }
    }

    /// The lines of the reported entry, to delete: a list item alone on its lines, with no
    /// nested entries (those would go with it). Unsafe: the two entries may differ in what
    /// they say, and the maintainer may want to keep the other one.
    fn removal(doc: &Document, entry: Option<usize>) -> Option<std::ops::Range<usize>> {
        let e = &doc.entries[entry?];
        if e.kind != EntryKind::ListItem || doc.entries_within(&e.span).len() != 1 {
            return None;
        }
        whole_lines(doc, &e.span)
    }
}

/// A list that repeats this many entries across sections cross-lists on purpose
/// (a paper under both "Generation" and "Video"); then only repeats within one
/// section are reported.
const CROSS_LISTING_CONVENTION: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::ChangedLines;
    use crate::rules::testing::{lines, lines_with, messages_with};

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

    fn changed(ranges: &[(usize, usize)]) -> RuleOptions {
        RuleOptions {
            changed: Some(ChangedLines::from_ranges(ranges.iter().copied())),
            ..RuleOptions::default()
        }
    }

    /// Ten deliberate cross-section repeats (lines 3–12 and 14–23), then `extra`.
    fn cross_listed(extra: &str) -> String {
        let mut md = String::from("# T\n## A\n");
        for i in 0..10 {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md.push_str("## B\n");
        for i in 0..10 {
            md.push_str(&format!("- [P{i}](https://p.org/{i})\n"));
        }
        md.push_str(extra);
        md
    }

    #[test]
    fn changed_entry_repeating_a_cross_listed_link_is_reported() {
        let md = cross_listed("- [New](https://p.org/3) - Added.\n");
        assert!(lines(&DuplicateLink, &md).is_empty(), "cross-listing");
        assert_eq!(lines_with(&DuplicateLink, &md, &changed(&[(24, 24)])), [24]);
        let messages = messages_with(&DuplicateLink, &md, &changed(&[(24, 24)]));
        assert_eq!(
            messages,
            ["`https://p.org/3` is already listed on line 6 (under `A`)"]
        );
        // Whatever the scope; and a change elsewhere reports nothing new.
        let section = RuleOptions {
            scope: DuplicateScope::Section,
            ..changed(&[(24, 24)])
        };
        assert_eq!(lines_with(&DuplicateLink, &md, &section), [24]);
        assert!(lines_with(&DuplicateLink, &md, &changed(&[(1, 2)])).is_empty());
    }

    #[test]
    fn changed_entry_before_the_existing_one_is_reported_on_itself() {
        let md = "# T\n## A\n- [New](https://a.com/x) - Added.\n## B\n- [Old](https://a.com/x) - There.\n- [Other](https://b.com)\n";
        // Without changes the later (existing) entry is the one reported.
        assert_eq!(lines(&DuplicateLink, md), [5]);
        let options = changed(&[(3, 3)]);
        let doc = Document::parse(md);
        let found: Vec<_> = DuplicateLink
            .check(&doc, &options)
            .into_iter()
            .map(|d| {
                (
                    doc.position(d.span.start).line,
                    d.message,
                    d.labels[0].message.clone(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    3,
                    "`https://a.com/x` is already listed on line 5 (under `B`)".to_string(),
                    "also listed here".to_string()
                ),
                (
                    5,
                    "`https://a.com/x` is already listed on line 3 (under `A`)".to_string(),
                    "first listed here".to_string()
                ),
            ],
            "the existing entry keeps its finding; the run drops it as unchanged"
        );
    }

    #[test]
    fn two_changed_entries_with_one_link_report_the_later() {
        let md = "# T\n- [A](https://a.com) - One.\n- [B](https://b.com)\n- [A2](https://a.com) - Two.\n";
        assert_eq!(lines_with(&DuplicateLink, md, &changed(&[(2, 4)])), [4]);
        // Three with the same link, the middle one unchanged: both changed ones name it (the
        // unchanged one keeps its own finding, which the run drops).
        let md = "# T\n- [A](https://a.com) - New.\n- [A1](https://a.com) - Old.\n- [A2](https://a.com) - New.\n";
        let messages = messages_with(&DuplicateLink, md, &changed(&[(2, 2), (4, 4)]));
        assert_eq!(
            messages,
            [
                "`https://a.com` is already listed on line 3",
                "`https://a.com` is already listed on line 2",
                "`https://a.com` is already listed on line 3",
            ]
        );
    }

    #[test]
    fn silent_on_shared_code_links_and_fragments() {
        let md = "# T\n- P1: [Paper](https://arxiv.org/1) | [Code](https://github.com/o/r)\n- P2: [Paper](https://arxiv.org/2) | [Code](https://github.com/o/r)\n- [Docs](https://d.e/#install)\n- [Docs](https://d.e/#usage)\n";
        assert!(lines(&DuplicateLink, md).is_empty());
    }
}
