//! `--fix`: rewrite a file for every finding with a safe, exact fix, and report what is left.
//!
//! Rules (and the link checker, for permanent redirects) attach a `Fix` to their findings;
//! this module applies them and nothing else decides what to change. `engine` runs the
//! passes, `verify` refuses a result whose structure moved, `write` replaces the file
//! atomically, `redirect` gives `redirect` findings their edit. `run` calls `fix_file` once a
//! file is linted and `finish` once every file is.

pub mod engine;
pub mod redirect;
pub mod verify;
pub mod write;

use std::path::PathBuf;

use clap::Args;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::report::FileReport;

pub use engine::{MAX_PASSES, Outcome, fix_source};
pub use write::{Stamp, WriteError, write_fixed};

/// The fix flags, flattened into the lint arguments.
#[derive(Debug, Clone, Default, Args)]
pub struct FixArgs {
    /// Rewrite each file in place for every finding with a safe fix, then report what is left.
    #[arg(long)]
    pub fix: bool,

    /// With --fix, also apply unsafe fixes: removing a duplicate entry's line, deleting an empty
    /// category's heading.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print what --fix would change as a unified diff instead of writing; exit 1 when it would
    /// change something. Implies --fix.
    #[arg(long, visible_alias = "diff")]
    pub dry_run: bool,
}

impl FixArgs {
    pub fn enabled(&self) -> bool {
        self.fix || self.dry_run
    }
}

/// One file after fixing (in memory: `finish` writes it or prints its diff).
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    pub stamp: Option<Stamp>,
    pub original: String,
    pub fixed: String,
    pub applied: usize,
}

/// Fixes `file` (the full report of `path`, links included): applies the fixes over passes,
/// re-linting with `relint` (the same rules and suppressions, no network), then makes `file`
/// the report of the fixed text: the re-linted findings, and the link findings carried over.
pub fn fix_file(
    file: &mut FileReport,
    path: PathBuf,
    stamp: Option<Stamp>,
    allow_unsafe: bool,
    mut relint: impl FnMut(String) -> FileReport,
) -> FileFix {
    let original = file.document.source.clone();
    let base = relint(original.clone());
    // What the re-lint does not see again (link findings, what suppresses them) is carried.
    let mut reproduced = base.diagnostics.clone();
    let stable: Vec<Diagnostic> = file
        .diagnostics
        .iter()
        .filter(|d| match reproduced.iter().position(|r| *r == **d) {
            Some(i) => {
                reproduced.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    let carried_suppressed = file.suppressed.saturating_sub(base.suppressed);
    let outcome = fix_source(
        &original,
        base.diagnostics,
        stable,
        |text| relint(text.to_string()).diagnostics,
        allow_unsafe,
    );
    if outcome.changed() {
        let mut fixed = relint(outcome.source.clone());
        fixed.diagnostics.extend(outcome.stable.iter().cloned());
        fixed
            .diagnostics
            .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
        fixed.suppressed += carried_suppressed;
        fixed.links = file.links.take().map(|mut links| {
            for link in &mut links {
                link.span = outcome.map_span(&link.span);
            }
            links
        });
        fixed.path = std::mem::take(&mut file.path);
        fixed.repo_path = std::mem::take(&mut file.repo_path);
        *file = fixed;
    }
    // What is left was refused or is unsafe: only an unsafe fix not tried still deserves a mark.
    for d in &mut file.diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe || allow_unsafe)
        {
            d.fix = None;
        }
    }
    file.fixed = outcome.applied;
    FileFix {
        path,
        stamp,
        original,
        fixed: outcome.source,
        applied: outcome.applied,
    }
}

/// A unified diff of one file; empty when nothing changed.
pub fn unified_diff(path: &str, original: &str, fixed: &str) -> String {
    if original == fixed {
        return String::new();
    }
    // git's `a/` and `b/` for a relative path; an absolute one is shown as it is.
    let (old_name, new_name) = if path.starts_with('/') {
        (path.to_string(), path.to_string())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(3)
        .header(&old_name, &new_name)
        .missing_newline_hint(true)
        .to_string()
}

/// What the fixes of a run came to.
#[derive(Debug, Default)]
pub struct Finished {
    /// The diffs (`--dry-run`), else empty.
    pub diff: String,
    /// One line per file that could not be written.
    pub errors: Vec<String>,
    /// Some file changed (or would change, with `--dry-run`).
    pub changed: bool,
}

/// Writes every changed file, or with `dry_run` collects their diffs instead.
pub fn finish(files: &[FileFix], dry_run: bool) -> Finished {
    let mut finished = Finished::default();
    for file in files.iter().filter(|f| f.original != f.fixed) {
        finished.changed = true;
        if dry_run {
            let shown = file.path.to_string_lossy().replace('\\', "/");
            let shown = shown.strip_prefix("./").unwrap_or(&shown);
            finished
                .diff
                .push_str(&unified_diff(shown, &file.original, &file.fixed));
            continue;
        }
        let written = match &file.stamp {
            Some(stamp) => write_fixed(&file.path, stamp, &file.original, &file.fixed),
            None => Err(WriteError::Changed {
                path: file.path.clone(),
            }),
        };
        if let Err(e) = written {
            finished.errors.push(e.to_string());
        }
    }
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_is_unified_with_git_like_headers() {
        let diff = unified_diff("README.md", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(
            diff,
            "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        assert_eq!(unified_diff("README.md", "same\n", "same\n"), "");
    }
}
