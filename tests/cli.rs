//! The binary end to end: exit statuses, bad input, the `rules` and `explain` commands, the JSON
//! shape, color, and positions in CRLF + BOM files.
//!
//! Tests that need a particular rule check that it is registered, so that they hold on any
//! build; the assertions about findings are real wherever the rules are.

mod common;

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use awesome_lint::diagnostic::Severity;
use awesome_lint::rules;
use common::{Run, awesome_lint};
use serde_json::Value;

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn registered_with(id: &str, severity: Severity) -> bool {
    rules::find(id).is_some_and(|r| r.severity() == severity)
}

const CLEAN_LIST: &str = "# Awesome Tools\n\n\
A curated list of tools.\n\n\
## Editors\n\n\
- [Alpha](https://alpha.example/) - A fast editor.\n\
- [Beta](https://beta.example/) - A small editor.\n";

/// Fires `broken-anchor` (an in-document link to nowhere) and `duplicate-heading`.
const BROKEN_LIST: &str = "# Awesome Tools\n\n\
See [the missing part](#nowhere).\n\n\
## Editors\n\n\
- [Alpha](https://alpha.example/) - A fast editor.\n\n\
## Editors\n\n\
- [Beta](https://beta.example/) - A small editor.\n";

// ---- exit statuses -------------------------------------------------------------------------

#[test]
fn clean_list_exits_0_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), CLEAN_LIST).unwrap();
    // No path: README.md in the current directory.
    let run = awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.ends_with(" in 1 file\n"), "{}", run.stdout);
    assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

#[test]
fn error_findings_exit_1_and_the_status_agrees_with_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("list.md"), BROKEN_LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "--format", "json", "list.md"]);
    let errors = json(&run)["summary"]["errors"].as_u64().unwrap();
    assert_eq!(run.code, if errors > 0 { 1 } else { 0 }, "{}", run.stdout);
    if registered_with("broken-anchor", Severity::Error)
        || registered_with("duplicate-heading", Severity::Error)
    {
        assert_eq!(run.code, 1, "{}", run.stdout);
    }
    let human = awesome_lint(dir.path(), &["--offline", "list.md"]);
    assert_eq!(human.code, run.code);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--format", "xml"][..],
        &["--color", "sometimes"],
        &["--no-such-flag"],
        &["explain"],
    ] {
        let run = awesome_lint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn version_and_help_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let version = awesome_lint(dir.path(), &["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout,
        format!("awesome-lint {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = awesome_lint(dir.path(), &["--help"]);
    assert_eq!(help.code, 0);
    for word in [
        "--offline",
        "--format",
        "--color",
        "--quiet",
        "rules",
        "explain",
    ] {
        assert!(help.stdout.contains(word), "{word}: {}", help.stdout);
    }
}

// ---- bad input -----------------------------------------------------------------------------

/// Lints `name` in `dir` and checks the one-line error naming it.
fn assert_input_error(dir: &Path, name: &str, expected: &str) -> Run {
    let run = awesome_lint(dir, &["--offline", name]);
    assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("error: {name}: ")),
        "{name}: {}",
        run.stderr
    );
    assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
    run
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_input_error(dir.path(), "nope.md", "no such file");
    // No path and no README here: one line that says what to do.
    let run = awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: .: no README.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn directory_without_a_readme() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    assert_input_error(dir.path(), "docs", "no README.md");
}

#[test]
fn not_utf8_says_where() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n\nok\n").unwrap();
    assert_input_error(
        dir.path(),
        "latin1.md",
        "not valid UTF-8 at line 1, byte offset 5",
    );
}

#[test]
fn nul_bytes_are_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("image.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    assert_input_error(dir.path(), "image.md", "binary file");
}

#[test]
fn utf16_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFEFFu16]
        .into_iter()
        .chain("# A\n".encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("wide.md"), utf16).unwrap();
    assert_input_error(dir.path(), "wide.md", "UTF-16");
}

#[test]
fn long_lines_are_linted_and_their_snippets_stay_short() {
    // A 3 MB data-URI image in an entry, and a 5 MB line of prose ending in a bare URL (the
    // release build lints a 50 MB one in well under a second; see docs/BENCHMARKS.md).
    let dir = tempfile::tempdir().unwrap();
    let list = format!(
        "# Awesome Tools\n\n## Editors\n\n- [![logo](data:image/png;base64,{})](https://alpha.example/) - A fast editor.\n\n{}https://bare.example/\n",
        "QUJD".repeat(750_000),
        "word ".repeat(1_000_000),
    );
    std::fs::write(dir.path().join("long.md"), &list).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "long.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("bare-url"), "{}", run.stdout);
    assert!(run.stdout.contains("[long.md:7:5000001]"), "{}", run.stdout);
    assert!(run.stdout.len() < 4096, "{} bytes", run.stdout.len());
}

#[test]
fn a_file_over_64_mib_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: no disk space or time spent.
    let file = std::fs::File::create(dir.path().join("big.md")).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap();
    assert_input_error(dir.path(), "big.md", "larger than the 64 MiB limit");
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.md");
    std::fs::write(&path, CLEAN_LIST).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root (as in many containers) reads a mode-000 file anyway.
        eprintln!("note: unreadable_file skipped: this user can read a mode-000 file (root?)");
        return;
    }
    assert_input_error(dir.path(), "secret.md", "permission denied");
}

#[test]
fn readable_files_are_still_reported_when_another_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), CLEAN_LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "missing.md", "README.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: missing.md: no such file; check the path\n"
    );
    assert!(
        run.stdout
            .ends_with(" in 1 file; 1 file could not be read\n"),
        "{}",
        run.stdout
    );
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "missing.md", "README.md"],
    );
    assert_eq!(run.code, 2);
    let files = json(&run)["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "README.md");
}

#[test]
fn the_linted_file_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, BROKEN_LIST).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), BROKEN_LIST);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

// ---- commands ------------------------------------------------------------------------------

#[test]
fn rules_lists_every_rule_with_severity_and_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let run = awesome_lint(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    for rule in rules::REGISTRY {
        assert!(
            run.stdout.contains(&format!(
                "{} ({}; preset {})\n",
                rule.id(),
                rule.severity().as_str(),
                rule.preset().as_str()
            )),
            "{}: {}",
            rule.id(),
            run.stdout
        );
        let first_words: String = rule
            .explanation()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(run.stdout.contains(&first_words), "{}", rule.id());
    }
}

#[test]
fn explain_each_rule() {
    let dir = tempfile::tempdir().unwrap();
    for rule in rules::REGISTRY {
        let run = awesome_lint(dir.path(), &["explain", rule.id()]);
        assert_eq!(run.code, 0, "{}", rule.id());
        assert!(run.stdout.starts_with(&format!(
            "{} ({}; preset {}): {}\n",
            rule.id(),
            rule.severity().as_str(),
            rule.preset().as_str(),
            rule.summary()
        )));
    }
}

#[test]
fn explain_unknown_rule_lists_the_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let run = awesome_lint(dir.path(), &["explain", "no-such-rule"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: unknown rule `no-such-rule`"));
    for rule in rules::REGISTRY {
        assert!(run.stderr.contains(rule.id()), "{}", run.stderr);
    }
}

#[test]
fn a_file_named_like_a_command_is_linted_as_a_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules"), CLEAN_LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "--format", "json", "./rules"]);
    assert_eq!(json(&run)["files"][0]["path"], "./rules");
    // After any path or option, a command name is a path too.
    let run = awesome_lint(dir.path(), &["--offline", "--format", "json", "rules"]);
    assert_eq!(json(&run)["files"][0]["path"], "rules");
}

// ---- output --------------------------------------------------------------------------------

#[test]
fn json_has_the_documented_keys_and_types() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("list.md"), BROKEN_LIST).unwrap();
    std::fs::write(dir.path().join("clean.md"), CLEAN_LIST).unwrap();
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "list.md", "clean.md"],
    );
    assert_eq!(run.stderr, "");
    let report = json(&run);
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&report), ["files", "summary", "version"]);
    assert_eq!(report["version"], 1);
    // `--offline`: no `links` anywhere.
    assert_eq!(
        keys(&report["summary"]),
        ["errors", "fixed", "suppressed", "warnings"]
    );
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "list.md");
    assert_eq!(files[1]["path"], "clean.md");
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        assert_eq!(keys(file), ["diagnostics", "path"]);
        for d in file["diagnostics"].as_array().unwrap() {
            assert_eq!(
                keys(d),
                [
                    "column",
                    "end_column",
                    "end_line",
                    "fix",
                    "help",
                    "line",
                    "message",
                    "rule",
                    "severity"
                ]
            );
            for key in ["rule", "message", "help"] {
                assert!(d[key].is_string(), "{key}: {d}");
            }
            assert!(d["fix"].is_null() || d["fix"]["edits"].is_array(), "{d}");
            for key in ["line", "column", "end_line", "end_column"] {
                assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{key}: {d}");
            }
            assert!(
                (d["line"].as_u64(), d["column"].as_u64())
                    <= (d["end_line"].as_u64(), d["end_column"].as_u64()),
                "{d}"
            );
            assert!(rules::find(d["rule"].as_str().unwrap()).is_some(), "{d}");
            match d["severity"].as_str() {
                Some("error") => errors += 1,
                Some("warning") => warnings += 1,
                other => panic!("severity {other:?}"),
            }
        }
    }
    assert_eq!(report["summary"]["errors"], errors);
    assert_eq!(report["summary"]["warnings"], warnings);
}

fn has_ansi(text: &str) -> bool {
    text.contains('\u{1b}')
}

#[test]
fn no_color_and_color_never_print_no_escapes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), BROKEN_LIST).unwrap();
    let never = awesome_lint(dir.path(), &["--offline", "--color", "never"]);
    assert!(!has_ansi(&never.stdout), "{}", never.stdout);

    let no_color = cargo_bin_cmd!("awesome-lint")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["--offline", "--color", "auto"])
        .output()
        .unwrap();
    assert!(!has_ansi(&String::from_utf8_lossy(&no_color.stdout)));

    // A pipe is not a terminal: `auto` stays plain there too.
    let auto = awesome_lint(dir.path(), &["--offline"]);
    assert!(!has_ansi(&auto.stdout), "{}", auto.stdout);

    // `always` wins over NO_COLOR, and does color findings.
    let always = cargo_bin_cmd!("awesome-lint")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["--offline", "--color", "always"])
        .output()
        .unwrap();
    let findings = json(&awesome_lint(
        dir.path(),
        &["--offline", "--format", "json"],
    ))["summary"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum::<u64>();
    if findings > 0 {
        assert!(has_ansi(&String::from_utf8_lossy(&always.stdout)));
    }
}

#[test]
fn quiet_shows_errors_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), BROKEN_LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "--quiet"]);
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.contains('⚠'), "{}", run.stdout);
    let loud = awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(loud.stderr, "");
    // The same summary either way.
    assert_eq!(
        run.stdout.lines().last(),
        loud.stdout.lines().last(),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, loud.code);
}

/// A list with a bare URL on line 6, at character column 19 (byte column 21: `Ñ` and `ú` take
/// two bytes each), ending at column 40.
const BARE_URL_LIST: &str = "# Awesome Things\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A tool.\n- Ñandú by Alpha: https://beta.example/x is good.\n";

fn diagnostics_of(dir: &Path, name: &str) -> Value {
    let run = awesome_lint(dir, &["--offline", "--format", "json", name]);
    json(&run)["files"][0]["diagnostics"].clone()
}

#[test]
fn crlf_and_bom_give_the_same_lines_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = format!("\u{feff}{}", BARE_URL_LIST.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("lf.md"), BARE_URL_LIST).unwrap();
    std::fs::write(dir.path().join("crlf.md"), crlf).unwrap();
    std::fs::write(dir.path().join("broken-lf.md"), BROKEN_LIST).unwrap();
    std::fs::write(
        dir.path().join("broken-crlf.md"),
        format!("\u{feff}{}", BROKEN_LIST.replace('\n', "\r\n")),
    )
    .unwrap();
    assert_eq!(
        diagnostics_of(dir.path(), "lf.md"),
        diagnostics_of(dir.path(), "crlf.md")
    );
    assert_eq!(
        diagnostics_of(dir.path(), "broken-lf.md"),
        diagnostics_of(dir.path(), "broken-crlf.md")
    );

    if rules::find("bare-url").is_some() {
        let diagnostics = diagnostics_of(dir.path(), "crlf.md");
        let bare = diagnostics
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "bare-url")
            .unwrap_or_else(|| panic!("bare-url fires: {diagnostics}"));
        assert_eq!(
            (&bare["line"], &bare["column"], &bare["end_line"]),
            (&6.into(), &19.into(), &6.into()),
            "{bare}"
        );
        let human = awesome_lint(dir.path(), &["--offline", "--color", "never", "crlf.md"]);
        assert!(human.stdout.contains("[crlf.md:6:19]"), "{}", human.stdout);
    }
}
