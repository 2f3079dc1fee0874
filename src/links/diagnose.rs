//! Link results → diagnostics, like any rule's. Only findings a maintainer should act on
//! become diagnostics: ok, excluded and skipped links stay in the JSON `links` array only.

use crate::diagnostic::{Diagnostic, Severity};

use super::options::CheckOptions;
use super::{LinkResult, Verdict};

pub const DEAD_LINK: &str = "dead-link";
pub const REDIRECT: &str = "redirect";
pub const BLOCKED_LINK: &str = "blocked-link";
pub const TIMEOUT_LINK: &str = "timeout-link";
pub const ARCHIVED_REPO: &str = "archived-repo";
pub const STALE_REPO: &str = "stale-repo";

/// The link rules, with the explanation `awesome-lint rules` prints.
pub const RULES: &[(&str, &str)] = &[
    (
        DEAD_LINK,
        "Error. The link is broken: the server answered 404, 410 or another client error, a \
         server error outlived every retry (HEAD, GET and --max-retries + 3 retries with \
         backoff over about 15 s), the host name does not exist, or the connection failed for \
         good (reset, TLS failure, redirect loop, more than 10 redirects), or GitHub's API \
         says the linked repository does not exist. Fix the URL or remove the entry.",
    ),
    (
        REDIRECT,
        "Warning. The link answers with a permanent redirect (301 or 308): it works, but the \
         list should point at the new address, which the help names. Temporary redirects \
         (302, 303, 307) are fine and not reported. A link to a GitHub repository that was \
         renamed or transferred is reported the same way when GitHub's API says so, naming \
         its new address; --fix applies it.",
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
    (
        ARCHIVED_REPO,
        "Warning. The GitHub repository the link points into is archived by its owner: it is \
         read-only and no longer maintained. The message names its last push. Move the entry \
         to a section for unmaintained projects, replace it with a maintained fork, or remove \
         it. Needs a GitHub token (--github-token or GITHUB_TOKEN): the facts come from \
         GitHub's API.",
    ),
    (
        STALE_REPO,
        "Warning, off by default. The GitHub repository the link points into has had no push \
         for longer than --stale-after (or the rule's `after` option, 2y when the rule is \
         turned on without one); the message names the last push. Giving either turns the \
         rule on. Needs a GitHub token, like archived-repo.",
    ),
];

/// The options of the link rules, for the config and `explain`.
pub fn rule_options(id: &str) -> &'static [crate::rules::OptionDoc] {
    if id == STALE_REPO {
        STALE_REPO_OPTIONS
    } else {
        &[]
    }
}

const STALE_REPO_OPTIONS: &[crate::rules::OptionDoc] = &[crate::rules::OptionDoc {
    key: "after",
    default: "\"2y\"",
    doc: "how long without a push makes a repository stale: 2y, 18mo, 26w, 400d (--stale-after wins)",
}];

/// The default of `stale-repo`'s `after`.
pub const STALE_AFTER_DEFAULT: &str = "2y";

pub fn diagnostics(results: &[LinkResult], options: &CheckOptions) -> Vec<Diagnostic> {
    let now = std::time::SystemTime::now();
    results
        .iter()
        .flat_map(|r| {
            diagnostic(r, options)
                .into_iter()
                .chain(repo_health(r, options, now))
        })
        .collect()
}

/// `archived-repo` and `stale-repo`, from the facts GitHub's API gave about the link's
/// repository (an archived repository is not also reported stale).
fn repo_health(
    r: &LinkResult,
    options: &CheckOptions,
    now: std::time::SystemTime,
) -> Option<Diagnostic> {
    let facts = r.github.as_ref()?;
    let last = facts.pushed_on().map_or_else(
        || "never pushed to".to_string(),
        |day| format!("last push {day}"),
    );
    if facts.archived {
        return Some(
            Diagnostic::new(
                ARCHIVED_REPO,
                Severity::Warning,
                r.span.clone(),
                format!("{} is archived by its owner; {last}", r.url),
            )
            .with_help(
                "The repository is read-only and unmaintained: point at a maintained fork, \
                 mark the entry as unmaintained, or remove it.",
            ),
        );
    }
    let after = options.stale_after?;
    facts.stale(after, now).then(|| {
        let days = after.as_secs() / 86_400;
        let span = if days % 365 == 0 {
            format!("{} year(s)", days / 365)
        } else {
            format!("{days} days")
        };
        Diagnostic::new(
            STALE_REPO,
            Severity::Warning,
            r.span.clone(),
            format!("{} has had no push for more than {span}; {last}", r.url),
        )
        .with_help(
            "Check that the project still works and is still the best entry for the list; \
             raise --stale-after or the rule's `after` to report fewer.",
        )
    })
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
            github: None,
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
    fn repository_facts_make_archived_and_stale_findings() {
        use crate::links::github::RepoFacts;
        let with = |archived: bool, pushed: &str| LinkResult {
            github: Some(RepoFacts {
                name_with_owner: "o/r".into(),
                archived,
                pushed_at: Some(pushed.into()),
            }),
            ..result(Verdict::Ok)
        };
        let stale = CheckOptions {
            stale_after: Some(std::time::Duration::from_secs(2 * 365 * 86_400)),
            ..CheckOptions::default()
        };
        let rules = |r: LinkResult, o: &CheckOptions| {
            diagnostics(&[r], o)
                .into_iter()
                .map(|d| (d.rule, d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rules(with(true, "2019-02-04T10:00:00Z"), &stale),
            [(
                ARCHIVED_REPO,
                "https://example.com/x is archived by its owner; last push 2019-02-04".into()
            )],
            "archived, not also stale"
        );
        assert_eq!(
            rules(with(false, "2019-02-04T10:00:00Z"), &stale),
            [(
                STALE_REPO,
                "https://example.com/x has had no push for more than 2 year(s); last push \
                 2019-02-04"
                    .into()
            )]
        );
        assert!(
            rules(
                with(false, "2019-02-04T10:00:00Z"),
                &CheckOptions::default()
            )
            .is_empty(),
            "stale only with a threshold"
        );
        assert!(rules(with(false, "2999-01-01T00:00:00Z"), &stale).is_empty());
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
                super::super::BROKEN_FRAGMENT,
                ARCHIVED_REPO,
                STALE_REPO
            ]
        );
        assert!(RULES.iter().all(|(_, text)| text.len() > 80));
    }
}
