//! `--check-fragments`: after the pages themselves were checked, each working page linked
//! with a `#fragment` is downloaded once (at most `BODY_LIMIT`, streamed, stopping as soon
//! as every fragment pointing into it is found) and each fragment is looked up among its
//! anchors:
//! - HTML: an `id` or `name` attribute (`<h2 id="usage">`, `<a name="legacy">`), compared
//!   ignoring ASCII case; GitHub's rendered Markdown prefixes its heading anchors with
//!   `user-content-` (`id="user-content-install"`, also inside the JSON of its file pages),
//!   and that prefixed form counts too;
//! - Markdown served raw (a `.md` path not served as HTML): its headings, slugged as ours,
//!   and its HTML anchors.
//!
//! Anything that makes the answer unknowable (the page fails on GET, is not text, the
//! network fails) leaves the fragment unchecked, never broken. Fragments that name no
//! element by design are not looked up: `#top`, line links (`#L10-L20`), client-side routes
//! (`#/path`, `#!`), text fragments (`#:~:text=`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use url::Url;

use super::guard::Guard;
use super::options::CheckOptions;
use super::{LinkOccurrence, LinkResult, Verdict, client};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::toc::percent_decode;

pub const BROKEN_FRAGMENT: &str = "broken-fragment";

/// The most of a page's body read when looking for its anchors.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The lookup of one occurrence's fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentResult {
    /// The URL as written, fragment included.
    pub url: String,
    pub span: Range<usize>,
    /// The page that was read (after redirects).
    pub page: String,
    /// Percent-decoded.
    pub fragment: String,
    /// `None`: the page could not be read for its anchors (`detail` says why).
    pub found: Option<bool>,
    pub detail: String,
}

/// The fragments of `occurrences` (with their `results`, in the same order) looked up in
/// their pages; one result per occurrence that has a fragment worth looking up and whose
/// page works.
pub async fn check(
    occurrences: &[LinkOccurrence],
    results: &[LinkResult],
    options: &CheckOptions,
) -> Vec<FragmentResult> {
    // Page → the fragments wanted in it, each page once.
    let mut pages: Vec<(Url, Vec<String>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut wanted: Vec<(usize, usize, String)> = Vec::new();
    for (i, (occ, result)) in occurrences.iter().zip(results).enumerate() {
        let Some((page, fragment)) = target(occ, result) else {
            continue;
        };
        let at = *index.entry(page.to_string()).or_insert_with(|| {
            pages.push((page.clone(), Vec::new()));
            pages.len() - 1
        });
        if !pages[at].1.contains(&fragment) {
            pages[at].1.push(fragment.clone());
        }
        wanted.push((i, at, fragment));
    }
    if pages.is_empty() {
        return Vec::new();
    }
    let read = read_pages(pages.clone(), options).await;
    wanted
        .into_iter()
        .map(|(i, at, fragment)| {
            let (page, _) = &pages[at];
            let (found, detail) = match &read[at] {
                Ok(page) if page.found.contains(&fragment) => (Some(true), "anchor found".into()),
                Ok(page) if page.complete => (
                    Some(false),
                    format!("no id or name `{fragment}` in the page"),
                ),
                // What lies past the limit is unknown: not a finding.
                Ok(_) => (
                    None,
                    format!(
                        "not checked: not in the first {} MiB of the page",
                        BODY_LIMIT >> 20
                    ),
                ),
                Err(why) => (None, format!("not checked: {why}")),
            };
            FragmentResult {
                url: occurrences[i].url.clone(),
                span: occurrences[i].span.clone(),
                page: page.to_string(),
                fragment,
                found,
                detail,
            }
        })
        .collect()
}

/// The page to read and the fragment to find, for an occurrence worth it.
fn target(occ: &LinkOccurrence, result: &LinkResult) -> Option<(Url, String)> {
    if !matches!(result.status, Verdict::Ok | Verdict::Redirect) {
        return None;
    }
    let url = Url::parse(occ.url.trim()).ok()?;
    let fragment = percent_decode(url.fragment()?).into_owned();
    if !worth_looking_up(&fragment) {
        return None;
    }
    if url.host_str().is_some_and(is_github) && fragment.eq_ignore_ascii_case("readme") {
        // A repository page's README section: the page always has it.
        return None;
    }
    // Where the check ended up: a redirect's target keeps no fragment of its own.
    let mut page = match &result.redirect_to {
        Some(to) => Url::parse(to).ok()?,
        None => url,
    };
    page.set_fragment(None);
    Some((page, fragment))
}

fn is_github(host: &str) -> bool {
    host.eq_ignore_ascii_case("github.com") || host.eq_ignore_ascii_case("www.github.com")
}

fn worth_looking_up(fragment: &str) -> bool {
    !(fragment.is_empty()
        || fragment.eq_ignore_ascii_case("top")
        || fragment.starts_with('/')
        || fragment.starts_with('!')
        || fragment.contains(":~:")
        || is_line_link(fragment))
}

/// GitHub's line links: `L10`, `L10-L20`, `L10C3-L12C5`.
fn is_line_link(fragment: &str) -> bool {
    fragment.split('-').all(|part| {
        part.strip_prefix('L').is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'C')
        })
    })
}

/// What was learnt of a page: which of the wanted fragments it holds, and whether the whole
/// page was read (else a fragment not found may lie past `BODY_LIMIT`).
type Read = Result<Anchors, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Anchors {
    found: Vec<String>,
    complete: bool,
}

async fn read_pages(pages: Vec<(Url, Vec<String>)>, options: &CheckOptions) -> Vec<Read> {
    let dns = options.resolve_cache(options.max_concurrency);
    let client = match client::build(options, dns) {
        Ok(c) => c,
        Err(e) => return pages.iter().map(|_| Err(e.clone())).collect(),
    };
    // Per-host headers apply hop by hop, as in the check.
    let shared = Arc::new(options.clone());
    let guard = Arc::new(options.guard());
    // Politeness as for the pages themselves: per host, and over all hosts.
    let global = Arc::new(Semaphore::new(options.max_concurrency.max(1)));
    let mut per_host: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let mut tasks = JoinSet::new();
    for (i, (page, fragments)) in pages.into_iter().enumerate() {
        let host = page.host_str().unwrap_or_default().to_ascii_lowercase();
        let limit = options
            .host_settings(&host)
            .and_then(|s| s.concurrency)
            .unwrap_or(options.host_concurrency)
            .max(1);
        let host_slot = per_host
            .entry(host)
            .or_insert_with(|| Arc::new(Semaphore::new(limit)))
            .clone();
        let (client, guard, global) = (client.clone(), guard.clone(), global.clone());
        let options = shared.clone();
        tasks.spawn(async move {
            let _host = host_slot.acquire_owned().await;
            let _all = global.acquire_owned().await;
            (
                i,
                read_page(&client, &guard, &options, page, &fragments).await,
            )
        });
    }
    let deadline = tokio::time::Instant::now() + options.run_timeout;
    let mut out: Vec<Option<Read>> = Vec::new();
    out.resize_with(tasks.len(), || None);
    while let Ok(Some(joined)) = tokio::time::timeout_at(deadline, tasks.join_next()).await {
        if let Ok((i, read)) = joined {
            out[i] = Some(read);
        }
    }
    tasks.abort_all();
    out.into_iter()
        .map(|r| r.unwrap_or_else(|| Err("the page was not read in time".into())))
        .collect()
}

/// GET `page` (following redirects by hand, each hop through the guard, with the hop's
/// configured headers; never the GitHub token, which pages do not need) and look for
/// `fragments` in its body.
async fn read_page(
    client: &reqwest::Client,
    guard: &Guard,
    options: &CheckOptions,
    mut page: Url,
    fragments: &[String],
) -> Read {
    for _ in 0..=super::policy::MAX_REDIRECTS {
        guard.check_literal(&page).map_err(|e| e.to_string())?;
        let mut request = client.get(page.clone());
        if let Some(settings) = page.host_str().and_then(|h| options.host_settings(h)) {
            request = request.headers(settings.headers.clone());
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("{} without a Location", status.as_u16()))?;
            page = page
                .join(location.trim())
                .map_err(|e| format!("bad Location {location:?}: {e}"))?;
            if !matches!(page.scheme(), "http" | "https") {
                return Err(format!("redirects to {page}"));
            }
            continue;
        }
        if !status.is_success() {
            return Err(format!("the page answered {} to GET", status.as_u16()));
        }
        let kind = Kind::of(&page, response.headers());
        return match kind {
            Kind::Other => Err("the page is neither HTML nor Markdown".into()),
            Kind::Html => scan_html(response, fragments).await,
            Kind::Markdown => {
                let (body, complete) = read_body(response).await?;
                let doc = Document::parse(String::from_utf8_lossy(&body).into_owned());
                let found = fragments
                    .iter()
                    .filter(|f| doc.has_anchor(f))
                    .cloned()
                    .collect();
                Ok(Anchors { found, complete })
            }
        };
    }
    Err(format!(
        "more than {} redirects",
        super::policy::MAX_REDIRECTS
    ))
}

enum Kind {
    Html,
    Markdown,
    Other,
}

impl Kind {
    fn of(page: &Url, headers: &reqwest::header::HeaderMap) -> Kind {
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let path = page.path().to_ascii_lowercase();
        if content_type.contains("html") {
            Kind::Html
        } else if path.ends_with(".md") || path.ends_with(".markdown") {
            // raw.githubusercontent.com serves Markdown as text/plain.
            if content_type.is_empty()
                || content_type.starts_with("text/")
                || content_type.contains("markdown")
            {
                Kind::Markdown
            } else {
                Kind::Other
            }
        } else if content_type.is_empty() {
            Kind::Html
        } else {
            Kind::Other
        }
    }
}

/// At most `BODY_LIMIT` of the body, and whether that was all of it.
async fn read_body(mut response: reqwest::Response) -> Result<(Vec<u8>, bool), String> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        let room = BODY_LIMIT - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}

/// The prefix GitHub gives the anchors of rendered Markdown.
const GITHUB_PREFIX: &[u8] = b"user-content-";

/// The values of the `id=` and `name=` attributes in `html` (already lowercase): quoted
/// with `"` or `'`, JSON-escaped (`\"`, as in the data GitHub's file pages embed), or
/// unquoted; GitHub's `user-content-` prefix removed. A value cut off at the end of `html`
/// is not given.
fn anchor_values(html: &[u8]) -> impl Iterator<Item = &[u8]> {
    memchr::memchr_iter(b'=', html).filter_map(move |eq| {
        let before = &html[..eq];
        let name_end = before.len();
        let named = [&b"id"[..], &b"name"[..]].iter().any(|attr| {
            before.ends_with(attr)
                && before[..name_end - attr.len()]
                    .last()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')))
        });
        if !named {
            return None;
        }
        let mut rest = &html[eq + 1..];
        let escaped = rest.first() == Some(&b'\\');
        if escaped {
            rest = &rest[1..];
        }
        let value = match rest.first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let rest = &rest[1..];
                let end = if escaped {
                    memchr::memmem::find(rest, b"\\\"")?
                } else {
                    memchr::memchr(quote, rest)?
                };
                &rest[..end]
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')?;
                &rest[..end]
            }
            None => return None,
        };
        Some(value.strip_prefix(GITHUB_PREFIX).unwrap_or(value))
    })
}

/// Streams the body, lowercased, looking for every fragment; stops once all are found or
/// `BODY_LIMIT` is read.
async fn scan_html(mut response: reqwest::Response, fragments: &[String]) -> Read {
    // Fragments differing only in case share a key.
    let mut wanted: HashMap<Vec<u8>, Vec<&String>> = HashMap::new();
    for f in fragments {
        wanted
            .entry(f.to_ascii_lowercase().into_bytes())
            .or_default()
            .push(f);
    }
    // An attribute may straddle two chunks: the next search starts this far before them.
    let overlap = wanted.keys().map(Vec::len).max().unwrap_or(0) + GITHUB_PREFIX.len() + 16;
    let mut found: Vec<String> = Vec::new();
    let mut body: Vec<u8> = Vec::new();
    let mut complete = false;
    while found.len() < fragments.len() {
        let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? else {
            complete = true;
            break;
        };
        if body.len() >= BODY_LIMIT {
            break;
        }
        let from = body.len().saturating_sub(overlap);
        let room = BODY_LIMIT - body.len();
        body.extend(
            chunk[..chunk.len().min(room)]
                .iter()
                .map(u8::to_ascii_lowercase),
        );
        for value in anchor_values(&body[from..]) {
            for &fragment in wanted.get(value).into_iter().flatten() {
                if !found.contains(fragment) {
                    found.push(fragment.clone());
                }
            }
        }
    }
    Ok(Anchors { found, complete })
}

/// `broken-fragment` for every fragment looked up and not found.
pub fn diagnostics(results: &[FragmentResult]) -> Vec<Diagnostic> {
    results
        .iter()
        .filter(|r| r.found == Some(false))
        .map(|r| {
            Diagnostic::new(
                BROKEN_FRAGMENT,
                Severity::Warning,
                r.span.clone(),
                format!(
                    "`#{}` names no anchor (id or <a name>) in {}",
                    r.fragment, r.page
                ),
            )
            .with_help(
                "The page works but this section is not in it (any more): point the link at \
                 an anchor the page has, or link to the page alone.",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(url: &str) -> (LinkOccurrence, LinkResult) {
        let occ = LinkOccurrence {
            url: url.into(),
            span: 0..url.len(),
        };
        let result = LinkResult {
            url: url.into(),
            span: 0..url.len(),
            status: Verdict::Ok,
            http_status: Some(200),
            redirect_to: None,
            attempts: 1,
            elapsed_ms: 1,
            detail: String::new(),
            github: None,
        };
        (occ, result)
    }

    #[test]
    fn only_real_fragments_of_working_pages_are_looked_up() {
        let page = |url: &str| {
            let (o, r) = ok(url);
            target(&o, &r).map(|(p, f)| (p.to_string(), f))
        };
        assert_eq!(
            page("https://a.b/x?y=1#Usage"),
            Some(("https://a.b/x?y=1".into(), "Usage".into()))
        );
        assert_eq!(
            page("https://a.b/x#caf%C3%A9"),
            Some(("https://a.b/x".into(), "café".into()))
        );
        for skipped in [
            "https://a.b/x",
            "https://a.b/x#",
            "https://a.b/x#top",
            "https://a.b/x#L10-L20",
            "https://a.b/x#L3C1-L4C2",
            "https://a.b/app#/route/1",
            "https://a.b/app#!/old",
            "https://a.b/x#:~:text=hello",
            "https://github.com/o/r#readme",
        ] {
            assert_eq!(page(skipped), None, "{skipped}");
        }
        let (o, mut r) = ok("https://a.b/x#s");
        r.status = Verdict::Dead;
        assert_eq!(target(&o, &r), None, "a dead page has no fragment to check");
        r.status = Verdict::Redirect;
        r.redirect_to = Some("https://c.d/y".into());
        assert_eq!(
            target(&o, &r).map(|(p, f)| (p.to_string(), f)),
            Some(("https://c.d/y".into(), "s".into())),
            "the page read is where the link ends up"
        );
    }

    #[test]
    fn anchors_in_every_quoting_and_github_prefix() {
        let body = br#"<h2 ID="Intro">x</h2><a name='legacy'></a><div id=bare>
            {"richText":"<a id=\"user-content-install\" class=\"anchor\">"}
            <p data-id="data" grid="no" hidden id="cut"#
            .to_ascii_lowercase();
        let values: Vec<&[u8]> = anchor_values(&body).collect();
        assert_eq!(
            values,
            [&b"intro"[..], b"legacy", b"bare", b"install"],
            "{:?}",
            values
                .iter()
                .map(|v| String::from_utf8_lossy(v))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn only_missing_fragments_are_findings() {
        let result = |found| FragmentResult {
            url: "https://a.b/x#s".into(),
            span: 3..18,
            page: "https://a.b/x".into(),
            fragment: "s".into(),
            found,
            detail: String::new(),
        };
        let ds = diagnostics(&[result(Some(true)), result(Some(false)), result(None)]);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].rule, BROKEN_FRAGMENT);
        assert_eq!(ds[0].severity, Severity::Warning);
        assert!(ds[0].message.contains("https://a.b/x"), "{}", ds[0].message);
    }
}
