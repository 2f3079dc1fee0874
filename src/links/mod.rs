//! The link checker: everything that touches the network lives here.
//!
//! Contract with the rest of the crate (keep these signatures; the CLI and reports use them):
//! - input: `&[LinkOccurrence]` (every http(s) URL occurrence the document holds, with its span);
//! - `LinkArgs` (clap `Args`, flattened into the CLI) → `CheckOptions`;
//! - `check(&occurrences, &options).await` → one `LinkResult` per occurrence, in input order;
//!   `check_run` → the same in a `CheckRun`, with the `NetworkProblem` that stopped the check
//!   when the network, not the links, failed;
//! - `diagnostics(&results, &options)` → link `Diagnostic`s (dead-link, redirect, blocked-link, timeout-link).
//! - `summarize(&results)` → `LinkSummary` for the JSON summary; `RULES` for `awesome-lint rules`.
//!
//! One job per file:
//! - `extract`: which URLs of a `Document` are checked (`occurrences`);
//! - `options`: CLI flags (`LinkArgs`) and the settings they become (`CheckOptions`), with
//!   per-host settings (`HostSettings`: concurrency, extra headers);
//! - `policy`: pure classification and retry rules (status, headers, attempt → next step);
//! - `guard`: the private-address guard, on literal and resolved addresses;
//! - `dns`: name resolution, once per host and run (`Lookup`, swappable by tests);
//! - `network`: whether the network is the problem (`Watch`, a pure state machine);
//! - `scheduler`: per-host queues under a global limit, pacing after rate limits;
//! - `client`: the shared reqwest client and one request through it;
//! - `checker`: dedupe, cache, HEAD/GET, redirects hop by hop, retries, the run's deadline;
//! - `github`: links to GitHub repositories, judged in batches through the GraphQL API;
//! - `cache`: the `--cache` file; `progress`: the progress bar;
//! - `diagnose`: results → diagnostics; `summary`: counts.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod cache;
mod checker;
mod client;
mod diagnose;
pub mod dns;
mod extract;
mod fragments;
pub mod github;
pub mod guard;
pub mod network;
mod options;
pub mod policy;
mod progress;
mod scheduler;
mod summary;

pub use diagnose::{
    ARCHIVED_REPO, BLOCKED_LINK, DEAD_LINK, REDIRECT, RULES, STALE_AFTER_DEFAULT, STALE_REPO,
    TIMEOUT_LINK, rule_options,
};
pub use dns::{Lookup, LookupError, LookupErrorKind, LookupFuture, SystemLookup};
pub use extract::occurrences;
pub use fragments::{BROKEN_FRAGMENT, FragmentResult};
pub use network::NetworkProblemKind;
pub use options::Secret;
pub use options::{
    Accept, CACHE_FILE_NAME, CheckOptions, HostSettings, LinkArgs, LinkDefaults, LinkSettings,
    cache_path_beside, parse_age,
};
pub(crate) use options::{
    HOST_CONCURRENCY_RANGE, MAX_CONCURRENCY_RANGE, MAX_RETRIES_RANGE, TIMEOUT_RANGE,
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
    /// What GitHub's API said about the repository the link points into, when it answered.
    pub github: Option<github::RepoFacts>,
}

/// The detail of a link that was not checked because the network was unavailable (its
/// verdict is `error`, and it makes no finding).
pub const UNCHECKED_DETAIL: &str = "not checked: network unavailable";

impl LinkResult {
    /// Not checked because the network was unavailable: no finding, counted as `unchecked`.
    pub fn is_unchecked(&self) -> bool {
        self.status == Verdict::Error && self.detail == UNCHECKED_DETAIL
    }
}

/// The check could not run (in full) because the network, not the links, failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkProblem {
    pub kind: NetworkProblemKind,
    /// Occurrences not checked (`LinkResult::is_unchecked`), of `total`.
    pub unchecked: usize,
    pub total: usize,
}

impl NetworkProblem {
    /// One line for stderr (after `error: `) and the JSON `errors` array.
    pub fn message(&self) -> String {
        let what = match self.kind {
            NetworkProblemKind::Unavailable => {
                "no host could be resolved or reached; links were not checked".to_string()
            }
            NetworkProblemKind::Lost => format!(
                "the connection was lost during the check; {} of {} links were not checked",
                self.unchecked, self.total
            ),
        };
        format!("network unavailable: {what} (use --offline to skip the link check)")
    }
}

/// What `check_run` found: one result per occurrence, and why the check stopped early, if it
/// did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRun {
    pub results: Vec<LinkResult>,
    pub network: Option<NetworkProblem>,
    /// With `--check-fragments`: the `#fragment`s of working pages, looked up in them.
    pub fragments: Vec<FragmentResult>,
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
    check_run(occurrences, options).await.results
}

/// `check`, and whether the network was the problem. When no host of the run can be resolved
/// or reached (at least two tried), or the connection is lost midway, the check stops: links
/// it could not check get `error` with `UNCHECKED_DETAIL` (no finding), and `network` says
/// why. Each host name is resolved once per run; "no such name" makes a link `dead` only when
/// other hosts resolve.
pub async fn check_run(occurrences: &[LinkOccurrence], options: &CheckOptions) -> CheckRun {
    let (results, network) = checker::run(occurrences, options).await;
    // A run the network cut short has nothing more to say about pages.
    let fragments = if options.check_fragments && network.is_none() {
        fragments::check(occurrences, &results, options).await
    } else {
        Vec::new()
    };
    CheckRun {
        results,
        network,
        fragments,
    }
}

/// `broken-fragment` (warning) for every fragment of `check_run` its page does not hold.
pub fn fragment_diagnostics(fragments: &[FragmentResult]) -> Vec<crate::diagnostic::Diagnostic> {
    fragments::diagnostics(fragments)
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
