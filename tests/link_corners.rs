//! Corners of the link checker: odd but legal answers, a check that panics, redirects to
//! excluded URLs, the run's time limit, absurd flag values. Servers run on 127.0.0.1, started
//! by each test.

mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use awesome_lint::links::{self, CheckOptions, Lookup, LookupFuture, Verdict};
use support::{TestServer, opts, run};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server answering fixed raw bytes per request path (the request line's target, as sent),
/// 404 otherwise; it records the targets it was asked for. Raw, because the answers tested
/// here (non-ASCII bytes in a header) are what an HTTP library would refuse to write.
struct RawServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

impl RawServer {
    async fn start(routes: Vec<(&'static str, Vec<u8>)>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(routes);
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let (routes, log) = (routes.clone(), log.clone());
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match sock.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&buf).into_owned();
                    let target = head.split(' ').nth(1).unwrap_or_default().to_string();
                    log.lock().unwrap().push(target.clone());
                    let answer = routes
                        .iter()
                        .find(|(path, _)| *path == target)
                        .map(|(_, a)| a.clone())
                        .unwrap_or_else(|| {
                            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec()
                        });
                    let _ = sock.write_all(&answer).await;
                    let _ = sock.shutdown().await;
                });
            }
        });
        RawServer { addr, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn answer(status_line: &str, headers: &[u8]) -> Vec<u8> {
    let mut a = format!("HTTP/1.1 {status_line}\r\n").into_bytes();
    a.extend_from_slice(headers);
    a.extend_from_slice(b"Connection: close\r\nContent-Length: 0\r\n\r\n");
    a
}

const OK: &str = "200 OK";

#[tokio::test]
async fn a_location_with_raw_utf8_bytes_is_followed_as_browsers_do() {
    let s = RawServer::start(vec![
        (
            "/moved",
            answer(
                "301 Moved Permanently",
                "Location: /café/naïve\r\n".as_bytes(),
            ),
        ),
        ("/caf%C3%A9/na%C3%AFve", answer(OK, b"")),
    ])
    .await;
    let r = run(&[s.url("/moved")], &opts()).await.remove(0);
    assert_eq!(r.status, Verdict::Redirect, "{r:?}");
    assert_eq!(
        r.redirect_to.as_deref(),
        Some(s.url("/caf%C3%A9/na%C3%AFve").as_str())
    );
    assert!(s.seen().contains(&"/caf%C3%A9/na%C3%AFve".to_string()));
}

#[tokio::test]
async fn a_300_or_305_with_a_location_says_what_happened() {
    let s = RawServer::start(vec![
        (
            "/choices",
            answer("300 Multiple Choices", b"Location: /a\r\n"),
        ),
        (
            "/proxy",
            answer("305 Use Proxy", b"Location: http://proxy.example/\r\n"),
        ),
        ("/bare", answer("300 Multiple Choices", b"")),
    ])
    .await;
    let rs = run(
        &[s.url("/choices"), s.url("/proxy"), s.url("/bare")],
        &opts(),
    )
    .await;
    assert_eq!(rs[0].status, Verdict::Error, "{:?}", rs[0]);
    assert!(
        rs[0]
            .detail
            .starts_with("300 Multiple Choices with Location /a: not followed"),
        "{}",
        rs[0].detail
    );
    assert!(
        rs[1]
            .detail
            .starts_with("305 Use Proxy with Location http://proxy.example/: not followed"),
        "{}",
        rs[1].detail
    );
    assert_eq!(
        rs[2].detail, "300 Multiple Choices without a Location header",
        "a 300 without one is still said so"
    );
    assert!(!s.seen().contains(&"/a".to_string()), "not followed");
}

#[tokio::test]
async fn the_redirect_suggestion_keeps_the_links_own_fragment() {
    let s = TestServer::start().await;
    let raw = RawServer::start(vec![
        (
            "/theirs",
            answer("301 Moved Permanently", b"Location: /new#theirs\r\n"),
        ),
        ("/new", answer(OK, b"")),
    ])
    .await;
    let rs = run(
        &[
            s.url("/redirect/1/x#usage"),
            s.url("/redirect/1/x"),
            raw.url("/theirs#mine"),
        ],
        &opts(),
    )
    .await;
    assert!(rs.iter().all(|r| r.status == Verdict::Redirect), "{rs:?}");
    assert_eq!(
        rs[0].redirect_to.as_deref(),
        Some(s.url("/ok/x#usage").as_str())
    );
    assert_eq!(rs[1].redirect_to.as_deref(), Some(s.url("/ok/x").as_str()));
    assert_eq!(
        rs[2].redirect_to.as_deref(),
        Some(raw.url("/new#theirs").as_str()),
        "the Location's own fragment wins, as in a browser"
    );
    let ds = links::diagnostics(&rs[..1], &opts());
    assert!(ds[0].help.contains("/ok/x#usage"), "{}", ds[0].help);
    assert_eq!(s.count("/redirect/1/x"), 1, "one request for both links");
}

/// Resolves every name to the test server, except `boom.test`, whose lookup panics.
struct PanickingDns(SocketAddr);

impl Lookup for PanickingDns {
    fn lookup(&self, host: &str) -> LookupFuture {
        let (host, addr) = (host.to_string(), self.0);
        Box::pin(async move {
            if host == "boom.test" {
                panic!("the resolver broke");
            }
            Ok(vec![addr])
        })
    }
}

#[tokio::test]
async fn a_check_that_panics_is_an_internal_error_naming_its_url() {
    let s = TestServer::start().await;
    let port = s.addr.port();
    let o = CheckOptions {
        resolver: Some(Arc::new(PanickingDns(s.addr))),
        ..opts()
    };
    let urls = vec![
        format!("http://fine.test:{port}/ok/a"),
        format!("http://boom.test:{port}/ok/b#x"),
        format!("http://other.test:{port}/status/404/c"),
    ];
    let rs = run(&urls, &o).await;
    assert_eq!(rs[0].status, Verdict::Ok, "{:?}", rs[0]);
    assert_eq!(rs[2].status, Verdict::Dead, "{:?}", rs[2]);
    assert_eq!(rs[1].status, Verdict::Error, "{:?}", rs[1]);
    assert_eq!(
        rs[1].detail,
        format!("internal error while checking http://boom.test:{port}/ok/b: the resolver broke")
    );
    assert!(!rs[1].detail.contains("time limit"));
}

#[tokio::test]
async fn an_excluded_url_reached_by_redirect_is_not_requested() {
    let a = TestServer::start().await;
    let b = TestServer::start().await;
    let o = CheckOptions {
        excludes: vec![
            regex::Regex::new(&format!("^http://127\\.0\\.0\\.1:{}/", b.addr.port())).unwrap(),
        ],
        ..opts()
    };
    let rs = run(
        &[
            a.url(&format!("/redirect-to/{}/x", b.authority())),
            a.url("/redirect/1/y"),
        ],
        &o,
    )
    .await;
    assert_eq!(rs[0].status, Verdict::Excluded, "{:?}", rs[0]);
    assert_eq!(
        rs[0].detail,
        format!(
            "301 Moved Permanently to {}, which matches an --exclude pattern: not requested",
            b.url("/ok/x")
        )
    );
    assert_eq!(
        rs[1].status,
        Verdict::Redirect,
        "other redirects are followed"
    );
    assert_eq!(b.total(), 0, "nothing reached the excluded host");
    assert!(links::diagnostics(&rs[..1], &o).is_empty());
    assert_eq!(links::summarize(&rs).excluded, 1);
}

#[tokio::test]
async fn summary_unique_counts_the_urls_requested() {
    let s = TestServer::start().await;
    let upper = s.url("/ok/a").replace("http://", "HTTP://");
    let urls = vec![
        s.url("/ok/a"),
        s.url("/ok/a#intro"),
        upper,
        s.url("/ok/b"),
        "mailto:someone@example.com".to_string(),
    ];
    let rs = run(&urls, &opts()).await;
    assert_eq!(s.total(), 2, "two distinct requests");
    let sum = links::summarize(&rs);
    assert_eq!((sum.total, sum.unique, sum.skipped), (5, 2, 1));
}

#[tokio::test]
async fn the_time_limit_is_shared_by_every_check_of_a_run() {
    let s = TestServer::start().await;
    let o = CheckOptions {
        timeout: Duration::from_secs(30),
        deadline: Some(Instant::now() + Duration::from_millis(700)),
        ..opts()
    };
    // The first file's check spends the run's budget on a server that never answers...
    let first = run(&[s.url("/hang/x")], &o).await;
    assert_eq!(first[0].status, Verdict::Timeout, "{:?}", first[0]);
    // ...so the second file's links are not requested at all.
    let second = run(&[s.url("/ok/y")], &o).await;
    assert_eq!(second[0].status, Verdict::Timeout, "{:?}", second[0]);
    assert!(
        second[0].detail.contains("time limit"),
        "{}",
        second[0].detail
    );
    assert_eq!(s.count("/ok/y"), 0);
}

#[test]
fn absurd_flag_values_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Awesome\n").unwrap();
    for (flag, value, range) in [
        ("--max-retries", "4294967295", "0..=20"),
        ("--max-concurrency", "10000000000", "1..=4096"),
        ("--host-concurrency", "0", "1..=256"),
        ("--timeout", "99999999999", "1..=3600"),
    ] {
        let out = cargo_bin_cmd!("awesome-lint")
            .current_dir(dir.path())
            .env_remove("GITHUB_TOKEN")
            .args([flag, value, "README.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(
            stderr.contains(flag) && stderr.contains(&format!("{value} is not in {range}")),
            "{flag} {value}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
