//! The link checker: everything that touches the network lives here.
//!
//! Contract with the rest of the crate (keep these signatures; the CLI and reports use them):
//! - input: `&[LinkOccurrence]` (every http(s) URL occurrence the document holds, with its span);
//! - `LinkArgs` (clap `Args`, flattened into the CLI) → `CheckOptions`;
//! - `check(&occurrences, &options).await` → one `LinkResult` per occurrence, in input order;
//! - `diagnostics(&results, &options)` → link `Diagnostic`s (dead-link, redirect, blocked-link, timeout-link).

use std::ops::Range;

use serde::Serialize;

/// One place in the document where a URL appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOccurrence {
    pub url: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

pub mod extract;
pub use extract::occurrences;
