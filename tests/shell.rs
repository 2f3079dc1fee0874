//! `awesome-lint completions SHELL` and `awesome-lint man` through the binary: each script is
//! non-empty and parses in its shell where that shell is installed, the man page is roff that
//! groff reads without a warning.

use std::io::Write;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin_cmd;

/// stdout of a successful run of the binary with `args`.
fn stdout_of(args: &[&str]) -> String {
    let output = cargo_bin_cmd!("awesome-lint")
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "{args:?} wrote to stderr");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(!stdout.trim().is_empty(), "{args:?} printed nothing");
    stdout
}

/// `program` is found on PATH.
fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Runs `program args… FILE` on `text` written to a file; returns the exit status and stderr.
fn check_with(program: &str, args: &[&str], text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input");
    std::fs::write(&file, text).unwrap();
    let output = Command::new(program)
        .args(args)
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn bash_completion_parses_and_completes_awesome_lint() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("awesome-lint"), "{script}");
    assert!(script.contains("complete -F"), "{script}");
    for word in [
        "rules",
        "explain",
        "init",
        "config",
        "completions",
        "man",
        "--offline",
    ] {
        assert!(script.contains(word), "`{word}` not completed:\n{script}");
    }
    // bash is there wherever the tests run (git and cargo need a shell); refuse to skip.
    let (ok, stderr) = check_with("bash", &["-n"], &script);
    assert!(ok, "bash -n: {stderr}");
}

#[test]
fn zsh_completion_is_a_compdef_that_parses_where_zsh_is_installed() {
    let script = stdout_of(&["completions", "zsh"]);
    assert!(script.starts_with("#compdef awesome-lint"), "{script}");
    if installed("zsh") {
        let (ok, stderr) = check_with("zsh", &["-n"], &script);
        assert!(ok, "zsh -n: {stderr}");
    } else {
        eprintln!("zsh is not installed: checked the #compdef header only");
    }
}

#[test]
fn fish_completion_completes_awesome_lint() {
    let script = stdout_of(&["completions", "fish"]);
    assert!(script.contains("complete -c awesome-lint"), "{script}");
    if installed("fish") {
        let (ok, stderr) = check_with("fish", &["--no-execute"], &script);
        assert!(ok, "fish --no-execute: {stderr}");
    }
}

#[test]
fn powershell_completion_registers_a_completer() {
    let script = stdout_of(&["completions", "powershell"]);
    assert!(script.contains("Register-ArgumentCompleter"), "{script}");
    assert!(script.contains("'awesome-lint'"), "{script}");
}

#[test]
fn elvish_completion_is_offered_too() {
    let script = stdout_of(&["completions", "elvish"]);
    assert!(script.contains("awesome-lint"), "{script}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = cargo_bin_cmd!("awesome-lint")
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bash"),
        "the valid shells are listed: {stderr}"
    );
}

#[test]
fn man_page_is_roff_with_the_usual_sections() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    assert!(page.contains(".TH awesome-lint 1"), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"] {
        assert!(
            page.contains(&format!(".SH {section}")),
            "no {section}:\n{page}"
        );
    }
    for word in ["\\-\\-offline", "completions", "man"] {
        assert!(page.contains(word), "`{word}` not in:\n{page}");
    }
}

#[test]
fn groff_reads_the_man_page_without_a_warning() {
    let page = stdout_of(&["man"]);
    if !installed("groff") {
        eprintln!("groff is not installed: checked the roff sections only");
        return;
    }
    let mut child = Command::new("groff")
        .args(["-man", "-Tutf8", "-z", "-ww"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "groff: {stderr}");
    assert!(stderr.trim().is_empty(), "groff warned: {stderr}");
}

#[test]
fn a_file_named_like_the_new_commands_is_linted_as_dot_slash() {
    let dir = tempfile::tempdir().unwrap();
    let list = "# Awesome Tools\n\nA curated list of tools.\n\n## Editors\n\n\
                - [Alpha](https://alpha.example/) - A fast editor.\n";
    for name in ["completions", "man"] {
        std::fs::write(dir.path().join(name), list).unwrap();
        let output = cargo_bin_cmd!("awesome-lint")
            .current_dir(dir.path())
            .args(["--offline", "--format", "json", &format!("./{name}")])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "./{name}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["files"][0]["path"], format!("./{name}"));
    }
}
