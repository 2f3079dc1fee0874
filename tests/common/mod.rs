//! What the binary's integration tests share: running `awesome-lint` in a folder with none of
//! the caller's environment that would change its output, and the corpus of real lists.
// Each test crate uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

/// What one run of the binary printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Variables of the caller's environment that change the output (color, a token sent to
/// GitHub, GitHub Actions' job summary and links); tests set them explicitly when they need them.
const AMBIENT: &[&str] = &[
    "NO_COLOR",
    "GITHUB_TOKEN",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_SHA",
];

/// Runs the binary in `dir` with `args`.
pub fn awesome_lint(dir: &Path, args: &[&str]) -> Run {
    awesome_lint_env(dir, args, &[])
}

/// Runs the binary in `dir` with `args` and the variables `env` set.
pub fn awesome_lint_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = cargo_bin_cmd!("awesome-lint");
    cmd.current_dir(dir).args(args);
    for name in AMBIENT {
        cmd.env_remove(name);
    }
    cmd.envs(env.iter().copied());
    let output = cmd.output().expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// The lists of `../shared/corpus/`, sorted; `None` (and a line saying that `test` skips) when
/// the folder is absent, as in a user's fresh clone.
pub fn corpus_lists(test: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(read) = std::fs::read_dir(&dir) else {
        eprintln!("skipping {test}: {} not found", dir.display());
        return None;
    };
    let mut files: Vec<_> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    files.sort();
    Some(files)
}
