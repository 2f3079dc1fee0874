//! Reading a file to lint. Every way a file can be unfit gives one error that names the file
//! and says what to do; nothing here panics, and the file is only ever opened for reading.
//!
//! Limits: a file over `MAX_FILE_BYTES` (64 MiB, about 50 times the largest awesome list) or with
//! a line over `MAX_LINE_BYTES` (1 MiB) is refused before it is parsed: neither is a hand-written
//! list, and parsing one would cost time and memory for no useful finding.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Longest line accepted, in bytes (line break excluded).
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("{}: no such file; check the path", .path.display())]
    NotFound { path: PathBuf },

    #[error("{}: is a directory; pass the Markdown file inside it, e.g. {}", .path.display(), .path.join("README.md").display())]
    IsDirectory { path: PathBuf },

    #[error("{}: permission denied; make the file readable (chmod +r)", .path.display())]
    PermissionDenied { path: PathBuf },

    #[error("{}: cannot read: {message}", .path.display())]
    Unreadable { path: PathBuf, message: String },

    #[error("{}: larger than the 64 MiB limit ({size} bytes); this is not a hand-written list", .path.display())]
    TooLarge { path: PathBuf, size: u64 },

    #[error("{}: line {line} is longer than the 1 MiB limit; this is not a hand-written list", .path.display())]
    LineTooLong { path: PathBuf, line: usize },

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
            | InputError::LineTooLong { path, .. }
            | InputError::Utf16 { path }
            | InputError::Binary { path, .. }
            | InputError::NotUtf8 { path, .. } => path,
        }
    }
}

/// Reads `path` as UTF-8 Markdown. A UTF-8 BOM and CRLF line ends are kept as they are
/// (the document model accounts for both).
pub fn read_markdown(path: &Path) -> Result<String, InputError> {
    let io_error = |err: io::Error| match err.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path: path.into() },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path: path.into() },
        io::ErrorKind::IsADirectory => InputError::IsDirectory { path: path.into() },
        _ => InputError::Unreadable {
            path: path.into(),
            message: err.to_string(),
        },
    };
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
    if let Some(line) = first_long_line(&text) {
        return Err(InputError::LineTooLong {
            path: path.into(),
            line,
        });
    }
    Ok(text)
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .split(|&b| b == b'\n')
        .count()
}

/// 1-based number of the first line longer than `MAX_LINE_BYTES`, if any.
fn first_long_line(text: &str) -> Option<usize> {
    if text.len() <= MAX_LINE_BYTES {
        return None;
    }
    text.split('\n')
        .position(|line| line.len() > MAX_LINE_BYTES)
        .map(|index| index + 1)
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
    fn long_line_is_refused_with_its_number() {
        let mut text = String::from("# a\n\n");
        text.push_str(&"x".repeat(MAX_LINE_BYTES + 1));
        text.push('\n');
        let err = decode_str(text.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            InputError::LineTooLong {
                path: "list.md".into(),
                line: 3
            }
        );
    }

    #[test]
    fn line_at_the_limit_is_fine() {
        let text = "y".repeat(MAX_LINE_BYTES);
        assert!(decode_str(text.as_bytes()).is_ok());
    }

    #[test]
    fn every_error_is_one_line_naming_the_file() {
        let path = PathBuf::from("dir/list.md");
        let errors = [
            InputError::NotFound { path: path.clone() },
            InputError::IsDirectory { path: path.clone() },
            InputError::PermissionDenied { path: path.clone() },
            InputError::Unreadable {
                path: path.clone(),
                message: "Input/output error (os error 5)".into(),
            },
            InputError::TooLarge {
                path: path.clone(),
                size: MAX_FILE_BYTES + 1,
            },
            InputError::LineTooLong {
                path: path.clone(),
                line: 1,
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
}
