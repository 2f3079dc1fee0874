//! The pre-commit hooks (`.pre-commit-hooks.yaml`) through the real `pre-commit`, as a user's
//! repository runs them: `pre-commit try-repo <this checkout> awesome-lint --files …` in a
//! throwaway git repository. pre-commit builds the hook with `cargo install --path .` from this
//! checkout at HEAD plus its staged and modified tracked files (a new file must be `git add`ed
//! to be seen; an untracked one is not).
//!
//! Needs `pre-commit` (PyPI) on PATH or at `$AWESOME_LINT_PRE_COMMIT`; without it the tests say
//! so on stderr and return. `.ci/run` installs it, so CI always runs them.
//!
//! try-repo keeps its pre-commit store in a temporary folder, so every run builds the hook again
//! (`PRE_COMMIT_HOME` only keeps pre-commit's log out of the user's cache). So that this takes
//! seconds, not minutes: `CARGO_TARGET_DIR` points that build at a folder under `target/` that
//! outlives the run, so only the first run compiles the dependencies (a few minutes on 2 cores)
//! and later ones recompile this crate only, incrementally; and the release profile is built at
//! opt-level 0 — what the hook prints and returns does not depend on optimization, and an
//! optimized build of this crate alone takes minutes on every run.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Human output lists this rule and its message for the second `## Editors`.
const DUPLICATE_HEADING: &str = "# Awesome Tools\n\n\
A curated list of tools.\n\n\
## Editors\n\n\
- [Alpha](https://alpha.example/) - A fast editor.\n\n\
## Editors\n\n\
- [Beta](https://beta.example/) - A small editor.\n";

const CLEAN_LIST: &str = "# Awesome Tools\n\n\
A curated list of tools.\n\n\
## Editors\n\n\
- [Alpha](https://alpha.example/) - A fast editor.\n\
- [Beta](https://beta.example/) - A small editor.\n";

/// Not a list at all: the same duplicate heading, in a file the hook's `files` pattern leaves out.
const CONTRIBUTING: &str = "# Contributing\n\n## Rules\n\nBe kind.\n\n## Rules\n\nBe brief.\n";

/// `$AWESOME_LINT_PRE_COMMIT` if set (it must exist), else `pre-commit` on PATH.
fn pre_commit() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("AWESOME_LINT_PRE_COMMIT").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "AWESOME_LINT_PRE_COMMIT={} is not a file; unset it or point it at pre-commit",
            path.display()
        );
        return Some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("pre-commit"))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Where pre-commit and the hook's cargo build keep what outlives one test run.
fn cache(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// The environment every subprocess gets: no user or system git config, a fixed identity (the
/// shadow repository try-repo commits uncommitted changes to needs one), the caches and a quick
/// build (see the top of the file), and the
/// cargo running these tests first on PATH, so pre-commit uses that toolchain ("system") and never
/// downloads rustup.
fn command(program: &Path, cwd: &Path) -> Command {
    let mut command = Command::new(program);
    let cargo_dir = Path::new(env!("CARGO"))
        .parent()
        .expect("cargo is in a folder");
    let mut path = vec![cargo_dir.to_path_buf()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    command
        .current_dir(cwd)
        .env(
            "PATH",
            std::env::join_paths(path).expect("PATH entries join"),
        )
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "awesome-lint tests")
        .env("GIT_AUTHOR_EMAIL", "tests@awesome-lint.invalid")
        .env("GIT_COMMITTER_NAME", "awesome-lint tests")
        .env("GIT_COMMITTER_EMAIL", "tests@awesome-lint.invalid")
        .env("PRE_COMMIT_HOME", cache("pre-commit-home"))
        .env("CARGO_TARGET_DIR", cache("pre-commit-cargo-target"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        // The shipped profile's LTO and single codegen unit cost minutes and change nothing
        // the hook prints.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_STRIP", "false")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    command
}

fn git(dir: &Path, args: &[&str]) {
    let output = command(Path::new("git"), dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

struct Run {
    code: i32,
    /// stdout then stderr: pre-commit prints the hook's output on stdout, its own errors on stderr.
    output: String,
}

/// A git repository holding `files`, all staged, and `pre-commit try-repo` of this checkout's
/// `awesome-lint` hook run in it on `args` (after `--files`).
fn try_repo(pre_commit: &Path, files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "--quiet"]);
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        git(dir.path(), &["add", name]);
    }
    let mut try_args: Vec<OsString> = vec![
        "try-repo".into(),
        env!("CARGO_MANIFEST_DIR").into(),
        "awesome-lint".into(),
        "--verbose".into(),
        "--files".into(),
    ];
    try_args.extend(args.iter().map(OsString::from));
    let output = command(pre_commit, dir.path())
        .args(&try_args)
        .output()
        .expect("pre-commit runs");
    let run = Run {
        code: output.status.code().expect("pre-commit exited, not killed"),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    };
    // Anything but 0 or 1 is pre-commit failing to set the hook up (manifest, build), not a lint.
    assert!(
        run.code == 0 || run.code == 1,
        "pre-commit try-repo exited with {}; try-repo builds this checkout at HEAD plus staged and \
         modified tracked files, so `git add` any new file it needs:\n{}",
        run.code,
        run.output
    );
    run
}

/// The line pre-commit prints for the hook, e.g. `awesome-lint....Failed`.
fn status_line(run: &Run) -> &str {
    run.output
        .lines()
        .find(|line| line.starts_with("awesome-lint.") || line.starts_with("awesome-lint "))
        .unwrap_or_else(|| panic!("no status line for the hook in:\n{}", run.output))
}

macro_rules! require_pre_commit {
    () => {
        match pre_commit() {
            Some(path) => path,
            None => {
                eprintln!(
                    "SKIPPED: `pre-commit` is not on PATH and AWESOME_LINT_PRE_COMMIT is not set; \
                     install it (`pip install pre-commit`) to run the pre-commit hook tests"
                );
                return;
            }
        }
    };
}

#[test]
fn hook_fails_on_a_duplicate_heading_with_our_message() {
    let pre_commit = require_pre_commit!();
    let run = try_repo(
        &pre_commit,
        &[("README.md", DUPLICATE_HEADING)],
        &["README.md"],
    );
    assert_eq!(run.code, 1, "{}", run.output);
    assert!(status_line(&run).ends_with("Failed"), "{}", run.output);
    assert!(run.output.contains("- exit code: 1"), "{}", run.output);
    for expected in [
        "duplicate-heading",
        "heading `Editors` repeats the heading on line 5",
        "README.md",
    ] {
        assert!(
            run.output.contains(expected),
            "`{expected}` not in:\n{}",
            run.output
        );
    }
}

#[test]
fn hook_passes_a_clean_readme_and_leaves_other_markdown_alone() {
    let pre_commit = require_pre_commit!();
    // CONTRIBUTING.md would fail `duplicate-heading`; the hook's `files` pattern keeps it out,
    // and takes `docs/readme.md` in whatever its case and folder.
    let run = try_repo(
        &pre_commit,
        &[
            ("README.md", CLEAN_LIST),
            ("docs/readme.md", CLEAN_LIST),
            ("CONTRIBUTING.md", CONTRIBUTING),
        ],
        &["README.md", "docs/readme.md", "CONTRIBUTING.md"],
    );
    assert_eq!(run.code, 0, "{}", run.output);
    assert!(status_line(&run).ends_with("Passed"), "{}", run.output);
    assert!(!run.output.contains("duplicate-heading"), "{}", run.output);
    assert!(!run.output.contains("CONTRIBUTING.md"), "{}", run.output);
}
