//! The `awesome` preset through the binary: the flag, the config key, turning one rule off,
//! the files beside the README, and remark's suppression comments.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

/// Lints offline in compact format (one finding per line) with `args`.
fn awesome_lint(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["--offline", "--format", "compact"];
    all.extend_from_slice(args);
    common::awesome_lint(dir, &all)
}

/// Rule ids in compact output, in order.
fn rules(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect()
}

const LIST: &str =
    "# Awesome Widgets\n\n## Widgets\n\n- [Knob](https://knob.example) - knobs for Github.\n";

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// A git repository on GitHub with a licence, holding `readme`.
fn repo(readme: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    git(
        dir.path(),
        &[
            "remote",
            "add",
            "origin",
            "https://github.com/w/awesome-widgets.git",
        ],
    );
    fs::write(dir.path().join("LICENSE"), "CC0-1.0\n").unwrap();
    fs::write(dir.path().join("README.md"), readme).unwrap();
    dir
}

#[test]
fn the_default_preset_runs_no_awesome_rule() {
    let dir = repo(LIST);
    assert_eq!(
        rules(&awesome_lint(dir.path(), &[]).stdout),
        Vec::<String>::new()
    );
}

#[test]
fn the_flag_turns_the_awesome_rules_on() {
    let dir = repo(LIST);
    let run = awesome_lint(dir.path(), &["--preset", "awesome"]);
    assert_eq!(
        rules(&run.stdout),
        [
            "awesome-badge",
            "awesome-contributing",
            "awesome-list-item",
            "awesome-spell-check"
        ],
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("git repository"), "{}", run.stderr);
}

#[test]
fn the_config_selects_the_preset_and_turns_rules_off_one_by_one() {
    let dir = repo(LIST);
    fs::write(dir.path().join("contributing.md"), "Open a pull request.\n").unwrap();
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "preset = \"awesome\"\n[rules]\nawesome-badge = \"off\"\n",
    )
    .unwrap();
    let run = awesome_lint(dir.path(), &[]);
    assert_eq!(
        rules(&run.stdout),
        ["awesome-list-item", "awesome-spell-check"],
        "{}",
        run.stdout
    );
    // The flag wins over the file.
    let run = awesome_lint(dir.path(), &["--preset", "default"]);
    assert!(rules(&run.stdout).is_empty(), "{}", run.stdout);
}

#[test]
fn one_awesome_rule_runs_alone_when_the_config_names_it() {
    let dir = repo(LIST);
    fs::write(
        dir.path().join(".awesome-lint.toml"),
        "[rules]\nawesome-spell-check = { severity = \"error\", terms = [\"Knobster | knobs\"] }\n",
    )
    .unwrap();
    let run = awesome_lint(dir.path(), &[]);
    assert_eq!(
        run.stdout
            .lines()
            .map(|l| l.split_once(' ').unwrap().1)
            .collect::<Vec<_>>(),
        [
            "error[awesome-spell-check] `knobs` should be written `Knobster`",
            "error[awesome-spell-check] `Github` should be written `GitHub`"
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn outside_a_repository_the_file_checks_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--preset", "awesome"]);
    assert!(!rules(&run.stdout).contains(&"awesome-contributing".to_string()));
    assert!(
        run.stderr.contains(
            "is not in a git repository; awesome-contributing, awesome-code-of-conduct, awesome-github skipped"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn remark_suppressions_keep_working() {
    let readme = "# Awesome Widgets\n\n## Widgets\n\n<!--lint ignore awesome-list-item awesome-spell-check-->\n- [Knob](https://knob.example) - knobs for Github.\n";
    let dir = repo(readme);
    fs::write(dir.path().join("contributing.md"), "Yes.\n").unwrap();
    let run = awesome_lint(dir.path(), &["--preset", "awesome"]);
    assert_eq!(rules(&run.stdout), ["awesome-badge"], "{}", run.stdout);
}

#[test]
fn the_git_remote_and_the_licence_file_are_read() {
    let dir = repo(LIST);
    fs::write(dir.path().join("contributing.md"), "Yes.\n").unwrap();
    let only = ["--preset", "awesome"];
    let github = |dir: &Path| -> Vec<String> {
        awesome_lint(dir, &only)
            .stdout
            .lines()
            .filter(|l| l.contains("[awesome-github]"))
            .map(|l| l.split_once("] ").unwrap().1.to_string())
            .collect()
    };
    assert!(github(dir.path()).is_empty());
    git(
        dir.path(),
        &["remote", "set-url", "origin", "https://gitlab.com/w/a.git"],
    );
    fs::remove_file(dir.path().join("LICENSE")).unwrap();
    assert_eq!(
        github(dir.path()),
        [
            "the repository's remote `https://gitlab.com/w/a.git` is not on GitHub",
            "no licence file at the repository root"
        ]
    );
    git(dir.path(), &["remote", "remove", "origin"]);
    fs::write(dir.path().join("licence.md"), "MIT\n").unwrap();
    assert_eq!(
        github(dir.path()),
        ["the repository has no git remote, so it is not known to be on GitHub"]
    );
}

#[test]
fn a_repository_git_cannot_read_is_noted_not_judged() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("LICENSE"), "CC0-1.0\n").unwrap();
    fs::write(dir.path().join("README.md"), LIST).unwrap();
    let run = awesome_lint(dir.path(), &["--preset", "awesome"]);
    assert!(
        !rules(&run.stdout).contains(&"awesome-github".to_string()),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("the git remote could not be read (")
            && run
                .stderr
                .contains("awesome-github judged only the licence file"),
        "{}",
        run.stderr
    );
}

/// The `awesome` preset's per-rule counts on the four lists docs/CORPUS.md compares with
/// sindresorhus/awesome-lint, offline and without the files beside them: a change in any of
/// them means the side-by-side table needs re-running.
#[test]
fn the_compared_corpus_lists_keep_their_counts() {
    use std::collections::BTreeMap;
    use std::fmt::Write;

    use awesome_lint::document::Document;
    use awesome_lint::rules::{Preset, RuleSettings, check_with};

    let Some(files) = common::corpus_lists("awesome preset corpus test") else {
        return;
    };
    let compared = [
        "akullpp__awesome-java",
        "avelino__awesome-go",
        "sindresorhus__awesome-nodejs",
        "sindresorhus__awesome",
    ];
    let mut settings = RuleSettings::default();
    settings.set_preset(Preset::Awesome);
    let mut table = String::new();
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !compared.contains(&stem.as_str()) {
            continue;
        }
        let doc = Document::parse(fs::read_to_string(&path).unwrap());
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in check_with(&doc, &settings) {
            *counts.entry(d.rule).or_default() += 1;
        }
        writeln!(table, "{stem}: {counts:?}").unwrap();
    }
    insta::assert_snapshot!("awesome_corpus_counts", table);
}
