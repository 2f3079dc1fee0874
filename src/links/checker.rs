//! Checking: plan the distinct URLs, consult the cache, check each URL once (HEAD/GET,
//! redirects hop by hop, retries per `policy`), and give every occurrence its result.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use url::{Host, Url};

use super::cache::{self, Cache};
use super::client;
use super::dns::ResolveCache;
use super::github;
use super::guard::Guard;
use super::network::{NetworkProblemKind, Reach, Watch};
use super::options::CheckOptions;
use super::policy::{self, Class, Hop, Method, Outcome, RetryConfig, Step, Transient};
use super::progress::Progress;
use super::scheduler::Scheduler;
use super::{LinkOccurrence, LinkResult, NetworkProblem, UNCHECKED_DETAIL, Verdict};

/// The verdict for one distinct URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub status: Verdict,
    pub http_status: Option<u16>,
    pub redirect_to: Option<String>,
    pub attempts: u32,
    pub elapsed_ms: u64,
    pub detail: String,
    /// The last try failed at the network level (the verdict may be the network's fault).
    pub net: NetFailure,
}

/// How the last try of a URL failed, as far as the network is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetFailure {
    None,
    /// The host name does not exist (NXDOMAIN): `dead` only if other hosts resolve.
    NoSuchName,
    /// Temporary DNS failure or no connection.
    Unreachable,
}

impl Checked {
    fn without_request(status: Verdict, detail: impl Into<String>) -> Checked {
        Checked {
            status,
            http_status: None,
            redirect_to: None,
            attempts: 0,
            elapsed_ms: 0,
            detail: detail.into(),
            net: NetFailure::None,
        }
    }

    fn unchecked() -> Checked {
        Checked::without_request(Verdict::Error, UNCHECKED_DETAIL)
    }
}

/// What to do with one occurrence before any request.
enum Plan {
    Done(Checked),
    /// Request this URL; the key (URL without fragment) is shared by its duplicates.
    Check(String, Url),
}

fn plan(url: &str, options: &CheckOptions) -> Plan {
    if options.excludes.iter().any(|re| re.is_match(url)) {
        return Plan::Done(Checked::without_request(
            Verdict::Excluded,
            "matches an --exclude pattern",
        ));
    }
    let parsed = match Url::parse(url.trim()) {
        Ok(u) => u,
        Err(e) => {
            let looks_http = url.trim_start().to_ascii_lowercase().starts_with("http");
            return Plan::Done(if looks_http {
                Checked::without_request(Verdict::Error, format!("invalid URL: {e}"))
            } else {
                Checked::without_request(Verdict::Skipped, "not an absolute http(s) URL")
            });
        }
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Plan::Done(Checked::without_request(
            Verdict::Skipped,
            format!("{}: links are not checked", parsed.scheme()),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Plan::Done(Checked::without_request(
            Verdict::Error,
            "URL without a host",
        ));
    }
    let mut request = parsed;
    // The fragment is never sent; links differing only by it share one request.
    request.set_fragment(None);
    Plan::Check(request.to_string(), request)
}

/// The URL a link is requested as (scheme and host lowercased, default port and fragment
/// dropped): links with the same key share one request. `None` for what is never requested
/// (not http(s), unparsable).
pub(crate) fn request_key(url: &str) -> Option<String> {
    let mut u = Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(str::is_empty) {
        return None;
    }
    u.set_fragment(None);
    Some(u.into())
}

/// The redirect target suggested for a link: a target without a fragment keeps the link's
/// own, as a browser following the redirect does.
fn with_own_fragment(target: String, link: &str) -> String {
    let own = Url::parse(link.trim())
        .ok()
        .and_then(|u| u.fragment().map(str::to_string));
    match (own, Url::parse(&target)) {
        (Some(own), Ok(mut t)) if t.fragment().is_none() => {
            t.set_fragment(Some(&own));
            t.into()
        }
        _ => target,
    }
}

/// `host:port`, the unit of per-host scheduling.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default().to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The lowercase host name of a URL (an IP literal as written), the unit of name resolution
/// and of the network watch.
fn host_name(url: &Url) -> String {
    url.host_str().unwrap_or_default().to_ascii_lowercase()
}

/// The run's `Watch`, shared by every check; wakes the run up when it concludes.
struct NetWatch {
    watch: Mutex<Watch>,
    concluded: Notify,
}

impl NetWatch {
    fn record(&self, host: &str, reach: Reach) {
        let mut watch = self.watch.lock().unwrap_or_else(|p| p.into_inner());
        if watch.record(host, reach, Instant::now()).is_some() {
            // A stored permit: the run sees it even if it is not waiting right now.
            self.concluded.notify_one();
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Watch) -> T) -> T {
        f(&mut self.watch.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

struct Ctx {
    client: reqwest::Client,
    dns: Arc<ResolveCache>,
    net: NetWatch,
    sched: Scheduler,
    guard: Guard,
    options: CheckOptions,
    retry: RetryConfig,
    token: Option<HeaderValue>,
}

impl Ctx {
    /// The token goes to a designated GitHub host only, over https (or over http when a
    /// test asks for it), and never once the redirect chain has left the original host.
    fn token_for(&self, url: &Url, left_origin: bool) -> Option<&HeaderValue> {
        let token = self.token.as_ref()?;
        if left_origin || !(url.scheme() == "https" || self.options.token_over_http()) {
            return None;
        }
        let host = url.host_str()?.to_ascii_lowercase();
        let with_port = format!("{host}:{}", url.port_or_known_default().unwrap_or(0));
        self.options
            .token_hosts()
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&host) || h.eq_ignore_ascii_case(&with_port))
            .then_some(token)
    }

    /// The extra headers of this hop's host, by exact host name: per hop, so a redirect to
    /// another host carries that host's headers, never the previous one's.
    fn headers_for(&self, url: &Url) -> Option<&HeaderMap> {
        let settings = self.options.host_settings(url.host_str()?)?;
        (!settings.headers.is_empty()).then_some(&settings.headers)
    }
}

/// One attempt: the request and the redirects it leads to.
struct Walk {
    method: Method,
    outcome: Outcome,
    hops: Vec<Hop>,
    net: NetFailure,
    /// The `Location` of a 3xx answer that is not a redirect a browser follows (300, 305).
    unfollowed: Option<String>,
}

/// `force_get`: this URL already refused HEAD. Otherwise the method is chosen once the first
/// host slot is ours, so that links queued behind a host's HEAD refusals learn from them.
/// `first_sent`: set when the URL's first request goes out (its `elapsed_ms` starts there,
/// not while it waited in its host's queue).
/// `urgent`: a follow-up that costs one round trip (see `Scheduler::acquire`).
/// `retry`: retries spent so far, for the resolution cache (a temporary DNS failure is looked
/// up again once per retry, not once per link).
async fn walk(
    ctx: &Ctx,
    start: &Url,
    force_get: bool,
    urgent: bool,
    retry: u32,
    first_sent: &mut Option<Instant>,
) -> Walk {
    let mut method = if force_get { Method::Get } else { Method::Head };
    let origin = host_key(start);
    let mut url = start.clone();
    let mut hops: Vec<Hop> = Vec::new();
    let mut seen: HashSet<String> = HashSet::from([start.to_string()]);
    let mut left_origin = false;
    loop {
        if let Err(p) = ctx.guard.check_literal(&url) {
            ctx.net.record(&host_name(&url), Reach::Neutral);
            return Walk {
                method,
                outcome: Outcome::Private(p.to_string()),
                hops,
                net: NetFailure::None,
                unfollowed: None,
            };
        }
        // Resolve before queueing for a slot: the answer is shared by every link of the host
        // (and reqwest's resolver answers from the same cache), and a host that does not
        // resolve costs no slot.
        if let Some(Host::Domain(name)) = url.host()
            && let Err(failure) = ctx.dns.resolve(name, retry).await
        {
            first_sent.get_or_insert_with(Instant::now);
            ctx.net.record(&host_name(&url), Reach::Unreached);
            let (outcome, net) = if failure.not_found {
                (
                    Outcome::DnsNotFound(format!("host does not exist ({failure})")),
                    NetFailure::NoSuchName,
                )
            } else {
                (
                    Outcome::Network(failure.to_string()),
                    NetFailure::Unreachable,
                )
            };
            return Walk {
                method,
                outcome,
                hops,
                net,
                unfollowed: None,
            };
        }
        let host = host_key(&url);
        left_origin |= host != origin;
        let token = ctx.token_for(&url, left_origin);
        let extra = ctx.headers_for(&url);
        let answer = {
            let _permit = ctx.sched.acquire(&host, urgent || !hops.is_empty()).await;
            first_sent.get_or_insert_with(Instant::now);
            if hops.is_empty() && ctx.sched.prefers_get(&host) {
                method = Method::Get;
            }
            client::request(&ctx.client, method, &url, token, extra).await
        };
        let answer = match answer {
            Ok(a) => {
                ctx.net.record(&host_name(&url), Reach::Reached);
                a
            }
            Err(client::Failed { outcome, reach }) => {
                ctx.net.record(&host_name(&url), reach);
                let net = match (&outcome, reach) {
                    (Outcome::DnsNotFound(_), _) => NetFailure::NoSuchName,
                    (_, Reach::Unreached) => NetFailure::Unreachable,
                    _ => NetFailure::None,
                };
                return Walk {
                    method,
                    outcome,
                    hops,
                    net,
                    unfollowed: None,
                };
            }
        };
        ctx.sched.observe(&host, answer.status, answer.retry_after);
        let followed = policy::is_redirect(answer.status);
        let (location, unfollowed) = match answer.location {
            Some(l) if followed => (Some(l), None),
            Some(l) if (300..400).contains(&answer.status) => (None, Some(l)),
            _ => (None, None),
        };
        let Some(location) = location else {
            return Walk {
                method,
                outcome: Outcome::Status {
                    code: answer.status,
                    retry_after: answer.retry_after,
                    challenge: answer.challenge,
                },
                hops,
                net: NetFailure::None,
                unfollowed,
            };
        };
        let mut next = match url.join(location.trim()) {
            Ok(n) => n,
            Err(e) => {
                return Walk {
                    method,
                    outcome: Outcome::BadRedirect(format!(
                        "{} with a bad Location {location:?}: {e}",
                        policy::status_text(answer.status)
                    )),
                    hops,
                    net: NetFailure::None,
                    unfollowed: None,
                };
            }
        };
        hops.push(Hop {
            status: answer.status,
            to: next.to_string(),
        });
        if !matches!(next.scheme(), "http" | "https") {
            return Walk {
                method,
                outcome: Outcome::UnsupportedScheme(format!("redirects to {next}, not checked")),
                hops,
                net: NetFailure::None,
                unfollowed: None,
            };
        }
        if ctx
            .options
            .excludes
            .iter()
            .any(|re| re.is_match(next.as_str()))
        {
            return Walk {
                method,
                outcome: Outcome::Excluded(format!(
                    "{} to {next}, which matches an --exclude pattern: not requested",
                    policy::status_text(answer.status)
                )),
                hops,
                net: NetFailure::None,
                unfollowed: None,
            };
        }
        next.set_fragment(None);
        if !seen.insert(next.to_string()) {
            return Walk {
                method,
                outcome: Outcome::RedirectLoop(format!("{next} again after {} hops", hops.len())),
                hops,
                net: NetFailure::None,
                unfollowed: None,
            };
        }
        if hops.len() > policy::MAX_REDIRECTS {
            return Walk {
                method,
                outcome: Outcome::TooManyRedirects,
                hops,
                net: NetFailure::None,
                unfollowed: None,
            };
        }
        url = next;
    }
}

fn describe(outcome: &Outcome, timeout: Duration) -> String {
    match outcome {
        Outcome::Status { code, .. } => policy::status_text(*code),
        Outcome::Timeout => format!("no answer within {} s", timeout.as_secs_f64()),
        Outcome::Network(d)
        | Outcome::DnsNotFound(d)
        | Outcome::Tls(d)
        | Outcome::Private(d)
        | Outcome::BadRedirect(d)
        | Outcome::UnsupportedScheme(d)
        | Outcome::RedirectLoop(d)
        | Outcome::Excluded(d) => d.clone(),
        Outcome::TooManyRedirects => format!("more than {} redirects", policy::MAX_REDIRECTS),
    }
}

/// The text a panic was raised with, when it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Jitter in `[0, 1)`. `RandomState` is seeded per process and per instance by the
/// standard library, which is random enough to de-synchronise retries without a new crate.
fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

async fn check_url(ctx: &Ctx, url: &Url) -> Checked {
    let mut first_sent: Option<Instant> = None;
    let host = host_key(url);
    let mut attempts = 0u32;
    let mut retries = 0u32;
    let mut force_get = false;
    let mut head_said: Option<u16> = None;
    // Follow-ups after a quick answer (GET after HEAD, retry after a 5xx or 429) go before
    // the host's fresh links: they cost one round trip, and queueing each of a 500's six
    // attempts behind hundreds of links made it the last link of the farm run. Retries after
    // a timeout or connection error go to the back like fresh links: they may hold a slot for
    // a whole timeout, and putting them first delayed the discovery of other slow links
    // (71 s instead of 62 s on the 2000-link farm list).
    let mut urgent = false;
    loop {
        attempts += 1;
        let Walk {
            method,
            outcome,
            hops,
            net,
            unfollowed,
        } = walk(ctx, url, force_get, urgent, retries, &mut first_sent).await;
        let started = first_sent.unwrap_or_else(Instant::now);
        let http_status = match outcome {
            Outcome::Status { code, .. } => Some(code),
            _ => None,
        };
        let done = |status: Verdict, detail: String, redirect_to: Option<String>| Checked {
            status,
            http_status,
            redirect_to,
            attempts,
            elapsed_ms: started.elapsed().as_millis() as u64,
            detail,
            net,
        };
        let after_redirects = |detail: String| match hops.last() {
            Some(h) => (
                format!("{detail} after redirect to {}", h.to),
                Some(h.to.clone()),
            ),
            None => (detail, None),
        };
        match policy::classify(method, &outcome, &ctx.options.accept) {
            Class::Accepted => {
                if let Some(code) = head_said
                    && (400..500).contains(&code)
                    && !policy::is_head_refusal(code)
                {
                    ctx.sched.note_head_refused(&host);
                }
                let status_line = describe(&outcome, ctx.options.timeout);
                return match policy::redirect_target(&hops) {
                    None => done(Verdict::Ok, status_line, None),
                    Some((true, to)) => done(
                        Verdict::Redirect,
                        format!(
                            "permanent redirect ({}) to {to}",
                            policy::status_text(hops[0].status)
                        ),
                        Some(to),
                    ),
                    Some((false, to)) => done(
                        Verdict::Ok,
                        format!("{status_line} after temporary redirect to {to}"),
                        Some(to),
                    ),
                };
            }
            Class::TryGet => {
                if let Some(code) = http_status {
                    if policy::is_head_refusal(code) {
                        ctx.sched.note_head_refused(&host);
                    }
                    head_said = Some(code);
                }
                force_get = true;
                urgent = true;
            }
            Class::Final(Verdict::Excluded, detail) => {
                // The detail names the excluded target already.
                return done(Verdict::Excluded, detail, hops.last().map(|h| h.to.clone()));
            }
            Class::Final(verdict, detail) => {
                let detail = match (&unfollowed, http_status) {
                    (Some(location), Some(code)) => format!(
                        "{} with Location {location}: not followed (browsers follow only 301, \
                         302, 303, 307 and 308)",
                        policy::status_text(code)
                    ),
                    _ => detail,
                };
                let (detail, to) = after_redirects(detail);
                return done(verdict, detail, to);
            }
            Class::Transient(kind, retry_after) => {
                match policy::next_step(kind, retry_after, retries, &ctx.retry, jitter()) {
                    Step::Retry(wait) => {
                        retries += 1;
                        urgent = matches!(kind, Transient::ServerError | Transient::RateLimited);
                        tokio::time::sleep(wait).await;
                    }
                    Step::GiveUp(verdict) => {
                        let what = describe(&outcome, ctx.options.timeout);
                        let (detail, to) = after_redirects(format!(
                            "{what} ({attempts} attempts over {:.1} s)",
                            started.elapsed().as_secs_f64()
                        ));
                        return done(verdict, detail, to);
                    }
                }
            }
        }
    }
}

/// Checks every occurrence; see `links::check_run`.
pub async fn run(
    occurrences: &[LinkOccurrence],
    options: &CheckOptions,
) -> (Vec<LinkResult>, Option<NetworkProblem>) {
    let plans: Vec<Plan> = occurrences.iter().map(|o| plan(&o.url, options)).collect();
    let mut repos = RepoVerdicts::ask(occurrences, &plans, options).await;

    // Distinct URLs, in first-seen order; those the GitHub API decided need no request.
    let mut todo: Vec<(String, Url)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, p) in plans.iter().enumerate() {
        if let Plan::Check(key, url) = p
            && repos.decided[i].is_none()
            && seen.insert(key)
        {
            todo.push((key.clone(), url.clone()));
        }
    }

    let mut cache = options
        .cache_path
        .as_ref()
        .map(|p| Cache::load(p, options.max_cache_age));
    let now = SystemTime::now();
    let mut verdicts: HashMap<String, Checked> = HashMap::new();
    if let Some(c) = &cache {
        todo.retain(|(key, _)| match c.get(key, now) {
            Some(e) => {
                let age_h = cache::unix_secs(now).saturating_sub(e.checked_at) as f64 / 3600.0;
                verdicts.insert(
                    key.clone(),
                    Checked {
                        status: e.status,
                        http_status: e.http_status,
                        redirect_to: e.redirect_to.clone(),
                        attempts: 0,
                        elapsed_ms: 0,
                        detail: format!("cached {age_h:.1} h ago: {}", e.detail),
                        net: NetFailure::None,
                    },
                );
                false
            }
            None => true,
        });
    }

    let (fresh, problem) = check_all(&todo, options).await;
    if let Some(c) = &mut cache {
        let stamp = cache::unix_secs(SystemTime::now());
        for (key, checked) in &fresh {
            c.put(
                key,
                cache::Entry {
                    status: checked.status,
                    http_status: checked.http_status,
                    redirect_to: checked.redirect_to.clone(),
                    detail: checked.detail.clone(),
                    checked_at: stamp,
                },
            );
        }
        if let Err(e) = c.save(SystemTime::now()) {
            // The cache is an optimisation: say so, and keep the results.
            eprintln!("warning: cannot write the link cache: {e}");
        }
    }
    verdicts.extend(fresh);

    let results: Vec<LinkResult> = occurrences
        .iter()
        .zip(plans)
        .enumerate()
        .map(|(i, (occ, plan))| {
            let checked = match (repos.decided[i].take(), plan) {
                (Some(c), _) => c,
                (None, Plan::Done(c)) => c,
                (None, Plan::Check(key, _)) => {
                    let mut c = verdicts.get(&key).cloned().unwrap_or_else(|| {
                        Checked::without_request(
                            Verdict::Error,
                            format!("internal error: no result for {key}"),
                        )
                    });
                    c.redirect_to = c.redirect_to.map(|to| with_own_fragment(to, &occ.url));
                    c
                }
            };
            let checked = repos.moved_deep_link(i, checked);
            LinkResult {
                url: occ.url.clone(),
                span: occ.span.clone(),
                status: checked.status,
                http_status: checked.http_status,
                redirect_to: checked.redirect_to,
                attempts: checked.attempts,
                elapsed_ms: checked.elapsed_ms,
                detail: checked.detail,
                github: repos.facts[i].take(),
            }
        })
        .collect();
    let problem = problem.map(|kind| NetworkProblem {
        kind,
        unchecked: results.iter().filter(|r| r.is_unchecked()).count(),
        total: results.len(),
    });
    (results, problem)
}

/// What GitHub's API decided, per occurrence (see `github`).
struct RepoVerdicts {
    links: Vec<Option<github::RepoLink>>,
    /// A verdict without any HTTP request: a missing repository, or a repository-root link.
    decided: Vec<Option<Checked>>,
    facts: Vec<Option<github::RepoFacts>>,
}

impl RepoVerdicts {
    /// Asks the API about the repositories the planned links point into; says once on
    /// stderr why some were left to the HTTP check.
    async fn ask(
        occurrences: &[LinkOccurrence],
        plans: &[Plan],
        options: &CheckOptions,
    ) -> RepoVerdicts {
        let links: Vec<Option<github::RepoLink>> = occurrences
            .iter()
            .zip(plans)
            .map(|(o, p)| match p {
                Plan::Check(..) => github::repo_link(&o.url),
                Plan::Done(_) => None,
            })
            .collect();
        let mut repos: Vec<(String, String)> = Vec::new();
        let mut seen = HashSet::new();
        for link in links.iter().flatten() {
            if seen.insert(link.key()) {
                repos.push((link.owner.clone(), link.name.clone()));
            }
        }
        let lookup = github::lookup(&repos, options).await;
        let mut decided = vec![None; links.len()];
        let mut facts = vec![None; links.len()];
        let mut left = 0;
        for (i, link) in links.iter().enumerate() {
            let Some(link) = link else { continue };
            match lookup.answers.get(&link.key()) {
                None => left += 1,
                Some(github::RepoAnswer::Missing) => {
                    decided[i] = Some(Checked::without_request(
                        Verdict::Dead,
                        "repository not found (GitHub API)",
                    ));
                }
                Some(github::RepoAnswer::Found(f)) => {
                    facts[i] = Some(f.clone());
                    if link.root {
                        decided[i] = Some(if renamed(link, f) {
                            let to = link.moved_to(&f.name_with_owner);
                            Checked {
                                redirect_to: Some(to),
                                ..Checked::without_request(
                                    Verdict::Redirect,
                                    format!(
                                        "repository renamed or transferred to {} (GitHub API)",
                                        f.name_with_owner
                                    ),
                                )
                            }
                        } else {
                            Checked::without_request(Verdict::Ok, "repository found (GitHub API)")
                        });
                    }
                }
            }
        }
        if left > 0
            && let Some(why) = &lookup.fallback
        {
            eprintln!(
                "note: GitHub API not used for {left} repository {}: {why}; checked over HTTP instead",
                if left == 1 { "link" } else { "links" }
            );
        }
        RepoVerdicts {
            links,
            decided,
            facts,
        }
    }

    /// A working link inside a renamed repository: its new address (the HTTP redirect would
    /// name the same, or nothing when the host answered without one).
    fn moved_deep_link(&self, i: usize, checked: Checked) -> Checked {
        let (Some(link), Some(f)) = (&self.links[i], &self.facts[i]) else {
            return checked;
        };
        if link.root
            || !renamed(link, f)
            || !matches!(checked.status, Verdict::Ok | Verdict::Redirect)
        {
            return checked;
        }
        Checked {
            status: Verdict::Redirect,
            redirect_to: Some(link.moved_to(&f.name_with_owner)),
            detail: format!(
                "repository renamed or transferred to {} (GitHub API); {}",
                f.name_with_owner, checked.detail
            ),
            ..checked
        }
    }
}

fn renamed(link: &github::RepoLink, facts: &github::RepoFacts) -> bool {
    !facts
        .name_with_owner
        .eq_ignore_ascii_case(&format!("{}/{}", link.owner, link.name))
}

async fn check_all(
    todo: &[(String, Url)],
    options: &CheckOptions,
) -> (HashMap<String, Checked>, Option<NetworkProblemKind>) {
    let mut out = HashMap::new();
    if todo.is_empty() {
        return (out, None);
    }
    let dns = options.resolve_cache(options.max_concurrency);
    let client = match client::build(options, dns.clone()) {
        Ok(c) => c,
        Err(e) => {
            for (key, _) in todo {
                out.insert(
                    key.clone(),
                    Checked::without_request(Verdict::Error, e.clone()),
                );
            }
            return (out, None);
        }
    };
    let hosts: HashSet<String> = todo.iter().map(|(_, url)| host_name(url)).collect();
    let ctx = Arc::new(Ctx {
        client,
        dns,
        net: NetWatch {
            watch: Mutex::new(Watch::new(hosts, options.network_lost_after)),
            concluded: Notify::new(),
        },
        sched: Scheduler::new(
            options.max_concurrency,
            options.host_concurrency,
            options.max_retry_after,
        )
        .with_host_limits(options.host_limits()),
        guard: options.guard(),
        retry: RetryConfig {
            max_retries: options.max_retries,
            base: options.backoff_base,
            max_retry_after: options.max_retry_after,
        },
        token: options.github_token.as_deref().and_then(|t| {
            let mut v = HeaderValue::from_str(&format!("Bearer {}", t.trim())).ok()?;
            v.set_sensitive(true);
            Some(v)
        }),
        options: options.clone(),
    });
    let progress = Progress::new(todo.len(), options.progress);
    // One budget for the whole run: every file of it shares `options.deadline`.
    let deadline = match options.deadline {
        Some(at) => tokio::time::Instant::from_std(at),
        None => tokio::time::Instant::now() + options.run_timeout,
    };

    let mut tasks = JoinSet::new();
    // Which URL each task checks, so that a task that panics is reported by its URL.
    let mut task_keys = HashMap::new();
    if tokio::time::Instant::now() < deadline {
        for (key, url) in todo {
            let (ctx, task_key, url) = (ctx.clone(), key.clone(), url.clone());
            let handle = tasks.spawn(async move {
                let checked = check_url(&ctx, &url).await;
                (task_key, checked)
            });
            task_keys.insert(handle.id(), key.clone());
        }
    }
    loop {
        tokio::select! {
            biased;
            // The network is the problem: stop sending; what is left is unchecked.
            () = ctx.net.concluded.notified() => {
                tasks.abort_all();
                break;
            }
            joined = tokio::time::timeout_at(deadline, tasks.join_next()) => match joined {
                Ok(Some(Ok((key, checked)))) => {
                    progress.done(checked.status, ctx.sched.active_hosts());
                    out.insert(key, checked);
                }
                // A panicking check loses only its own result, reported as an internal error.
                Ok(Some(Err(e))) => {
                    if let Some(key) = task_keys.get(&e.id()) {
                        let why = e.try_into_panic().map_or_else(
                            |e| e.to_string(),
                            |p| panic_message(p.as_ref()),
                        );
                        out.insert(key.clone(), Checked::without_request(
                            Verdict::Error,
                            format!("internal error while checking {key}: {why}"),
                        ));
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    tasks.abort_all();
                    break;
                }
            },
        }
    }
    progress.finish();
    let problem = ctx.net.with(Watch::finish);
    if problem.is_some() {
        // Whatever failed at the network level, or did not finish, was not really checked.
        for (key, _) in todo {
            if out.get(key).is_none_or(|c| c.net != NetFailure::None) {
                out.insert(key.clone(), Checked::unchecked());
            }
        }
    } else if !ctx.dns.resolved_any() && !ctx.net.with(|w| w.reached_any()) {
        // "No such name" is only believable when some other name resolves.
        for checked in out.values_mut() {
            if checked.net == NetFailure::NoSuchName {
                checked.status = Verdict::Error;
                checked.detail.push_str(
                    "; no other host resolved in this run, so the network may be at fault",
                );
            }
        }
    }
    for (key, _) in todo {
        out.entry(key.clone()).or_insert_with(|| {
            Checked::without_request(
                Verdict::Timeout,
                format!(
                    "not finished when the run's time limit ({} s) was reached",
                    options.run_timeout.as_secs()
                ),
            )
        });
    }
    (out, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planning() {
        let o = CheckOptions {
            excludes: vec![regex::Regex::new("skipme").unwrap()],
            ..CheckOptions::default()
        };
        let key = |u: &str| match plan(u, &o) {
            Plan::Check(k, _) => Ok(k),
            Plan::Done(c) => Err(c.status),
        };
        assert_eq!(
            key("https://a.example/x#frag"),
            Ok("https://a.example/x".into())
        );
        assert_eq!(
            key("HTTPS://A.example:443/x"),
            Ok("https://a.example/x".into())
        );
        assert_eq!(key("mailto:me@example.com"), Err(Verdict::Skipped));
        assert_eq!(key("ftp://example.com/f"), Err(Verdict::Skipped));
        assert_eq!(key("./docs/x.md"), Err(Verdict::Skipped));
        assert_eq!(key("https://skipme.example/"), Err(Verdict::Excluded));
        assert_eq!(key("http://exa mple.com/"), Err(Verdict::Error));
    }

    #[test]
    fn host_keys() {
        let k = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(k("https://GitHub.com/x"), "github.com:443");
        assert_eq!(k("http://127.0.0.2:8700/ok/"), "127.0.0.2:8700");
        assert_eq!(k("http://example.com/"), "example.com:80");
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let xs: Vec<f64> = (0..100).map(|_| jitter()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let distinct: HashSet<u64> = xs.iter().map(|x| x.to_bits()).collect();
        assert!(distinct.len() > 90);
    }

    fn ctx_with(options: CheckOptions) -> Ctx {
        Ctx {
            client: reqwest::Client::new(),
            dns: Arc::new(ResolveCache::system()),
            net: NetWatch {
                watch: Mutex::new(Watch::new([], Duration::from_secs(10))),
                concluded: Notify::new(),
            },
            sched: Scheduler::new(1, 1, Duration::from_secs(1)),
            guard: Guard::default(),
            retry: RetryConfig {
                max_retries: 0,
                base: Duration::ZERO,
                max_retry_after: Duration::ZERO,
            },
            token: Some(HeaderValue::from_static("Bearer t")),
            options,
        }
    }

    #[test]
    fn token_scope() {
        let ctx = ctx_with(CheckOptions::default());
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(ctx.token_for(&u("https://github.com/a/b"), false).is_some());
        assert!(
            ctx.token_for(&u("https://API.GitHub.com/repos"), false)
                .is_some()
        );
        assert!(
            ctx.token_for(&u("https://github.com/a/b"), true).is_none(),
            "after a cross-host hop"
        );
        assert!(
            ctx.token_for(&u("http://github.com/a/b"), false).is_none(),
            "never in clear"
        );
        assert!(
            ctx.token_for(&u("https://gist.github.com/a"), false)
                .is_none()
        );
        assert!(
            ctx.token_for(&u("https://github.com.evil.example/"), false)
                .is_none()
        );
        assert!(ctx.token_for(&u("https://example.com/"), false).is_none());

        let test = ctx_with(CheckOptions {
            github_hosts: vec!["127.0.0.1:9999".into()],
            token_over_http: true,
            ..CheckOptions::default()
        });
        assert!(
            test.token_for(&u("http://127.0.0.1:9999/x"), false)
                .is_some()
        );
        assert!(
            test.token_for(&u("http://127.0.0.1:9998/x"), false)
                .is_none()
        );
    }

    #[test]
    fn host_headers_by_url_host() {
        let with = |h: &[(&str, &str)]| {
            let h: Vec<(String, String)> = h
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            crate::links::HostSettings::new(None, &h).unwrap()
        };
        let ctx = ctx_with(CheckOptions {
            hosts: std::collections::BTreeMap::from([
                ("github.com".to_string(), with(&[("Accept", "text/html")])),
                ("127.0.0.1".to_string(), with(&[("X-Test", "1")])),
                ("quiet.example".to_string(), with(&[])),
            ]),
            ..CheckOptions::default()
        });
        let names = |s: &str| {
            ctx.headers_for(&Url::parse(s).unwrap())
                .map(|h| h.keys().map(|k| k.as_str().to_string()).collect::<Vec<_>>())
        };
        assert_eq!(names("https://GitHub.com/a/b"), Some(vec!["accept".into()]));
        assert_eq!(
            names("http://github.com:8080/"),
            Some(vec!["accept".into()]),
            "any port"
        );
        assert_eq!(
            names("http://127.0.0.1:9999/x"),
            Some(vec!["x-test".into()])
        );
        for other in [
            "https://api.github.com/",
            "https://www.github.com/",
            "https://github.com.evil.example/",
            "http://127.0.0.2/",
            "https://quiet.example/",
        ] {
            assert_eq!(names(other), None, "{other}");
        }
    }
}
