//! Writing a fixed file without ever losing one: the new text goes to a temporary file in
//! the same folder (so the rename stays on one filesystem), with the permissions of the
//! original, synced, then renamed over it. A file that changed on disk since it was read
//! (other bytes, or another length or modification time) is not overwritten. A symbolic
//! link is followed: the file it points to is replaced, the link stays.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file looked like when it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    /// Taken just before the file is read: a change after this is noticed at write time.
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let metadata = fs::metadata(path)?;
        Ok(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: changed on disk since it was read; not overwritten (run again)", .path.display())]
    Changed { path: PathBuf },
    #[error("{}: cannot write the fixed file: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Replaces `path`, read as `original` when it had `stamp`, by `fixed`.
pub fn write_fixed(
    path: &Path,
    stamp: &Stamp,
    original: &str,
    fixed: &str,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let target = fs::canonicalize(path).map_err(io)?;
    let unchanged = || -> Result<bool, io::Error> {
        Ok(Stamp::of(&target)? == *stamp && fs::read(&target)? == original.as_bytes())
    };
    if !unchanged().map_err(io)? {
        return Err(WriteError::Changed {
            path: path.to_path_buf(),
        });
    }
    let permissions = fs::metadata(&target).map_err(io)?.permissions();
    let (temp, mut file) = temp_file(&target).map_err(io)?;
    let written = (|| {
        file.write_all(fixed.as_bytes())?;
        file.set_permissions(permissions)?;
        file.sync_all()
    })();
    drop(file);
    let result = written.map_err(io).and_then(|()| {
        // Once more right before the rename: the window left is the rename itself.
        if !unchanged().map_err(io)? {
            return Err(WriteError::Changed {
                path: path.to_path_buf(),
            });
        }
        fs::rename(&temp, &target).map_err(io)
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A new file beside `target`, named after it, never an existing one.
fn temp_file(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!(
            ".{name}.awesome-lint-fix.{}.{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        fs::write(&path, "old\n").unwrap();
        let stamp = Stamp::of(&path).unwrap();
        write_fixed(&path, &stamp, "old\n", "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["README.md"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        fs::write(&path, "old\n").unwrap();
        let stamp = Stamp::of(&path).unwrap();
        // Someone saves the file between our read and our write.
        fs::write(&path, "edited meanwhile\n").unwrap();
        let err = write_fixed(&path, &stamp, "old\n", "new\n").unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile\n");
        // Same length and an unchanged stamp are not enough: the bytes are compared too.
        fs::write(&path, "odd\n").unwrap();
        let stamp = Stamp::of(&path).unwrap();
        assert!(matches!(
            write_fixed(&path, &stamp, "old\n", "new\n"),
            Err(WriteError::Changed { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "odd\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_a_symlink_stays_a_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("README.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let stamp = Stamp::of(&link).unwrap();
        write_fixed(&link, &stamp, "old\n", "new\n").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
