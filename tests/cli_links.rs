//! The link checker through the binary: real HTTP servers on 127.0.0.1 started by the test,
//! never the internet. Link findings join the structural ones in the same report, the JSON
//! gains `links` and `summary.links`, and loopback addresses are refused unless allowed.

mod support;

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use support::TestServer;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary on its own thread, so the test's server keeps serving meanwhile.
async fn awesome_lint(dir: &Path, args: &[&str]) -> Run {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let output = cargo_bin_cmd!("awesome-lint")
            .current_dir(dir)
            .env_remove("GITHUB_TOKEN")
            .args(&args)
            .output()
            .expect("the binary runs");
        Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    })
    .await
    .unwrap()
}

fn list(server: &TestServer) -> String {
    format!(
        "# Awesome Fixture\n\n## Tools\n\n- [Alpha]({ok}) - Works.\n- [Beta]({dead}) - Gone.\n- [Gamma]({moved}) - Moved.\n- [Alpha again]({ok}) - Same URL, one request.\n- [Mail](mailto:someone@example.com) - Not http.\n",
        ok = server.url("/ok/alpha"),
        dead = server.url("/status/404/beta"),
        moved = server.url("/redirect/1/gamma"),
    )
}

const FAST: &[&str] = &["--timeout", "5", "--max-retries", "1", "--format", "json"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_findings_join_the_report_and_the_json() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    let mut args = vec!["--allow-private"];
    args.extend_from_slice(FAST);
    let run = awesome_lint(dir.path(), &args).await;
    assert_eq!(
        run.code, 1,
        "a dead link is an error: {}{}",
        run.stdout, run.stderr
    );
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &out["files"][0];
    let rules: Vec<(&str, u64)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert!(rules.contains(&("dead-link", 6)), "{rules:?}");
    assert!(rules.contains(&("redirect", 7)), "{rules:?}");
    let links = file["links"].as_array().unwrap();
    let statuses: Vec<(&str, u64)> = links
        .iter()
        .map(|l| (l["status"].as_str().unwrap(), l["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("ok", 5),
            ("dead", 6),
            ("redirect", 7),
            ("ok", 8),
            ("skipped", 9)
        ]
    );
    assert_eq!(links[1]["http_status"], 404);
    assert!(
        links[2]["redirect_to"]
            .as_str()
            .unwrap()
            .ends_with("/ok/gamma")
    );
    let summary = &out["summary"]["links"];
    assert_eq!(summary["total"], 5);
    // Requested URLs: the skipped link is not one of them.
    assert_eq!(summary["unique"], 3);
    assert_eq!(
        (summary["ok"].as_u64(), summary["dead"].as_u64()),
        (Some(2), Some(1))
    );
    // The repeated URL was requested once.
    assert_eq!(server.count("/ok/alpha"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_is_refused_by_default() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    let run = awesome_lint(dir.path(), FAST).await;
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    for link in out["files"][0]["links"].as_array().unwrap() {
        assert_eq!(link["status"], "skipped", "{link}");
    }
    assert_eq!(
        server.total(),
        0,
        "nothing may reach a loopback server without --allow-private"
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_sends_nothing_and_has_no_links_key() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--allow-private", "--format", "json"],
    )
    .await;
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(out["files"][0].get("links").is_none());
    assert!(out["summary"].get("links").is_none());
    assert_eq!(server.total(), 0);
    assert_eq!(run.code, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_link_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# T\n").unwrap();
    for args in [
        &["--exclude", "("][..],
        &["--accept", "banana"],
        &["--max-cache-age", "soon"],
    ] {
        let run = awesome_lint(dir.path(), args).await;
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cache_is_written_beside_the_readme_and_reused() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("docs");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("README.md"), list(&server)).unwrap();
    let mut args = vec!["--allow-private", "--cache"];
    args.extend_from_slice(FAST);
    args.push("docs/README.md");
    awesome_lint(dir.path(), &args).await;
    assert!(sub.join(".awesome-lint-cache.json").is_file());
    let first = server.count("/ok/alpha");
    let dead_first = server.count("/status/404/beta");
    assert!(first > 0 && dead_first > 0);
    awesome_lint(dir.path(), &args).await;
    assert_eq!(
        server.count("/ok/alpha"),
        first,
        "a cached ok link is not requested again"
    );
    // The dead link is not cached: checked again, the same way.
    assert_eq!(server.count("/status/404/beta"), 2 * dead_first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_silenced_by_comments_are_not_requested() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let readme = format!(
        "# Awesome Fixture\n\n## Tools\n\n- [Alpha]({ok}) - Works.\n\n<!--lint disable no-dead-urls-->\n\n- [Beta]({dead}) - Gone, silenced.\n\n<!--lint enable no-dead-urls-->\n\n<!-- awesome-lint-disable-next-line dead-link -->\n- [Gamma]({dead2}) - Gone, its dead-link silenced.\n",
        ok = server.url("/ok/alpha"),
        dead = server.url("/status/404/beta"),
        dead2 = server.url("/status/404/gamma"),
    );
    std::fs::write(dir.path().join("README.md"), readme).unwrap();
    let mut args = vec!["--allow-private"];
    args.extend_from_slice(FAST);
    let run = awesome_lint(dir.path(), &args).await;
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        server.count("/status/404/beta"),
        0,
        "silenced region: no request"
    );
    assert!(
        server.count("/status/404/gamma") > 0,
        "only dead-link silenced: still checked"
    );
    let links = out["files"][0]["links"].as_array().unwrap();
    let beta = links
        .iter()
        .find(|l| l["url"].as_str().unwrap().ends_with("beta"))
        .unwrap();
    assert_eq!(beta["status"], "skipped");
    assert!(
        out["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{}",
        run.stdout
    );
    assert_eq!(out["summary"]["suppressed"], 1, "gamma's dead-link");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_settings_from_the_config_file_reach_the_checker() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    std::fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nredirect = \"off\"\ndead-link = \"warning\"\n\n[links]\nexclude = ['/status/404/']\n\n[links.hosts.\"127.0.0.1\"]\nheaders = { X-List = \"awesome\" }\n",
    )
    .unwrap();
    let mut args = vec!["--allow-private"];
    args.extend_from_slice(FAST);
    let run = awesome_lint(dir.path(), &args).await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(server.count("/status/404/beta"), 0, "excluded in the file");
    let seen = server.seen();
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|s| s.header("x-list") == ["awesome"]),
        "the host's header on every request"
    );
    // redirect is off in the file: the moved link is checked but not reported.
    let rules: Vec<&str> = out["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"redirect"), "{rules:?}");

    // All four link rules off: no request at all.
    std::fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\ndead-link = \"off\"\nredirect = \"off\"\nblocked-link = \"off\"\ntimeout-link = \"off\"\n",
    )
    .unwrap();
    let before = server.total();
    let run = awesome_lint(dir.path(), &args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.total(), before, "no link rule on: nothing requested");
}

/// Hosts under `.invalid` never resolve (RFC 6761): on a machine with a resolver the answer is
/// NXDOMAIN, without one a temporary failure. Both mean "no host resolves", so the run must
/// conclude that the network is unavailable either way.
const UNRESOLVABLE: &str = "# Awesome Unreachable\n\n## Tools\n\n- [Alpha](https://alpha.invalid/a) - One.\n- [Beta](https://beta.invalid/b) - Two.\n- [Gamma](https://gamma.invalid/c) - Three.\n- [Alpha again](https://alpha.invalid/d) - Four.\n\nSee also https://delta.invalid/e for more.\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_resolvable_host_is_an_unavailable_network_not_dead_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), UNRESOLVABLE).unwrap();
    let started = std::time::Instant::now();
    let run = awesome_lint(dir.path(), &["--format", "json"]).await;
    let elapsed = started.elapsed();
    assert_eq!(
        run.code, 2,
        "the check could not run: {}{}",
        run.stdout, run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {}", run.stderr);
    assert!(
        lines[0].starts_with("error: network unavailable") && lines[0].contains("--offline"),
        "{}",
        lines[0]
    );
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let rules: Vec<&str> = out["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"dead-link"), "{rules:?}");
    assert!(
        rules.contains(&"bare-url"),
        "structural findings are still reported: {rules:?}"
    );
    let links = out["files"][0]["links"].as_array().unwrap();
    assert_eq!(links.len(), 5);
    for link in links {
        assert_eq!(link["status"], "error", "{link}");
        assert_eq!(link["detail"], "not checked: network unavailable");
    }
    let summary = &out["summary"]["links"];
    assert_eq!(
        (summary["unchecked"].as_u64(), summary["error"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(out["summary"]["errors"], 0);
    assert_eq!(out["errors"][0]["kind"], "network");
    assert_eq!(
        format!("error: {}", out["errors"][0]["message"].as_str().unwrap()),
        lines[0]
    );
    assert!(elapsed < std::time::Duration::from_secs(60), "{elapsed:?}");

    // The human report too: findings on stdout, the one line on stderr, status 2.
    let human = awesome_lint(dir.path(), &[]).await;
    assert_eq!(human.code, 2);
    assert!(human.stdout.contains("bare-url"), "{}", human.stdout);
    assert!(!human.stdout.contains("dead-link"), "{}", human.stdout);
    assert_eq!(human.stderr.lines().count(), 1, "{}", human.stderr);

    // --offline: nothing to say about the network.
    let offline = awesome_lint(dir.path(), &["--offline", "--format", "json"]).await;
    assert_eq!(offline.code, 0, "{}", offline.stderr);
    assert!(offline.stderr.is_empty());
    let out: Value = serde_json::from_str(&offline.stdout).unwrap();
    assert!(out.get("errors").is_none());
}
