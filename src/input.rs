//! Reading a file to lint. Every way a file can be unfit gives one error that names the file
//! and says what to do; nothing here panics, and the file is only ever opened for reading.
//!
//! Limit: a file over `MAX_FILE_BYTES` (64 MiB, about 50 times the largest awesome list) is
//! refused before it is parsed: it is not a hand-written list. Lines have no limit: a README
//! may embed an image as a `data:` URI or carry a generated table on one line, and linting
//! costs time linear in the text whatever its lines.
//!
//! A folder given on the command line stands for its README, found whatever its case
//! (`readme.md`, `Readme.markdown`…): many lists are not named `README.md`, and on a
//! case-sensitive filesystem opening `README.md` would miss them.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("{}: no such file; check the path", .path.display())]
    NotFound { path: PathBuf },

    // No file name is suggested: the folder may have no `README.md` (see `find_readme`).
    #[error("{}: is a directory; pass the Markdown file inside it, e.g. its README", .path.display())]
    IsDirectory { path: PathBuf },

    #[error("{}: no README.md (or readme.md, Readme.markdown…) in this folder; pass the Markdown file to lint", .dir.display())]
    NoReadme { dir: PathBuf },

    #[error("{}: permission denied; make the file readable (chmod +r)", .path.display())]
    PermissionDenied { path: PathBuf },

    #[error("{}: cannot read: {message}", .path.display())]
    Unreadable { path: PathBuf, message: String },

    #[error("{}: larger than the 64 MiB limit ({size} bytes); this is not a hand-written list", .path.display())]
    TooLarge { path: PathBuf, size: u64 },

    #[error("{}: is UTF-16 text; re-save it as UTF-8", .path.display())]
    Utf16 { path: PathBuf },

    #[error("{}: binary file (NUL byte at line {line}, byte offset {offset}); pass a Markdown text file", .path.display())]
    Binary {
        path: PathBuf,
        line: usize,
        offset: usize,
    },

    #[error("{}: not valid UTF-8 at line {line}, byte offset {offset}; re-save the file as UTF-8", .path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        offset: usize,
    },
}

impl InputError {
    pub fn path(&self) -> &Path {
        match self {
            InputError::NotFound { path }
            | InputError::IsDirectory { path }
            | InputError::PermissionDenied { path }
            | InputError::Unreadable { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::Utf16 { path }
            | InputError::Binary { path, .. }
            | InputError::NotUtf8 { path, .. } => path,
            InputError::NoReadme { dir } => dir,
        }
    }
}

/// Reads `path` as UTF-8 Markdown. A UTF-8 BOM and CRLF line ends are kept as they are
/// (the document model accounts for both).
pub fn read_markdown(path: &Path) -> Result<String, InputError> {
    let io_error = |err| io_error(path, err);
    let file = File::open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(InputError::IsDirectory { path: path.into() });
    }
    // Refuse a large regular file before reading it; `take` bounds anything else (a pipe, a device).
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            path: path.into(),
            size: metadata.len(),
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
        });
    }
    decode(path, bytes)
}

/// The error for an I/O failure on `path`.
fn io_error(path: &Path, err: io::Error) -> InputError {
    match err.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path: path.into() },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path: path.into() },
        io::ErrorKind::IsADirectory => InputError::IsDirectory { path: path.into() },
        _ => InputError::Unreadable {
            path: path.into(),
            message: err.to_string(),
        },
    }
}

/// How a path given by the user (or none) turned into the file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub path: PathBuf,
    /// Set when the file was picked from a folder (not named by the user) and is not the literal
    /// `README.md`: a one-line note such as `linting readme.md (the README of .)`, to print on
    /// stderr so the user knows which file the report is about. None otherwise.
    pub note: Option<String>,
}

/// The name every list is expected to use; preferred when several names match.
const README: &str = "README.md";

/// The README of `dir`: `README.md` first, else any regular file (or symlink to one) whose name
/// is, ignoring ASCII case, `readme.md` (what sindresorhus/awesome-lint accepts) or
/// `readme.markdown`. When several match (possible on a case-sensitive filesystem), `README.md`
/// wins, else the first name in byte order, so the pick never depends on directory order.
/// For `dir` `.` the result is the bare file name, so reports print `readme.md`, not `./readme.md`.
/// `path` made absolute with `.` and `..` applied: `std::path::absolute` keeps `..`, and
/// walking up from `repo/../other/README.md` must not find `repo`'s `.git` or config. Like
/// `cd` in a shell, `..` goes up the path as written, not through a symlink's target.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// The repository `dir` lies in: the nearest of `dir` and its ancestors that holds `.git`.
/// Config discovery, repository-relative report paths and the files beside a README all stop
/// there. `dir` should be absolute, so that walking up from `.` works.
pub fn repository_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|d| d.join(".git").exists())
}

pub fn find_readme(dir: &Path) -> Result<PathBuf, InputError> {
    // The listing, not a lookup of `README.md`, gives the name: on a case-insensitive
    // filesystem the lookup would succeed for `readme.md` and report a name that is not on disk.
    let mut best: Option<String> = None;
    for entry in std::fs::read_dir(dir).map_err(|err| io_error(dir, err))? {
        let entry = entry.map_err(|err| io_error(dir, err))?;
        // A name that is not UTF-8 cannot match an ASCII name.
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !is_readme_name(&name) {
            continue;
        }
        // `fs::metadata` follows symlinks: a link to a file counts, a folder or broken link does not.
        if !std::fs::metadata(entry.path()).is_ok_and(|meta| meta.is_file()) {
            continue;
        }
        let better = match &best {
            None => true,
            Some(current) => current != README && (name == README || name < *current),
        };
        if better {
            best = Some(name);
        }
    }
    match best {
        Some(name) => Ok(join_in(dir, &name)),
        None => Err(InputError::NoReadme { dir: dir.into() }),
    }
}

fn is_readme_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("readme.md") || name.eq_ignore_ascii_case("readme.markdown")
}

/// `dir/name`, except that `.` is left out: the user did not type it.
fn join_in(dir: &Path, name: &str) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from(name)
    } else {
        dir.join(name)
    }
}

/// A path from the command line: a folder becomes its README (`find_readme`); anything else stays
/// as it is and is not opened here (`read_markdown` reports a missing file). With no path at all,
/// the caller passes `Path::new(".")` and gets the README of the current folder.
pub fn resolve(path: &Path) -> Result<Resolved, InputError> {
    if !path.is_dir() {
        return Ok(Resolved {
            path: path.into(),
            note: None,
        });
    }
    let readme = find_readme(path)?;
    let note = (readme.file_name() != Some(README.as_ref())).then(|| {
        format!(
            "linting {} (the README of {})",
            readme.display(),
            path.display()
        )
    });
    Ok(Resolved { path: readme, note })
}

/// Checks and decodes the bytes of `path`. The scans use `contains`/`find`, which run on
/// memchr, so a 50 MB file is judged in milliseconds.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16 { path: path.into() });
    }
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or_default();
        return Err(InputError::Binary {
            path: path.into(),
            line: line_of(&bytes, offset),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        InputError::NotUtf8 {
            path: path.into(),
            line: line_of(err.as_bytes(), offset),
            offset,
        }
    })?;
    Ok(text)
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .split(|&b| b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(bytes: &[u8]) -> Result<String, InputError> {
        decode(Path::new("list.md"), bytes.to_vec())
    }

    #[test]
    fn accepts_bom_and_crlf_unchanged() {
        let text = "\u{feff}# Title\r\n\r\n- [a](https://a.example)\r\n";
        assert_eq!(decode_str(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn accepts_empty_file() {
        assert_eq!(decode_str(b"").unwrap(), "");
    }

    #[test]
    fn nul_byte_is_binary_with_its_place() {
        let err = decode_str(b"# a\nb\0c").unwrap_err();
        assert_eq!(
            err,
            InputError::Binary {
                path: "list.md".into(),
                line: 2,
                offset: 5
            }
        );
        assert_eq!(
            err.to_string(),
            "list.md: binary file (NUL byte at line 2, byte offset 5); pass a Markdown text file"
        );
    }

    #[test]
    fn invalid_utf8_says_line_and_byte() {
        let err = decode_str(b"# a\n\nab\xffc\n").unwrap_err();
        assert_eq!(
            err,
            InputError::NotUtf8 {
                path: "list.md".into(),
                line: 3,
                offset: 7
            }
        );
    }

    #[test]
    fn utf16_is_named() {
        let err = decode_str(b"\xff\xfe#\0 \0").unwrap_err();
        assert!(matches!(err, InputError::Utf16 { .. }));
    }

    #[test]
    fn absolute_paths_apply_dot_dot() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            absolute(Path::new("repo/../other/./README.md")).unwrap(),
            cwd.join("other").join("README.md")
        );
        assert_eq!(absolute(Path::new(".")).unwrap(), cwd);
    }

    #[test]
    fn long_lines_are_read() {
        let mut text = String::from("# a\n\n");
        text.push_str(&"x".repeat(3 * 1024 * 1024));
        text.push('\n');
        assert_eq!(decode_str(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn every_error_is_one_line_naming_the_file() {
        let path = PathBuf::from("dir/list.md");
        let errors = [
            InputError::NotFound { path: path.clone() },
            InputError::IsDirectory { path: path.clone() },
            InputError::NoReadme { dir: path.clone() },
            InputError::PermissionDenied { path: path.clone() },
            InputError::Unreadable {
                path: path.clone(),
                message: "Input/output error (os error 5)".into(),
            },
            InputError::TooLarge {
                path: path.clone(),
                size: MAX_FILE_BYTES + 1,
            },
            InputError::Utf16 { path: path.clone() },
            InputError::Binary {
                path: path.clone(),
                line: 1,
                offset: 0,
            },
            InputError::NotUtf8 {
                path: path.clone(),
                line: 1,
                offset: 0,
            },
        ];
        for err in errors {
            let text = err.to_string();
            assert!(text.starts_with("dir/list.md: "), "{text}");
            assert!(!text.contains('\n'), "{text}");
            assert_eq!(err.path(), path);
        }
    }

    /// A temporary folder holding empty files with the given names.
    fn folder_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::write(dir.path().join(name), "# List\n").unwrap();
        }
        dir
    }

    /// The file name `find_readme` picks in `dir`.
    fn picked(dir: &Path) -> String {
        let path = find_readme(dir).unwrap();
        assert_eq!(path.parent(), Some(dir));
        path.file_name().unwrap().to_str().unwrap().to_owned()
    }

    #[test]
    fn finds_lowercase_readme_md() {
        let dir = folder_with(&["readme.md", "CONTRIBUTING.md"]);
        assert_eq!(picked(dir.path()), "readme.md");
    }

    #[test]
    fn finds_mixed_case_readme_markdown() {
        let dir = folder_with(&["Readme.markdown", "notes.md"]);
        assert_eq!(picked(dir.path()), "Readme.markdown");
    }

    #[test]
    fn prefers_readme_md_over_other_cases() {
        let dir = folder_with(&["readme.md", "README.md", "Readme.md"]);
        // A case-insensitive filesystem keeps one of the three: there is no choice to test.
        if std::fs::read_dir(dir.path()).unwrap().count() < 3 {
            return;
        }
        assert_eq!(picked(dir.path()), "README.md");
    }

    #[test]
    fn several_matches_without_readme_md_pick_the_first_in_byte_order() {
        let dir = folder_with(&["readme.md", "Readme.markdown"]);
        // Byte order puts upper case first.
        assert_eq!(picked(dir.path()), "Readme.markdown");
    }

    #[test]
    fn no_readme_is_a_one_line_error_naming_the_folder() {
        let dir = folder_with(&["list.md", "readme.txt", "readme.md.bak"]);
        let err = find_readme(dir.path()).unwrap_err();
        assert_eq!(
            err,
            InputError::NoReadme {
                dir: dir.path().into()
            }
        );
        let text = err.to_string();
        assert!(!text.contains('\n'), "{text}");
        assert!(
            text.starts_with(&format!("{}: ", dir.path().display())),
            "{text}"
        );
        assert!(text.ends_with("pass the Markdown file to lint"), "{text}");
        assert_eq!(err.path(), dir.path());
    }

    #[test]
    fn folder_named_readme_md_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("readme.md")).unwrap();
        assert!(matches!(
            find_readme(dir.path()),
            Err(InputError::NoReadme { .. })
        ));
        std::fs::write(dir.path().join("Readme.markdown"), "# List\n").unwrap();
        assert_eq!(picked(dir.path()), "Readme.markdown");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_to_a_file_counts_and_a_broken_one_does_not() {
        let dir = folder_with(&["list.md"]);
        std::os::unix::fs::symlink(dir.path().join("gone.md"), dir.path().join("README.md"))
            .unwrap();
        assert!(find_readme(dir.path()).is_err());
        std::os::unix::fs::symlink(dir.path().join("list.md"), dir.path().join("readme.md"))
            .unwrap();
        assert_eq!(picked(dir.path()), "readme.md");
    }

    #[test]
    fn missing_folder_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert_eq!(
            find_readme(&missing),
            Err(InputError::NotFound { path: missing })
        );
    }

    #[test]
    fn resolve_keeps_a_file_path_as_given() {
        let dir = folder_with(&["list.md"]);
        for path in [dir.path().join("list.md"), dir.path().join("missing.md")] {
            assert_eq!(
                resolve(&path),
                Ok(Resolved {
                    path: path.clone(),
                    note: None
                })
            );
        }
    }

    #[test]
    fn resolve_of_a_folder_notes_only_a_readme_not_named_readme_md() {
        let plain = folder_with(&["README.md"]);
        assert_eq!(
            resolve(plain.path()),
            Ok(Resolved {
                path: plain.path().join("README.md"),
                note: None
            })
        );

        let lower = folder_with(&["readme.md"]);
        let readme = lower.path().join("readme.md");
        assert_eq!(
            resolve(lower.path()),
            Ok(Resolved {
                note: Some(format!(
                    "linting {} (the README of {})",
                    readme.display(),
                    lower.path().display()
                )),
                path: readme,
            })
        );

        let empty = folder_with(&[]);
        assert!(matches!(
            resolve(empty.path()),
            Err(InputError::NoReadme { .. })
        ));
    }

    #[test]
    fn resolve_of_the_current_folder_gives_a_bare_name() {
        // Tests run in the package root, whose README is `README.md`: no note.
        assert_eq!(
            resolve(Path::new(".")),
            Ok(Resolved {
                path: "README.md".into(),
                note: None
            })
        );
    }

    #[test]
    fn the_current_folder_is_not_spelled_out() {
        // `resolve(".")` itself would depend on the test's working directory; this is its join.
        assert_eq!(join_in(Path::new("."), "readme.md"), Path::new("readme.md"));
        assert_eq!(
            join_in(Path::new("./"), "readme.md"),
            Path::new("readme.md")
        );
        assert_eq!(
            join_in(Path::new("docs"), "readme.md"),
            Path::new("docs/readme.md")
        );
    }
}
