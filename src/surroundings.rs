//! The files beside a linted README that the awesome guidelines ask for: a contributing guide,
//! if there is one a code of conduct, a licence file at the repository root, and the
//! repository's git remote. Read once per file by `run` and handed to the rules as plain data
//! (`RuleOptions::surroundings`), so that rules and the document do no file or git I/O.
//!
//! They are only looked for when the README lies in a git repository: outside one there is
//! no project to judge (a README being drafted, a copy), and the rules stay silent instead of
//! guessing; `run` says so in a note.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A file found beside the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// As shown in messages: relative to the README's folder, with `/`.
    pub name: String,
    /// Its text (invalid UTF-8 replaced).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// The root of the git repository holding the README; `None`: not in one, and nothing
    /// below was looked for.
    pub repository: Option<PathBuf>,
    /// `contributing.md` (any case) in the README's folder, its `.github/` or `docs/`, or
    /// the same places at the repository root.
    pub contributing: Option<FoundFile>,
    /// `code-of-conduct.md` or `code_of_conduct.md` (any case), in the same places.
    pub code_of_conduct: Option<FoundFile>,
    /// The name of a licence file at the repository root (`LICENSE`, `LICENCE`, `COPYING`,
    /// `UNLICENSE`, any case, with or without an extension or suffix such as `-MIT`): where
    /// GitHub detects a repository's licence.
    pub license: Option<String>,
    /// The remote the repository pushes to.
    pub remote: GitRemote,
}

/// The git remote of the README's repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum GitRemote {
    /// Not asked (no repository, or no rule that needs it).
    #[default]
    NotRead,
    /// git answered: the repository has no such remote.
    Missing,
    /// The push URL of the current branch's remote (else of `origin`, or the
    /// `clone.defaultRemoteName`).
    Url(String),
    /// git could not tell (not installed, not a repository it can read): one line why.
    Unreadable(String),
}

impl Surroundings {
    /// What lies beside `readme` (a path to the linted file); its repository's git remote too
    /// when `remote` is set.
    pub fn read(readme: &Path, remote: bool) -> Surroundings {
        let Ok(readme) = crate::input::absolute(readme) else {
            return Surroundings::default();
        };
        let Some(dir) = readme.parent() else {
            return Surroundings::default();
        };
        let Some(root) = crate::input::repository_root(dir) else {
            return Surroundings::default();
        };
        let mut found = Surroundings::beside(dir, root);
        if remote {
            found.remote = git_remote(root);
        }
        found
    }

    /// What lies in `dir` (the README's folder) and at `root` (its repository's root).
    pub fn beside(dir: &Path, root: &Path) -> Surroundings {
        let mut places = vec![dir.to_path_buf(), dir.join(".github"), dir.join("docs")];
        if root != dir {
            places.extend([root.to_path_buf(), root.join(".github"), root.join("docs")]);
        }
        let find = |names: &[&str]| {
            places.iter().find_map(|place| {
                let entries = std::fs::read_dir(place).ok()?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| names.iter().any(|w| n.eq_ignore_ascii_case(w)))
                    })
                    .collect();
                found.sort();
                let path = found.into_iter().next()?;
                let bytes = std::fs::read(&path).ok()?;
                Some(FoundFile {
                    name: shown(dir, &path),
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                })
            })
        };
        Surroundings {
            repository: Some(root.to_path_buf()),
            contributing: find(&["contributing.md"]),
            code_of_conduct: find(&["code-of-conduct.md", "code_of_conduct.md"]),
            license: license_file(root),
            remote: GitRemote::NotRead,
        }
    }
}

/// The first licence file at `root`, by name.
fn license_file(root: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            ["license", "licence", "copying", "unlicense"]
                .iter()
                .any(|stem| {
                    lower
                        .strip_prefix(stem)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-', '_']))
                })
        })
        .collect();
    names.sort();
    names.into_iter().next()
}

/// The remote the repository at `root` pushes to, as git itself picks it: the current
/// branch's remote, else `clone.defaultRemoteName`, else `origin`.
pub fn git_remote(root: &Path) -> GitRemote {
    let git = |args: &[&str]| -> Result<(bool, String), String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("LC_ALL", "C")
            // The README's repository, not one that a hook or an outer folder names.
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("GIT_CEILING_DIRECTORIES", root.parent().unwrap_or(root))
            .output()
            .map_err(|e| format!("git could not be run: {e}"))?;
        let text = if out.status.success() {
            &out.stdout
        } else {
            &out.stderr
        };
        Ok((
            out.status.success(),
            String::from_utf8_lossy(text).trim().to_string(),
        ))
    };
    let step = || -> Result<GitRemote, String> {
        let (ok, err) = git(&["rev-parse", "--git-dir"])?;
        if !ok {
            return Err(err.lines().next().unwrap_or("git failed").to_string());
        }
        let (on_branch, branch) = git(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
        let configured = if on_branch {
            let (ok, name) = git(&["config", "--get", &format!("branch.{branch}.remote")])?;
            ok.then_some(name)
        } else {
            None
        };
        let name = match configured {
            Some(name) => name,
            None => match git(&["config", "--get", "clone.defaultRemoteName"])? {
                (true, name) => name,
                _ => "origin".to_string(),
            },
        };
        let (ok, remotes) = git(&["remote"])?;
        if !ok {
            return Err(remotes.lines().next().unwrap_or("git failed").to_string());
        }
        if !remotes.lines().any(|r| r == name) {
            return Ok(GitRemote::Missing);
        }
        match git(&["remote", "get-url", "--push", &name])? {
            (true, url) => Ok(GitRemote::Url(url)),
            (false, err) => Err(err.lines().next().unwrap_or("git failed").to_string()),
        }
    };
    step().unwrap_or_else(GitRemote::Unreadable)
}

/// `path` relative to `dir` when below it, else as it is.
fn shown(dir: &Path, path: &Path) -> String {
    match path.strip_prefix(dir) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_repository_nothing_is_looked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("contributing.md"), "x").unwrap();
        let s = Surroundings::read(&dir.path().join("README.md"), true);
        assert_eq!(s, Surroundings::default());
    }

    #[test]
    fn finds_files_in_any_case_beside_the_readme_or_in_dot_github() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join(".github")).unwrap();
        std::fs::write(dir.path().join(".github/CONTRIBUTING.md"), "Send PRs.").unwrap();
        std::fs::write(dir.path().join("Code_Of_Conduct.md"), "Be kind.").unwrap();
        let s = Surroundings::read(&dir.path().join("README.md"), false);
        assert_eq!(s.repository.as_deref(), Some(dir.path()));
        let contributing = s.contributing.unwrap();
        assert_eq!(contributing.name, ".github/CONTRIBUTING.md");
        assert_eq!(contributing.text, "Send PRs.");
        assert_eq!(s.code_of_conduct.unwrap().name, "Code_Of_Conduct.md");
    }

    #[test]
    fn a_readme_in_a_subfolder_finds_the_root_guide() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("list")).unwrap();
        std::fs::write(dir.path().join("contributing.md"), "Yes.").unwrap();
        let s = Surroundings::read(&dir.path().join("list/README.md"), false);
        assert!(s.contributing.is_some());
        assert!(s.code_of_conduct.is_none());
    }

    #[test]
    fn a_licence_file_at_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join("licenses.txt"), "not one").unwrap();
        let s = Surroundings::read(&dir.path().join("README.md"), false);
        assert_eq!(s.license, None);
        std::fs::write(dir.path().join("LICENSE-MIT"), "MIT").unwrap();
        std::fs::write(dir.path().join("License.md"), "CC0").unwrap();
        let s = Surroundings::read(&dir.path().join("README.md"), false);
        assert_eq!(s.license.as_deref(), Some("LICENSE-MIT"));
    }

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

    #[test]
    fn the_remote_git_pushes_to() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q", "-b", "main"]);
        assert_eq!(git_remote(dir.path()), GitRemote::Missing);
        git(
            dir.path(),
            &[
                "remote",
                "add",
                "origin",
                "git@github.com:w/awesome-widgets.git",
            ],
        );
        assert_eq!(
            git_remote(dir.path()),
            GitRemote::Url("git@github.com:w/awesome-widgets.git".into())
        );
        // The branch's own remote wins over `origin`.
        git(
            dir.path(),
            &["remote", "add", "mirror", "https://gitlab.com/w/a"],
        );
        git(dir.path(), &["config", "branch.main.remote", "mirror"]);
        assert_eq!(
            git_remote(dir.path()),
            GitRemote::Url("https://gitlab.com/w/a".into())
        );
        let s = Surroundings::read(&dir.path().join("README.md"), true);
        assert_eq!(s.remote, GitRemote::Url("https://gitlab.com/w/a".into()));
    }

    #[test]
    fn a_folder_git_cannot_read_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        assert!(matches!(git_remote(dir.path()), GitRemote::Unreadable(_)));
    }
}
