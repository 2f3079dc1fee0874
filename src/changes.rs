//! Pull-request mode (`--changed-since REF`): which lines of a file changed since the merge
//! base of `REF` and `HEAD`.
//!
//! git runs as a subprocess (no libgit2), in the file's folder. The file is compared with the
//! merge base in the working tree, so staged and unstaged edits both count; an untracked file
//! is changed on every line. A file renamed since the base (`git mv`) is compared with its old
//! path: the whole tree is diffed with rename detection and the entry for the file's current
//! path is picked. Only added or changed lines count: a pure deletion (`+c,0`) marks no line,
//! since nothing that is still in the file was written by the change.
//!
//! `ChangedLines` itself is plain data (sorted, merged line ranges); the rules and the run read
//! it without knowing where it came from.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 1-based inclusive line ranges, sorted and merged, so that `intersects` is one binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    ranges: Vec<(usize, usize)>,
}

impl ChangedLines {
    /// Every line: an untracked (new) file.
    pub fn everything() -> Self {
        ChangedLines {
            ranges: vec![(1, usize::MAX)],
        }
    }

    /// From any 1-based inclusive ranges, in any order, overlapping or not; empty ranges
    /// (`start > end`) are dropped.
    pub fn from_ranges(ranges: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut sorted: Vec<(usize, usize)> = ranges.into_iter().filter(|r| r.0 <= r.1).collect();
        sorted.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
        for (start, end) in sorted {
            match merged.last_mut() {
                // Adjacent ranges merge too: 1–2 and 3–4 are 1–4.
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        ChangedLines { ranges: merged }
    }

    /// The ranges, sorted and merged.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether any line of `start_line..=end_line` changed.
    pub fn intersects(&self, start_line: usize, end_line: usize) -> bool {
        // The first range that ends at or after `start_line`; it intersects when it starts
        // no later than `end_line`.
        let i = self.ranges.partition_point(|r| r.1 < start_line);
        self.ranges.get(i).is_some_and(|r| r.0 <= end_line)
    }
}

/// Why the changed lines could not be known. Each renders as one line, naming the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangesError {
    #[error("{path}: cannot run git: {message}")]
    GitMissing { path: PathBuf, message: String },
    #[error("{path}: not in a git repository; --changed-since needs one")]
    NotARepository { path: PathBuf },
    #[error(
        "{path}: `{reference}` is not in this clone; fetch it with `{fetch}`, or check out with fetch-depth: 0"
    )]
    UnknownRef {
        path: PathBuf,
        reference: String,
        /// The command that would fetch it, e.g. `git fetch origin main`.
        fetch: String,
    },
    #[error(
        "{path}: `{reference}` and HEAD share no history in this clone; fetch the whole history (fetch-depth: 0, or `git fetch --unshallow`)"
    )]
    NoMergeBase { path: PathBuf, reference: String },
    #[error("{path}: `git {command}` failed: {message}")]
    Git {
        path: PathBuf,
        command: String,
        message: String,
    },
}

/// The lines of `path` added or changed since the merge base of `since_ref` and `HEAD`,
/// staged, unstaged and untracked changes included.
pub fn changed_lines(path: &Path, since_ref: &str) -> Result<ChangedLines, ChangesError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or(path.as_os_str());
    let git = Git { dir, path };

    // Also the check that this is a repository: the folder relative to the top level.
    let prefix = git
        .run(&["rev-parse", "--show-prefix"])
        .map_err(|err| match err {
            ChangesError::Git { ref message, .. } if message.contains("not a git repository") => {
                ChangesError::NotARepository {
                    path: path.to_path_buf(),
                }
            }
            other => other,
        })?;
    let relative = format!(
        "{}{}",
        prefix.trim_end_matches('\n'),
        name.to_string_lossy()
    );

    // A ref that starts with `-` would be read as an option; it names no commit either way.
    let spec = format!("{since_ref}^{{commit}}");
    let resolved = if since_ref.starts_with('-') {
        None
    } else {
        match git.output(&["rev-parse", "--verify", "--quiet", &spec])? {
            (true, out) => Some(out.trim().to_string()),
            (false, _) => None,
        }
    };
    let Some(commit) = resolved else {
        let remotes = git.run(&["remote"]).unwrap_or_default();
        return Err(ChangesError::UnknownRef {
            path: path.to_path_buf(),
            reference: since_ref.to_string(),
            fetch: fetch_hint(since_ref, remotes.lines()),
        });
    };
    let base = match git.output(&["merge-base", &commit, "HEAD"])? {
        (true, out) => out.trim().to_string(),
        // `merge-base` exits 1 without a word when there is no common ancestor, as in a
        // shallow clone cut above the fork point.
        (false, message) if message.trim().is_empty() => {
            return Err(ChangesError::NoMergeBase {
                path: path.to_path_buf(),
                reference: since_ref.to_string(),
            });
        }
        (false, message) => return Err(git.failure(&["merge-base", &commit, "HEAD"], &message)),
    };

    let untracked = git.run(&[
        OsStr::new("ls-files"),
        OsStr::new("--others"),
        OsStr::new("--exclude-standard"),
        OsStr::new("--"),
        name,
    ])?;
    if !untracked.trim().is_empty() {
        return Ok(ChangedLines::everything());
    }

    // The whole tree, so that rename detection can pair the file with its old path; paths
    // from the top level (`--no-relative`) whatever the folder and the user's `diff.relative`.
    // Options a user's config could change (prefixes, colors, external diff and textconv
    // drivers, quoting) are set explicitly.
    let diff = git.run(&[
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "--unified=0",
        "--find-renames",
        &base,
    ])?;
    Ok(ChangedLines::from_ranges(added_lines(&diff, &relative)))
}

/// `git fetch …` for a missing ref: `origin/main` → `git fetch origin main` when `origin` is a
/// remote; anything else is fetched from `origin`.
fn fetch_hint<'a>(reference: &str, remotes: impl Iterator<Item = &'a str>) -> String {
    let name = reference.strip_prefix("refs/remotes/").unwrap_or(reference);
    let remotes: Vec<&str> = remotes.map(str::trim).filter(|r| !r.is_empty()).collect();
    if let Some((remote, branch)) = name.split_once('/')
        && (remotes.contains(&remote) || (remotes.is_empty() && remote == "origin"))
    {
        return format!("git fetch {remote} {branch}");
    }
    let name = name.strip_prefix("refs/heads/").unwrap_or(name);
    format!("git fetch origin {name}")
}

/// The added line ranges of the file whose new path is `path` in a unified diff with
/// `--unified=0` and `a/`, `b/` prefixes.
///
/// A content line starts with `+`, `-`, ` ` or `\`, so `diff --git` and `@@` at the start of
/// a line are always headers; `+++` is a header only before a file's first hunk.
pub fn added_lines(diff: &str, path: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_header = false;
    let mut current = false;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            in_header = true;
            current = false;
        } else if in_header && let Some(new) = line.strip_prefix("+++ ") {
            current = unquote(new).strip_prefix("b/") == Some(path);
        } else if let Some(header) = line.strip_prefix("@@ ") {
            in_header = false;
            if current && let Some(range) = hunk_added(header) {
                out.push(range);
            }
        }
    }
    out
}

/// The added lines of a hunk header (after `@@ `): `-a,b +c,d @@ …` → `c..=c+d-1`; `d`
/// defaults to 1; `None` for a pure deletion (`d = 0`) or a header that does not parse.
pub fn hunk_added(header: &str) -> Option<(usize, usize)> {
    let new = header
        .split_whitespace()
        .find_map(|w| w.strip_prefix('+'))?;
    let (start, count) = match new.split_once(',') {
        Some((start, count)) => (start.parse::<usize>().ok()?, count.parse::<usize>().ok()?),
        None => (new.parse::<usize>().ok()?, 1),
    };
    (count > 0 && start > 0).then(|| (start, start + count - 1))
}

/// A path as git prints it in a header: C-quoted (`"b/a\tb"`) when it has special characters.
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(b'r') => bytes.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&d @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(d - b'0');
                        chars.next();
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// git in the linted file's folder.
struct Git<'a> {
    dir: &'a Path,
    /// The linted file, for error messages.
    path: &'a Path,
}

impl Git<'_> {
    /// Whether git succeeded, and its stdout if so, else its stderr.
    fn output<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<(bool, String), ChangesError> {
        let output = Command::new("git")
            .arg("-C")
            .arg(self.dir)
            .args(args)
            // Reading only: no index refresh lock that could race a concurrent git.
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("LC_ALL", "C")
            .output()
            .map_err(|e| ChangesError::GitMissing {
                path: self.path.to_path_buf(),
                message: e.to_string(),
            })?;
        let text = if output.status.success() {
            &output.stdout
        } else {
            &output.stderr
        };
        Ok((
            output.status.success(),
            String::from_utf8_lossy(text).into_owned(),
        ))
    }

    /// git's stdout, or its stderr's first line as an error.
    fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<String, ChangesError> {
        match self.output(args)? {
            (true, out) => Ok(out),
            (false, err) => Err(self.failure(args, &err)),
        }
    }

    fn failure<S: AsRef<OsStr>>(&self, args: &[S], stderr: &str) -> ChangesError {
        let command: Vec<String> = args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        let message = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("no message")
            .to_string();
        ChangesError::Git {
            path: self.path.to_path_buf(),
            command: command.join(" "),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_sort_and_merge() {
        let lines =
            ChangedLines::from_ranges([(10, 12), (1, 2), (3, 4), (11, 20), (30, 30), (5, 4)]);
        assert_eq!(lines.ranges(), [(1, 4), (10, 20), (30, 30)]);
        assert!(ChangedLines::from_ranges([]).is_empty());
        assert_eq!(
            ChangedLines::from_ranges([(2, 2), (2, 2), (1, 1)]).ranges(),
            [(1, 2)]
        );
    }

    #[test]
    fn intersects_at_every_edge() {
        let lines = ChangedLines::from_ranges([(3, 5), (10, 10)]);
        assert!(!lines.intersects(1, 2));
        assert!(lines.intersects(1, 3));
        assert!(lines.intersects(4, 4));
        assert!(lines.intersects(5, 9));
        assert!(!lines.intersects(6, 9));
        assert!(lines.intersects(6, 10));
        assert!(lines.intersects(10, 10));
        assert!(!lines.intersects(11, 100));
        assert!(lines.intersects(1, 100), "a span over a whole range");
        assert!(!ChangedLines::default().intersects(1, usize::MAX));
        assert!(ChangedLines::everything().intersects(7, 7));
    }

    #[test]
    fn hunk_headers() {
        assert_eq!(hunk_added("-3,2 +3,4 @@"), Some((3, 6)));
        assert_eq!(hunk_added("-3 +3 @@ ## Tools"), Some((3, 3)));
        assert_eq!(hunk_added("-0,0 +1,12 @@"), Some((1, 12)));
        // A pure deletion adds no line.
        assert_eq!(hunk_added("-7,2 +6,0 @@"), None);
        assert_eq!(hunk_added("-1 +0,0 @@"), None);
        assert_eq!(hunk_added("garbage"), None);
        assert_eq!(hunk_added("-1 +x,2 @@"), None);
    }

    const DIFF: &str = "\
diff --git a/other.md b/other.md
index 1111111..2222222 100644
--- a/other.md
+++ b/other.md
@@ -1 +1 @@
-old
+new
diff --git a/OLD.md b/docs/README.md
similarity index 90%
rename from OLD.md
rename to docs/README.md
index 3333333..4444444 100644
--- a/OLD.md
+++ b/docs/README.md
@@ -2,0 +3,2 @@ heading
+++ b/not-a-header.md
+- [X](https://x.example)
@@ -9 +10,0 @@
-deleted
@@ -20 +21 @@
-before
+after
diff --git a/docs/README.md.bak b/docs/README.md.bak
deleted file mode 100644
--- a/docs/README.md.bak
+++ /dev/null
@@ -1,3 +0,0 @@
-a
-b
-c
";

    #[test]
    fn picks_the_hunks_of_the_new_path_only() {
        assert_eq!(added_lines(DIFF, "docs/README.md"), [(3, 4), (21, 21)]);
        assert_eq!(added_lines(DIFF, "other.md"), [(1, 1)]);
        assert_eq!(added_lines(DIFF, "OLD.md"), []);
        assert_eq!(added_lines(DIFF, "not-a-header.md"), []);
        assert_eq!(added_lines(DIFF, "docs/README.md.bak"), []);
    }

    #[test]
    fn quoted_paths() {
        let diff = "diff --git \"a/t\\303\\251\\tx.md\" \"b/t\\303\\251\\tx.md\"\n--- \"a/t\\303\\251\\tx.md\"\n+++ \"b/t\\303\\251\\tx.md\"\n@@ -1 +1,2 @@\n";
        assert_eq!(added_lines(diff, "té\tx.md"), [(1, 2)]);
        assert_eq!(unquote("b/plain.md"), "b/plain.md");
        assert_eq!(unquote("\"b/q\\\"uote\\\\.md\""), "b/q\"uote\\.md");
    }

    #[test]
    fn fetch_hints() {
        let remotes = || ["origin", "upstream"].into_iter();
        assert_eq!(
            fetch_hint("origin/main", remotes()),
            "git fetch origin main"
        );
        assert_eq!(
            fetch_hint("upstream/dev/x", remotes()),
            "git fetch upstream dev/x"
        );
        assert_eq!(
            fetch_hint("refs/remotes/origin/main", remotes()),
            "git fetch origin main"
        );
        assert_eq!(fetch_hint("main", remotes()), "git fetch origin main");
        assert_eq!(
            fetch_hint("feature/x", remotes()),
            "git fetch origin feature/x"
        );
        assert_eq!(
            fetch_hint("origin/main", std::iter::empty()),
            "git fetch origin main"
        );
    }
}
