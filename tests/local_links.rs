//! Relative links checked on disk through the binary: `fixtures/local-links/` is copied into a
//! temporary folder, made a git repository (a `.git` folder is all the root needs), and linted
//! with `--offline`, since none of this needs the network.

mod common;

use std::path::{Path, PathBuf};

use common::awesome_lint;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/local-links")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture in a fresh repository: `(tempdir, repository root)`.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    copy_tree(&fixture(), &root);
    std::fs::create_dir(root.join(".git")).unwrap();
    (dir, root)
}

/// `line: rule` of every finding of the rules this test is about.
fn findings(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| {
            ["missing-file", "missing-scheme", "broken-anchor"]
                .iter()
                .any(|r| l.contains(&format!("[{r}]")))
        })
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let line = parts.nth(1).unwrap();
            let rule = l.split('[').nth(1).unwrap().split(']').next().unwrap();
            format!("{line}: {rule}")
        })
        .collect()
}

#[test]
fn broken_relative_links_are_reported_and_working_ones_are_not() {
    let (_dir, root) = repository();
    let run = awesome_lint(&root, &["--offline", "--format", "compact", "README.md"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // Everything under `## Fine` (lines 5–18) stays silent.
    assert_eq!(
        findings(&run.stdout),
        [
            "22: missing-file",
            "23: broken-anchor",
            "24: missing-file",
            "25: missing-file",
            "26: missing-file",
            "27: missing-scheme",
            "28: missing-scheme",
            "30: missing-file",
            "30: missing-file",
        ],
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn messages_name_the_real_case_the_other_folder_and_the_heading() {
    let (_dir, root) = repository();
    let run = awesome_lint(&root, &["--offline", "README.md"]);
    let out = &run.stdout;
    for expected in [
        "`Contributing.md` does not exist: GitHub's paths are case-sensitive",
        "did you mean `contributing.md`?",
        "link to `docs/setup.md#instal` reaches no heading or anchor in setup.md",
        "did you mean `#install`",
        "did you mean `guides/intro.md`?",
        "`nothing.md` does not exist in the repository",
        "`../LICENSE` leads outside the repository",
        "`www.example.com` has no scheme",
        "did you mean `media/logo.svg`?",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn links_from_a_subfolder_resolve_from_there_and_from_the_root() {
    let (_dir, root) = repository();
    std::fs::write(
        root.join("docs/list.md"),
        "# List\n\n- [Up](../contributing.md) - Fine.\n- [Root](/guides/intro.md) - Fine.\n- [Here](setup.md#install) - Fine.\n- [Wrong](contributing.md) - Not in docs.\n- [Out](../../x.md) - Outside.\n",
    )
    .unwrap();
    let run = awesome_lint(&root, &["--offline", "--format", "compact", "docs/list.md"]);
    assert_eq!(
        findings(&run.stdout),
        ["6: missing-file", "7: missing-file"],
        "{}",
        run.stdout
    );
    let human = awesome_lint(&root, &["--offline", "docs/list.md"]).stdout;
    assert!(
        human.contains("did you mean `../contributing.md`?"),
        "{human}"
    );
}

#[test]
fn outside_a_repository_relative_links_are_left_unchecked_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), dir.path());
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "compact", "README.md"],
    );
    // Only the web addresses without a scheme: they need no repository.
    assert_eq!(
        findings(&run.stdout),
        ["27: missing-scheme", "28: missing-scheme"],
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("is not in a git repository; 18 relative links were not checked on disk"),
        "{}",
        run.stderr
    );
    let quiet = awesome_lint(dir.path(), &["--offline", "--quiet", "README.md"]);
    assert!(
        !quiet.stderr.contains("not in a git repository"),
        "{}",
        quiet.stderr
    );
}

#[test]
fn the_rules_can_be_turned_off_and_suppressed() {
    let (_dir, root) = repository();
    std::fs::write(
        root.join(".awesome-lint.toml"),
        "[rules]\nmissing-file = \"off\"\nmissing-scheme = \"warning\"\n",
    )
    .unwrap();
    let run = awesome_lint(&root, &["--offline", "--format", "compact", "README.md"]);
    let found = findings(&run.stdout);
    assert!(
        found.iter().all(|f| !f.ends_with("missing-file")),
        "{found:?}"
    );
    assert!(
        run.stdout.contains("warning[missing-scheme]"),
        "{}",
        run.stdout
    );

    std::fs::write(
        root.join("list.md"),
        "# List\n\n<!-- awesome-lint-disable-next-line missing-file -->\n- [Gone](gone.md) - Silenced.\n- [Also](also-gone.md) - Reported.\n",
    )
    .unwrap();
    std::fs::remove_file(root.join(".awesome-lint.toml")).unwrap();
    let run = awesome_lint(&root, &["--offline", "--format", "compact", "list.md"]);
    assert_eq!(findings(&run.stdout), ["5: missing-file"], "{}", run.stdout);
    assert!(!run.stdout.contains("unused-suppression"), "{}", run.stdout);
}

#[test]
fn fix_adds_the_scheme() {
    let (_dir, root) = repository();
    let run = awesome_lint(&root, &["--offline", "--fix", "README.md"]);
    assert_eq!(run.code, 1, "the missing files are left: {}", run.stdout);
    let fixed = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(fixed.contains("[Site](https://www.example.com)"), "{fixed}");
    assert!(
        fixed.contains("[Slides](https://example.org/talk.pptx)"),
        "{fixed}"
    );
    assert!(fixed.contains("[Example](example.net)"), "{fixed}");
}

#[test]
fn lone_copies_of_real_lists_give_no_missing_file() {
    let Some(files) = common::corpus_lists("local links over the corpus") else {
        return;
    };
    let mut schemes = Vec::new();
    for path in files {
        let place = awesome_lint::local_links::Place::of(&path).unwrap();
        assert_eq!(place.root, None, "{} is a lone copy", path.display());
        let doc = awesome_lint::document::Document::parse(std::fs::read_to_string(&path).unwrap());
        for d in awesome_lint::local_links::check(&doc, &place) {
            assert_eq!(
                d.rule,
                "missing-scheme",
                "{}: {}",
                path.display(),
                d.message
            );
            schemes.push(d.message);
        }
    }
    // Both real: a course's slides and an author's home page written without `https://`.
    assert_eq!(schemes.len(), 2, "{schemes:#?}");
    assert!(
        schemes
            .iter()
            .any(|m| m.contains("www.liyiwei.org/courses"))
    );
    assert!(schemes.iter().any(|m| m.contains("www.jiabinhuang.com")));
}
