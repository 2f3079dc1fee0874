//! The one shared HTTP client and a single request through it.
//!
//! Redirects are not followed by reqwest (`Policy::none()`): the checker follows them itself
//! so that every hop goes through the host scheduler and the private-address guard, is
//! recorded, and carries the GitHub token only while the chain stays on a GitHub host, and
//! the extra headers of `[links.hosts."HOST"]` only on hops to that host.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

use super::dns::ResolveCache;
use super::guard::{DnsFailure, Guard, GuardedResolver, PrivateAddress};
use super::network::Reach;
use super::options::CheckOptions;
use super::policy::{self, Method, Outcome};

/// Browser-like (some sites refuse anything else) and naming the tool, so that site owners
/// can tell who is knocking.
pub const USER_AGENT: &str = concat!(
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ",
    "Chrome/126.0 Safari/537.36 awesome-lint/",
    env!("CARGO_PKG_VERSION"),
    " (link checker)"
);

/// At most this much of a GET body is read, and only to keep the connection reusable: a
/// verdict never needs the body. Larger bodies are dropped unread (the connection closes),
/// so a 200 MB download costs one socket buffer, not 200 MB.
pub const BODY_READ_CAP: u64 = 64 * 1024;

/// The client; its resolver answers from `dns`, the run's cache shared with the checker.
pub fn build(options: &CheckOptions, dns: Arc<ResolveCache>) -> Result<reqwest::Client, String> {
    let guard = Guard {
        allow_private: options.allow_private,
        trusted: options.trusted_addrs.clone(),
    };
    let resolver = GuardedResolver::with_cache(guard, dns);
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT,
        HeaderValue::from_static("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    );
    headers.insert(
        header::ACCEPT_LANGUAGE,
        HeaderValue::from_static("en-US,en;q=0.8"),
    );
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(options.timeout)
        .connect_timeout(options.timeout.min(Duration::from_secs(10)))
        .dns_resolver(Arc::new(resolver))
        // A proxy would resolve names itself, out of the guard's sight.
        .no_proxy()
        .gzip(true)
        .tcp_nodelay(true)
        // Enough idle connections for the busiest host, overrides included.
        .pool_max_idle_per_host(
            options
                .host_limits()
                .iter()
                .map(|&(_, n)| n)
                .fold(options.host_concurrency, usize::max),
        )
        .pool_idle_timeout(Duration::from_secs(30))
        .use_rustls_tls()
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

/// What a server answered to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// `Location` of a redirect, as sent (maybe relative).
    pub location: Option<String>,
    pub retry_after: Option<Duration>,
    pub challenge: bool,
}

/// A request that got no answer: what happened, and whether it reached the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub outcome: Outcome,
    pub reach: Reach,
}

/// Sends one request (no redirect following) and reads at most `BODY_READ_CAP` of the body.
/// `extra`: the headers configured for this URL's host. They replace the client's defaults
/// of the same name (e.g. `Accept`) and the token's `Authorization`: the user set them for
/// exactly this host, which is more specific than either.
pub async fn request(
    client: &reqwest::Client,
    method: Method,
    url: &Url,
    token: Option<&HeaderValue>,
    extra: Option<&HeaderMap>,
) -> Result<Answer, Failed> {
    let m = match method {
        Method::Head => reqwest::Method::HEAD,
        Method::Get => reqwest::Method::GET,
    };
    let mut req = client.request(m, url.clone());
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, t.clone());
    }
    if let Some(h) = extra {
        // `headers` replaces same-named headers; reqwest adds its defaults only where unset.
        req = req.headers(h.clone());
    }
    let mut resp = req.send().await.map_err(|e| {
        let outcome = outcome_of(&e);
        // A TLS handshake is part of reqwest's "connect", yet it needs a TCP connection.
        let reach = match outcome {
            Outcome::Tls(_) => Reach::Reached,
            _ => reach_of(&e),
        };
        Failed { outcome, reach }
    })?;
    let h = resp.headers();
    let answer = Answer {
        status: resp.status().as_u16(),
        location: h
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        retry_after: h
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| policy::parse_retry_after(v, SystemTime::now())),
        challenge: h
            .get("cf-mitigated")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("challenge")),
    };
    if method == Method::Get && resp.content_length().is_none_or(|n| n <= BODY_READ_CAP) {
        // Drain a small body so the connection goes back to the pool. Errors here do not
        // change the verdict: the status line already arrived.
        let mut read = 0u64;
        while let Ok(Some(chunk)) = resp.chunk().await {
            read += chunk.len() as u64;
            if read > BODY_READ_CAP {
                break;
            }
        }
    }
    Ok(answer)
}

/// Maps a reqwest error to an outcome, looking through its chain of causes for the guard's
/// and resolver's own errors.
pub fn outcome_of(err: &reqwest::Error) -> Outcome {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut innermost = err.to_string();
    while let Some(e) = source {
        if let Some(p) = e.downcast_ref::<PrivateAddress>() {
            return Outcome::Private(p.to_string());
        }
        if let Some(d) = e.downcast_ref::<DnsFailure>() {
            return if d.not_found {
                Outcome::DnsNotFound(d.to_string())
            } else {
                Outcome::Network(d.to_string())
            };
        }
        innermost = e.to_string();
        source = e.source();
    }
    if err.is_timeout() {
        return Outcome::Timeout;
    }
    let all = chain_text(err).to_ascii_lowercase();
    if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        return Outcome::Tls(format!("TLS error: {innermost}"));
    }
    Outcome::Network(describe_network(&all, &innermost))
}

/// Whether a failed request reached its host: connection-level failures (the resolver's,
/// refused, unreachable, connect timeout) did not; the guard's refusals made no contact.
pub fn reach_of(err: &reqwest::Error) -> Reach {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if e.downcast_ref::<PrivateAddress>().is_some() {
            return Reach::Neutral;
        }
        if e.downcast_ref::<DnsFailure>().is_some() {
            return Reach::Unreached;
        }
        source = e.source();
    }
    if err.is_connect() {
        Reach::Unreached
    } else if err.is_builder() {
        Reach::Neutral
    } else {
        Reach::Reached
    }
}

fn chain_text(err: &reqwest::Error) -> String {
    let mut out = String::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        out.push_str(&e.to_string());
        out.push_str(": ");
        source = e.source();
    }
    out
}

fn describe_network(all: &str, innermost: &str) -> String {
    if all.contains("reset") {
        "connection reset by peer".into()
    } else if all.contains("refused") {
        "connection refused".into()
    } else if all.contains("closed before message completed") || all.contains("incomplete") {
        "connection closed without an answer".into()
    } else {
        format!("connection error: {innermost}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_tool() {
        assert!(USER_AGENT.starts_with("Mozilla/5.0"));
        assert!(USER_AGENT.contains("awesome-lint/"));
    }

    #[test]
    fn client_builds_with_defaults() {
        assert!(build(&CheckOptions::default(), Arc::new(ResolveCache::system())).is_ok());
    }

    #[test]
    fn network_descriptions() {
        assert_eq!(
            describe_network("error sending request: connection reset by peer", "x"),
            "connection reset by peer"
        );
        assert_eq!(
            describe_network("connection refused (os error 111)", "x"),
            "connection refused"
        );
        assert_eq!(
            describe_network("weird", "weird"),
            "connection error: weird"
        );
    }
}
