//! Links to GitHub repositories, judged in bulk through GitHub's GraphQL API.
//!
//! An HTTP check of a repository page says only "200", for an archived or abandoned
//! repository as for a healthy one, and thousands of github.com pages are the slowest, most
//! rate-limited part of a run. With a token, one POST to `{api}/graphql` asks about up to 100
//! repositories at once (aliased `rN: repository(owner:, name:)` fields), at most two batches
//! in flight. The answer decides repository-root links without any request to github.com
//! (missing, renamed, or fine) and adds the repository's facts (archived, last push) to every
//! link into it; deeper links (`/blob/…`) keep their HTTP check, since a file can be gone from
//! a live repository. Whatever the API cannot answer (no token, 401/403, rate limits, an
//! unreachable host) falls back to the HTTP check, with one note, and is never called dead.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderValue};
use serde::Serialize;
use serde_json::Value;
use url::Url;

use super::client;
use super::options::CheckOptions;
use super::policy;

/// The API root when none is configured; GitHub Enterprise Server uses `https://HOST/api`.
pub const DEFAULT_API: &str = "https://api.github.com";

/// Repositories asked about in one GraphQL request (GitHub's cap on a query's nodes makes
/// 100 simple fields cost about one point).
pub const BATCH: usize = 100;

/// Requests to the API in flight at once: GitHub asks clients not to burst concurrent calls.
pub const IN_FLIGHT: usize = 2;

/// First path segments of github.com that are not accounts: `/sponsors/x`, `/topics/x`.
const NOT_OWNERS: &[&str] = &[
    "about",
    "account",
    "apps",
    "blog",
    "codespaces",
    "collections",
    "contact",
    "copilot",
    "customer-stories",
    "dashboard",
    "education",
    "enterprise",
    "events",
    "explore",
    "features",
    "git-guides",
    "issues",
    "join",
    "login",
    "logout",
    "marketplace",
    "mobile",
    "new",
    "notifications",
    "orgs",
    "organizations",
    "partners",
    "pricing",
    "pulls",
    "readme",
    "resources",
    "search",
    "security",
    "sessions",
    "settings",
    "signup",
    "site",
    "solutions",
    "sponsors",
    "stars",
    "team",
    "topics",
    "trending",
    "users",
    "watching",
];

/// A link into a GitHub repository, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoLink {
    pub owner: String,
    /// Without a `.git` suffix.
    pub name: String,
    /// Everything the link has after `/OWNER/REPO` (path, query, fragment), as written.
    pub rest: String,
    /// The repository itself (trailing slash, `.git`, `?tab=…` and any fragment allowed), not
    /// a page inside it.
    pub root: bool,
}

impl RepoLink {
    /// The repository as the API's cache key: GitHub's names are case-insensitive.
    pub fn key(&self) -> (String, String) {
        (
            self.owner.to_ascii_lowercase(),
            self.name.to_ascii_lowercase(),
        )
    }

    /// The same link on the repository's current `OWNER/NAME`.
    pub fn moved_to(&self, name_with_owner: &str) -> String {
        format!("https://github.com/{name_with_owner}{}", self.rest)
    }
}

/// Recognises a link to a repository on github.com: `http(s)://(www.)github.com/OWNER/REPO…`
/// with GitHub's allowed characters in both names, no port and no user info. Anything else
/// (an account page, `/sponsors/…`, a name GitHub would not allow) is `None` and keeps the
/// plain HTTP check.
pub fn repo_link(url: &str) -> Option<RepoLink> {
    let text = url.trim();
    let lower = text.to_ascii_lowercase();
    let after = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let start = text.len() - after.len();
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    if !matches!(&after[..host_end], "github.com" | "www.github.com") {
        return None;
    }
    let tail = &text[start + host_end..];
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, after_path) = tail.split_at(path_end);
    let mut segments = path.strip_prefix('/')?.splitn(3, '/');
    let owner = segments.next()?;
    let written = segments.next()?;
    let deeper = segments.next().unwrap_or("");
    let query = after_path.split('#').next().unwrap_or("");
    // `?tab=readme-ov-file` and the like show the repository page itself.
    let query_is_tab = query.is_empty()
        || query
            .trim_start_matches('?')
            .split('&')
            .all(|p| p.is_empty() || p.starts_with("tab="));
    let root = deeper.is_empty() && query_is_tab;
    let name = if root {
        written.strip_suffix(".git").unwrap_or(written)
    } else {
        written
    };
    if !valid_owner(owner) || !valid_name(name) {
        return None;
    }
    Some(RepoLink {
        owner: owner.to_string(),
        name: name.to_string(),
        rest: tail[1 + owner.len() + 1 + name.len()..].to_string(),
        root,
    })
}

/// GitHub's account names: 1 to 39 ASCII letters, digits or hyphens, not starting with one.
fn valid_owner(owner: &str) -> bool {
    (1..=39).contains(&owner.len())
        && owner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !owner.starts_with('-')
        && !NOT_OWNERS.iter().any(|n| n.eq_ignore_ascii_case(owner))
}

/// GitHub's repository names: 1 to 100 ASCII letters, digits, `.`, `-`, `_`; not `.` or `..`.
fn valid_name(name: &str) -> bool {
    (1..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && name != "."
        && name != ".."
}

/// What the API said about one repository, as the JSON `links` element shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepoFacts {
    pub name_with_owner: String,
    pub archived: bool,
    /// `YYYY-MM-DDTHH:MM:SSZ`; `None` for a repository never pushed to.
    pub pushed_at: Option<String>,
}

impl RepoFacts {
    /// The day of the last push, `YYYY-MM-DD`.
    pub fn pushed_on(&self) -> Option<&str> {
        self.pushed_at.as_deref().and_then(|p| p.get(..10))
    }

    /// Whether the last push is older than `after` at `now` (never for a repository without
    /// a push date, or one dated in the future).
    pub fn stale(&self, after: Duration, now: SystemTime) -> bool {
        let Some(pushed) = self.pushed_on().and_then(unix_day) else {
            return false;
        };
        let today = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| (d.as_secs() / 86_400) as i64);
        (today - pushed) * 86_400 > after.as_secs() as i64
    }
}

/// The API's verdict on one repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepoAnswer {
    Found(RepoFacts),
    /// `null` with a `NOT_FOUND` error for its alias.
    Missing,
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (the proleptic Gregorian calendar).
pub fn unix_day(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (the inverse of `unix_day`).
pub fn civil_date(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `--stale-after` and the `after` option of `stale-repo`: `2y`, `18mo`, `26w`, `400d`.
pub fn parse_stale_after(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 2y, 18mo, 26w or 400d"))?;
    let days = match unit.trim() {
        "y" => n.checked_mul(365),
        "mo" => n.checked_mul(30),
        "w" => n.checked_mul(7),
        "d" => Some(n),
        _ => return Err(format!("{text:?}: unit must be one of y, mo, w, d")),
    };
    match days.and_then(|d| d.checked_mul(86_400)) {
        Some(0) => Err(format!("{text:?} must be longer than zero")),
        Some(secs) => Ok(Duration::from_secs(secs)),
        None => Err(format!("{text:?} is too large")),
    }
}

/// A GraphQL string literal: the JSON escapes GraphQL shares.
pub fn graphql_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The query for one batch: `rN` is the N-th repository of `repos` (`(owner, name)`).
pub fn query(repos: &[(String, String)]) -> String {
    let mut q = String::from("query {");
    for (i, (owner, name)) in repos.iter().enumerate() {
        q.push_str(&format!(
            " r{i}: repository(owner: {}, name: {}) {{ nameWithOwner url isArchived pushedAt }}",
            graphql_string(owner),
            graphql_string(name)
        ));
    }
    q.push_str(" rateLimit { remaining resetAt } }");
    q
}

/// One answered batch: a verdict per repository (`None`: the API said neither found nor
/// missing, e.g. another error for that alias), and what is left of the rate limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub answers: Vec<Option<RepoAnswer>>,
    pub remaining: Option<u64>,
    pub reset_at: Option<String>,
}

/// Reads the API's answer to `query` for `n` repositories. `Err`: nothing usable (the
/// reason, one line), e.g. a `RATE_LIMITED` error without data.
pub fn parse_answer(body: &str, n: usize) -> Result<Parsed, String> {
    let v: Value =
        serde_json::from_str(body).map_err(|e| format!("unreadable answer from the API: {e}"))?;
    let errors = v["errors"].as_array().cloned().unwrap_or_default();
    let not_found: Vec<&str> = errors
        .iter()
        .filter(|e| e["type"] == "NOT_FOUND")
        .filter_map(|e| e["path"].as_array()?.first()?.as_str())
        .collect();
    let data = v.get("data").filter(|d| d.is_object()).ok_or_else(|| {
        let what = errors
            .iter()
            .find_map(|e| e["type"].as_str().or_else(|| e["message"].as_str()))
            .unwrap_or("no data");
        if what == "RATE_LIMITED" {
            "rate limit exhausted".to_string()
        } else {
            format!("the API answered without data ({what})")
        }
    })?;
    let answers = (0..n)
        .map(|i| {
            let alias = format!("r{i}");
            match &data[&alias] {
                Value::Object(r) => Some(RepoAnswer::Found(RepoFacts {
                    name_with_owner: r.get("nameWithOwner")?.as_str()?.to_string(),
                    archived: r.get("isArchived")?.as_bool()?,
                    pushed_at: r
                        .get("pushedAt")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                })),
                Value::Null if not_found.contains(&alias.as_str()) => Some(RepoAnswer::Missing),
                _ => None,
            }
        })
        .collect();
    let rate = &data["rateLimit"];
    Ok(Parsed {
        answers,
        remaining: rate["remaining"].as_u64(),
        reset_at: rate["resetAt"].as_str().map(str::to_string),
    })
}

/// What one request to the API came to.
#[derive(Debug)]
enum Sent {
    Answered(Parsed),
    /// This batch only (a server error): its repositories fall back to HTTP.
    Failed(String),
    /// The API cannot be used any more in this run (token refused, rate limits, unreachable).
    Stop(String),
}

/// What the API said about the run's repositories, and why some were left to HTTP.
#[derive(Debug, Default)]
pub struct ApiLookup {
    /// By `RepoLink::key`; absent repositories were not answered and keep the HTTP check.
    pub answers: HashMap<(String, String), RepoAnswer>,
    /// Requests sent to the API.
    pub requests: usize,
    /// Why repositories were left to the HTTP check (the first reason), if any were.
    pub fallback: Option<String>,
}

/// The GraphQL endpoint of an API root: `{api}/graphql`.
pub fn endpoint(api: &str) -> Result<Url, String> {
    let url = Url::parse(&format!("{}/graphql", api.trim().trim_end_matches('/')))
        .map_err(|e| format!("--github-api {api:?}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("--github-api {api:?}: not an http(s) URL"));
    }
    Ok(url)
}

/// Asks the API about `repos` (deduplicated by the caller, by `RepoLink::key`), in batches
/// of `BATCH`, `IN_FLIGHT` at a time.
pub async fn lookup(repos: &[(String, String)], options: &CheckOptions) -> ApiLookup {
    let mut out = ApiLookup::default();
    if repos.is_empty() {
        return out;
    }
    let Some(token) = options.github_token.as_deref() else {
        out.fallback = Some("no token (--github-token or GITHUB_TOKEN)".into());
        return out;
    };
    let endpoint = match endpoint(&options.github_api) {
        Ok(e) => e,
        Err(e) => {
            out.fallback = Some(e);
            return out;
        }
    };
    // Plain http only where the token cannot leave the machine (a local stand-in).
    if endpoint.scheme() != "https" && !options.token_over_http() && !loopback(&endpoint) {
        out.fallback = Some(format!(
            "{endpoint} is not https, and the token is never sent in clear"
        ));
        return out;
    }
    let guard = options.guard();
    if let Err(p) = guard.check_literal(&endpoint) {
        out.fallback = Some(format!("{endpoint}: {p}"));
        return out;
    }
    let Ok(mut auth) = HeaderValue::from_str(&format!("bearer {}", token.trim())) else {
        out.fallback = Some("the token is not a valid header value".into());
        return out;
    };
    auth.set_sensitive(true);
    let dns = options.resolve_cache(1);
    let http = match client::build(options, dns) {
        Ok(c) => c,
        Err(e) => {
            out.fallback = Some(e);
            return out;
        }
    };

    let queue: VecDeque<Vec<(String, String)>> = repos.chunks(BATCH).map(<[_]>::to_vec).collect();
    let shared = Arc::new(Mutex::new(Shared {
        queue,
        stop: None,
        requests: 0,
    }));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (shared, http, endpoint, auth) =
            (shared.clone(), http.clone(), endpoint.clone(), auth.clone());
        workers.spawn(async move {
            let mut got: Vec<Done> = Vec::new();
            loop {
                let batch = {
                    let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
                    if s.stop.is_some() {
                        break;
                    }
                    let Some(b) = s.queue.pop_front() else { break };
                    s.requests += 1;
                    b
                };
                match send(&http, &endpoint, &auth, &batch).await {
                    Sent::Answered(parsed) => {
                        if parsed.remaining == Some(0) {
                            let until = parsed.reset_at.as_deref().unwrap_or("the next hour");
                            let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
                            s.stop
                                .get_or_insert(format!("rate limit exhausted until {until}"));
                        }
                        got.push((batch, Some(parsed), None));
                    }
                    Sent::Failed(why) => got.push((batch, None, Some(why))),
                    Sent::Stop(why) => {
                        let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
                        s.stop.get_or_insert(why.clone());
                        got.push((batch, None, Some(why)));
                        break;
                    }
                }
            }
            got
        });
    }
    while let Some(joined) = workers.join_next().await {
        let Ok(got) = joined else { continue };
        for (batch, parsed, why) in got {
            if let Some(why) = why {
                out.fallback.get_or_insert(why);
            }
            let Some(parsed) = parsed else { continue };
            for ((owner, name), answer) in batch.iter().zip(parsed.answers) {
                match answer {
                    Some(a) => {
                        out.answers
                            .insert((owner.to_ascii_lowercase(), name.to_ascii_lowercase()), a);
                    }
                    None => {
                        out.fallback.get_or_insert_with(|| {
                            format!("no answer for {owner}/{name} in the API's reply")
                        });
                    }
                }
            }
        }
    }
    let s = shared.lock().unwrap_or_else(|p| p.into_inner());
    out.requests = s.requests;
    if let Some(why) = &s.stop
        && !s.queue.is_empty()
    {
        out.fallback.get_or_insert(why.clone());
    }
    out
}

fn loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// One batch sent: its repositories, the answer, and why it is not (all) usable.
type Done = (Vec<(String, String)>, Option<Parsed>, Option<String>);

struct Shared {
    queue: VecDeque<Vec<(String, String)>>,
    /// Why no further batch is sent.
    stop: Option<String>,
    requests: usize,
}

async fn send(
    http: &reqwest::Client,
    endpoint: &Url,
    auth: &HeaderValue,
    batch: &[(String, String)],
) -> Sent {
    let body = serde_json::json!({ "query": query(batch) }).to_string();
    let sent = http
        .post(endpoint.clone())
        .header(header::AUTHORIZATION, auth.clone())
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await;
    let resp = match sent {
        Ok(r) => r,
        Err(e) => {
            let what = match client::outcome_of(&e) {
                policy::Outcome::Timeout => "no answer in time".to_string(),
                policy::Outcome::Network(d)
                | policy::Outcome::DnsNotFound(d)
                | policy::Outcome::Tls(d)
                | policy::Outcome::Private(d) => d,
                other => format!("{other:?}"),
            };
            return Sent::Stop(format!("{endpoint} unreachable: {what}"));
        }
    };
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| policy::parse_retry_after(v, SystemTime::now()));
    let exhausted = resp
        .headers()
        .get("x-ratelimit-remaining")
        .is_some_and(|v| v.as_bytes() == b"0");
    match status {
        200 => {}
        401 => return Sent::Stop("the API refused the token (401)".into()),
        403 | 429 => {
            return Sent::Stop(match retry_after {
                Some(wait) => format!(
                    "secondary rate limit ({status}, retry after {} s)",
                    wait.as_secs()
                ),
                None if exhausted => format!("rate limit exhausted ({status})"),
                None => format!("the API refused the request ({status})"),
            });
        }
        _ => return Sent::Failed(format!("the API answered {}", policy::status_text(status))),
    }
    match resp.text().await {
        Ok(text) => match parse_answer(&text, batch.len()) {
            Ok(parsed) => Sent::Answered(parsed),
            Err(why) if why.starts_with("rate limit") => Sent::Stop(why),
            Err(why) => Sent::Failed(why),
        },
        Err(e) => Sent::Failed(format!("the API's answer was cut short: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(url: &str) -> Option<(String, String, bool, String)> {
        repo_link(url).map(|r| (r.owner, r.name, r.root, r.rest))
    }

    #[test]
    fn repository_links_are_recognised() {
        let at = |o: &str, n: &str, root: bool, rest: &str| {
            Some((o.to_string(), n.to_string(), root, rest.to_string()))
        };
        assert_eq!(root("https://github.com/o/r"), at("o", "r", true, ""));
        assert_eq!(root("https://github.com/o/r/"), at("o", "r", true, "/"));
        assert_eq!(
            root("https://github.com/o/r.git"),
            at("o", "r", true, ".git")
        );
        assert_eq!(
            root("https://github.com/o/r#readme"),
            at("o", "r", true, "#readme")
        );
        assert_eq!(
            root("https://github.com/o/r?tab=readme-ov-file#install"),
            at("o", "r", true, "?tab=readme-ov-file#install")
        );
        assert_eq!(
            root("http://WWW.GitHub.com/Some-Org/my.repo_x"),
            at("Some-Org", "my.repo_x", true, "")
        );
        assert_eq!(
            root("https://github.com/o/r/blob/main/README.md#usage"),
            at("o", "r", false, "/blob/main/README.md#usage")
        );
        assert_eq!(
            root("https://github.com/o/r/issues/1"),
            at("o", "r", false, "/issues/1")
        );
        assert_eq!(
            root("https://github.com/o/r?q=1"),
            at("o", "r", false, "?q=1"),
            "a query other than tab is another page"
        );
    }

    #[test]
    fn other_github_pages_are_not_repositories() {
        for url in [
            "https://github.com/o",
            "https://github.com/o/",
            "https://github.com/sponsors/o",
            "https://github.com/topics/rust",
            "https://github.com/orgs/o/repositories",
            "https://github.com/features/actions",
            "https://github.com/marketplace/actions/x",
            "https://github.com/",
            "https://gist.github.com/o/abc",
            "https://github.com.evil.example/o/r",
            "https://github.com:8443/o/r",
            "https://user@github.com/o/r",
            "https://raw.githubusercontent.com/o/r/main/x",
            "https://github.com/-o/r",
            "https://github.com/o_o/r",
            "https://github.com/o/r%20x",
            "https://github.com/o/..",
            "https://github.com/o/.git",
            "ftp://github.com/o/r",
        ] {
            assert_eq!(repo_link(url), None, "{url}");
        }
    }

    #[test]
    fn moved_links_keep_the_rest_of_the_path() {
        let r = repo_link("https://github.com/old/name/blob/main/x.md#l").unwrap();
        assert_eq!(
            r.moved_to("New/Name"),
            "https://github.com/New/Name/blob/main/x.md#l"
        );
        let r = repo_link("http://www.github.com/old/name/").unwrap();
        assert_eq!(r.moved_to("n/m"), "https://github.com/n/m/");
        assert_eq!(r.key(), ("old".to_string(), "name".to_string()));
    }

    #[test]
    fn strings_are_escaped_for_graphql() {
        assert_eq!(graphql_string("plain"), r#""plain""#);
        assert_eq!(graphql_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(graphql_string("x\ny\u{1}"), r#""x\ny\u0001""#);
        assert_eq!(
            query(&[("o".into(), "r".into()), ("a-b".into(), "c.d".into())]),
            "query { r0: repository(owner: \"o\", name: \"r\") { nameWithOwner url isArchived \
             pushedAt } r1: repository(owner: \"a-b\", name: \"c.d\") { nameWithOwner url \
             isArchived pushedAt } rateLimit { remaining resetAt } }"
        );
    }

    #[test]
    fn answers_are_read_per_alias() {
        let body = r#"{
          "data": {
            "r0": {"nameWithOwner": "o/r", "url": "https://github.com/o/r", "isArchived": false, "pushedAt": "2024-05-01T10:00:00Z"},
            "r1": null,
            "r2": {"nameWithOwner": "new/name", "url": "https://github.com/new/name", "isArchived": true, "pushedAt": null},
            "r3": null,
            "rateLimit": {"remaining": 4990, "resetAt": "2026-01-01T00:00:00Z"}
          },
          "errors": [
            {"type": "NOT_FOUND", "path": ["r1"], "message": "Could not resolve to a Repository"},
            {"type": "FORBIDDEN", "path": ["r3"], "message": "blocked"}
          ]
        }"#;
        let p = parse_answer(body, 4).unwrap();
        assert_eq!(
            p.answers[0],
            Some(RepoAnswer::Found(RepoFacts {
                name_with_owner: "o/r".into(),
                archived: false,
                pushed_at: Some("2024-05-01T10:00:00Z".into()),
            }))
        );
        assert_eq!(p.answers[1], Some(RepoAnswer::Missing));
        assert!(matches!(&p.answers[2], Some(RepoAnswer::Found(f)) if f.archived));
        assert_eq!(p.answers[3], None, "another error: not known to be missing");
        assert_eq!(p.remaining, Some(4990));

        let limited = r#"{"data": null, "errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}"#;
        assert_eq!(
            parse_answer(limited, 1).unwrap_err(),
            "rate limit exhausted"
        );
        assert!(parse_answer("<html>", 1).is_err());
    }

    #[test]
    fn dates_and_staleness() {
        assert_eq!(unix_day("1970-01-01"), Some(0));
        assert_eq!(unix_day("2000-03-01"), Some(11_017));
        assert_eq!(civil_date(11_017), "2000-03-01");
        for day in [-1000, 0, 59, 60, 10_000, 20_000, 30_000] {
            assert_eq!(unix_day(&civil_date(day)), Some(day));
        }
        assert_eq!(unix_day("2019-13-01"), None);
        let facts = |pushed: Option<&str>| RepoFacts {
            name_with_owner: "o/r".into(),
            archived: false,
            pushed_at: pushed.map(str::to_string),
        };
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(20_000 * 86_400);
        let two_years = parse_stale_after("2y").unwrap();
        let old = format!("{}T00:00:00Z", civil_date(20_000 - 731));
        let recent = format!("{}T00:00:00Z", civil_date(20_000 - 729));
        assert!(facts(Some(&old)).stale(two_years, now));
        assert!(!facts(Some(&recent)).stale(two_years, now));
        assert!(!facts(None).stale(two_years, now));
        assert_eq!(facts(Some(&old)).pushed_on(), Some(&old[..10]));
    }

    #[test]
    fn stale_after_parses() {
        let days = |t: &str| parse_stale_after(t).map(|d| d.as_secs() / 86_400);
        assert_eq!(days("2y"), Ok(730));
        assert_eq!(days("18mo"), Ok(540));
        assert_eq!(days("26w"), Ok(182));
        assert_eq!(days("400d"), Ok(400));
        assert!(parse_stale_after("0y").is_err());
        assert!(parse_stale_after("2 years").is_err());
        assert!(parse_stale_after("y").is_err());
        assert!(parse_stale_after("99999999999999999y").is_err());
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            endpoint("https://api.github.com").unwrap().as_str(),
            "https://api.github.com/graphql"
        );
        assert_eq!(
            endpoint("https://ghe.example/api/").unwrap().as_str(),
            "https://ghe.example/api/graphql"
        );
        assert!(endpoint("api.github.com").is_err());
        assert!(endpoint("ftp://x.example").is_err());
    }
}
