//! `--check-fragments` against a server on 127.0.0.1 started by each test: HTML anchors
//! (`id`, `<a name>`, GitHub's `user-content-` prefix), Markdown served raw, each page read
//! once, the 2 MiB limit, and pages that cannot be read left unchecked.

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use awesome_lint::links::{self, CheckOptions, LinkOccurrence};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const PAGE: &str = "<html><body><h1>Page</h1>\n<h2 id=\"intro\">Intro</h2>\n\
    <p><a name='legacy'>old</a></p>\n\
    <div class=\"markdown-body\"><h2><a id=\"user-content-install\" class=\"anchor\"></a>Install</h2></div>\n\
    </body></html>\n";

const MARKDOWN: &str = "# Guide\n\n## Getting Started\n\n## Café\n\n<a name=\"old-name\"></a>\n";

/// Filler that holds no anchor.
const FILLER: &[u8] = b"<p>lorem ipsum dolor sit amet</p>\n";

/// The server's counters.
#[derive(Default)]
struct Served {
    gets: Mutex<HashMap<String, usize>>,
    bytes: AtomicU64,
}

struct Server {
    addr: SocketAddr,
    served: Arc<Served>,
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let served = Arc::new(Served::default());
        let state = served.clone();
        tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                let state = state.clone();
                tokio::spawn(async move {
                    let _ = serve(sock, &state).await;
                });
            }
        });
        Server { addr, served }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn gets(&self, path: &str) -> usize {
        let gets = self.served.gets.lock().unwrap();
        gets.get(path).copied().unwrap_or(0)
    }
}

/// One request per connection, answered by path; the connection closes after it.
async fn serve(sock: tokio::net::TcpStream, state: &Served) -> std::io::Result<()> {
    let mut reader = BufReader::new(sock);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).await?;
    let mut has_key = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 || line == "\r\n" {
            break;
        }
        has_key |= line.to_ascii_lowercase().starts_with("x-key: open");
    }
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    if method == "GET" {
        *state.gets.lock().unwrap().entry(path.clone()).or_default() += 1;
    }
    let sock = reader.get_mut();
    let head = |status: &str, kind: &str, length: usize, extra: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\n{extra}Connection: close\r\n\r\n"
        )
    };
    let send = |bytes: &[u8]| {
        state.bytes.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        bytes.to_vec()
    };
    let (status, kind, body, extra): (&str, &str, Vec<u8>, String) = match path.as_str() {
        "/page" => (
            "200 OK",
            "text/html; charset=utf-8",
            PAGE.into(),
            String::new(),
        ),
        "/keyed" if has_key => ("200 OK", "text/html", PAGE.into(), String::new()),
        "/keyed" => ("403 Forbidden", "text/html", Vec::new(), String::new()),
        "/raw/guide.md" => (
            "200 OK",
            "text/plain; charset=utf-8",
            MARKDOWN.into(),
            String::new(),
        ),
        "/moved" => (
            "301 Moved",
            "text/html",
            Vec::new(),
            "Location: /page\r\n".into(),
        ),
        "/gone" => (
            "404 Not Found",
            "text/html",
            b"gone".to_vec(),
            String::new(),
        ),
        "/file.pdf" => (
            "200 OK",
            "application/pdf",
            b"%PDF-1.4".to_vec(),
            String::new(),
        ),
        "/early" | "/late" => {
            // 32 MiB: the anchor first, or only after the 2 MiB the checker reads.
            let first: &[u8] = if path == "/early" {
                b"<h2 id=\"first\">First</h2>\n"
            } else {
                b""
            };
            let body = [
                first,
                &FILLER.repeat((3 << 20) / FILLER.len()),
                b"<h2 id=\"deep\">Deep</h2>\n",
                &FILLER.repeat((29 << 20) / FILLER.len()),
            ]
            .concat();
            ("200 OK", "text/html", body, String::new())
        }
        _ => ("404 Not Found", "text/html", Vec::new(), String::new()),
    };
    let head = head(status, kind, body.len(), &extra);
    sock.write_all(&send(head.as_bytes())).await?;
    if method != "HEAD" {
        for chunk in body.chunks(64 * 1024) {
            // Fails once the client has read enough and gone: the point of the /early test.
            sock.write_all(&send(chunk)).await?;
        }
    }
    sock.flush().await
}

fn options() -> CheckOptions {
    CheckOptions {
        allow_private: true,
        check_fragments: true,
        progress: false,
        ..CheckOptions::default()
    }
}

fn occurrences(urls: &[String]) -> Vec<LinkOccurrence> {
    urls.iter()
        .enumerate()
        .map(|(i, url)| LinkOccurrence {
            url: url.clone(),
            span: i * 100..i * 100 + url.len(),
        })
        .collect()
}

/// `fragment → found` for every fragment looked up.
async fn lookups(urls: &[String], options: &CheckOptions) -> Vec<(String, Option<bool>)> {
    let run = links::check_run(&occurrences(urls), options).await;
    run.fragments
        .into_iter()
        .map(|f| (f.fragment, f.found))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_anchors_are_found_and_a_missing_one_is_reported() {
    let server = Server::start().await;
    let urls: Vec<String> = ["intro", "legacy", "install", "Intro", "nowhere"]
        .iter()
        .map(|f| server.url(&format!("/page#{f}")))
        .collect();
    let got = lookups(&urls, &options()).await;
    assert_eq!(
        got,
        [
            ("intro".to_string(), Some(true)),
            ("legacy".to_string(), Some(true)),
            ("install".to_string(), Some(true)),
            ("Intro".to_string(), Some(true)),
            ("nowhere".to_string(), Some(false)),
        ]
    );
    assert_eq!(server.gets("/page"), 1, "one download for five fragments");

    let run = links::check_run(&occurrences(&urls), &options()).await;
    let findings = links::fragment_diagnostics(&run.fragments);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "broken-fragment");
    assert_eq!(findings[0].span, 400..400 + urls[4].len());
    assert!(
        findings[0].message.contains(&server.url("/page")),
        "names the page: {}",
        findings[0].message
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_markdown_is_slugged_like_our_headings() {
    let server = Server::start().await;
    let urls: Vec<String> = [
        "getting-started",
        "caf%C3%A9",
        "old-name",
        "getting_started",
    ]
    .iter()
    .map(|f| server.url(&format!("/raw/guide.md#{f}")))
    .collect();
    assert_eq!(
        lookups(&urls, &options()).await,
        [
            ("getting-started".to_string(), Some(true)),
            ("café".to_string(), Some(true)),
            ("old-name".to_string(), Some(true)),
            ("getting_started".to_string(), Some(false)),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_followed_and_unreadable_pages_stay_unchecked() {
    let server = Server::start().await;
    let urls = vec![
        server.url("/moved#intro"),
        server.url("/moved#missing"),
        server.url("/gone#intro"),
        server.url("/file.pdf#page=2"),
        server.url("/page"),
    ];
    let run = links::check_run(&occurrences(&urls), &options()).await;
    let got: Vec<(String, Option<bool>)> = run
        .fragments
        .iter()
        .map(|f| (f.url.clone(), f.found))
        .collect();
    // A dead page is `dead-link`'s business; a PDF has no anchors to read.
    assert_eq!(
        got,
        [
            (urls[0].clone(), Some(true)),
            (urls[1].clone(), Some(false)),
            (urls[3].clone(), None),
        ]
    );
    assert_eq!(run.fragments[1].page, server.url("/page"));
    assert!(run.fragments[2].detail.starts_with("not checked"));
    assert_eq!(links::fragment_diagnostics(&run.fragments).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_stops_once_found_and_at_two_mebibytes() {
    let server = Server::start().await;
    let urls = vec![server.url("/early#first"), server.url("/late#deep")];
    let run = links::check_run(&occurrences(&urls), &options()).await;
    let got: Vec<Option<bool>> = run.fragments.iter().map(|f| f.found).collect();
    // Past the limit the anchor may exist: unknown, so no finding.
    assert_eq!(got, [Some(true), None]);
    assert!(run.fragments[1].detail.contains("first 2 MiB"));
    let sent = server.served.bytes.load(Ordering::SeqCst);
    assert!(
        sent < 20 << 20,
        "the two 32 MiB pages were not read to the end: {sent} bytes sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hosts_configured_headers_reach_the_page_read() {
    let server = Server::start().await;
    let urls = vec![server.url("/keyed#intro"), server.url("/keyed#nowhere")];
    let key = links::HostSettings::new(None, &[("X-Key".into(), "open".into())]).unwrap();
    let options = CheckOptions {
        hosts: [("127.0.0.1".to_string(), key)].into_iter().collect(),
        ..options()
    };
    assert_eq!(
        lookups(&urls, &options).await,
        [
            ("intro".to_string(), Some(true)),
            ("nowhere".to_string(), Some(false)),
        ]
    );
    assert_eq!(server.gets("/keyed"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_flag_no_page_is_read_for_its_fragments() {
    let server = Server::start().await;
    let urls = vec![server.url("/page#nowhere")];
    let options = CheckOptions {
        check_fragments: false,
        ..options()
    };
    let run = links::check_run(&occurrences(&urls), &options).await;
    assert!(run.fragments.is_empty());
    assert_eq!(server.gets("/page"), 0, "HEAD was enough for the page");
}

#[test]
fn the_config_turns_it_on_and_the_finding_names_the_page() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    let list = format!(
        "# List\n\n- [Intro]({}) - Found.\n- [Gone]({}) - Not there.\n",
        server.url("/page#intro"),
        server.url("/page#gone")
    );
    std::fs::write(dir.path().join("README.md"), list).unwrap();
    let args = ["--allow-private", "--format", "compact", "README.md"];
    let plain = common::awesome_lint(dir.path(), &args);
    assert_eq!(plain.code, 0, "{}{}", plain.stdout, plain.stderr);
    assert!(
        !plain.stdout.contains("broken-fragment"),
        "{}",
        plain.stdout
    );

    std::fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[links]\ncheck-fragments = true\n",
    )
    .unwrap();
    let run = common::awesome_lint(dir.path(), &args);
    assert_eq!(run.code, 0, "a warning: {}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[broken-fragment]"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("README.md:4:3: warning[broken-fragment]"));
    assert!(lines[0].contains(&server.url("/page")), "{}", lines[0]);
    drop(runtime);
}

/// The link farm of `../shared/bench/` (Python), stopped when dropped.
struct Farm {
    child: std::process::Child,
    port: u16,
}

impl Farm {
    /// `None` (with a line saying that `test` skips) when the bench or Python is absent.
    fn start(test: &str) -> Option<Farm> {
        use std::io::BufRead;
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/linkfarm.py");
        if !script.exists() {
            eprintln!("skipping {test}: {} not found", script.display());
            return None;
        }
        // A port free on loopback now; the farm listens on 127.0.0.2 with it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let spawned = std::process::Command::new("python3")
            .arg(&script)
            .args(["--hosts", "1", "--port", &port.to_string()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn();
        let Ok(mut child) = spawned else {
            eprintln!("skipping {test}: python3 cannot be started");
            return None;
        };
        let stdout = child.stdout.take()?;
        let ready = std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.trim() == "ready");
        let farm = Farm { child, port };
        if !ready {
            eprintln!("skipping {test}: the link farm did not start");
            return None;
        }
        Some(farm)
    }
}

impl Drop for Farm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_link_farm_anchors_page() {
    let Some(farm) = Farm::start("the_link_farm_anchors_page") else {
        return;
    };
    let page = format!("http://127.0.0.2:{}/anchors/list", farm.port);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        format!(
            "# List\n\n- [Intro]({page}#intro) - An id.\n- [Usage]({page}#usage) - An id.\n- [Legacy]({page}#legacy) - A name.\n- [Gone]({page}#gone) - Missing.\n"
        ),
    )
    .unwrap();
    let run = common::awesome_lint(
        dir.path(),
        &[
            "--allow-private",
            "--check-fragments",
            "--format",
            "compact",
            "README.md",
        ],
    );
    let found: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[broken-fragment]"))
        .collect();
    assert_eq!(found.len(), 1, "{}{}", run.stdout, run.stderr);
    assert!(found[0].starts_with("README.md:6:3:"), "{}", found[0]);
    assert!(found[0].contains("`#gone`"), "{}", found[0]);
}
