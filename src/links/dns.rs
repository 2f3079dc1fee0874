//! Name resolution for one run: each host name is looked up once, whatever the number of its
//! links, and the answer (success or failure) is kept for the run.
//!
//! - The lookup itself is behind `Lookup`, so tests can swap the system resolver for a fake one
//!   (`CheckOptions::resolver`); `SystemLookup` is getaddrinfo through tokio.
//! - `ResolveCache::resolve(host, retry)` is single-flight per host: concurrent callers wait for
//!   one lookup and share it. Successes and "no such name" answers are final for the run.
//!   A temporary failure is final for callers at the same retry: a link on its n-th retry
//!   triggers at most one new lookup for all links at that retry, so 500 links to a host
//!   whose resolver keeps failing cost `1 + --max-retries` lookups, not 1,500.
//! - `classify_gai` tells an authoritative "no such name" (EAI_NONAME, EAI_NODATA) from a
//!   temporary failure (EAI_AGAIN, EAI_FAIL, a system error): only the first can make a link
//!   `dead`, and only when other hosts of the run resolve (see `checker`).

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;

use super::guard::DnsFailure;

/// Why a lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupErrorKind {
    /// The name does not exist, or has no address (NXDOMAIN, EAI_NONAME, EAI_NODATA).
    NoSuchName,
    /// Anything else: the resolver could not answer now (EAI_AGAIN, SERVFAIL, a timeout,
    /// no resolver reachable). Retried, never a reason to call a link dead.
    Temporary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    pub kind: LookupErrorKind,
    pub message: String,
}

impl LookupError {
    pub fn new(kind: LookupErrorKind, message: impl Into<String>) -> Self {
        LookupError {
            kind,
            message: message.into(),
        }
    }
}

pub type LookupFuture =
    Pin<Box<dyn Future<Output = Result<Vec<SocketAddr>, LookupError>> + Send + 'static>>;

/// A name resolver: host name → addresses (the port is ignored). The checker calls it at most
/// once per host and retry (see `ResolveCache`), and filters its answers with the guard.
pub trait Lookup: Send + Sync {
    fn lookup(&self, host: &str) -> LookupFuture;
}

/// The system resolver: getaddrinfo on tokio's blocking pool.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: &str) -> LookupFuture {
        let host = host.to_string();
        Box::pin(async move {
            match tokio::net::lookup_host((host.as_str(), 0)).await {
                Ok(addrs) => Ok(addrs.collect()),
                Err(e) => Err(LookupError::new(classify_lookup_error(&e), e.to_string())),
            }
        })
    }
}

/// Classifies the error of `tokio::net::lookup_host` (std's `ToSocketAddrs`).
pub fn classify_lookup_error(err: &io::Error) -> LookupErrorKind {
    classify_gai(err.raw_os_error(), &err.to_string())
}

/// The classification itself, pure. On Unix, std turns a getaddrinfo failure into an
/// `io::Error` that carries no code, only the text `failed to lookup address information:
/// <gai_strerror(code)>`, except for EAI_SYSTEM, which becomes the OS error (`raw_os_error`).
/// So the code is recognised by its gai_strerror text: glibc, musl and macOS wordings of
/// EAI_NONAME and EAI_NODATA. On Windows the error is the WSA code itself.
pub fn classify_gai(raw_os_error: Option<i32>, message: &str) -> LookupErrorKind {
    const WSAHOST_NOT_FOUND: i32 = 11001;
    const WSANO_DATA: i32 = 11004;
    if let Some(code) = raw_os_error {
        // EAI_SYSTEM on Unix: the resolver itself failed (a socket error), not an answer.
        return if cfg!(windows) && matches!(code, WSAHOST_NOT_FOUND | WSANO_DATA) {
            LookupErrorKind::NoSuchName
        } else {
            LookupErrorKind::Temporary
        };
    }
    let m = message.to_ascii_lowercase();
    let no_such_name = [
        "name or service not known",                    // glibc EAI_NONAME
        "no address associated with hostname",          // glibc EAI_NODATA
        "nodename nor servname provided, or not known", // macOS/BSD EAI_NONAME
        "name does not resolve",                        // musl EAI_NONAME
        "no such host is known",                        // Windows WSAHOST_NOT_FOUND
    ];
    if no_such_name.iter().any(|p| m.contains(p)) {
        LookupErrorKind::NoSuchName
    } else {
        LookupErrorKind::Temporary
    }
}

/// One host's state: how many lookups were made and the last answer.
#[derive(Default)]
struct Entry {
    lookups: u32,
    last: Option<Result<Vec<SocketAddr>, LookupError>>,
}

/// The run's resolution cache; see the module documentation.
pub struct ResolveCache {
    lookup: Arc<dyn Lookup>,
    /// Test hook: fixed answers, never looked up.
    overrides: HashMap<String, Vec<SocketAddr>>,
    hosts: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Entry>>>>,
    /// Lookups in flight at once, over all hosts.
    limit: Semaphore,
    lookups: AtomicUsize,
    resolved_any: AtomicBool,
}

impl fmt::Debug for ResolveCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResolveCache")
            .field("overrides", &self.overrides)
            .field("lookups", &self.lookups())
            .finish_non_exhaustive()
    }
}

impl ResolveCache {
    pub fn new(
        lookup: Arc<dyn Lookup>,
        overrides: &[(String, SocketAddr)],
        max_in_flight: usize,
    ) -> Self {
        let mut map: HashMap<String, Vec<SocketAddr>> = HashMap::new();
        for (name, addr) in overrides {
            map.entry(name.to_ascii_lowercase())
                .or_default()
                .push(*addr);
        }
        ResolveCache {
            lookup,
            overrides: map,
            hosts: Mutex::new(HashMap::new()),
            limit: Semaphore::new(max_in_flight.max(1)),
            lookups: AtomicUsize::new(0),
            resolved_any: AtomicBool::new(false),
        }
    }

    /// The system resolver, no overrides.
    pub fn system() -> Self {
        ResolveCache::new(Arc::new(SystemLookup), &[], 64)
    }

    /// The addresses of `host` (not yet filtered by the guard). `retry`: how many retries the
    /// asking link has spent; a cached temporary failure is answered again only to links that
    /// have not retried since it was looked up.
    pub async fn resolve(&self, host: &str, retry: u32) -> Result<Vec<SocketAddr>, DnsFailure> {
        let name = host.to_ascii_lowercase();
        if let Some(addrs) = self.overrides.get(&name) {
            self.resolved_any.store(true, Ordering::Relaxed);
            return Ok(addrs.clone());
        }
        let entry = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts.entry(name.clone()).or_default().clone()
        };
        // Held across the lookup: callers for the same host wait for it, then read its answer.
        let mut entry = entry.lock().await;
        let fresh_enough = match &entry.last {
            Some(Ok(_)) => true,
            Some(Err(e)) if e.kind == LookupErrorKind::NoSuchName => true,
            Some(Err(_)) => entry.lookups > retry,
            None => false,
        };
        if !fresh_enough {
            let answer = {
                let _slot = self
                    .limit
                    .acquire()
                    .await
                    .expect("the lookup semaphore is never closed");
                self.lookups.fetch_add(1, Ordering::Relaxed);
                self.lookup.lookup(&name).await
            };
            let answer = match answer {
                Ok(addrs) if addrs.is_empty() => Err(LookupError::new(
                    LookupErrorKind::NoSuchName,
                    "no addresses",
                )),
                other => other,
            };
            if answer.is_ok() {
                self.resolved_any.store(true, Ordering::Relaxed);
            }
            entry.lookups += 1;
            entry.last = Some(answer);
        }
        match entry.last.as_ref().expect("set above") {
            Ok(addrs) => Ok(addrs.clone()),
            Err(e) => Err(DnsFailure {
                host: host.to_string(),
                not_found: e.kind == LookupErrorKind::NoSuchName,
                message: e.message.clone(),
            }),
        }
    }

    /// Lookups made so far (overrides excluded).
    pub fn lookups(&self) -> usize {
        self.lookups.load(Ordering::Relaxed)
    }

    /// Whether any host of the run resolved (overrides included).
    pub fn resolved_any(&self) -> bool {
        self.resolved_any.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[test]
    fn gai_texts_as_std_reports_them() {
        use LookupErrorKind::*;
        let c = |m: &str| classify_gai(None, &format!("failed to lookup address information: {m}"));
        assert_eq!(c("Name or service not known"), NoSuchName);
        assert_eq!(c("No address associated with hostname"), NoSuchName);
        assert_eq!(
            c("nodename nor servname provided, or not known"),
            NoSuchName
        );
        assert_eq!(c("Name does not resolve"), NoSuchName);
        assert_eq!(c("Temporary failure in name resolution"), Temporary);
        assert_eq!(c("Non-recoverable failure in name resolution"), Temporary);
        assert_eq!(c("Try again"), Temporary);
        assert_eq!(c("System error"), Temporary);
        assert_eq!(c(""), Temporary);
        // EAI_SYSTEM: std returns the OS error (e.g. ECONNREFUSED from the resolver's socket).
        assert_eq!(
            classify_gai(Some(111), "Connection refused (os error 111)"),
            Temporary
        );
    }

    #[test]
    fn io_errors_are_classified_by_what_they_carry() {
        let std_like =
            |m: &str| io::Error::other(format!("failed to lookup address information: {m}"));
        assert_eq!(
            classify_lookup_error(&std_like("Name or service not known")),
            LookupErrorKind::NoSuchName
        );
        assert_eq!(
            classify_lookup_error(&std_like("Temporary failure in name resolution")),
            LookupErrorKind::Temporary
        );
        assert_eq!(
            classify_lookup_error(&io::Error::from_raw_os_error(110)),
            LookupErrorKind::Temporary
        );
    }

    #[tokio::test]
    async fn the_system_resolver_never_resolves_invalid_names() {
        // RFC 6761: `.invalid` never resolves; depending on the machine the failure is
        // NXDOMAIN or temporary (no resolver reachable), never an address.
        let e = SystemLookup.lookup("nothing.invalid").await.unwrap_err();
        assert!(!e.message.is_empty());
    }

    /// Answers from a script per host: each lookup takes the next answer (the last repeats).
    struct Scripted {
        answers: HashMap<String, Vec<Result<Vec<SocketAddr>, LookupErrorKind>>>,
        calls: Arc<AtomicU32>,
    }

    impl Lookup for Scripted {
        fn lookup(&self, host: &str) -> LookupFuture {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) as usize;
            let script = &self.answers[host];
            let answer = script[n.min(script.len() - 1)]
                .clone()
                .map_err(|k| LookupError::new(k, "scripted"));
            Box::pin(async move {
                tokio::task::yield_now().await;
                answer
            })
        }
    }

    fn scripted(
        host: &str,
        script: Vec<Result<Vec<SocketAddr>, LookupErrorKind>>,
    ) -> (Arc<ResolveCache>, Arc<AtomicU32>) {
        let calls = Arc::new(AtomicU32::new(0));
        let lookup = Scripted {
            answers: HashMap::from([(host.to_string(), script)]),
            calls: calls.clone(),
        };
        (Arc::new(ResolveCache::new(Arc::new(lookup), &[], 8)), calls)
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_lookup() {
        let addr: SocketAddr = "192.0.2.1:0".parse().unwrap();
        let (cache, calls) = scripted("a.test", vec![Ok(vec![addr])]);
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..100 {
            let cache = cache.clone();
            tasks.spawn(async move { cache.resolve("A.test", 0).await });
        }
        while let Some(r) = tasks.join_next().await {
            assert_eq!(r.unwrap().unwrap(), vec![addr]);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(cache.resolved_any());
    }

    #[tokio::test]
    async fn no_such_name_is_final_and_temporary_failures_are_asked_again_per_retry() {
        let (cache, calls) = scripted("gone.test", vec![Err(LookupErrorKind::NoSuchName)]);
        for retry in 0..3 {
            let e = cache.resolve("gone.test", retry).await.unwrap_err();
            assert!(e.not_found);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(!cache.resolved_any());

        let addr: SocketAddr = "192.0.2.1:0".parse().unwrap();
        let (cache, calls) = scripted(
            "flaky.test",
            vec![Err(LookupErrorKind::Temporary), Ok(vec![addr])],
        );
        let e = cache.resolve("flaky.test", 0).await.unwrap_err();
        assert!(!e.not_found);
        // Another link's first try shares the failure; a retry asks again.
        assert!(cache.resolve("flaky.test", 0).await.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(cache.resolve("flaky.test", 1).await.unwrap(), vec![addr]);
        assert_eq!(cache.resolve("flaky.test", 0).await.unwrap(), vec![addr]);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn overrides_and_empty_answers() {
        let addr: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let calls = Arc::new(AtomicU32::new(0));
        let cache = ResolveCache::new(
            Arc::new(Scripted {
                answers: HashMap::from([("empty.test".to_string(), vec![Ok(vec![])])]),
                calls: calls.clone(),
            }),
            &[("Fixed.test".into(), addr)],
            8,
        );
        assert_eq!(cache.resolve("fixed.test", 0).await.unwrap(), vec![addr]);
        assert_eq!(cache.lookups(), 0);
        let e = cache.resolve("empty.test", 0).await.unwrap_err();
        assert!(e.not_found, "{e}");
    }
}
