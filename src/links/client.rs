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
use super::guard::{DnsFailure, GuardedResolver, PrivateAddress};
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
    let guard = options.guard();
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
        location: h.get(header::LOCATION).map(|v| location_text(v.as_bytes())),
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

/// A `Location` value as browsers read it: raw non-ASCII bytes (UTF-8 sent unencoded, which
/// many servers do) are percent-encoded, so that the URL parser accepts them.
pub fn location_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Maps a reqwest error to an outcome from the types in its chain of causes (the guard's and
/// resolver's errors, I/O error kinds, rustls and hyper errors); their text is only the
/// message.
pub fn outcome_of(err: &reqwest::Error) -> Outcome {
    let chain = classify_chain(err);
    match chain {
        Some(o @ (Outcome::Private(_) | Outcome::DnsNotFound(_) | Outcome::Tls(_))) => o,
        _ if err.is_timeout() => Outcome::Timeout,
        Some(o) => o,
        None => Outcome::Network(format!("connection error: {}", innermost(err))),
    }
}

/// The next cause: an I/O error's own payload (`io::Error::source` skips it), else `source`.
fn cause<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a (dyn std::error::Error + 'static)> {
    match e.downcast_ref::<std::io::Error>() {
        Some(io) => io
            .get_ref()
            .map(|inner| inner as &(dyn std::error::Error + 'static)),
        None => e.source(),
    }
}

/// The outcome the first recognised error of the chain gives, if any.
pub(crate) fn classify_chain(err: &(dyn std::error::Error + 'static)) -> Option<Outcome> {
    use std::io::ErrorKind as K;
    let mut source = Some(err);
    while let Some(e) = source {
        if let Some(p) = e.downcast_ref::<PrivateAddress>() {
            return Some(Outcome::Private(p.to_string()));
        }
        if let Some(d) = e.downcast_ref::<DnsFailure>() {
            return Some(if d.not_found {
                Outcome::DnsNotFound(d.to_string())
            } else {
                Outcome::Network(d.to_string())
            });
        }
        if let Some(t) = e.downcast_ref::<rustls::Error>() {
            return Some(Outcome::Tls(format!("TLS error: {t}")));
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            let tls = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>());
            if let Some(t) = tls {
                return Some(Outcome::Tls(format!("TLS error: {t}")));
            }
            let what = match io.kind() {
                K::TimedOut => return Some(Outcome::Timeout),
                K::ConnectionReset => "connection reset by peer",
                K::ConnectionRefused => "connection refused",
                K::ConnectionAborted => "connection aborted",
                K::UnexpectedEof | K::BrokenPipe | K::NotConnected => {
                    "connection closed without an answer"
                }
                K::HostUnreachable => "host unreachable",
                K::NetworkUnreachable => "network unreachable",
                K::AddrNotAvailable => "address not available",
                _ => "",
            };
            if !what.is_empty() {
                return Some(Outcome::Network(what.into()));
            }
        }
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_timeout() {
                return Some(Outcome::Timeout);
            }
            if h.is_incomplete_message() || h.is_closed() || h.is_canceled() {
                return Some(Outcome::Network(
                    "connection closed without an answer".into(),
                ));
            }
        }
        source = cause(e);
    }
    None
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
        source = cause(e);
    }
    if err.is_connect() {
        Reach::Unreached
    } else if err.is_builder() {
        Reach::Neutral
    } else {
        Reach::Reached
    }
}

/// The message of the deepest cause, the most specific one.
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = cause(last) {
        last = next;
    }
    last.to_string()
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

    /// An error with a message and a cause, like the wrappers between reqwest and the socket.
    #[derive(Debug)]
    struct Wrap(&'static str, Box<dyn std::error::Error + Send + Sync>);

    impl std::fmt::Display for Wrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Wrap {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&*self.1)
        }
    }

    fn classify(inner: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Option<Outcome> {
        let e = Wrap(
            "error sending request",
            Box::new(Wrap("client error (Connect)", inner.into())),
        );
        classify_chain(&e)
    }

    #[test]
    fn errors_are_classified_by_type_not_by_text() {
        use std::io::{Error, ErrorKind};
        let net = |s: &str| Some(Outcome::Network(s.into()));
        // Localised or platform-specific texts say nothing; the kind does.
        assert_eq!(
            classify(Error::new(
                ErrorKind::ConnectionReset,
                "Verbindung zurückgesetzt"
            )),
            net("connection reset by peer")
        );
        assert_eq!(
            classify(Error::new(
                ErrorKind::ConnectionRefused,
                "tls handshake certificate"
            )),
            net("connection refused"),
            "words in the text do not make it a TLS error"
        );
        assert_eq!(
            classify(Error::new(ErrorKind::UnexpectedEof, "x")),
            net("connection closed without an answer")
        );
        assert_eq!(
            classify(Error::new(ErrorKind::TimedOut, "x")),
            Some(Outcome::Timeout)
        );
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        match classify(Error::new(ErrorKind::InvalidData, tls)) {
            Some(Outcome::Tls(m)) => assert!(m.starts_with("TLS error: "), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            classify(Error::other("reset refused tls")),
            None,
            "an unknown kind is not guessed from its text"
        );
        let dns = DnsFailure {
            host: "x.test".into(),
            not_found: true,
            message: "no such name".into(),
        };
        assert!(matches!(classify(dns), Some(Outcome::DnsNotFound(_))));
    }

    #[test]
    fn raw_utf8_in_location_is_percent_encoded() {
        assert_eq!(
            location_text("/caf\u{e9}/x?q=\u{e9}".as_bytes()),
            "/caf%C3%A9/x?q=%C3%A9"
        );
        assert_eq!(location_text(b"/plain/path?a=b#f"), "/plain/path?a=b#f");
        assert_eq!(location_text(&[b'/', 0xff]), "/%FF", "not UTF-8 either");
    }
}
