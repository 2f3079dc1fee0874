//! The link checker: everything that touches the network lives here.
//!
//! Contract with the rest of the crate (keep these signatures; the CLI and reports use them):
//! - input: `&[LinkOccurrence]` (every http(s) URL occurrence the document holds, with its span);
//! - `LinkArgs` (clap `Args`, flattened into the CLI) → `CheckOptions`;
//! - `check(&occurrences, &options).await` → one `LinkResult` per occurrence, in input order;
//! - `diagnostics(&results, &options)` → link `Diagnostic`s (dead-link, redirect, blocked-link, timeout-link).
//! - `summarize(&results)` → `LinkSummary` for the JSON summary; `RULES` for `awesome-lint rules`.
//!
//! One job per file:
//! - `extract`: which URLs of a `Document` are checked (`occurrences`);
//! - `options`: CLI flags (`LinkArgs`) and the settings they become (`CheckOptions`), with
//!   per-host settings (`HostSettings`: concurrency, extra headers);
//! - `policy`: pure classification and retry rules (status, headers, attempt → next step);
//! - `guard`: the private-address guard, on literal and resolved addresses;
//! - `scheduler`: per-host queues under a global limit, pacing after rate limits;
//! - `client`: the shared reqwest client and one request through it;
//! - `checker`: dedupe, cache, HEAD/GET, redirects hop by hop, retries, the run's deadline;
//! - `cache`: the `--cache` file; `progress`: the progress bar;
//! - `diagnose`: results → diagnostics; `summary`: counts.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod cache;
mod checker;
mod client;
mod diagnose;
mod extract;
pub mod guard;
mod options;
pub mod policy;
mod progress;
mod scheduler;
mod summary;

pub use diagnose::{BLOCKED_LINK, DEAD_LINK, REDIRECT, RULES, TIMEOUT_LINK};
pub use extract::occurrences;
pub use options::{
    Accept, CACHE_FILE_NAME, CheckOptions, HostSettings, LinkArgs, LinkDefaults, LinkSettings,
    cache_path_beside, parse_age,
};
pub use summary::{LinkSummary, summarize};

/// One place in the document where a URL appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOccurrence {
    pub url: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Redirect,
    Dead,
    Timeout,
    Error,
    Blocked,
    Excluded,
    Skipped,
}

/// The verdict for one occurrence. Occurrences of the same URL share the result of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkResult {
    pub url: String,
    pub span: Range<usize>,
    pub status: Verdict,
    pub http_status: Option<u16>,
    pub redirect_to: Option<String>,
    pub attempts: u32,
    pub elapsed_ms: u64,
    pub detail: String,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Redirect => "redirect",
            Verdict::Dead => "dead",
            Verdict::Timeout => "timeout",
            Verdict::Error => "error",
            Verdict::Blocked => "blocked",
            Verdict::Excluded => "excluded",
            Verdict::Skipped => "skipped",
        }
    }
}

/// Checks every occurrence and returns one result per occurrence, in input order. Each
/// distinct URL (ignoring its `#fragment`) is requested once; its duplicates share the result
/// but keep their own span. Never fails: problems become verdicts.
pub async fn check(occurrences: &[LinkOccurrence], options: &CheckOptions) -> Vec<LinkResult> {
    checker::run(occurrences, options).await
}

/// The link findings as diagnostics: `dead-link` (dead and error verdicts, error), `redirect`
/// (permanent redirects, warning), `blocked-link` (warning), `timeout-link` (warning, error
/// with `--strict`).
pub fn diagnostics(
    results: &[LinkResult],
    options: &CheckOptions,
) -> Vec<crate::diagnostic::Diagnostic> {
    diagnose::diagnostics(results, options)
}
