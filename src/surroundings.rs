//! The files beside a linted README that the awesome guidelines ask for: a contributing guide
//! and, if there is one, a code of conduct. Read once per file by `run` and handed to the rules
//! as plain data (`RuleOptions::surroundings`), so that rules and the document do no file I/O.
//!
//! They are only looked for when the README lies in a git repository: outside one there is
//! no project to judge (a README being drafted, a copy), and the rules stay silent instead of
//! guessing; `run` says so in a note.

use std::path::{Path, PathBuf};

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
}

impl Surroundings {
    /// What lies beside `readme` (a path to the linted file).
    pub fn read(readme: &Path) -> Surroundings {
        let Ok(readme) = std::path::absolute(readme) else {
            return Surroundings::default();
        };
        let Some(dir) = readme.parent() else {
            return Surroundings::default();
        };
        let Some(root) = crate::input::repository_root(dir) else {
            return Surroundings::default();
        };
        Surroundings::beside(dir, root)
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
        }
    }
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
        let s = Surroundings::read(&dir.path().join("README.md"));
        assert_eq!(s, Surroundings::default());
    }

    #[test]
    fn finds_files_in_any_case_beside_the_readme_or_in_dot_github() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join(".github")).unwrap();
        std::fs::write(dir.path().join(".github/CONTRIBUTING.md"), "Send PRs.").unwrap();
        std::fs::write(dir.path().join("Code_Of_Conduct.md"), "Be kind.").unwrap();
        let s = Surroundings::read(&dir.path().join("README.md"));
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
        let s = Surroundings::read(&dir.path().join("list/README.md"));
        assert!(s.contributing.is_some());
        assert!(s.code_of_conduct.is_none());
    }
}
