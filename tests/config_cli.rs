//! Config files, inline suppressions and README discovery through the binary, in temp folders.

mod common;

use std::fs;

use common::{Run, awesome_lint};
use serde_json::Value;

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Rules that fired, in order.
fn rules(run: &Run) -> Vec<String> {
    json(run)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A repository folder (with `.git`, so discovery stops here) holding `README.md`.
fn repo(readme: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("README.md"), readme).unwrap();
    dir
}

/// Fires duplicate-heading (error) and bare-url (warning).
const LIST: &str = "# Awesome\n\n## Tools\n\n- [A](https://a.example) - A.\n\nhttps://bare.example/page\n\n## Tools\n\n- [B](https://b.example) - B.\n";

const OFFLINE_JSON: &[&str] = &["--offline", "--format", "json"];

#[test]
fn without_config_the_defaults_apply() {
    let dir = repo(LIST);
    let run = awesome_lint(dir.path(), OFFLINE_JSON);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules(&run), ["bare-url", "duplicate-heading"]);
}

#[test]
fn the_config_turns_rules_off_and_changes_severities() {
    let dir = repo(LIST);
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nbare-url = \"off\"\nduplicate-heading = \"warning\"\n",
    )
    .unwrap();
    let run = awesome_lint(dir.path(), OFFLINE_JSON);
    assert_eq!(
        run.code, 0,
        "a warning does not fail the run: {}",
        run.stdout
    );
    assert_eq!(rules(&run), ["duplicate-heading"]);
    assert_eq!(
        json(&run)["files"][0]["diagnostics"][0]["severity"],
        "warning"
    );

    // --no-config: back to the defaults.
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "--no-config"],
    );
    assert_eq!((run.code, rules(&run).len()), (1, 2));

    // --config FILE: another file wins over the discovered one.
    fs::write(
        dir.path().join("strict.toml"),
        "[rules]\nbare-url = \"error\"\n",
    )
    .unwrap();
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "--config", "strict.toml"],
    );
    let diagnostics = json(&run)["files"][0]["diagnostics"].clone();
    assert_eq!(diagnostics[0]["rule"], "bare-url");
    assert_eq!(diagnostics[0]["severity"], "error");
}

#[test]
fn the_config_is_found_from_a_nested_folder_up_to_the_repository_root() {
    let dir = repo(LIST);
    let nested = dir.path().join("lists").join("deep");
    fs::create_dir_all(&nested).unwrap();
    fs::write(nested.join("README.md"), LIST).unwrap();
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nbare-url = \"off\"\n",
    )
    .unwrap();
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "lists/deep/README.md"],
    );
    assert_eq!(rules(&run), ["duplicate-heading"]);
    let shown = awesome_lint(&nested, &["config", "README.md"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown.stdout.contains("bare-url = \"off\""),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains(".awesome-lint.toml"),
        "{}",
        shown.stdout
    );
}

#[test]
fn a_path_through_dot_dot_leaves_the_repository_it_names() {
    // `repo/../other/README.md` is in `other`, outside any repository: `repo`'s config and
    // `.git` must not apply to it, as they would if `..` were walked up as written.
    let top = tempfile::tempdir().unwrap();
    let inside = top.path().join("repo");
    fs::create_dir_all(inside.join(".git")).unwrap();
    fs::write(
        inside.join(".awesome-lint.toml"),
        "[rules]\nbare-url = \"off\"\n",
    )
    .unwrap();
    fs::create_dir(top.path().join("other")).unwrap();
    fs::write(top.path().join("other").join("README.md"), LIST).unwrap();
    let run = awesome_lint(
        &inside,
        &["--offline", "--format", "json", "../other/README.md"],
    );
    assert_eq!(
        rules(&run),
        ["bare-url", "duplicate-heading"],
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_config_stops_the_run_with_a_report_and_status_2() {
    let dir = repo(LIST);
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nbare-url = \"off\"\nduplicate-headings = \"warning\"\n",
    )
    .unwrap();
    let run = awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "nothing linted: {}", run.stdout);
    assert!(
        run.stderr.contains("unknown rule `duplicate-headings`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(".awesome-lint.toml:3:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `duplicate-heading`?"),
        "{}",
        run.stderr
    );

    let run = awesome_lint(dir.path(), &["--offline", "--config", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("missing.toml: cannot read the config: no such file")
    );
}

#[test]
fn flags_override_the_file_which_overrides_the_defaults() {
    let dir = repo(LIST);
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[links]\ntimeout = 7\nmax-retries = 5\nexclude = ['^https://file\\.example/']\n",
    )
    .unwrap();
    let run = awesome_lint(
        dir.path(),
        &[
            "--show-config",
            "--timeout",
            "3",
            "--exclude",
            "^https://flag",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = &run.stdout;
    assert!(shown.contains("timeout = 3\n"), "flag over file: {shown}");
    assert!(
        shown.contains("max-retries = 5\n"),
        "file over default: {shown}"
    );
    assert!(shown.contains("max-concurrency = 64\n"), "default: {shown}");
    let exclude = shown.lines().find(|l| l.starts_with("exclude = ")).unwrap();
    let file = exclude
        .find(r"^https://file\.example/")
        .expect("the file's exclude");
    let flag = exclude.find("^https://flag").expect("the flag's exclude");
    assert!(file < flag, "excludes add up, the file's first: {exclude}");
    assert!(shown.contains("# from .awesome-lint.toml"), "{shown}");
}

#[test]
fn init_writes_a_default_config_once() {
    let dir = repo(LIST);
    let run = awesome_lint(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = fs::read_to_string(dir.path().join(".awesome-lint.toml")).unwrap();
    assert!(written.contains("[rules]") && written.contains("[links]"));
    // The written defaults lint exactly like no config at all.
    let with = awesome_lint(dir.path(), OFFLINE_JSON);
    let without = awesome_lint(
        dir.path(),
        &["--offline", "--format", "json", "--no-config"],
    );
    assert_eq!(with.stdout, without.stdout);

    fs::write(dir.path().join(".awesome-lint.toml"), "# mine\n").unwrap();
    let again = awesome_lint(dir.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join(".awesome-lint.toml")).unwrap(),
        "# mine\n",
        "never overwritten"
    );
}

#[test]
fn a_config_that_silences_everything_runs_and_says_so() {
    let dir = repo(LIST);
    let mut text = String::from("[rules]\n");
    let listing = awesome_lint(dir.path(), &["rules"]).stdout;
    for line in listing
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
    {
        let id = line.split_whitespace().next().unwrap();
        text.push_str(&format!("{id} = \"off\"\n"));
    }
    fs::write(dir.path().join(".awesome-lint.toml"), text).unwrap();
    let run = awesome_lint(dir.path(), &["--offline"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("turns every rule off"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("0 errors, 0 warnings in 1 file"),
        "{}",
        run.stdout
    );
}

#[test]
fn suppressions_silence_findings_and_are_counted() {
    let list =
        LIST.replace(
            "https://bare.example/page",
            "<!-- awesome-lint-disable-next-line bare-url -->\nhttps://bare.example/page",
        )
        .replace(
            "## Tools\n\n- [B]",
            "<!--lint ignore no-heading-like-this-->\n## Tools\n\n- [B]",
        ) + "\n<!-- awesome-lint-disable-file empty-category -->\n";
    let dir = repo(&list);
    let run = awesome_lint(dir.path(), OFFLINE_JSON);
    let report = json(&run);
    assert_eq!(rules(&run), ["duplicate-heading", "unused-suppression"]);
    assert_eq!(report["summary"]["suppressed"], 1);
    let human = awesome_lint(dir.path(), &["--offline"]);
    assert!(
        human.stdout.contains("; 1 finding suppressed"),
        "{}",
        human.stdout
    );
    // unused-suppression can be turned off like any rule.
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    assert_eq!(
        rules(&awesome_lint(dir.path(), OFFLINE_JSON)),
        ["duplicate-heading"]
    );
    // ignore-sections applies beyond the structural rules too: the stale disable-file comment
    // stands in the second `Tools` section.
    for (section, expected) in [
        (
            "Elsewhere",
            &["duplicate-heading", "unused-suppression"][..],
        ),
        ("tools", &["duplicate-heading"][..]),
    ] {
        fs::write(
            dir.path().join(".awesome-lint.toml"),
            format!("[rules]\nunused-suppression = {{ ignore-sections = [\"{section}\"] }}\n"),
        )
        .unwrap();
        assert_eq!(
            rules(&awesome_lint(dir.path(), OFFLINE_JSON)),
            expected,
            "{section}"
        );
    }
}

#[test]
fn rule_options_from_the_file_reach_the_rules() {
    let list = "# Awesome\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools\n\n- [A](https://a.example) - A.\n\n## Books\n\n- [B](https://b.example) - B.\n\n## Videos\n";
    let dir = repo(list);
    assert_eq!(
        rules(&awesome_lint(dir.path(), OFFLINE_JSON)),
        ["empty-category", "toc-incomplete"]
    );
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nempty-category = { ignore-sections = [\"videos\"] }\n",
    )
    .unwrap();
    assert_eq!(
        rules(&awesome_lint(dir.path(), OFFLINE_JSON)),
        ["toc-incomplete"],
        "each rule has its own options"
    );
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nempty-category = { ignore-sections = [\"videos\"] }\ntoc-incomplete = { ignore-sections = [\"Videos\"] }\n",
    )
    .unwrap();
    assert!(rules(&awesome_lint(dir.path(), OFFLINE_JSON)).is_empty());
}

#[test]
fn the_readme_is_found_whatever_its_case() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("readme.md"), LIST).unwrap();
    let run = awesome_lint(dir.path(), OFFLINE_JSON);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json(&run)["files"][0]["path"], "readme.md");
    assert!(
        run.stderr.contains("readme.md"),
        "says which file: {}",
        run.stderr
    );

    // A folder as the path: its README.
    let sub = dir.path().join("list");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("Readme.markdown"), LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--offline", "--format", "json", "list"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        json(&run)["files"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("Readme.markdown")
    );

    let empty = tempfile::tempdir().unwrap();
    let run = awesome_lint(empty.path(), &["--offline"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn explain_lists_every_option_with_its_default() {
    let dir = tempfile::tempdir().unwrap();
    let run = awesome_lint(dir.path(), &["explain", "duplicate-link"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("scope (default \"auto\")"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ignore-sections (default [])"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("severity = \"off\" | \"warning\" | \"error\" (default \"warning\")")
    );
    let run = awesome_lint(dir.path(), &["explain", "unused-suppression"]);
    assert_eq!(run.code, 0);
}
