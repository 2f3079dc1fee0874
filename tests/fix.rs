//! `--fix` through the binary, in temporary folders: the file is rewritten for the safe fixes
//! and the exit status says what is left; `--dry-run` (and its alias `--diff`) prints a diff and
//! writes nothing; `--unsafe-fixes`; permissions kept; a second run changes nothing; a
//! permanent redirect is replaced by its target against a loopback server (never the internet).

mod common;
mod support;

use std::path::Path;

use common::{Run, awesome_lint};
use serde_json::Value;
use support::TestServer;

/// A bare URL and a TOC entry pointing at the wrong section (both safely fixable), a broken
/// anchor (an error no fix resolves), a duplicate entry and an empty category (unsafe fixes).
const LIST: &str = "# Awesome Fixable\n\n\
## Contents\n\n\
- [Courses & Lecture Videos](#books)\n\
- [Books](#books)\n\
- [Empty](#empty)\n\n\
## Courses & Videos\n\n\
- [A](https://a.example) - See https://a.example/docs.\n\
- [B](https://b.example) - Read [the notes](#nowhere).\n\
- [A again](https://a.example/) - The same.\n\n\
## Books\n\n\
- [C](https://c.example) - Nice.\n\n\
## Empty\n";

const SAFELY_FIXED: &str = "# Awesome Fixable\n\n\
## Contents\n\n\
- [Courses & Lecture Videos](#courses--videos)\n\
- [Books](#books)\n\
- [Empty](#empty)\n\n\
## Courses & Videos\n\n\
- [A](https://a.example) - See <https://a.example/docs>.\n\
- [B](https://b.example) - Read [the notes](#nowhere).\n\
- [A again](https://a.example/) - The same.\n\n\
## Books\n\n\
- [C](https://c.example) - Nice.\n\n\
## Empty\n";

fn setup(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn rules(json: &Value) -> Vec<String> {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fix_rewrites_the_safe_fixes_and_exits_by_what_is_left() {
    let (dir, path) = setup(LIST);
    let run = awesome_lint(dir.path(), &["--offline", "--fix"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SAFELY_FIXED);
    // broken-anchor is an error and has no fix: exit 1.
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .ends_with("1 error, 2 warnings in 1 file; 2 fixed\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(fixable with --unsafe-fixes)"));
    assert!(!run.stdout.contains("fixable with --fix"), "{}", run.stdout);
    // Nothing but the file itself is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // A second run changes nothing.
    let again = awesome_lint(dir.path(), &["--offline", "--fix", "--format", "json"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SAFELY_FIXED);
    let json: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(json["summary"]["fixed"], 0);
    assert_eq!(
        rules(&json),
        ["broken-anchor", "duplicate-link", "empty-category"]
    );
}

#[test]
fn a_clean_result_exits_0() {
    let (dir, path) =
        setup("# Awesome\n\n## Tools\n\n- [A](https://a.example) - See https://a.example/docs.\n");
    let run = awesome_lint(dir.path(), &["--offline", "--fix", "README.md"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 1 file; 1 fixed\n");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("<https://a.example/docs>.")
    );
}

#[test]
fn dry_run_prints_a_diff_exits_1_and_writes_nothing() {
    for flag in ["--dry-run", "--diff"] {
        let (dir, path) = setup(LIST);
        let run = awesome_lint(dir.path(), &["--offline", "--fix", flag, "README.md"]);
        assert_eq!(run.code, 1, "{flag}: {}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            LIST,
            "{flag} wrote"
        );
        assert!(
            run.stdout
                .starts_with("--- a/README.md\n+++ b/README.md\n@@ "),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("\n-- [Courses & Lecture Videos](#books)\n+- [Courses & Lecture Videos](#courses--videos)\n"), "{}", run.stdout);
        assert!(
            run.stdout
                .contains("\n+- [A](https://a.example) - See <https://a.example/docs>.\n")
        );
        assert!(
            run.stderr.contains("would fix 2 findings"),
            "{}",
            run.stderr
        );
        // Without --fix too: the flag implies it.
        let alone = awesome_lint(dir.path(), &["--offline", flag]);
        assert_eq!((alone.code, alone.stdout), (1, run.stdout));
    }
    // Nothing to change: an empty diff and the status of what is there.
    let (dir, _) = setup(SAFELY_FIXED.replace("(#nowhere)", "(#books)").as_str());
    let run = awesome_lint(dir.path(), &["--offline", "--diff"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn unsafe_fixes_remove_the_duplicate_and_the_empty_category() {
    let (dir, path) = setup(LIST);
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--fix", "--unsafe-fixes", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["fixed"], 4, "{}", run.stdout);
    assert_eq!(rules(&json), ["broken-anchor"]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(!fixed.contains("A again"), "{fixed}");
    assert!(
        !fixed.contains("## Empty") && !fixed.contains("(#empty)"),
        "{fixed}"
    );
    assert!(
        fixed.contains("- [C](https://c.example) - Nice.\n"),
        "{fixed}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn json_lists_each_fix_before_fixing() {
    let (dir, _) = setup(LIST);
    let run = awesome_lint(dir.path(), &["--offline", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let diagnostics = json["files"][0]["diagnostics"].as_array().unwrap();
    let fix_of = |rule: &str| {
        diagnostics
            .iter()
            .find(|d| d["rule"] == rule)
            .map(|d| d["fix"].clone())
            .unwrap()
    };
    assert_eq!(
        fix_of("bare-url"),
        serde_json::json!({"applicability": "safe", "edits": [
            {"line": 11, "column": 32, "end_line": 11, "end_column": 32, "content": "<"},
            {"line": 11, "column": 54, "end_line": 11, "end_column": 54, "content": ">"}
        ]})
    );
    assert_eq!(fix_of("duplicate-link")["applicability"], "unsafe");
    assert_eq!(fix_of("broken-anchor"), Value::Null);
    assert_eq!(json["summary"]["fixed"], 0);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = setup(LIST);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "--fix"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SAFELY_FIXED);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o604);
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let text = "# Awesome\n\n## Tools\n\n<!-- awesome-lint-disable-next-line bare-url -->\n- [A](https://a.example) - See https://a.example/docs.\n";
    let (dir, path) = setup(text);
    let run = awesome_lint(dir.path(), &["--offline", "--fix"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Runs the binary on its own thread, so the test's server keeps serving meanwhile.
async fn awesome_lint_async(dir: &Path, args: &[&str]) -> Run {
    let dir = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        awesome_lint(&dir, &args)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_redirect_is_replaced_by_its_target() {
    let server = TestServer::start().await;
    let moved = server.url("/redirect/1/gamma");
    let target = server.url("/ok/gamma");
    let moved_too = server.url("/redirect/1/delta");
    let target_too = server.url("/ok/delta");
    let ok = server.url("/ok/alpha");
    let text = format!(
        "# Awesome\n\n## Tools\n\n- [Alpha]({ok}) - Works.\n- [Gamma]({moved}) - Moved.\n- [{moved_too}]({moved_too} \"title\") - Text and title kept.\n"
    );
    let (dir, path) = setup(&text);
    let args = [
        "--allow-private",
        "--no-cache",
        "--timeout",
        "5",
        "--max-retries",
        "1",
        "--fix",
        "--format",
        "json",
    ];
    let run = awesome_lint_async(dir.path(), &args).await;
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    assert_eq!(json["summary"]["fixed"], 2, "{}", run.stdout);
    assert_eq!(rules(&json), Vec::<String>::new());
    assert_eq!(run.code, 0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        format!(
            "# Awesome\n\n## Tools\n\n- [Alpha]({ok}) - Works.\n- [Gamma]({target}) - Moved.\n- [{moved_too}]({target_too} \"title\") - Text and title kept.\n"
        )
    );
    // Offline, a redirect is not known, so nothing is replaced.
    let (dir, path) = setup(&text);
    let run = awesome_lint_async(dir.path(), &["--offline", "--fix"]).await;
    assert_eq!(run.code, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_awesome_presets_style_findings_are_fixed() {
    // Mixed bullets, a `***` break, a misspelt product name and no final line break.
    let (dir, path) = setup(
        "# Awesome Tools\n\n## Tools\n\n- [A](https://a.example) - Built on Github.\n* [B](https://b.example) - Small.\n\n***\n\nThe end.",
    );
    let args = [
        "--offline",
        "--preset",
        "awesome",
        "--fix",
        "--format",
        "json",
        "README.md",
    ];
    awesome_lint(dir.path(), &args);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "# Awesome Tools\n\n## Tools\n\n- [A](https://a.example) - Built on GitHub.\n- [B](https://b.example) - Small.\n\n---\n\nThe end.\n"
    );
    let again = awesome_lint(dir.path(), &args);
    let report: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(
        report["summary"]["fixed"], 0,
        "a second run changes nothing"
    );
    for rule in [
        "final-newline",
        "unordered-list-marker-style",
        "rule-style",
        "awesome-spell-check",
    ] {
        assert!(
            !rules(&report).contains(&rule.to_string()),
            "{rule} left: {}",
            again.stdout
        );
    }
}

#[test]
fn the_table_of_contents_is_repaired_from_the_headings() {
    // A stale anchor whose text names its heading, a text that differs from its heading
    // (awesome preset), and two sections left out, one of them nested.
    let (dir, path) = setup(
        "# Awesome Tools\n\n## Contents\n\n- [editors](#editors)\n- [Build Tools](#build)\n  - [Make](#make)\n  - [Meson](#meson)\n\n## Editors\n\n- [E](https://e.example) - Edits.\n\n## Build Tools\n\n### Make\n\n- [M](https://m.example) - Makes.\n\n### Meson\n\n- [S](https://s.example) - Configures.\n\n### Ninja\n\n- [N](https://n.example) - Builds.\n\n## Testing\n\n- [T](https://t.example) - Tests.\n",
    );
    let args = [
        "--offline",
        "--preset",
        "awesome",
        "--fix",
        "--format",
        "json",
        "README.md",
    ];
    let run = awesome_lint(dir.path(), &args);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.starts_with(
            "# Awesome Tools\n\n## Contents\n\n- [Editors](#editors)\n- [Build Tools](#build-tools)\n  - [Make](#make)\n  - [Meson](#meson)\n  - [Ninja](#ninja)\n- [Testing](#testing)\n\n## Editors\n"
        ),
        "{fixed}\n{}",
        run.stdout
    );
    for rule in ["broken-anchor", "toc-incomplete", "awesome-contents"] {
        assert!(
            !rules(&report).contains(&rule.to_string()),
            "{rule} left: {}",
            run.stdout
        );
    }
    let again = awesome_lint(dir.path(), &args);
    let report: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(report["summary"]["fixed"], 0, "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}
