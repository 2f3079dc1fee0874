//! Link results → diagnostics, like any rule's. Only findings a maintainer should act on
//! become diagnostics: ok, excluded and skipped links stay in the JSON `links` array only.

use crate::diagnostic::{Diagnostic, Severity};

use super::options::CheckOptions;
use super::{LinkResult, Verdict};

pub const DEAD_LINK: &str = "dead-link";
pub const REDIRECT: &str = "redirect";
pub const BLOCKED_LINK: &str = "blocked-link";
pub const TIMEOUT_LINK: &str = "timeout-link";

/// The link rules, with the explanation `awesome-lint rules` prints.
pub const RULES: &[(&str, &str)] = &[
    (
        DEAD_LINK,
        "Error. The link is broken: the server answered 404, 410 or another client error, a \
         server error outlived every retry (HEAD, GET and --max-retries + 3 retries with \
         backoff over about 15 s), the host name does not exist, or the connection failed for \
         good (reset, TLS failure, redirect loop, more than 10 redirects). Fix the URL or \
         remove the entry.",
    ),
    (
        REDIRECT,
        "Warning. The link answers with a permanent redirect (301 or 308): it works, but the \
         list should point at the new address, which the help names. Temporary redirects \
         (302, 303, 307) are fine and not reported.",
    ),
    (
        BLOCKED_LINK,
        "Warning. The site refused the checker (401, 403, 999, a bot challenge such as \
         Cloudflare's, or 429 Too Many Requests after every retry). That says nothing about \
         the link itself, so it is not an error: open it in a browser, and add an --exclude \
         pattern if the site always refuses robots.",
    ),
    (
        TIMEOUT_LINK,
        "Warning (an error with --strict). The server did not answer within --timeout seconds, \
         on the first try or on any retry. Slow sites exist, so this is a warning by default; \
         check the link by hand, raise --timeout, or exclude it.",
    ),
    (
        super::BROKEN_FRAGMENT,
        "Warning, with --check-fragments (config `[links] check-fragments = true`). The page \
         works, but the `#fragment` of the link names no element of it: no `id` or \
         `<a name>` (GitHub's `user-content-` anchors count), or, for Markdown served raw, \
         none of its headings' anchors. Each page is read once, at most 2 MiB of it. The \
         section was renamed or removed: point the link at an anchor the page has, or at the \
         page alone.",
    ),
];

pub fn diagnostics(results: &[LinkResult], options: &CheckOptions) -> Vec<Diagnostic> {
    results
        .iter()
        .filter_map(|r| diagnostic(r, options))
        .collect()
}

fn diagnostic(r: &LinkResult, options: &CheckOptions) -> Option<Diagnostic> {
    if r.is_unchecked() {
        // The network failed, not the link: the run reports that once, not per link.
        return None;
    }
    let span = r.span.clone();
    let d = match r.status {
        Verdict::Ok | Verdict::Excluded | Verdict::Skipped => return None,
        Verdict::Dead => Diagnostic::new(
            DEAD_LINK,
            Severity::Error,
            span,
            format!("dead link: {} ({})", r.url, r.detail),
        )
        .with_help(
            "Replace the URL with a working one, or remove the entry if the resource is gone.",
        ),
        Verdict::Error => Diagnostic::new(
            DEAD_LINK,
            Severity::Error,
            span,
            format!("broken link: {} ({})", r.url, r.detail),
        )
        .with_help("The link could not be fetched; check it in a browser and fix or remove it."),
        Verdict::Redirect => {
            let to = r.redirect_to.as_deref().unwrap_or("its new address");
            Diagnostic::new(
                REDIRECT,
                Severity::Warning,
                span,
                format!("{} has moved permanently to {to}", r.url),
            )
            .with_help(format!("Use the new URL: {to}"))
        }
        Verdict::Blocked => Diagnostic::new(
            BLOCKED_LINK,
            Severity::Warning,
            span,
            format!("could not verify {}: {}", r.url, r.detail),
        )
        .with_help(
            "The site refuses automated checks. Open the link in a browser; if it works and the \
             site always blocks robots, silence this with --exclude.",
        ),
        Verdict::Timeout => Diagnostic::new(
            TIMEOUT_LINK,
            if options.strict {
                Severity::Error
            } else {
                Severity::Warning
            },
            span,
            format!("{} timed out: {}", r.url, r.detail),
        )
        .with_help(format!(
            "Check the link in a browser; if the site is only slow, raise --timeout (now {} s) \
             or exclude it.",
            options.timeout.as_secs()
        )),
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: Verdict) -> LinkResult {
        LinkResult {
            url: "https://example.com/x".into(),
            span: 10..31,
            status,
            http_status: Some(404),
            redirect_to: (status == Verdict::Redirect).then(|| "https://example.com/y".into()),
            attempts: 1,
            elapsed_ms: 5,
            detail: "detail".into(),
        }
    }

    #[test]
    fn one_diagnostic_per_actionable_verdict() {
        let all = [
            Verdict::Ok,
            Verdict::Redirect,
            Verdict::Dead,
            Verdict::Timeout,
            Verdict::Error,
            Verdict::Blocked,
            Verdict::Excluded,
            Verdict::Skipped,
        ];
        let results: Vec<_> = all.iter().map(|v| result(*v)).collect();
        let ds = diagnostics(&results, &CheckOptions::default());
        let got: Vec<_> = ds.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(
            got,
            [
                (REDIRECT, Severity::Warning),
                (DEAD_LINK, Severity::Error),
                (TIMEOUT_LINK, Severity::Warning),
                (DEAD_LINK, Severity::Error),
                (BLOCKED_LINK, Severity::Warning),
            ]
        );
        for d in &ds {
            assert_eq!(d.span, 10..31);
            assert!(!d.help.is_empty() && d.message.contains("https://example.com/x"));
        }
        assert!(
            ds[0].help.contains("https://example.com/y"),
            "the help names the new URL"
        );

        let strict = CheckOptions {
            strict: true,
            ..CheckOptions::default()
        };
        let ds = diagnostics(&[result(Verdict::Timeout)], &strict);
        assert_eq!(ds[0].severity, Severity::Error);
    }

    #[test]
    fn links_the_network_kept_unchecked_make_no_finding() {
        let unchecked = LinkResult {
            detail: crate::links::UNCHECKED_DETAIL.into(),
            ..result(Verdict::Error)
        };
        assert!(diagnostics(&[unchecked], &CheckOptions::default()).is_empty());
    }

    #[test]
    fn rules_are_listed_once_each() {
        let ids: Vec<_> = RULES.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids,
            [
                DEAD_LINK,
                REDIRECT,
                BLOCKED_LINK,
                TIMEOUT_LINK,
                super::super::BROKEN_FRAGMENT
            ]
        );
        assert!(RULES.iter().all(|(_, text)| text.len() > 80));
    }
}
