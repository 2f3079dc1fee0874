//! The retry and classification policy, as pure functions: an attempt's outcome (status,
//! headers, error) and the retries spent so far → the next step. No sockets, no clocks, no
//! randomness (jitter comes in as a number), so every rule is tested exhaustively below.
//!
//! The policy in words (docs/LINKS.md has the longer reasoning):
//! - A status in `--accept` (default 2xx) is a working link.
//! - HEAD is trusted only when it says yes. Any other answer to HEAD except 429 is confirmed
//!   with a GET right away (405/501 refuse the method; many servers answer 403/404/5xx to HEAD
//!   and 200 to GET). The confirmation is not a retry.
//! - Definitive answers end the check at once: 404, 410 and other 4xx are `dead`; 401, 403,
//!   999 and bot challenges are `blocked` (the site refuses robots, which says nothing about
//!   the link); DNS "no such name" is `dead`; TLS failures, redirect loops and more than
//!   10 redirects are `error`; private addresses are `skipped`.
//! - Transient failures are retried with exponential backoff and jitter: timeouts and
//!   connection errors `--max-retries` times (each can cost a full timeout while holding a
//!   per-host slot), 429 `--max-retries` times honouring `Retry-After`, and 5xx/408/425
//!   `--max-retries + 3` times. A 5xx is the server saying "not now", not "gone": it costs
//!   one short round trip and no slot during the backoff, and one flapping server must not
//!   turn a CI run red. With 30 % random 503s, 3 attempts call a healthy link dead 2.7 % of
//!   the time; HEAD + GET + 5 retries do so 0.02 % of the time. A server error that outlives
//!   all of them (about 15 s of backoff) is reported `dead` with its status, like a 404, so
//!   that a link which really is broken with a 500 is still reported as broken.
//! - A 429 that outlives every retry is `blocked`; a timeout `timeout`; a connection error
//!   `error`.

use std::time::{Duration, SystemTime};

use super::Verdict;
use super::options::Accept;

/// Redirects followed per attempt; one more is an error.
pub const MAX_REDIRECTS: usize = 10;
/// Retries that server errors (5xx, 408, 425) get beyond `--max-retries`.
pub const SERVER_ERROR_EXTRA_RETRIES: u32 = 3;
/// Longest backoff between two attempts (before jitter).
pub const BACKOFF_CAP: Duration = Duration::from_secs(8);
/// What each rate limit adds to a host's spacing between request starts, and its ceiling.
pub const SPACING_STEP: Duration = Duration::from_millis(50);
pub const SPACING_MAX: Duration = Duration::from_secs(5);
/// A `Retry-After` at least this long pauses the whole host, not only the one URL.
pub const HOST_PAUSE_THRESHOLD: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Head,
    Get,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Head => "HEAD",
            Method::Get => "GET",
        }
    }
}

/// What one attempt ended with, after its redirects were followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Status {
        code: u16,
        retry_after: Option<Duration>,
        /// A bot challenge, e.g. Cloudflare's `cf-mitigated: challenge` header.
        challenge: bool,
    },
    Timeout,
    /// Refused, reset, closed early, temporary DNS failure…
    Network(String),
    /// The name does not exist.
    DnsNotFound(String),
    Tls(String),
    /// The address (literal or resolved) is private and `--allow-private` is off.
    Private(String),
    RedirectLoop(String),
    TooManyRedirects,
    /// A redirect without a usable `Location`.
    BadRedirect(String),
    /// A redirect to a scheme we do not check (ftp:, mailto:…).
    UnsupportedScheme(String),
    /// A redirect to a URL matching an `--exclude` pattern: not requested.
    Excluded(String),
}

/// Kinds of failure that may go away by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transient {
    Timeout,
    Network,
    RateLimited,
    ServerError,
}

/// An outcome judged on its own, before retry budgets are looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    Accepted,
    /// HEAD said something other than yes: ask again with GET, now.
    TryGet,
    Final(Verdict, String),
    Transient(Transient, Option<Duration>),
}

pub fn classify(method: Method, outcome: &Outcome, accept: &Accept) -> Class {
    match outcome {
        Outcome::Status {
            code,
            retry_after,
            challenge,
        } => classify_status(method, *code, *retry_after, *challenge, accept),
        Outcome::Timeout => Class::Transient(Transient::Timeout, None),
        Outcome::Network(_) => Class::Transient(Transient::Network, None),
        Outcome::DnsNotFound(d) => Class::Final(Verdict::Dead, d.clone()),
        Outcome::Tls(d) => Class::Final(Verdict::Error, d.clone()),
        Outcome::Private(d) => Class::Final(Verdict::Skipped, d.clone()),
        Outcome::RedirectLoop(d) => Class::Final(Verdict::Error, format!("redirect loop: {d}")),
        Outcome::TooManyRedirects => Class::Final(
            Verdict::Error,
            format!("more than {MAX_REDIRECTS} redirects"),
        ),
        Outcome::BadRedirect(d) => Class::Final(Verdict::Error, d.clone()),
        Outcome::UnsupportedScheme(d) => Class::Final(Verdict::Skipped, d.clone()),
        Outcome::Excluded(d) => Class::Final(Verdict::Excluded, d.clone()),
    }
}

fn classify_status(
    method: Method,
    code: u16,
    retry_after: Option<Duration>,
    challenge: bool,
    accept: &Accept,
) -> Class {
    if accept.contains(code) {
        return Class::Accepted;
    }
    if challenge {
        return Class::Final(
            Verdict::Blocked,
            format!("{}: bot challenge (cf-mitigated)", status_text(code)),
        );
    }
    if code == 429 {
        // Same method on retry: hammering a rate-limited host with a GET would be rude.
        return Class::Transient(Transient::RateLimited, retry_after);
    }
    if method == Method::Head {
        return Class::TryGet;
    }
    match code {
        401 | 403 | 999 => Class::Final(
            Verdict::Blocked,
            format!("{}: the site refuses automated requests", status_text(code)),
        ),
        c if is_transient_server_error(c) => Class::Transient(Transient::ServerError, retry_after),
        300..=399 => Class::Final(
            Verdict::Error,
            format!("{} without a Location header", status_text(code)),
        ),
        _ => Class::Final(Verdict::Dead, status_text(code)),
    }
}

/// Server answers that mean "not now" rather than "not here".
pub fn is_transient_server_error(code: u16) -> bool {
    // 501 (not implemented), 505 (version), 506, 508 (loop), 510, 511 are configuration
    // answers that a retry will not change.
    matches!(code, 408 | 425)
        || ((500..=599).contains(&code) && !matches!(code, 501 | 505 | 506 | 508 | 510 | 511))
}

/// `404 Not Found`, or the bare number for codes without a standard reason.
pub fn status_text(code: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(r) => format!("{code} {r}"),
        None => code.to_string(),
    }
}

/// Retries a failure of this kind may have (in all, counting earlier retries of any kind).
pub fn retry_budget(kind: Transient, max_retries: u32) -> u32 {
    match kind {
        Transient::Timeout | Transient::Network | Transient::RateLimited => max_retries,
        // `--max-retries 0` means "no retries at all"; respect it for server errors too.
        Transient::ServerError if max_retries == 0 => 0,
        Transient::ServerError => max_retries + SERVER_ERROR_EXTRA_RETRIES,
    }
}

/// The verdict of a transient failure that outlived its retries.
pub fn give_up_verdict(kind: Transient) -> Verdict {
    match kind {
        Transient::Timeout => Verdict::Timeout,
        Transient::Network => Verdict::Error,
        Transient::RateLimited => Verdict::Blocked,
        Transient::ServerError => Verdict::Dead,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    pub max_retries: u32,
    /// First backoff delay; each later one doubles, up to `BACKOFF_CAP`.
    pub base: Duration,
    pub max_retry_after: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Retry(Duration),
    GiveUp(Verdict),
}

/// After a transient failure, with `retries_done` retries already spent: wait and retry,
/// or give up. `jitter` is a number in `[0, 1)`.
pub fn next_step(
    kind: Transient,
    retry_after: Option<Duration>,
    retries_done: u32,
    cfg: &RetryConfig,
    jitter: f64,
) -> Step {
    if retries_done >= retry_budget(kind, cfg.max_retries) {
        return Step::GiveUp(give_up_verdict(kind));
    }
    Step::Retry(delay(retry_after, retries_done, cfg, jitter))
}

/// The wait before retry number `n + 1`.
/// With `Retry-After`: that long (capped), plus up to 10 % so that the links a host limited
/// together do not all come back in the same millisecond. Without: exponential backoff with
/// "equal jitter" (half fixed, half random), so the wait is never shorter than half the step.
pub fn delay(retry_after: Option<Duration>, n: u32, cfg: &RetryConfig, jitter: f64) -> Duration {
    let jitter = jitter.clamp(0.0, 1.0);
    if let Some(ra) = retry_after {
        let ra = ra.min(cfg.max_retry_after);
        return ra + ra.mul_f64(0.1 * jitter);
    }
    let step = cfg
        .base
        .saturating_mul(1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX))
        .min(BACKOFF_CAP);
    step / 2 + (step / 2).mul_f64(jitter)
}

/// How a host's request spacing changes after an answer: `SPACING_STEP` more (up to
/// `SPACING_MAX`) when it rate-limits us, an eighth less per normal answer. A host that keeps
/// answering 429 stays slow for the rest of the run, while an isolated 429 (often about one
/// URL, not the host) costs a few hundred milliseconds. Doubling instead cost 15 s on the
/// farm's busiest host, whose 18 per-URL 429s compounded.
pub fn next_spacing(current: Duration, rate_limited: bool) -> Duration {
    if rate_limited {
        return (current + SPACING_STEP).min(SPACING_MAX);
    }
    let d = current * 7 / 8;
    if d < Duration::from_millis(10) {
        Duration::ZERO
    } else {
        d
    }
}

/// Does this answer ask us to slow the host down?
pub fn is_rate_limit(code: u16, retry_after: Option<Duration>) -> bool {
    code == 429 || (code == 503 && retry_after.is_some())
}

/// A HEAD answer that says the method itself is refused.
pub fn is_head_refusal(code: u16) -> bool {
    matches!(code, 405 | 501)
}

pub fn is_redirect(code: u16) -> bool {
    matches!(code, 301 | 302 | 303 | 307 | 308)
}

pub fn is_permanent_redirect(code: u16) -> bool {
    matches!(code, 301 | 308)
}

/// One followed redirect: its status and where it led (absolute URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub status: u16,
    pub to: String,
}

/// Where a link that worked after redirects should point. `Some((true, url))` when the
/// redirects start with permanent ones: `url` is where the last of those leads, the address
/// the list should use. `Some((false, final))` for temporary redirects (fine as they are).
pub fn redirect_target(hops: &[Hop]) -> Option<(bool, String)> {
    let last = hops.last()?;
    let permanent = hops
        .iter()
        .take_while(|h| is_permanent_redirect(h.status))
        .last();
    Some(match permanent {
        Some(h) => (true, h.to.clone()),
        None => (false, last.to.clone()),
    })
}

/// Parses `Retry-After`: delay-seconds, or an HTTP date (IMF-fixdate) relative to `now`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(v)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (the form servers must send).
fn parse_http_date(v: &str) -> Option<SystemTime> {
    let rest = v.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split(' ').collect();
    if parts.len() != 5 || parts[4] != "GMT" {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == parts[1])? as u32 + 1;
    // A date after year 9999 waits as long as one in 9999 (every wait is capped anyway), and
    // keeps the day arithmetic below from overflowing.
    let year: i64 = parts[2].parse::<i64>().ok()?.clamp(1, 9999);
    let hms: Vec<u64> = parts[3]
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if hms.len() != 3 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + (hms[0] * 3600 + hms[1] * 60 + hms[2]) as i64;
    let secs = u64::try_from(secs).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(code: u16) -> Outcome {
        Outcome::Status {
            code,
            retry_after: None,
            challenge: false,
        }
    }

    fn cfg(max_retries: u32) -> RetryConfig {
        RetryConfig {
            max_retries,
            base: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(60),
        }
    }

    const METHODS: [Method; 2] = [Method::Head, Method::Get];

    #[test]
    fn every_status_with_every_method() {
        let accept = Accept::default();
        for code in 100..=999u16 {
            for method in METHODS {
                let class = classify(method, &st(code), &accept);
                let expected = if (200..=299).contains(&code) {
                    Class::Accepted
                } else if code == 429 {
                    Class::Transient(Transient::RateLimited, None)
                } else if method == Method::Head {
                    Class::TryGet
                } else if matches!(code, 401 | 403 | 999) {
                    Class::Final(Verdict::Blocked, String::new())
                } else if is_transient_server_error(code) {
                    Class::Transient(Transient::ServerError, None)
                } else if (300..=399).contains(&code) {
                    Class::Final(Verdict::Error, String::new())
                } else {
                    Class::Final(Verdict::Dead, String::new())
                };
                match (&class, &expected) {
                    (Class::Final(v, detail), Class::Final(w, _)) => {
                        assert_eq!(v, w, "{method:?} {code}");
                        assert!(detail.starts_with(&code.to_string()), "{detail}");
                    }
                    _ => assert_eq!(class, expected, "{method:?} {code}"),
                }
            }
        }
    }

    #[test]
    fn the_issue_examples() {
        let accept = Accept::default();
        let get = |c| classify(Method::Get, &st(c), &accept);
        assert_eq!(get(200), Class::Accepted);
        assert!(matches!(get(404), Class::Final(Verdict::Dead, ref d) if d == "404 Not Found"));
        assert!(matches!(get(410), Class::Final(Verdict::Dead, _)));
        assert!(matches!(get(400), Class::Final(Verdict::Dead, _)));
        assert!(matches!(get(401), Class::Final(Verdict::Blocked, _)));
        assert!(matches!(get(403), Class::Final(Verdict::Blocked, _)));
        assert!(matches!(get(999), Class::Final(Verdict::Blocked, _)));
        assert!(matches!(get(501), Class::Final(Verdict::Dead, _)));
        for c in [408, 425, 500, 502, 503, 504, 520, 522, 599] {
            assert_eq!(
                get(c),
                Class::Transient(Transient::ServerError, None),
                "{c}"
            );
        }
        assert_eq!(
            classify(Method::Head, &st(405), &accept),
            Class::TryGet,
            "HEAD 405 falls back to GET"
        );
        assert_eq!(
            classify(Method::Head, &st(429), &accept),
            Class::Transient(Transient::RateLimited, None),
            "a rate-limited HEAD is retried, not followed by a GET"
        );
    }

    #[test]
    fn accept_overrides_everything() {
        let accept = Accept::parse("200..=299,429,403").unwrap();
        for m in METHODS {
            assert_eq!(classify(m, &st(429), &accept), Class::Accepted);
            assert_eq!(classify(m, &st(403), &accept), Class::Accepted);
        }
        let only_200 = Accept::parse("200").unwrap();
        assert!(matches!(
            classify(Method::Get, &st(204), &only_200),
            Class::Final(Verdict::Dead, _)
        ));
    }

    #[test]
    fn challenges_are_blocked_whatever_the_status() {
        for code in [403, 503, 429, 200] {
            let o = Outcome::Status {
                code,
                retry_after: None,
                challenge: true,
            };
            for m in METHODS {
                let c = classify(m, &o, &Accept::parse("200").unwrap());
                if code == 200 {
                    assert_eq!(c, Class::Accepted);
                } else {
                    assert!(
                        matches!(c, Class::Final(Verdict::Blocked, _)),
                        "{code} {c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn retry_after_travels_with_the_class() {
        let ra = Some(Duration::from_secs(3));
        for code in [429, 503] {
            let o = Outcome::Status {
                code,
                retry_after: ra,
                challenge: false,
            };
            let c = classify(Method::Get, &o, &Accept::default());
            assert!(matches!(c, Class::Transient(_, r) if r == ra));
        }
    }

    #[test]
    fn errors() {
        let a = Accept::default();
        for m in METHODS {
            assert_eq!(
                classify(m, &Outcome::Timeout, &a),
                Class::Transient(Transient::Timeout, None)
            );
            assert_eq!(
                classify(m, &Outcome::Network("reset".into()), &a),
                Class::Transient(Transient::Network, None)
            );
            assert!(matches!(
                classify(m, &Outcome::DnsNotFound("x".into()), &a),
                Class::Final(Verdict::Dead, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::Tls("x".into()), &a),
                Class::Final(Verdict::Error, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::Private("x".into()), &a),
                Class::Final(Verdict::Skipped, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::RedirectLoop("x".into()), &a),
                Class::Final(Verdict::Error, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::TooManyRedirects, &a),
                Class::Final(Verdict::Error, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::BadRedirect("x".into()), &a),
                Class::Final(Verdict::Error, _)
            ));
            assert!(matches!(
                classify(m, &Outcome::UnsupportedScheme("x".into()), &a),
                Class::Final(Verdict::Skipped, _)
            ));
        }
    }

    #[test]
    fn budgets() {
        use Transient::*;
        for max in 0..=6 {
            assert_eq!(retry_budget(Timeout, max), max);
            assert_eq!(retry_budget(Network, max), max);
            assert_eq!(retry_budget(RateLimited, max), max);
            let server = if max == 0 { 0 } else { max + 3 };
            assert_eq!(retry_budget(ServerError, max), server);
        }
    }

    #[test]
    fn next_step_retries_exactly_the_budget_then_gives_up() {
        use Transient::*;
        for kind in [Timeout, Network, RateLimited, ServerError] {
            for max in 0..=4 {
                let c = cfg(max);
                let budget = retry_budget(kind, max);
                for done in 0..=budget + 2 {
                    for jitter in [0.0, 0.5, 0.999] {
                        let step = next_step(kind, None, done, &c, jitter);
                        if done < budget {
                            assert!(matches!(step, Step::Retry(_)), "{kind:?} {max} {done}");
                        } else {
                            assert_eq!(step, Step::GiveUp(give_up_verdict(kind)));
                        }
                    }
                }
            }
        }
        assert_eq!(give_up_verdict(Timeout), Verdict::Timeout);
        assert_eq!(give_up_verdict(Network), Verdict::Error);
        assert_eq!(give_up_verdict(RateLimited), Verdict::Blocked);
        assert_eq!(give_up_verdict(ServerError), Verdict::Dead);
    }

    #[test]
    fn backoff_doubles_with_equal_jitter_and_is_capped() {
        let c = cfg(2);
        for n in 0..40 {
            let step = (Duration::from_millis(500) * 2u32.pow(n.min(20))).min(BACKOFF_CAP);
            let lo = delay(None, n, &c, 0.0);
            let hi = delay(None, n, &c, 0.999_999);
            assert_eq!(lo, step / 2, "n={n}");
            assert!(hi <= step && hi > step * 99 / 100, "n={n} {hi:?}");
            if n > 0 {
                assert!(delay(None, n, &c, 0.0) >= delay(None, n - 1, &c, 0.0));
            }
        }
        assert_eq!(delay(None, 0, &c, 0.0), Duration::from_millis(250));
        assert_eq!(delay(None, 1, &c, 1.0), Duration::from_secs(1));
        // Out-of-range jitter is clamped rather than producing nonsense.
        assert_eq!(delay(None, 0, &c, -3.0), Duration::from_millis(250));
        assert_eq!(delay(None, 0, &c, 7.0), Duration::from_millis(500));
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let c = cfg(2);
        let ra = Some(Duration::from_secs(2));
        assert_eq!(delay(ra, 0, &c, 0.0), Duration::from_secs(2));
        assert_eq!(delay(ra, 5, &c, 1.0), Duration::from_millis(2200));
        let huge = Some(Duration::from_secs(3600));
        assert_eq!(delay(huge, 0, &c, 0.0), Duration::from_secs(60));
        assert!(delay(huge, 0, &c, 0.99) <= Duration::from_secs(66));
        assert_eq!(
            next_step(Transient::RateLimited, ra, 0, &c, 0.0),
            Step::Retry(Duration::from_secs(2))
        );
        assert_eq!(delay(Some(Duration::ZERO), 3, &c, 0.5), Duration::ZERO);
    }

    #[test]
    fn spacing_grows_on_rate_limits_and_decays() {
        let mut s = Duration::ZERO;
        s = next_spacing(s, true);
        assert_eq!(s, SPACING_STEP);
        s = next_spacing(s, true);
        assert_eq!(s, SPACING_STEP * 2);
        for _ in 0..200 {
            s = next_spacing(s, true);
        }
        assert_eq!(s, SPACING_MAX);
        let mut steps = 0;
        while s > Duration::ZERO {
            let next = next_spacing(s, false);
            assert!(next < s);
            s = next;
            steps += 1;
        }
        assert!(steps < 60, "{steps}");
        assert_eq!(next_spacing(Duration::ZERO, false), Duration::ZERO);
    }

    #[test]
    fn rate_limit_and_head_refusal_signals() {
        for code in 100..=999 {
            assert_eq!(is_rate_limit(code, None), code == 429);
            assert_eq!(
                is_rate_limit(code, Some(Duration::from_secs(1))),
                code == 429 || code == 503
            );
            assert_eq!(is_head_refusal(code), code == 405 || code == 501);
            assert_eq!(is_redirect(code), [301, 302, 303, 307, 308].contains(&code));
            assert_eq!(is_permanent_redirect(code), code == 301 || code == 308);
        }
    }

    #[test]
    fn redirect_targets() {
        let h = |status, to: &str| Hop {
            status,
            to: to.into(),
        };
        assert_eq!(redirect_target(&[]), None);
        assert_eq!(
            redirect_target(&[h(301, "b"), h(308, "c"), h(301, "d")]),
            Some((true, "d".into()))
        );
        assert_eq!(
            redirect_target(&[h(301, "b"), h(302, "c"), h(301, "d")]),
            Some((true, "b".into())),
            "only the permanent prefix says where the link moved"
        );
        assert_eq!(
            redirect_target(&[h(302, "b"), h(301, "c")]),
            Some((false, "c".into()))
        );
        assert_eq!(redirect_target(&[h(307, "b")]), Some((false, "b".into())));
    }

    #[test]
    fn far_future_dates_do_not_overflow() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        for v in [
            "Sun, 06 Nov 99999999999 08:49:37 GMT",
            "Sun, 06 Nov 9223372036854775807 08:49:37 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            let wait = parse_retry_after(v, now).expect(v);
            assert!(
                wait > Duration::from_secs(7000 * 365 * 86_400),
                "{v}: {wait:?}"
            );
            // What the checker does with it: capped, never an overflow.
            let d = delay(Some(wait), 0, &cfg(2), 0.99);
            assert!(d <= Duration::from_secs(66), "{d:?}");
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov -9223372036854775808 08:49:37 GMT", now),
            None,
            "a date before 1970 is ignored, without an overflow"
        );
        let secs = parse_retry_after("18446744073709551615", now).unwrap();
        assert!(delay(Some(secs), 0, &cfg(2), 0.5) <= Duration::from_secs(66));
    }

    #[test]
    fn retry_after_values() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // 1994-11-06 08:49:37
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(
            parse_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(86_400))
        );
        for bad in [
            "",
            "-1",
            "soon",
            "1.5",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn status_texts() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(999), "999");
    }

    /// The stability argument in numbers: the chance that a link answering 503 to 30 % of
    /// requests is called dead, with HEAD + GET + the server-error budget, at default flags.
    #[test]
    fn chaos_link_false_dead_rate() {
        let requests = 1 + 1 + retry_budget(Transient::ServerError, 2); // HEAD, GET, retries
        let p = 0.3f64.powi(requests as i32);
        assert_eq!(requests, 7);
        assert!(p < 0.0003, "{p}");
    }
}
