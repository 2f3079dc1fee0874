//! The link checker against real HTTP servers on loopback, started inside each test.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use awesome_lint::links::{
    self, CheckOptions, HostSettings, LinkResult, Lookup, LookupError, LookupErrorKind,
    LookupFuture, NetworkProblemKind, Verdict,
};
use support::{TestServer, occ, opts, run};

async fn one(url: String, options: &CheckOptions) -> LinkResult {
    run(&[url], options).await.remove(0)
}

#[tokio::test]
async fn ok_200_with_a_single_head() {
    let s = TestServer::start().await;
    let r = one(s.url("/ok/a"), &opts()).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
    assert_eq!((r.http_status, r.attempts), (Some(200), 1));
    assert_eq!(s.count_method("HEAD", "/ok/a"), 1);
    assert_eq!(s.total(), 1, "no GET when HEAD says yes");
}

#[tokio::test]
async fn not_found_and_gone_are_dead_after_a_get_confirms() {
    let s = TestServer::start().await;
    let rs = run(&[s.url("/status/404/a"), s.url("/status/410/b")], &opts()).await;
    for (r, code) in rs.iter().zip([404, 410]) {
        assert_eq!(r.status, Verdict::Dead, "{r:?}");
        assert_eq!(r.http_status, Some(code));
        assert!(r.detail.starts_with(&code.to_string()), "{}", r.detail);
    }
    assert_eq!(s.count_method("HEAD", "/status/404/a"), 1);
    assert_eq!(s.count_method("GET", "/status/404/a"), 1);
    assert_eq!(s.count("/status/410/b"), 2, "4xx is definitive: no retries");
}

#[tokio::test]
async fn server_error_then_ok_is_retried() {
    let s = TestServer::start().await;
    // HEAD 500 (confirmed with GET), GET 500 (retried after backoff), GET 200.
    let r = one(s.url("/fail-then-ok/500/2/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
    assert_eq!(r.attempts, 3);
    assert_eq!(s.count_method("GET", "/fail-then-ok/500/2/x"), 2);
}

#[tokio::test]
async fn a_persistent_server_error_is_dead_after_the_longer_budget() {
    let s = TestServer::start().await;
    let r = one(s.url("/status/500/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Dead, "{r:?}");
    assert_eq!(r.http_status, Some(500));
    // HEAD, GET, then --max-retries (2) + 3 retries.
    assert_eq!(r.attempts, 7);
    assert_eq!(s.count("/status/500/x"), 7);
    assert!(
        r.detail.contains("500") && r.detail.contains("7 attempts"),
        "{}",
        r.detail
    );

    let none = CheckOptions {
        max_retries: 0,
        ..opts()
    };
    let r = one(s.url("/status/503/y"), &none).await;
    assert_eq!(
        (r.status, r.attempts),
        (Verdict::Dead, 2),
        "--max-retries 0: HEAD + GET only"
    );
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after() {
    let s = TestServer::start().await;
    let r = one(s.url("/ratelimit/1/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
    assert_eq!(r.attempts, 2);
    assert!(
        r.elapsed_ms >= 1000,
        "waited the Retry-After second: {} ms",
        r.elapsed_ms
    );
    assert_eq!(
        s.count_method("HEAD", "/ratelimit/1/x"),
        2,
        "a 429 is retried with the same method"
    );
}

#[tokio::test]
async fn a_429_that_outlives_every_retry_is_blocked() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        max_retries: 1,
        ..opts()
    };
    let r = one(s.url("/status/429/x"), &o).await;
    assert_eq!(
        (r.status, r.http_status, r.attempts),
        (Verdict::Blocked, Some(429), 2),
        "{r:?}"
    );
}

#[tokio::test]
async fn forbidden_and_challenges_are_blocked_not_dead() {
    let s = TestServer::start().await;
    let rs = run(
        &[
            s.url("/status/403/a"),
            s.url("/challenge/b"),
            s.url("/status/401/c"),
        ],
        &opts(),
    )
    .await;
    for r in &rs {
        assert_eq!(r.status, Verdict::Blocked, "{r:?}");
    }
    assert!(rs[1].detail.contains("challenge"), "{}", rs[1].detail);
}

#[tokio::test]
async fn a_301_chain_is_a_redirect_naming_the_final_url() {
    let s = TestServer::start().await;
    let r = one(s.url("/redirect/3/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Redirect, "{r:?}");
    assert_eq!(r.redirect_to.as_deref(), Some(s.url("/ok/x").as_str()));
    assert_eq!((r.http_status, r.attempts), (Some(200), 1));
    assert_eq!(s.total(), 4, "three hops and the final page");

    let ds = links::diagnostics(&[r], &opts());
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].rule, "redirect");
    assert!(ds[0].help.contains(&s.url("/ok/x")));
}

#[tokio::test]
async fn a_redirect_loop_is_an_error() {
    let s = TestServer::start().await;
    let r = one(s.url("/redirect-loop/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Error, "{r:?}");
    assert!(r.detail.contains("loop"), "{}", r.detail);
    assert!(
        s.total() <= 2,
        "the loop was noticed at once, not after 10 hops"
    );
}

#[tokio::test]
async fn head_405_then_get_200() {
    let s = TestServer::start().await;
    let r = one(s.url("/head-405/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
    assert_eq!(s.count_method("HEAD", "/head-405/x"), 1);
    assert_eq!(s.count_method("GET", "/head-405/x"), 1);
}

#[tokio::test]
async fn a_head_hostile_host_gets_get_first() {
    let s = TestServer::start().await;
    let urls: Vec<String> = (0..4).map(|i| s.url(&format!("/head-405/{i}"))).collect();
    let o = CheckOptions {
        host_concurrency: 1,
        ..opts()
    };
    let rs = run(&urls, &o).await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok));
    let heads = s.seen().iter().filter(|r| r.method == "HEAD").count();
    assert_eq!(
        heads, 2,
        "after two refusals the host is asked with GET only"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_bounds() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        timeout: Duration::from_secs(1),
        max_retries: 1,
        ..opts()
    };
    let r = one(s.url("/hang/x"), &o).await;
    assert_eq!(r.status, Verdict::Timeout, "{r:?}");
    assert_eq!(r.attempts, 2);
    assert!(r.elapsed_ms < 10_000, "{} ms", r.elapsed_ms);
    let ds = links::diagnostics(&[r], &o);
    assert_eq!(ds[0].rule, "timeout-link");
}

#[tokio::test]
async fn the_run_deadline_bounds_everything() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        timeout: Duration::from_secs(30),
        run_timeout: Duration::from_millis(500),
        ..opts()
    };
    let rs = run(&[s.url("/hang/x"), s.url("/ok/y")], &o).await;
    assert_eq!(rs[0].status, Verdict::Timeout);
    assert!(rs[0].detail.contains("time limit"), "{}", rs[0].detail);
    assert_eq!(rs[1].status, Verdict::Ok);
}

#[tokio::test]
async fn a_connection_reset_is_an_error_after_retries() {
    let s = TestServer::start().await;
    let r = one(s.url("/reset/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Error, "{r:?}");
    assert_eq!(r.attempts, 3);
    assert_eq!(s.count("/reset/x"), 3);
    assert_eq!(links::diagnostics(&[r], &opts())[0].rule, "dead-link");
}

#[tokio::test]
async fn a_refused_connection_is_an_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let r = one(format!("http://127.0.0.1:{port}/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Error, "{r:?}");
    assert!(r.detail.contains("refused"), "{}", r.detail);
}

#[tokio::test]
async fn a_200_mb_body_is_not_downloaded() {
    let s = TestServer::start().await;
    let r = one(s.url("/big-get/x"), &opts()).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
    assert_eq!(s.count_method("GET", "/big-get/x"), 1);
    // Give the server a moment to notice the closed socket, then look at what it managed
    // to push: socket buffers, not 200 MB.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = s.bytes_sent();
    assert!(sent < 16 * 1024 * 1024, "{sent} bytes were sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_host_concurrency_never_exceeds_the_limit() {
    let a = TestServer::start().await;
    let b = TestServer::start().await;
    let mut urls: Vec<String> = (0..30).map(|i| a.url(&format!("/slow/40/{i}"))).collect();
    urls.extend((0..10).map(|i| b.url(&format!("/slow/40/{i}"))));
    let o = CheckOptions {
        host_concurrency: 3,
        max_concurrency: 5,
        ..opts()
    };
    let rs = run(&urls, &o).await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok));
    assert_eq!(a.max_in_flight(), 3, "host a saw its limit, never more");
    assert!(
        b.max_in_flight() <= 3 && b.max_in_flight() >= 2,
        "{}",
        b.max_in_flight()
    );
}

/// `name`, resolved to the server by a resolve override: a distinct host for the checker.
fn named(name: &str, s: &TestServer, path: &str) -> String {
    format!("http://{name}:{}{path}", s.addr.port())
}

fn host(concurrency: Option<usize>, headers: &[(&str, &str)]) -> HostSettings {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    HostSettings::new(concurrency, &headers).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_settings_lower_and_raise_the_concurrency_of_one_host() {
    let one = TestServer::start().await;
    let default = TestServer::start().await;
    let eight = TestServer::start().await;
    let mut urls: Vec<String> = (0..6)
        .map(|i| named("one.test", &one, &format!("/slow/80/{i}")))
        .collect();
    urls.extend((0..12).map(|i| named("default.test", &default, &format!("/slow/150/{i}"))));
    urls.extend((0..16).map(|i| named("eight.test", &eight, &format!("/slow/150/{i}"))));
    let o = CheckOptions {
        resolve_overrides: vec![
            ("one.test".into(), one.addr),
            ("default.test".into(), default.addr),
            ("eight.test".into(), eight.addr),
        ],
        hosts: BTreeMap::from([
            ("one.test".to_string(), host(Some(1), &[])),
            ("eight.test".to_string(), host(Some(8), &[])),
        ]),
        ..opts()
    };
    assert_eq!(o.host_concurrency, 4, "the default this test is about");
    let rs = run(&urls, &o).await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok), "{rs:?}");
    assert_eq!(one.total(), 6);
    assert_eq!(one.max_in_flight(), 1, "concurrency = 1: one at a time");
    let d = default.max_in_flight();
    assert!(
        (2..=4).contains(&d),
        "the default allows more, up to 4: {d}"
    );
    let e = eight.max_in_flight();
    assert!(
        (5..=8).contains(&e),
        "concurrency = 8 goes past the default 4: {e}"
    );
}

#[tokio::test]
async fn host_headers_reach_that_host_only_hop_by_hop() {
    let a = TestServer::start().await;
    let b = TestServer::start().await;
    let o = CheckOptions {
        resolve_overrides: vec![("a.test".into(), a.addr), ("b.test".into(), b.addr)],
        hosts: BTreeMap::from([(
            "a.test".to_string(),
            host(
                None,
                &[
                    ("Accept", "text/html"),
                    ("X-Api-Key", "k3y"),
                    ("Authorization", "Basic dXNlcjpwdw=="),
                ],
            ),
        )]),
        ..opts()
    };
    let b_auth = format!("b.test:{}", b.addr.port());
    let a_auth = format!("a.test:{}", a.addr.port());
    let urls = vec![
        named("a.test", &a, "/ok/direct"),
        named("b.test", &b, "/ok/plain"),
        named("a.test", &a, &format!("/redirect-to/{b_auth}/from-a")),
        named("b.test", &b, &format!("/redirect-to/{a_auth}/from-b")),
        // The same server under another name is another host: no headers.
        format!("http://127.0.0.1:{}/ok/by-address", a.addr.port()),
    ];
    let rs = run(&urls, &o).await;
    assert!(
        rs.iter()
            .all(|r| matches!(r.status, Verdict::Ok | Verdict::Redirect)),
        "{rs:?}"
    );

    let (by_name, by_address): (Vec<_>, Vec<_>) = a
        .seen()
        .into_iter()
        .partition(|s| s.path != "/ok/by-address");
    // Direct, the first hop of a chain to b, and the last hop of b's chain to a.
    assert_eq!(by_name.len(), 3, "{by_name:?}");
    for s in &by_name {
        assert_eq!(s.header("x-api-key"), ["k3y"], "{s:?}");
        assert_eq!(
            s.header("accept"),
            ["text/html"],
            "replaces the default: {s:?}"
        );
        assert_eq!(s.header("authorization"), ["Basic dXNlcjpwdw=="], "{s:?}");
    }
    assert_eq!(by_address.len(), 1);
    for s in by_address.iter().chain(&b.seen()) {
        assert!(s.header("x-api-key").is_empty(), "leaked: {s:?}");
        assert!(s.header("authorization").is_empty(), "leaked: {s:?}");
        assert!(
            s.header("accept")[0].contains("application/xhtml+xml"),
            "the default Accept: {s:?}"
        );
    }
    assert_eq!(b.total(), 3, "direct, a's hop to b, and b's first hop");
}

#[tokio::test]
async fn a_host_authorization_header_replaces_the_token_on_that_host() {
    let gh = TestServer::start().await;
    let api = TestServer::start().await;
    let o = CheckOptions {
        github_token: Some("s3cret".into()),
        github_hosts: vec!["gh.test".into(), "api.gh.test".into()],
        token_over_http: true,
        resolve_overrides: vec![
            ("gh.test".into(), gh.addr),
            ("api.gh.test".into(), api.addr),
        ],
        hosts: BTreeMap::from([(
            "gh.test".to_string(),
            host(None, &[("Authorization", "token mine")]),
        )]),
        ..opts()
    };
    let rs = run(
        &[
            named("gh.test", &gh, "/ok/a"),
            named("api.gh.test", &api, "/ok/b"),
        ],
        &o,
    )
    .await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok), "{rs:?}");
    assert_eq!(gh.seen()[0].header("authorization"), ["token mine"]);
    assert_eq!(
        api.seen()[0].header("authorization"),
        ["Bearer s3cret"],
        "a subdomain keeps the token"
    );
}

#[tokio::test]
async fn each_url_is_requested_once() {
    let s = TestServer::start().await;
    let urls = vec![
        s.url("/ok/a"),
        s.url("/ok/b"),
        s.url("/ok/a"),
        s.url("/ok/a#intro"),
        s.url("/ok/a#usage"),
        s.url("/status/404/c"),
        s.url("/status/404/c"),
    ];
    let rs = run(&urls, &opts()).await;
    assert_eq!(rs.len(), urls.len());
    for (i, (r, u)) in rs.iter().zip(&urls).enumerate() {
        assert_eq!(&r.url, u, "input order");
        assert_eq!(r.span.start, i * 100, "own span");
    }
    assert_eq!(s.count("/ok/a"), 1);
    assert_eq!(s.count("/ok/b"), 1);
    assert_eq!(
        s.count("/status/404/c"),
        2,
        "one HEAD and one GET for both occurrences"
    );
    assert!(rs[5].status == Verdict::Dead && rs[6].status == Verdict::Dead);
    let sum = links::summarize(&rs);
    assert_eq!((sum.total, sum.unique, sum.ok, sum.dead), (7, 3, 5, 2));
}

#[tokio::test]
async fn token_goes_to_the_github_host_only_and_not_after_a_cross_host_redirect() {
    let gh = TestServer::start().await;
    let other = TestServer::start().await;
    let o = CheckOptions {
        github_token: Some("s3cret".into()),
        github_hosts: vec![gh.authority()],
        token_over_http: true,
        ..opts()
    };
    let urls = vec![
        gh.url("/ok/repo"),
        other.url("/ok/elsewhere"),
        gh.url(&format!("/redirect-to/{}/moved", other.authority())),
        other.url(&format!("/redirect-to/{}/back", gh.authority())),
    ];
    let rs = run(&urls, &o).await;
    assert!(
        rs.iter()
            .all(|r| matches!(r.status, Verdict::Ok | Verdict::Redirect)),
        "{rs:?}"
    );

    let gh_seen = gh.seen();
    let direct: Vec<_> = gh_seen
        .iter()
        .filter(|s| !s.path.starts_with("/ok/back"))
        .collect();
    assert!(!direct.is_empty());
    for s in direct {
        assert_eq!(s.authorization.as_deref(), Some("Bearer s3cret"), "{s:?}");
    }
    for s in gh_seen.iter().filter(|s| s.path.starts_with("/ok/back")) {
        assert_eq!(
            s.authorization, None,
            "not after a hop from another host: {s:?}"
        );
    }
    assert!(other.total() >= 3);
    for s in other.seen() {
        assert_eq!(s.authorization, None, "token leaked to another host: {s:?}");
    }
}

#[tokio::test]
async fn private_addresses_are_refused_by_default() {
    let s = TestServer::start().await;
    let port = s.addr.port();
    let o = CheckOptions {
        allow_private: false,
        resolve_overrides: vec![(
            "metadata.test".into(),
            "169.254.169.254:80".parse::<SocketAddr>().unwrap(),
        )],
        ..opts()
    };
    let rs = run(
        &[
            format!("http://localhost:{port}/ok/a"),
            format!("http://127.0.0.1:{port}/ok/b"),
            "http://metadata.test/latest/meta-data/".into(),
            "http://[::1]/x".into(),
        ],
        &o,
    )
    .await;
    for r in &rs {
        assert_eq!(r.status, Verdict::Skipped, "{r:?}");
        assert!(r.detail.contains("private address"), "{}", r.detail);
    }
    assert!(rs[2].detail.contains("169.254.169.254"), "{}", rs[2].detail);
    assert_eq!(s.total(), 0, "nothing reached the server");
    assert!(links::diagnostics(&rs, &o).is_empty());
}

#[tokio::test]
async fn a_redirect_to_a_private_address_is_refused() {
    // The first server is trusted (a stand-in for a public host); the one on 127.0.0.2 is not.
    let public = TestServer::start().await;
    let internal = TestServer::start_on("127.0.0.2".parse().unwrap()).await;
    let o = CheckOptions {
        allow_private: false,
        trusted_addrs: vec!["127.0.0.1".parse().unwrap()],
        resolve_overrides: vec![("internal.test".into(), internal.addr)],
        ..opts()
    };
    let rs = run(
        &[
            public.url(&format!("/redirect-to/{}/literal", internal.authority())),
            public.url(&format!(
                "/redirect-to/internal.test:{}/named",
                internal.addr.port()
            )),
            public.url("/ok/fine"),
        ],
        &o,
    )
    .await;
    assert_eq!(rs[0].status, Verdict::Skipped, "{:?}", rs[0]);
    assert_eq!(rs[1].status, Verdict::Skipped, "{:?}", rs[1]);
    assert!(rs[1].detail.contains("internal.test"), "{}", rs[1].detail);
    assert_eq!(rs[2].status, Verdict::Ok);
    assert_eq!(internal.total(), 0, "no request reached the private host");
}

#[tokio::test]
async fn the_cache_skips_the_request_on_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start().await;
    let o = CheckOptions {
        cache_path: Some(dir.path().join(".awesome-lint-cache.json")),
        ..opts()
    };
    let urls = vec![
        s.url("/ok/a"),
        s.url("/redirect/1/b"),
        s.url("/status/404/c"),
    ];
    let first = run(&urls, &o).await;
    let after_first = s.total();
    let second = run(&urls, &o).await;
    assert_eq!(second[0].status, Verdict::Ok);
    assert!(
        second[0].detail.starts_with("cached"),
        "{}",
        second[0].detail
    );
    assert_eq!(second[0].attempts, 0);
    assert_eq!(second[1].status, Verdict::Redirect);
    assert_eq!(second[1].redirect_to, first[1].redirect_to);
    assert_eq!(
        second[2].status,
        Verdict::Dead,
        "failures are checked again"
    );
    assert_eq!(
        s.total() - after_first,
        2,
        "only the dead link was requested again"
    );
    assert_eq!(s.count("/ok/a"), 1);
}

#[tokio::test]
async fn other_schemes_and_excludes_make_no_request() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        excludes: vec![regex::Regex::new("/ok/excluded").unwrap()],
        ..opts()
    };
    let rs = run(
        &[
            "mailto:someone@example.com".into(),
            "ftp://example.com/file".into(),
            s.url("/ok/excluded"),
        ],
        &o,
    )
    .await;
    assert_eq!(rs[0].status, Verdict::Skipped);
    assert_eq!(rs[1].status, Verdict::Skipped);
    assert_eq!(rs[2].status, Verdict::Excluded);
    assert_eq!(s.total(), 0);
}

#[tokio::test]
async fn accepted_statuses_count_as_ok() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        accept: links::Accept::parse("200..=299,403").unwrap(),
        ..opts()
    };
    let r = one(s.url("/status/403/x"), &o).await;
    assert_eq!(r.status, Verdict::Ok, "{r:?}");
}

// ---- Name resolution and an unavailable network (a fake resolver; loopback servers only) ----

/// What the fake resolver answers for one name.
#[derive(Debug, Clone, Copy)]
enum Dns {
    At(SocketAddr),
    NoSuchName,
    Temporary,
    /// A temporary failure, then the address.
    TemporaryOnce(SocketAddr),
}

/// A resolver the test scripts, counting lookups per name. Unknown names do not exist.
struct FakeDns {
    answers: HashMap<String, Dns>,
    calls: Mutex<HashMap<String, usize>>,
}

impl FakeDns {
    fn new(answers: &[(&str, Dns)]) -> Arc<FakeDns> {
        Arc::new(FakeDns {
            answers: answers.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            calls: Mutex::new(HashMap::new()),
        })
    }

    fn lookups(&self, name: &str) -> usize {
        self.calls.lock().unwrap().get(name).copied().unwrap_or(0)
    }
}

impl Lookup for FakeDns {
    fn lookup(&self, host: &str) -> LookupFuture {
        let n = {
            let mut calls = self.calls.lock().unwrap();
            let n = calls.entry(host.to_string()).or_default();
            *n += 1;
            *n
        };
        let fail = |kind| Err(LookupError::new(kind, format!("fake: {kind:?}")));
        let answer = match self.answers.get(host).copied().unwrap_or(Dns::NoSuchName) {
            Dns::At(a) => Ok(vec![a]),
            Dns::TemporaryOnce(a) if n > 1 => Ok(vec![a]),
            Dns::NoSuchName => fail(LookupErrorKind::NoSuchName),
            Dns::Temporary | Dns::TemporaryOnce(_) => fail(LookupErrorKind::Temporary),
        };
        Box::pin(async move {
            tokio::task::yield_now().await;
            answer
        })
    }
}

fn with_dns(dns: &Arc<FakeDns>) -> CheckOptions {
    CheckOptions {
        resolver: Some(dns.clone() as Arc<dyn Lookup>),
        ..opts()
    }
}

async fn run_all(urls: &[String], options: &CheckOptions) -> links::CheckRun {
    tokio::time::timeout(
        Duration::from_secs(60),
        links::check_run(&occ(urls), options),
    )
    .await
    .expect("the check finished in time")
}

#[tokio::test]
async fn when_no_name_resolves_the_network_is_unavailable_and_nothing_is_dead() {
    let dns = FakeDns::new(&[
        ("a.test", Dns::NoSuchName),
        ("b.test", Dns::Temporary),
        ("c.test", Dns::Temporary),
    ]);
    let urls: Vec<String> = ["a", "b", "c"]
        .iter()
        .flat_map(|h| (0..5).map(move |i| format!("https://{h}.test/{i}")))
        .collect();
    // A backoff far longer than the test: the conclusion must not wait for retries.
    let o = CheckOptions {
        backoff_base: Duration::from_secs(30),
        ..with_dns(&dns)
    };
    let started = std::time::Instant::now();
    let run = run_all(&urls, &o).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let problem = run.network.expect("the network is the problem");
    assert_eq!(problem.kind, NetworkProblemKind::Unavailable);
    assert_eq!((problem.unchecked, problem.total), (15, 15));
    assert!(
        problem.message().contains("--offline"),
        "{}",
        problem.message()
    );
    for r in &run.results {
        assert_eq!(r.status, Verdict::Error, "{r:?}");
        assert_eq!(r.detail, links::UNCHECKED_DETAIL);
        assert!(r.is_unchecked());
    }
    assert!(
        links::diagnostics(&run.results, &o).is_empty(),
        "no dead-link"
    );
    assert_eq!(links::summarize(&run.results).unchecked, 15);
    for h in ["a.test", "b.test", "c.test"] {
        assert_eq!(dns.lookups(h), 1, "{h}: one lookup for five links");
    }
}

#[tokio::test]
async fn a_name_that_does_not_exist_is_dead_when_other_names_resolve() {
    let s = TestServer::start().await;
    let dns = FakeDns::new(&[("up.test", Dns::At(s.addr)), ("gone.test", Dns::NoSuchName)]);
    let urls = vec![
        named("up.test", &s, "/ok/1"),
        "https://gone.test/a".to_string(),
        "https://gone.test/b".to_string(),
    ];
    let run = run_all(&urls, &with_dns(&dns)).await;
    assert_eq!(run.network, None);
    assert_eq!(run.results[0].status, Verdict::Ok, "{:?}", run.results[0]);
    for r in &run.results[1..] {
        assert_eq!(r.status, Verdict::Dead, "{r:?}");
        assert!(r.detail.contains("host does not exist"), "{}", r.detail);
        assert_eq!(r.attempts, 1, "no such name is not retried");
    }
    assert_eq!(dns.lookups("gone.test"), 1);
    let found = links::diagnostics(&run.results, &opts());
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|d| d.rule == links::DEAD_LINK));
}

#[tokio::test]
async fn one_unknown_name_alone_is_not_called_dead() {
    // Nothing else resolved, so the name's absence may be the network's doing; too few hosts
    // to conclude that the network is down, so it is an error, never `dead`.
    let dns = FakeDns::new(&[]);
    let run = run_all(&["https://gone.test/a".to_string()], &with_dns(&dns)).await;
    assert_eq!(run.network, None);
    let r = &run.results[0];
    assert_eq!(r.status, Verdict::Error, "{r:?}");
    assert!(r.detail.contains("network may be at fault"), "{}", r.detail);
}

#[tokio::test]
async fn temporary_dns_failures_are_retried_then_an_error_never_dead() {
    let s = TestServer::start().await;
    let dns = FakeDns::new(&[
        ("up.test", Dns::At(s.addr)),
        ("flaky.test", Dns::Temporary),
        ("hiccup.test", Dns::TemporaryOnce(s.addr)),
    ]);
    let mut urls = vec![named("up.test", &s, "/ok/1")];
    urls.extend((0..20).map(|i| format!("https://flaky.test/{i}")));
    urls.push(named("hiccup.test", &s, "/ok/2"));
    let run = run_all(&urls, &with_dns(&dns)).await;
    assert_eq!(run.network, None);
    assert_eq!(run.results[0].status, Verdict::Ok);
    for r in &run.results[1..21] {
        assert_eq!(r.status, Verdict::Error, "{r:?}");
        assert_eq!(r.attempts, 3, "HEAD, then --max-retries 2");
        assert!(
            r.detail.contains("DNS lookup of flaky.test"),
            "{}",
            r.detail
        );
    }
    assert_eq!(
        dns.lookups("flaky.test"),
        3,
        "one lookup per retry round for all 20 links"
    );
    let hiccup = &run.results[21];
    assert_eq!(hiccup.status, Verdict::Ok, "{hiccup:?}");
    assert_eq!(hiccup.attempts, 2);
    assert_eq!(dns.lookups("hiccup.test"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_links_to_one_host_cost_one_lookup() {
    let s = TestServer::start().await;
    let dns = FakeDns::new(&[("up.test", Dns::At(s.addr)), ("gone.test", Dns::NoSuchName)]);
    let mut urls: Vec<String> = (0..500).map(|i| format!("https://gone.test/{i}")).collect();
    urls.extend((0..100).map(|i| named("up.test", &s, &format!("/ok/{i}"))));
    let run = run_all(&urls, &with_dns(&dns)).await;
    assert_eq!(run.network, None);
    assert!(run.results[..500].iter().all(|r| r.status == Verdict::Dead));
    assert!(run.results[500..].iter().all(|r| r.status == Verdict::Ok));
    assert_eq!(dns.lookups("gone.test"), 1);
    assert_eq!(dns.lookups("up.test"), 1);
}

#[tokio::test]
async fn when_no_host_can_be_connected_to_the_network_is_unavailable() {
    // Names resolve, but every connection is refused (a closed loopback port).
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dns = FakeDns::new(&[("a.test", Dns::At(closed)), ("b.test", Dns::At(closed))]);
    let urls = vec![
        format!("http://a.test:{}/x", closed.port()),
        format!("http://b.test:{}/y", closed.port()),
    ];
    let run = run_all(&urls, &with_dns(&dns)).await;
    assert_eq!(
        run.network.map(|p| p.kind),
        Some(NetworkProblemKind::Unavailable)
    );
    assert!(
        run.results.iter().all(|r| r.is_unchecked()),
        "{:?}",
        run.results
    );
}

/// Answers `n` requests with 200 (`Connection: close`, so each request is a new connection),
/// then stops listening: later connections are refused, as when the network drops.
async fn answering_then_gone(n: usize) -> SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for _ in 0..n {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut chunk = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let k = sock.read(&mut chunk).await.unwrap();
                if k == 0 {
                    break;
                }
                head.extend_from_slice(&chunk[..k]);
            }
            sock.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .await
                .unwrap();
        }
    });
    addr
}

#[tokio::test]
async fn a_connection_lost_midway_stops_the_run_and_leaves_the_rest_unchecked() {
    let addr = answering_then_gone(2).await;
    let dns = FakeDns::new(&[("h1.test", Dns::At(addr)), ("h2.test", Dns::At(addr))]);
    let urls: Vec<String> = (0..10)
        .flat_map(|i| ["h1", "h2"].map(|h| format!("http://{h}.test:{}/{i}", addr.port())))
        .collect();
    let o = CheckOptions {
        // One request at a time, so the two answers go to the first two links.
        max_concurrency: 1,
        host_concurrency: 1,
        backoff_base: Duration::from_millis(20),
        network_lost_after: Duration::from_millis(30),
        ..with_dns(&dns)
    };
    let run = run_all(&urls, &o).await;
    let problem = run.network.expect("the connection was lost");
    assert_eq!(problem.kind, NetworkProblemKind::Lost);
    assert_eq!((problem.unchecked, problem.total), (18, 20));
    assert!(
        problem.message().contains("18 of 20 links"),
        "{}",
        problem.message()
    );
    assert_eq!(run.results[0].status, Verdict::Ok, "{:?}", run.results[0]);
    assert_eq!(run.results[1].status, Verdict::Ok, "{:?}", run.results[1]);
    assert!(
        run.results[2..].iter().all(|r| r.is_unchecked()),
        "{:?}",
        run.results
    );
    assert!(links::diagnostics(&run.results, &o).is_empty());
}
