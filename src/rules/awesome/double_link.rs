//! The same URL linked twice anywhere in the list, as sindresorhus/awesome-lint's
//! `double-link` judges it: every Markdown link counts (prose, headings, tables, the table of
//! contents, back-to-top links) except the links in a list item's description, and URLs are
//! compared after its normalisation.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use url::Url;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::inline::InlineKind;
use crate::document::{Document, EntryKind, LinkKind};
use crate::rules::{Preset, Rule, RuleOptions};

pub struct DoubleLink;

impl Rule for DoubleLink {
    fn id(&self) -> &'static str {
        "awesome-double-link"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The same URL linked more than once in the list (every occurrence is reported)."
    }
    fn explanation(&self) -> &'static str {
        "The awesome guidelines list each thing once. Every Markdown link counts (in prose, \
         headings, tables, the table of contents, and repeated `back to top` links, which the \
         guidelines discourage), except the links of a list item's description: those after \
         the item's first link. In-document anchors (`#contents`) are compared as written; \
         other URLs without scheme, `www.`, credentials, `utm_*` parameters, a trailing slash \
         or an `index.*` page, with query parameters sorted and the fragment kept. Reference \
         links, images and HTML links are not compared. `duplicate-link` (default preset) \
         judges only entries' main links."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let ignored = description_links(doc);
        let mut groups: FxHashMap<String, Vec<(Range<usize>, &str)>> = FxHashMap::default();
        let mut order: Vec<String> = Vec::new();
        let links = doc
            .links
            .iter()
            .filter(|l| matches!(l.kind, LinkKind::Inline | LinkKind::Autolink) && !l.nested)
            .map(|l| (l.span.clone(), doc.url_of(l)));
        let bare = doc
            .bare_urls
            .iter()
            .map(|b| (b.span.clone(), doc.text(&b.span)));
        let mut all: Vec<_> = links.chain(bare).collect();
        all.sort_by_key(|(span, _)| span.start);
        for (span, url) in all {
            if ignored.contains(&span.start) {
                continue;
            }
            let key = normalize(url);
            let group = groups.entry(key.clone()).or_default();
            if group.is_empty() {
                order.push(key);
            }
            group.push((span, url));
        }
        let mut out = Vec::new();
        for key in order {
            let group = &groups[&key];
            if group.len() < 2 {
                continue;
            }
            for (i, (span, url)) in group.iter().enumerate() {
                let other = &group[if i == 0 { 1 } else { 0 }].0;
                let other_line = doc.position(other.start).line;
                let times = group.len();
                out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        span.clone(),
                        format!("`{url}` is linked {times} times (also on line {other_line})"),
                    )
                    .with_help(
                        "link each thing once; keep the occurrence where readers look for it",
                    )
                    .with_label(other.clone(), "also linked here"),
                );
            }
        }
        out
    }
}

/// Starts of the links that sindresorhus/awesome-lint leaves out: in the first paragraph of a
/// list item, the top-level links after the first link (a reference link counts as the first
/// but is never compared anyway).
fn description_links(doc: &Document) -> FxHashSet<usize> {
    let mut out = FxHashSet::default();
    for entry in doc.entries.iter().filter(|e| e.kind == EntryKind::ListItem) {
        let inlines = doc.inlines(&entry.content);
        let mut starts: Vec<(usize, bool)> = Vec::new();
        for inline in &inlines {
            match inline.kind {
                InlineKind::Link => starts.push((inline.span.start, true)),
                InlineKind::Reference => starts.push((inline.span.start, false)),
                // A bare URL is a link of its own in GitHub's Markdown.
                InlineKind::Text => starts.extend(
                    doc.bare_urls
                        .iter()
                        .filter(|b| inline.span.contains(&b.span.start))
                        .map(|b| (b.span.start, true)),
                ),
                _ => {}
            }
        }
        starts.sort_unstable();
        out.extend(
            starts
                .into_iter()
                .skip(1)
                .filter(|&(_, is_link)| is_link)
                .map(|(start, _)| start),
        );
    }
    out
}

static EMBEDDED_SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[a-z][a-z\d+\-.]{1,50}://").expect("valid regex"));
static SLASHES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/{2,}").expect("valid regex"));
static WWW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^www\.[a-z\-\d]{1,63}\.[a-z.\-\d]{2,63}$").expect("valid regex"));
static DIRECTORY_INDEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^index\.[a-z]+$").expect("valid regex"));

/// The comparison key of a link's URL: what sindresorhus/awesome-lint's `double-link`
/// compares (normalize-url with the protocol stripped, fragments kept, directory indexes
/// removed). Anchors, relative paths and what does not parse are compared as written.
pub(crate) fn normalize(raw: &str) -> String {
    let raw = raw.trim();
    if raw.starts_with('#') {
        return raw.to_string();
    }
    // Another scheme than the web's (`mailto:`, `ftp:`) is compared as written.
    if let Ok(u) = Url::parse(raw)
        && !matches!(u.scheme(), "http" | "https" | "file")
        && !u.scheme().contains('.')
    {
        return raw.to_string();
    }
    let relative_protocol = raw.starts_with("//");
    if !relative_protocol && raw.trim_start_matches('.').starts_with('/') {
        return raw.to_string();
    }
    let with_scheme = if relative_protocol {
        format!("http:{raw}")
    } else if raw
        .find("://")
        .is_some_and(|i| raw[..i].chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        raw.to_string()
    } else {
        format!("http://{raw}")
    };
    let Ok(mut u) = Url::parse(&with_scheme) else {
        return raw.to_string();
    };
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if let Some(fragment) = u.fragment()
        && let Some(i) = fragment.to_ascii_lowercase().find(":~:text")
    {
        let kept = fragment[..i].to_string();
        u.set_fragment((!kept.is_empty()).then_some(kept.as_str()));
    }
    let mut path = collapse_slashes(u.path());
    path = decode_path(&path);
    if let Some(last) = path.split('/').rfind(|c| !c.is_empty())
        && DIRECTORY_INDEX.is_match(last)
    {
        let parts: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
        let kept = &parts[..parts.len() - 1];
        path = if kept.is_empty() {
            "/".to_string()
        } else {
            format!("/{}/", kept.join("/"))
        };
    }
    if let Some(host) = u.host_str().map(str::to_string) {
        let host = host.strip_suffix('.').unwrap_or(&host).to_string();
        let host = if WWW.is_match(&host) && !host.starts_with("www.www.") {
            host["www.".len()..].to_string()
        } else {
            host
        };
        let _ = u.set_host(Some(&host));
    }
    if let Some(query) = u.query().map(str::to_string) {
        let mut pairs: Vec<(String, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let key = p.split('=').next().unwrap_or("");
                (decode(&key.replace('+', " ")), p)
            })
            .filter(|(key, _)| !is_utm(key))
            .collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let joined: Vec<&str> = pairs.iter().map(|(_, p)| *p).collect();
        let joined = decode(&joined.join("&"));
        u.set_query((!joined.is_empty()).then_some(joined.as_str()));
    }
    let path = path.strip_suffix('/').unwrap_or(&path).to_string();
    u.set_path(&path);
    let mut s = u.to_string();
    if u.fragment().is_none() {
        s = s.strip_suffix('/').map(str::to_string).unwrap_or(s);
    }
    for prefix in ["https://", "http://", "//"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    s
}

fn is_utm(key: &str) -> bool {
    key.len() > 4
        && key[..4].eq_ignore_ascii_case("utm_")
        && key[4..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `//` runs in a path made single, except right after an embedded scheme
/// (`web.archive.org/web/2020/https://…`).
fn collapse_slashes(path: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for m in EMBEDDED_SCHEME.find_iter(path) {
        out.push_str(&SLASHES.replace_all(&path[last..m.start()], "/"));
        out.push_str(m.as_str());
        last = m.end();
    }
    out.push_str(&SLASHES.replace_all(&path[last..], "/"));
    out
}

/// Percent-decoding of a path, keeping what `decodeURI` keeps encoded (reserved characters);
/// left as it is when the result would not be UTF-8.
fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            && !b";/?:@&=+$,#".contains(&b)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// Full percent-decoding (`decodeURIComponent`), or the text as it is when not UTF-8.
fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn normalisation_matches_the_upstream_comparison() {
        let same = [
            (
                "https://invite.slack.golangbridge.org/",
                "https://invite.slack.golangbridge.org",
            ),
            ("http://example.com", "https://www.example.com/"),
            ("https://example.com/a/index.html", "https://example.com/a/"),
            (
                "https://example.com/?b=2&a=1",
                "https://example.com/?a=1&b=2",
            ),
            (
                "https://example.com/x?utm_source=feed",
                "https://example.com/x",
            ),
            ("https://Example.COM/x", "https://example.com/x"),
            ("https://user:pw@example.com/x", "https://example.com/x"),
            ("https://example.com//a//b", "https://example.com/a/b"),
            ("https://example.com/%7Euser", "https://example.com/~user"),
            (
                "https://example.com/page#:~:text=hi",
                "https://example.com/page",
            ),
            ("example.com/x", "https://example.com/x"),
        ];
        for (a, b) in same {
            assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        }
        let different = [
            ("https://example.com/#a", "https://example.com/#b"),
            ("https://example.com/a", "https://example.com/A"),
            ("#contents", "#Contents"),
            ("https://example.com/?a=1", "https://example.com/?a=2"),
            ("mailto:a@example.com", "mailto:b@example.com"),
        ];
        for (a, b) in different {
            assert_ne!(normalize(a), normalize(b), "{a} vs {b}");
        }
        assert_eq!(normalize("#contents"), "#contents");
        assert_eq!(normalize("./docs/"), "./docs/");
        assert_eq!(normalize("https://example.com/a/?q=1"), "example.com/a?q=1");
        assert_eq!(
            normalize("https://web.archive.org/web/2020/https://x.org/"),
            "web.archive.org/web/2020/https://x.org"
        );
    }

    #[test]
    fn back_to_top_links_and_toc_anchors_count() {
        let md = "# T\n\n## Contents\n\n- [A](#a)\n  - [A](#a)\n\n## A\n\n- [X](https://x.org) - X.\n\n**[back to top](#contents)**\n\n## B\n\n**[back to top](#contents)**\n";
        assert_eq!(lines(&DoubleLink, md), [5, 6, 12, 16]);
    }

    #[test]
    fn description_links_are_not_compared_but_main_links_are() {
        let md = "# T\n\n- [X](https://x.org) - Fork of [Y](https://y.org).\n- [Z](https://z.org) - Also a fork of [Y](https://y.org), see https://y.org.\n- [X again](https://x.org/) - Same.\n";
        assert_eq!(lines(&DoubleLink, md), [3, 5]);
        assert_eq!(
            messages(&DoubleLink, md)[0],
            "`https://x.org` is linked 2 times (also on line 5)"
        );
    }

    #[test]
    fn links_nested_in_emphasis_prose_and_tables_count_references_and_images_do_not() {
        let md = "# T\n\nSee [site](https://s.org).\n\n- **[S](https://s.org)** - Bold.\n\n| a |\n|---|\n| [s](https://s.org) |\n\n[s][r] ![s](https://s.org)\n\n[r]: https://s.org\n";
        assert_eq!(lines(&DoubleLink, md), [3, 5, 9]);
    }
}
