//! Pull-request mode (`--changed-since REF`) through the binary, on real git repositories
//! created in temp folders: commits, branches, a merge base behind the tip, renames, CRLF,
//! staged and untracked files, shallow clones.
//!
//! git runs with no global or system config and fixed identities, so the machine's config
//! (default branch, autocrlf, diff prefixes, signing) cannot change the outcome.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;

/// The environment of every git and awesome-lint process of these tests.
fn isolate(command: &mut Command, home: &Path) {
    command
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("HOME", home)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z")
        // A hook or an outer repository must not redirect git elsewhere.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_COMMON_DIR")
        .env(
            "GIT_CEILING_DIRECTORIES",
            home.parent().unwrap_or(Path::new("/")),
        )
        .env_remove("NO_COLOR");
}

/// A repository in a temp folder, on branch `main`.
struct Repo {
    _tmp: tempfile::TempDir,
    /// The work tree.
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("repo");
        std::fs::create_dir(&dir).unwrap();
        let repo = Repo { _tmp: tmp, dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A folder next to the repository that is in no repository.
    fn outside(&self) -> PathBuf {
        let dir = self._tmp.path().join("outside");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(&self.dir, self._tmp.path(), args)
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }

    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn lint(&self, args: &[&str]) -> Run {
        lint_in(&self.dir, self._tmp.path(), args)
    }
}

fn git_in(dir: &Path, home: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args);
    isolate(&mut command, home);
    let output = command.output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lint_in(dir: &Path, home: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(cargo_bin!("awesome-lint"));
    command.current_dir(dir).args(args);
    isolate(&mut command, home);
    let output = command.output().expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// `(rule, line)` of every finding of the first file, in order.
fn findings(run: &Run) -> Vec<(String, u64)> {
    let out: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    out["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn found(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|&(r, l)| (r.to_string(), l)).collect()
}

const OFFLINE_JSON: &[&str] = &["--offline", "--format", "json"];

fn pr_args<'a>(since: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["--changed-since", since];
    args.extend_from_slice(OFFLINE_JSON);
    args.extend_from_slice(extra);
    args
}

/// The list on `main`: a bare URL on line 8, already there before any change.
const BASE: &str = "# Awesome Things\n\
\n\
A list of things.\n\
\n\
## Tools\n\
\n\
- [Alpha](https://alpha.example/) - A tool.\n\
- Old tool at https://old.example/x for now.\n\
- [Beta](https://beta.example/) - Another tool.\n\
\n\
## Libraries\n\
\n\
- [Gamma](https://gamma.example/) - A library.\n";

/// `BASE` with an entry with a bare URL (line 10) and a second `Tools` section (lines 15–17).
const FEATURE: &str = "# Awesome Things\n\
\n\
A list of things.\n\
\n\
## Tools\n\
\n\
- [Alpha](https://alpha.example/) - A tool.\n\
- Old tool at https://old.example/x for now.\n\
- [Beta](https://beta.example/) - Another tool.\n\
- New tool at https://new.example/y today.\n\
\n\
## Libraries\n\
\n\
- [Gamma](https://gamma.example/) - A library.\n\
\n\
## Tools\n\
\n\
- [Delta](https://delta.example/) - More tools.\n";

/// A repository whose `main` holds `BASE`, checked out on `feature` (one commit: `FEATURE`).
fn feature_branch() -> Repo {
    let repo = Repo::new();
    repo.write("README.md", BASE);
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("README.md", FEATURE);
    repo.commit_all("add entries");
    repo
}

#[test]
fn only_the_findings_of_the_changed_lines_are_reported() {
    let repo = feature_branch();
    let full = repo.lint(OFFLINE_JSON);
    assert_eq!(
        findings(&full),
        found(&[("bare-url", 8), ("bare-url", 10), ("duplicate-heading", 16)]),
        "{}",
        full.stdout
    );
    let pr = repo.lint(&pr_args("main", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("bare-url", 10), ("duplicate-heading", 16)]),
        "the old bare URL on line 8 is not the change's: {}",
        pr.stdout
    );
    assert_eq!(pr.code, 1, "duplicate-heading is an error: {}", pr.stderr);
    assert_eq!(pr.stderr, "");

    // A change that touches nothing with a finding reports nothing, and exits 0.
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "typo"]);
    repo.write(
        "README.md",
        &BASE.replace("A list of things.", "A list of good things."),
    );
    repo.commit_all("typo");
    let clean = repo.lint(&pr_args("main", &[]));
    assert_eq!(findings(&clean), found(&[]), "{}", clean.stdout);
    assert_eq!(clean.code, 0);
}

#[test]
fn the_human_report_is_filtered_too() {
    let repo = feature_branch();
    let run = repo.lint(&["--changed-since", "main", "--offline", "--color", "never"]);
    assert!(run.stdout.contains("[README.md:10:"), "{}", run.stdout);
    assert!(run.stdout.contains("[README.md:16:"), "{}", run.stdout);
    assert!(!run.stdout.contains("[README.md:8:"), "{}", run.stdout);
}

#[test]
fn an_untracked_readme_is_changed_everywhere() {
    let repo = Repo::new();
    repo.write("other.md", "# Other\n");
    repo.commit_all("other");
    repo.write("README.md", FEATURE);
    let full = findings(&repo.lint(OFFLINE_JSON));
    assert_eq!(full.len(), 3);
    let pr = repo.lint(&pr_args("HEAD", &[]));
    assert_eq!(findings(&pr), full, "{}", pr.stderr);
}

#[test]
fn staged_and_unstaged_changes_count() {
    let repo = Repo::new();
    repo.write("README.md", BASE);
    repo.commit_all("base");
    // Staged: the new entry; then, unstaged on top, the second Tools section.
    let staged = FEATURE
        .split("\n## Tools\n\n- [Delta]")
        .next()
        .unwrap()
        .to_string();
    repo.write("README.md", &staged);
    repo.git(&["add", "README.md"]);
    let only_staged = repo.lint(&pr_args("HEAD", &[]));
    assert_eq!(
        findings(&only_staged),
        found(&[("bare-url", 10)]),
        "{}",
        only_staged.stdout
    );
    repo.write("README.md", FEATURE);
    let both = repo.lint(&pr_args("HEAD", &[]));
    assert_eq!(
        findings(&both),
        found(&[("bare-url", 10), ("duplicate-heading", 16)]),
        "{}",
        both.stdout
    );
}

#[test]
fn the_merge_base_not_the_tip_of_ref_is_the_base() {
    let repo = feature_branch();
    // `main` moves on after the branch: it fixes the old bare URL of line 8. Compared with the
    // tip of `main`, the feature branch would seem to have changed line 8.
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        "README.md",
        &BASE.replace(
            "- Old tool at https://old.example/x for now.",
            "- [Old](https://old.example/x) - For now.",
        ),
    );
    repo.commit_all("fix on main");
    repo.git(&["checkout", "-q", "feature"]);
    let base = repo.git(&["merge-base", "main", "HEAD"]);
    let tip = repo.git(&["rev-parse", "main"]);
    assert_ne!(base, tip, "the merge base is behind main's tip");
    let pr = repo.lint(&pr_args("main", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("bare-url", 10), ("duplicate-heading", 16)]),
        "{}",
        pr.stdout
    );
}

#[test]
fn a_renamed_readme_is_compared_with_its_old_path() {
    let repo = Repo::new();
    repo.write("docs/list.md", BASE);
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "rename"]);
    repo.git(&["mv", "docs/list.md", "docs/README.md"]);
    repo.write(
        "docs/README.md",
        &BASE.replace(
            "- [Beta](https://beta.example/) - Another tool.\n",
            "- [Beta](https://beta.example/) - Another tool.\n- New tool at https://new.example/y today.\n",
        ),
    );
    repo.commit_all("rename and add");
    // From the top of the repository, and from inside the folder.
    for (dir, path) in [
        (repo.dir.clone(), "docs/README.md"),
        (repo.dir.join("docs"), "."),
    ] {
        let pr = lint_in(&dir, repo._tmp.path(), &pr_args("main", &[path]));
        assert_eq!(
            findings(&pr),
            found(&[("bare-url", 10)]),
            "{path}: {}{}",
            pr.stdout,
            pr.stderr
        );
    }
}

#[test]
fn a_crlf_file_counts_lines_like_git() {
    let repo = Repo::new();
    repo.write("README.md", &BASE.replace('\n', "\r\n"));
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("README.md", &FEATURE.replace('\n', "\r\n"));
    repo.commit_all("add");
    let pr = repo.lint(&pr_args("main", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("bare-url", 10), ("duplicate-heading", 16)]),
        "{}{}",
        pr.stdout,
        pr.stderr
    );
}

/// One line on stderr, exit 2, nothing on stdout.
fn assert_one_line_error(run: &Run, expected: &[&str]) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    for word in expected {
        assert!(run.stderr.contains(word), "{word}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_ref_is_one_line_that_says_to_fetch_it() {
    let repo = feature_branch();
    let run = repo.lint(&pr_args("origin/main", &[]));
    assert_one_line_error(
        &run,
        &[
            "README.md: `origin/main` is not in this clone",
            "`git fetch origin main`",
            "fetch-depth: 0",
        ],
    );
    let run = repo.lint(&pr_args("no-such-branch", &[]));
    assert_one_line_error(&run, &["`git fetch origin no-such-branch`"]);
    // A ref that looks like an option is never passed to git as one.
    let run = repo.lint(&["--changed-since=--output=x", "--offline"]);
    assert_one_line_error(&run, &["`--output=x` is not in this clone"]);
    assert!(!repo.dir.join("x").exists());
}

#[test]
fn a_shallow_clone_needs_the_ref_and_the_history() {
    let upstream = feature_branch();
    // main moves on, so that the fork point is more than one commit below both tips.
    upstream.git(&["checkout", "-q", "main"]);
    upstream.write("NOTES.md", "# Notes\n");
    upstream.commit_all("notes");
    let home = upstream._tmp.path();
    let url = format!("file://{}", upstream.dir.display());
    git_in(
        home,
        home,
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "clone",
        ],
    );
    let clone = home.join("clone");
    // Only `origin/feature` was fetched.
    let run = lint_in(&clone, home, &pr_args("origin/main", &[]));
    assert_one_line_error(
        &run,
        &[
            "`origin/main` is not in this clone",
            "`git fetch origin main`",
        ],
    );
    // Fetched, but without the history down to the fork point.
    git_in(
        &clone,
        home,
        &[
            "fetch",
            "-q",
            "--depth",
            "1",
            "origin",
            "main:refs/remotes/origin/main",
        ],
    );
    let run = lint_in(&clone, home, &pr_args("origin/main", &[]));
    assert_one_line_error(&run, &["share no history", "fetch-depth: 0"]);
    // The whole history: it works.
    git_in(&clone, home, &["fetch", "-q", "--unshallow", "origin"]);
    let run = lint_in(&clone, home, &pr_args("origin/main", &[]));
    assert_eq!(
        findings(&run),
        found(&[("bare-url", 10), ("duplicate-heading", 16)]),
        "{}",
        run.stderr
    );
}

#[test]
fn not_a_repository_is_one_line() {
    let repo = Repo::new();
    let outside = repo.outside();
    std::fs::write(outside.join("README.md"), BASE).unwrap();
    let run = lint_in(&outside, repo._tmp.path(), &pr_args("main", &[]));
    assert_one_line_error(&run, &["README.md: not in a git repository"]);
    // Without the flag, git plays no part.
    let run = lint_in(&outside, repo._tmp.path(), OFFLINE_JSON);
    assert_eq!(findings(&run), found(&[("bare-url", 8)]));
}

/// Sections `A` and `B` list the same ten papers on purpose (lines 5–14 and 18–27), `B`
/// in its own order (in the same order it would be a section pasted twice); section `C`
/// (from line 29) lists one more.
fn cross_listed_list() -> String {
    let mut md = String::from("# Awesome Papers\n\n## A\n\n");
    for i in 0..10 {
        md.push_str(&format!(
            "- [Paper {i}](https://papers.example/{i}) - On A.\n"
        ));
    }
    md.push_str("\n## B\n\n");
    for i in (0..10).rev() {
        md.push_str(&format!(
            "- [Paper {i}](https://papers.example/{i}) - Also B.\n"
        ));
    }
    md.push_str("\n## C\n\n- [Other](https://other.example/) - On C.\n");
    md
}

fn messages(run: &Run) -> Vec<String> {
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    out["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_added_entry_repeating_a_cross_listed_link_is_reported_in_pr_mode_only() {
    let repo = Repo::new();
    let base = cross_listed_list();
    repo.write("README.md", &base);
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    let added = format!("{base}- [Paper 3, again](https://papers.example/3) - New.\n");
    repo.write("README.md", &added);
    repo.commit_all("add");
    let full = repo.lint(OFFLINE_JSON);
    assert_eq!(
        findings(&full),
        found(&[]),
        "cross-listing on purpose: {}",
        full.stdout
    );
    let pr = repo.lint(&pr_args("main", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("duplicate-link", 32)]),
        "{}",
        pr.stdout
    );
    assert_eq!(
        messages(&pr),
        ["`https://papers.example/3` is already listed on line 8 (under `A`)"]
    );
}

#[test]
fn an_added_entry_before_the_existing_one_is_reported_on_itself() {
    let repo = Repo::new();
    let base = cross_listed_list();
    repo.write("README.md", &base);
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    // Added at the top of section A: the entry it repeats (in C) stands after it.
    let added = base.replace(
        "## A\n\n",
        "## A\n\n- [Other, again](https://other.example/) - New.\n",
    );
    repo.write("README.md", &added);
    repo.commit_all("add");
    let full = repo.lint(OFFLINE_JSON);
    assert_eq!(
        findings(&full),
        found(&[]),
        "without PR mode the later (existing) entry would be the one, and it is cross-listed: {}",
        full.stdout
    );
    let pr = repo.lint(&pr_args("main", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("duplicate-link", 5)]),
        "{}",
        pr.stdout
    );
    assert_eq!(
        messages(&pr),
        ["`https://other.example/` is already listed on line 32 (under `C`)"]
    );

    // In a list that does not cross-list, the existing later entry has its own finding in a
    // full run; in PR mode only the added entry's is reported.
    let plain = Repo::new();
    let base = "# Awesome\n\n## A\n\n- [X](https://x.example/) - One.\n\n## B\n\n- [Y](https://y.example/) - Two.\n";
    plain.write("README.md", base);
    plain.commit_all("base");
    plain.write(
        "README.md",
        &base.replace(
            "## A\n\n",
            "## A\n\n- [Y first](https://y.example/) - New.\n",
        ),
    );
    assert_eq!(
        findings(&plain.lint(OFFLINE_JSON)),
        found(&[("duplicate-link", 10)])
    );
    let pr = plain.lint(&pr_args("HEAD", &[]));
    assert_eq!(
        findings(&pr),
        found(&[("duplicate-link", 5)]),
        "{}",
        pr.stdout
    );
    assert_eq!(
        messages(&pr),
        ["`https://y.example/` is already listed on line 10 (under `B`)"]
    );
}

#[test]
fn only_links_on_changed_lines_are_requested() {
    // Loopback addresses are refused before any connection: a link that went to the checker
    // says so in its detail, with no network involved.
    let repo = Repo::new();
    let base = "# Awesome\n\n## Tools\n\n- [Old](http://127.0.0.1:9/old) - Old.\n";
    repo.write("README.md", base);
    repo.commit_all("base");
    repo.write(
        "README.md",
        &format!("{base}- [New](http://127.0.0.1:9/new) - New.\n"),
    );
    let run = repo.lint(&["--changed-since", "HEAD", "--format", "json"]);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let links: Vec<(&str, u64, &str)> = out["files"][0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["url"].as_str().unwrap(),
                l["line"].as_u64().unwrap(),
                l["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [(
            "http://127.0.0.1:9/new",
            6,
            "private address 127.0.0.1 refused"
        )],
        "{}",
        run.stdout
    );
    assert_eq!(out["summary"]["links"]["total"], 1, "{}", run.stdout);

    // Without the flag, both are checked.
    let run = repo.lint(&["--format", "json"]);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(out["summary"]["links"]["total"], 2, "{}", run.stdout);
}
