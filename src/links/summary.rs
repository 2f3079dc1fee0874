//! Counts for the JSON summary (`summary.links`).

use std::collections::HashSet;

use serde::Serialize;

use super::{LinkResult, Verdict};

/// `total` and the verdict counts are per occurrence (they add up to `total`); `unique` is
/// the number of distinct URLs requested (or answered from the cache) for them, as the checker
/// deduplicates them: fragment dropped, scheme and host lowercased, default port dropped;
/// excluded and skipped links are not requested, so not counted; `unchecked` counts the `error` occurrences that
/// were not checked because the network was unavailable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LinkSummary {
    pub total: usize,
    pub unique: usize,
    pub ok: usize,
    pub redirect: usize,
    pub dead: usize,
    pub blocked: usize,
    pub timeout: usize,
    pub error: usize,
    pub excluded: usize,
    pub skipped: usize,
    /// Links not checked because the network was unavailable (also counted in `error`).
    pub unchecked: usize,
}

/// Counts over any set of results: one file's, or every file's of a run.
pub fn summarize<'a>(results: impl IntoIterator<Item = &'a LinkResult>) -> LinkSummary {
    let mut s = LinkSummary::default();
    let mut urls = HashSet::new();
    for r in results {
        s.total += 1;
        if !matches!(r.status, Verdict::Excluded | Verdict::Skipped)
            && let Some(key) = super::checker::request_key(&r.url)
        {
            urls.insert(key);
        }
        *match r.status {
            Verdict::Ok => &mut s.ok,
            Verdict::Redirect => &mut s.redirect,
            Verdict::Dead => &mut s.dead,
            Verdict::Blocked => &mut s.blocked,
            Verdict::Timeout => &mut s.timeout,
            Verdict::Error => &mut s.error,
            Verdict::Excluded => &mut s.excluded,
            Verdict::Skipped => &mut s.skipped,
        } += 1;
        if r.is_unchecked() {
            s.unchecked += 1;
        }
    }
    s.unique = urls.len();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let r = |url: &str, status| LinkResult {
            url: url.into(),
            span: 0..1,
            status,
            http_status: None,
            redirect_to: None,
            attempts: 0,
            elapsed_ms: 0,
            detail: String::new(),
            github: None,
        };
        let s = summarize(&[
            r("https://a.example/x", Verdict::Ok),
            r("HTTPS://A.example:443/x#usage", Verdict::Ok),
            r("https://b.example/", Verdict::Dead),
            r("mailto:c@example.com", Verdict::Skipped),
            r("https://excluded.example/", Verdict::Excluded),
            LinkResult {
                detail: crate::links::UNCHECKED_DETAIL.into(),
                ..r("https://d.example/", Verdict::Error)
            },
        ]);
        assert_eq!(
            s,
            LinkSummary {
                total: 6,
                unique: 3,
                excluded: 1,
                ok: 2,
                dead: 1,
                skipped: 1,
                error: 1,
                unchecked: 1,
                ..LinkSummary::default()
            }
        );
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["unique"], 3);
        assert_eq!(json["unchecked"], 1);
    }
}
