//! Links to GitHub repositories through a loopback stand-in for GitHub's GraphQL API: the
//! aliased query shape, `NOT_FOUND` errors with `path`, rate limits, and the fallback to the
//! HTTP check. github.com itself is a loopback server too (a name override), never the
//! internet.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use awesome_lint::links::{self, CheckOptions, LinkOccurrence, LinkResult, Verdict};
use serde_json::{Value, json};
use support::TestServer;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One repository the stand-in knows, by `owner/name` as asked (lowercased).
#[derive(Clone)]
struct Repo {
    name_with_owner: String,
    archived: bool,
    pushed_at: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    /// 401 to every request.
    Unauthorized,
    /// 403 with `Retry-After: 60`: GitHub's secondary rate limit.
    Secondary,
    /// 200, answered, with `rateLimit.remaining` 0.
    LastPoints,
    /// 200 with `data: null` and a `RATE_LIMITED` error.
    RateLimited,
}

#[derive(Default)]
struct ApiState {
    repos: HashMap<String, Repo>,
    /// Every request: its `Authorization` header and how many repositories it asked about.
    requests: Mutex<Vec<(Option<String>, usize)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

struct Api {
    port: u16,
    state: Arc<ApiState>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Api {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Api {
    async fn start(repos: HashMap<String, Repo>, mode: Mode) -> Api {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(ApiState {
            repos,
            ..ApiState::default()
        });
        let st = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let st = st.clone();
                tokio::spawn(async move {
                    let _ = serve_api(sock, st, mode).await;
                });
            }
        });
        Api { port, state, task }
    }

    fn root(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<(Option<String>, usize)> {
        self.state.requests.lock().unwrap().clone()
    }
}

async fn serve_api(sock: TcpStream, st: Arc<ApiState>, mode: Mode) -> std::io::Result<()> {
    let mut reader = BufReader::new(sock);
    loop {
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            if line == "\r\n" {
                break;
            }
            head.push(line.trim_end().to_string());
        }
        let header = |name: &str| {
            head.iter().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).await?;
        let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        st.max_in_flight.fetch_max(now, Ordering::SeqCst);
        // Long enough for batches to overlap when the client sends them concurrently.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let asked = aliases(&body);
        st.requests
            .lock()
            .unwrap()
            .push((header("authorization"), asked.len()));
        let (status, extra, answer) =
            answer(&st, mode, &asked, head[0].starts_with("POST /graphql "));
        st.in_flight.fetch_sub(1, Ordering::SeqCst);
        let text = answer.to_string();
        let out = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n{text}",
            text.len()
        );
        reader.get_mut().write_all(out.as_bytes()).await?;
    }
}

/// `(alias, owner, name)` of every `rN: repository(owner: "…", name: "…")` in the query.
fn aliases(body: &[u8]) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_slice(body).unwrap_or_default();
    let query = v["query"].as_str().unwrap_or_default();
    let re =
        regex::Regex::new(r#"(r\d+): repository\(owner: "([^"]*)", name: "([^"]*)"\)"#).unwrap();
    re.captures_iter(query)
        .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        .collect()
}

fn answer(
    st: &ApiState,
    mode: Mode,
    asked: &[(String, String, String)],
    graphql: bool,
) -> (u16, String, Value) {
    if !graphql {
        return (404, String::new(), json!({"message": "Not Found"}));
    }
    match mode {
        Mode::Unauthorized => {
            return (401, String::new(), json!({"message": "Bad credentials"}));
        }
        Mode::Secondary => {
            return (
                403,
                "Retry-After: 60\r\n".into(),
                json!({"message": "You have exceeded a secondary rate limit"}),
            );
        }
        Mode::RateLimited => {
            return (
                200,
                String::new(),
                json!({"data": null, "errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}),
            );
        }
        Mode::Normal | Mode::LastPoints => {}
    }
    let mut data = serde_json::Map::new();
    let mut errors = Vec::new();
    for (alias, owner, name) in asked {
        match st
            .repos
            .get(&format!("{owner}/{name}").to_ascii_lowercase())
        {
            Some(r) => {
                data.insert(
                    alias.clone(),
                    json!({
                        "nameWithOwner": r.name_with_owner,
                        "url": format!("https://github.com/{}", r.name_with_owner),
                        "isArchived": r.archived,
                        "pushedAt": r.pushed_at,
                    }),
                );
            }
            None => {
                data.insert(alias.clone(), Value::Null);
                errors.push(json!({
                    "type": "NOT_FOUND",
                    "path": [alias],
                    "message": format!("Could not resolve to a Repository with the name '{owner}/{name}'."),
                }));
            }
        }
    }
    let remaining = if mode == Mode::LastPoints { 0 } else { 4990 };
    data.insert(
        "rateLimit".into(),
        json!({"remaining": remaining, "resetAt": "2030-01-01T00:00:00Z"}),
    );
    let mut out = json!({ "data": data });
    if !errors.is_empty() {
        out["errors"] = Value::Array(errors);
    }
    (200, String::new(), out)
}

/// A listener that only counts connections: github.com must not be asked at all.
struct Counter {
    port: u16,
    connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Counter {
    async fn start() -> Counter {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let c = connections.clone();
        let task = tokio::spawn(async move {
            while let Ok((_sock, _)) = listener.accept().await {
                c.fetch_add(1, Ordering::SeqCst);
            }
        });
        Counter {
            port,
            connections,
            task,
        }
    }
}

fn repo(nwo: &str, archived: bool, pushed: &str) -> Repo {
    Repo {
        name_with_owner: nwo.into(),
        archived,
        pushed_at: Some(pushed.into()),
    }
}

/// A push this long ago, as the API writes it.
fn days_ago(days: u64) -> String {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    format!(
        "{}T12:00:00Z",
        links::github::civil_date(today as i64 - days as i64)
    )
}

/// Loopback allowed, github.com (any port) answered by `github_port`, the API at `api`.
fn opts(api: &str, github_port: u16) -> CheckOptions {
    CheckOptions {
        allow_private: true,
        timeout: Duration::from_secs(5),
        backoff_base: Duration::from_millis(10),
        max_retries: 0,
        progress: false,
        github_token: Some("s3cret".into()),
        github_api: api.into(),
        // The page-check token (github.com over https) is another feature: off here, so
        // that only the API may see the token.
        github_hosts: Vec::new(),
        resolve_overrides: vec![(
            "github.com".into(),
            format!("127.0.0.1:{github_port}").parse().unwrap(),
        )],
        ..CheckOptions::default()
    }
}

fn occ(urls: &[String]) -> Vec<LinkOccurrence> {
    urls.iter()
        .enumerate()
        .map(|(i, u)| LinkOccurrence {
            url: u.clone(),
            span: i * 200..i * 200 + u.len(),
        })
        .collect()
}

async fn check(urls: &[String], options: &CheckOptions) -> Vec<LinkResult> {
    tokio::time::timeout(Duration::from_secs(60), links::check(&occ(urls), options))
        .await
        .expect("the check finished in time")
}

fn known() -> HashMap<String, Repo> {
    HashMap::from([
        ("ok/fine".into(), repo("ok/fine", false, &days_ago(3))),
        (
            "ok/old".into(),
            repo("ok/old", true, "2019-02-04T10:00:00Z"),
        ),
        (
            "ok/moved".into(),
            repo("New-Owner/new-name", false, &days_ago(3)),
        ),
        ("ok/stale".into(), repo("ok/stale", false, &days_ago(1000))),
        ("status/404".into(), repo("status/404", false, &days_ago(3))),
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_verdict_and_no_request_to_github_for_repository_roots() {
    let api = Api::start(known(), Mode::Normal).await;
    let gh = TestServer::start().await;
    let o = CheckOptions {
        stale_after: Some(Duration::from_secs(2 * 365 * 86_400)),
        ..opts(&api.root(), gh.addr.port())
    };
    let urls: Vec<String> = [
        "https://github.com/ok/fine",
        "https://github.com/OK/Fine/#readme",
        "https://github.com/ok/old.git",
        "https://www.github.com/ok/moved?tab=readme-ov-file#install",
        "https://github.com/ok/stale",
        "https://github.com/gone/away",
        // Deeper links keep their HTTP check: `/ok/…` and `/status/404/…` on the stand-in.
        "http://github.com/ok/fine/blob/main/README.md",
        "http://github.com/ok/moved/blob/main/x.md",
        "http://github.com/status/404/blob/main/gone.md",
    ]
    .map(String::from)
    .to_vec();
    let rs = check(&urls, &o).await;
    let got: Vec<_> = rs
        .iter()
        .map(|r| (r.status, r.redirect_to.as_deref(), r.github.is_some()))
        .collect();
    assert_eq!(
        got,
        [
            (Verdict::Ok, None, true),
            (Verdict::Ok, None, true),
            (Verdict::Ok, None, true),
            (
                Verdict::Redirect,
                Some("https://github.com/New-Owner/new-name?tab=readme-ov-file#install"),
                true
            ),
            (Verdict::Ok, None, true),
            (Verdict::Dead, None, false),
            (Verdict::Ok, None, true),
            (
                Verdict::Redirect,
                Some("https://github.com/New-Owner/new-name/blob/main/x.md"),
                true
            ),
            (Verdict::Dead, None, true),
        ],
        "{rs:#?}"
    );
    assert!(
        rs[5].detail.contains("repository not found"),
        "{}",
        rs[5].detail
    );
    assert_eq!(api.requests().len(), 1, "one batch for six repositories");
    assert_eq!(api.requests()[0].1, 6);
    // Only the three deeper links reached github.com, by HTTP.
    let paths: Vec<String> = gh.seen().iter().map(|s| s.path.clone()).collect();
    assert!(
        paths
            .iter()
            .all(|p| p.contains("/blob/") || p.contains("/status/")),
        "{paths:?}"
    );

    let rules: Vec<(&str, usize)> = links::diagnostics(&rs, &o)
        .iter()
        .map(|d| (d.rule, d.span.start / 200))
        .collect();
    assert_eq!(
        rules,
        [
            (links::ARCHIVED_REPO, 2),
            (links::REDIRECT, 3),
            (links::STALE_REPO, 4),
            (links::DEAD_LINK, 5),
            (links::REDIRECT, 7),
            (links::DEAD_LINK, 8),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_of_a_hundred_two_at_a_time() {
    let repos: HashMap<String, Repo> = (0..450)
        .map(|i| {
            (
                format!("o{i}/r{i}"),
                repo(&format!("o{i}/r{i}"), false, &days_ago(1)),
            )
        })
        .collect();
    let api = Api::start(repos, Mode::Normal).await;
    let gh = Counter::start().await;
    let mut urls: Vec<String> = (0..450)
        .map(|i| format!("https://github.com/o{i}/r{i}"))
        .collect();
    // Repeats and other spellings of the same repositories cost nothing more.
    urls.extend((0..50).map(|i| format!("https://github.com/O{i}/R{i}/")));
    let rs = check(&urls, &opts(&api.root(), gh.port)).await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok), "{rs:?}");
    let sizes: Vec<usize> = api.requests().iter().map(|r| r.1).collect();
    assert_eq!(sizes.len(), 5, "ceil(450 / 100) requests: {sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), 450);
    assert!(sizes.iter().all(|&n| n <= 100), "{sizes:?}");
    assert_eq!(api.state.max_in_flight.load(Ordering::SeqCst), 2);
    assert_eq!(gh.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_reaches_the_api_host_only() {
    let api = Api::start(known(), Mode::Normal).await;
    let gh = TestServer::start().await;
    let other = TestServer::start().await;
    let urls = vec![
        "https://github.com/ok/fine".to_string(),
        "http://github.com/ok/fine/blob/main/README.md".to_string(),
        other.url("/ok/elsewhere"),
    ];
    let rs = check(&urls, &opts(&api.root(), gh.addr.port())).await;
    assert!(rs.iter().all(|r| r.status == Verdict::Ok), "{rs:?}");
    assert_eq!(
        api.requests()
            .iter()
            .map(|r| r.0.clone())
            .collect::<Vec<_>>(),
        [Some("bearer s3cret".to_string())]
    );
    for s in gh.seen().iter().chain(&other.seen()) {
        assert_eq!(s.authorization, None, "leaked to {s:?}");
    }
    assert_eq!((gh.total(), other.total()), (1, 1));
}

/// Without the API's answer the links are checked over HTTP, as before: the stand-in for
/// github.com answers `/ok/…` with 200 and `/status/404` with 404.
async fn falls_back(mode: Mode, token: bool, more: usize) -> (Vec<LinkResult>, usize, TestServer) {
    let mut repos = known();
    repos.extend((0..more).map(|i| {
        (
            format!("ok/r{i}"),
            repo(&format!("ok/r{i}"), false, "2026-01-01T00:00:00Z"),
        )
    }));
    let api = Api::start(repos, mode).await;
    let gh = TestServer::start().await;
    let o = CheckOptions {
        github_token: token.then(|| "s3cret".to_string()),
        ..opts(&api.root(), gh.addr.port())
    };
    let mut urls: Vec<String> = vec![
        "http://github.com/ok/old".into(),
        "http://github.com/status/404".into(),
    ];
    urls.extend((0..more).map(|i| format!("http://github.com/ok/r{i}")));
    let rs = check(&urls, &o).await;
    (rs, api.requests().len(), gh)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_refusals_and_rate_limits_fall_back_to_http() {
    for (mode, token, requests) in [
        (Mode::Normal, false, 0..=0),
        (Mode::Unauthorized, true, 1..=2),
        (Mode::Secondary, true, 1..=2),
        (Mode::RateLimited, true, 1..=2),
    ] {
        // Two batches: at most the two in flight together are sent once one says stop.
        let (rs, sent, gh) = falls_back(mode, token, 150).await;
        assert!(requests.contains(&sent), "{sent} requests");
        assert_eq!(gh.count("/ok/old"), 1, "checked over HTTP");
        assert_eq!(rs[0].status, Verdict::Ok, "{:?}", rs[0]);
        assert_eq!(rs[0].github, None);
        assert_eq!(rs[1].status, Verdict::Dead, "the HTTP check's own verdict");
        assert!(rs[1].detail.starts_with("404"), "{}", rs[1].detail);
        assert!(rs[2..].iter().all(|r| r.status == Verdict::Ok));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exhausted_rate_limit_keeps_the_answers_and_stops_asking() {
    // Three batches; the two in flight are answered (no HTTP, facts kept) yet say no points
    // are left, so the third is never sent and its links go to HTTP.
    let (rs, sent, gh) = falls_back(Mode::LastPoints, true, 250).await;
    assert_eq!(sent, 2);
    assert!(
        rs[0].github.as_ref().is_some_and(|f| f.archived),
        "{:?}",
        rs[0]
    );
    assert_eq!(gh.count("/ok/old"), 0, "answered by the API");
    let (answered, over_http): (Vec<_>, Vec<_>) = rs.iter().partition(|r| r.github.is_some());
    assert_eq!((answered.len(), over_http.len()), (200, 52));
    assert!(
        over_http
            .iter()
            .all(|r| r.status == Verdict::Ok && r.http_status == Some(200))
    );
    assert_eq!(gh.total(), 52);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_api_is_never_a_dead_link() {
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let root = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let gh = TestServer::start().await;
    let rs = check(
        &["http://github.com/ok/fine".to_string()],
        &opts(&root, gh.addr.port()),
    )
    .await;
    assert_eq!(rs[0].status, Verdict::Ok, "{:?}", rs[0]);
    assert_eq!(gh.count("/ok/fine"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_private_address_guard_applies_to_the_api() {
    let api = Api::start(known(), Mode::Normal).await;
    let gh = Counter::start().await;
    let o = CheckOptions {
        allow_private: false,
        ..opts(&api.root(), gh.port)
    };
    let rs = check(&["https://github.com/ok/fine".to_string()], &o).await;
    assert!(api.requests().is_empty(), "refused before any request");
    assert_ne!(
        rs[0].status,
        Verdict::Ok,
        "and github.com is private here too"
    );
}

/// The judged run: 300 repository links in one list, through `lint_file` as the binary runs
/// it; every archived, renamed and missing repository reported on its own line, nothing on
/// the healthy ones, at most 4 API requests and no request to github.com.
#[test]
fn three_hundred_repositories_in_a_list() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let kind = |i: usize| i % 10;
    let repos: HashMap<String, Repo> = (0..300)
        .filter(|&i| kind(i) != 2)
        .map(|i| {
            let asked = format!("o{i}/r{i}");
            let r = match kind(i) {
                0 => repo(&asked, true, "2019-02-04T10:00:00Z"),
                1 => repo(&format!("new{i}/moved{i}"), false, &days_ago(5)),
                _ => repo(&asked, false, &days_ago(5)),
            };
            (asked, r)
        })
        .collect();
    let (api, gh) = runtime.block_on(async {
        (
            Api::start(repos, Mode::Normal).await,
            Counter::start().await,
        )
    });
    let mut source = String::from("# Awesome Repositories\n\n## Tools\n\n");
    for i in 0..300 {
        source.push_str(&format!(
            "- [Tool {i}](https://github.com/o{i}/r{i}) - Does thing {i}.\n"
        ));
    }
    let first_entry_line = 5;
    let options = opts(&api.root(), gh.port);
    let settings = awesome_lint::rules::RuleSettings::default();
    let file = awesome_lint::run::lint_file(
        "README.md",
        source,
        &settings,
        Some((&runtime, &options)),
        None,
    );
    let mut found: Vec<(usize, &str)> = file
        .diagnostics
        .iter()
        .filter(|d| [links::ARCHIVED_REPO, links::REDIRECT, links::DEAD_LINK].contains(&d.rule))
        .map(|d| {
            let line = file.document.position(d.span.start).line;
            (line - first_entry_line, d.rule)
        })
        .collect();
    found.sort();
    let expected: Vec<(usize, &str)> = (0..300)
        .filter_map(|i| match kind(i) {
            0 => Some((i, links::ARCHIVED_REPO)),
            1 => Some((i, links::REDIRECT)),
            2 => Some((i, links::DEAD_LINK)),
            _ => None,
        })
        .collect();
    assert_eq!(found, expected);
    for d in &file.diagnostics {
        if d.rule == links::REDIRECT {
            let fix = d
                .fix
                .as_ref()
                .expect("a renamed repository's link has a fix");
            assert!(
                fix.edits[0]
                    .replacement
                    .starts_with("https://github.com/new")
            );
        }
    }
    assert!(
        file.diagnostics.iter().all(|d| d.rule != links::STALE_REPO),
        "off by default"
    );
    assert!(api.requests().len() <= 4, "{}", api.requests().len());
    assert_eq!(
        gh.connections.load(Ordering::SeqCst),
        0,
        "no request to github.com"
    );
    drop((api, gh));
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary on its own thread, so that the stand-in keeps serving meanwhile.
async fn awesome_lint(dir: &std::path::Path, token: Option<&str>, args: &[&str]) -> Run {
    let dir = dir.to_path_buf();
    let token = token.map(str::to_string);
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("awesome-lint");
        cmd.current_dir(dir).env_remove("GITHUB_TOKEN").args(&args);
        if let Some(t) = token {
            cmd.env("GITHUB_TOKEN", t);
        }
        let output = cmd.output().expect("the binary runs");
        Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_reports_and_fixes_through_the_api() {
    let api = Api::start(known(), Mode::Normal).await;
    let dir = tempfile::tempdir().unwrap();
    let readme = "# Awesome Repositories\n\n## Tools\n\n\
        - [Fine](https://github.com/ok/fine) - Healthy.\n\
        - [Old](https://github.com/ok/old) - Archived.\n\
        - [Moved](https://github.com/ok/moved#readme) - Renamed.\n\
        - [Gone](https://github.com/gone/away) - Missing.\n\
        - [Stale](https://github.com/ok/stale) - No push for years.\n";
    std::fs::write(dir.path().join("README.md"), readme).unwrap();
    let root = api.root();
    let flags = [
        "--allow-private",
        "--github-api",
        root.as_str(),
        "--stale-after",
        "2y",
    ];
    let mut args = flags.to_vec();
    args.extend(["--format", "json", "README.md"]);
    let run = awesome_lint(dir.path(), Some("s3cret"), &args).await;
    assert_eq!(run.code, 1, "a dead link is an error: {}", run.stderr);
    assert!(!run.stderr.contains("note: GitHub API"), "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &out["files"][0];
    let found: Vec<(u64, &str)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (6, "archived-repo"),
            (7, "redirect"),
            (8, "dead-link"),
            (9, "stale-repo")
        ]
    );
    let links = file["links"].as_array().unwrap();
    assert_eq!(
        links[1]["github"],
        json!({"name_with_owner": "ok/old", "archived": true, "pushed_at": "2019-02-04T10:00:00Z"})
    );
    assert_eq!(links[2]["github"]["name_with_owner"], "New-Owner/new-name");
    assert!(links[3].get("github").is_none(), "{}", links[3]);
    assert_eq!(api.requests().len(), 1);

    let mut fix = flags.to_vec();
    fix.extend(["--fix", "README.md"]);
    let run = awesome_lint(dir.path(), Some("s3cret"), &fix).await;
    let fixed = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert!(
        fixed.contains("- [Moved](https://github.com/New-Owner/new-name#readme) - Renamed."),
        "{fixed}\n{}",
        run.stderr
    );
    assert_eq!(
        fixed.replace("New-Owner/new-name", "ok/moved"),
        readme,
        "nothing else changed"
    );

    assert_eq!(api.requests().len(), 2, "the --fix run asked once more");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_api_root_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Awesome X\n").unwrap();
    let run = awesome_lint(
        dir.path(),
        None,
        &["--github-api", "api.github.com", "README.md"],
    )
    .await;
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--github-api"), "{}", run.stderr);
    let run = awesome_lint(dir.path(), None, &["--stale-after", "soon", "README.md"]).await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--stale-after"), "{}", run.stderr);
}
