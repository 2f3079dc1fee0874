//! sindresorhus/awesome-lint's `awesome-github`, as far as it can be judged without the GitHub
//! API: the repository's git remote is on GitHub, and a licence file at its root lets GitHub
//! detect the licence.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Preset, Rule, RuleOptions};
use crate::surroundings::GitRemote;

pub struct Github;

impl Rule for Github {
    fn id(&self) -> &'static str {
        "awesome-github"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The list's repository has no GitHub remote, or no licence file at its root."
    }
    fn explanation(&self) -> &'static str {
        "Awesome lists live on GitHub, with a licence GitHub can detect. The remote is the one \
         git pushes to (the current branch's, else `origin`); it must be a github.com URL. The \
         licence file (`LICENSE`, `LICENCE`, `COPYING`, `UNLICENSE`, any case and extension) \
         must stand at the repository root. The repository's description and its `awesome` and \
         `awesome-list` topics are not checked: they need the GitHub API. Only checked when the \
         README is in a git repository; otherwise, or when git cannot read it, the run notes \
         that the check was skipped. Reported on the first line of the README."
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(s) = options.surroundings.as_deref() else {
            return Vec::new();
        };
        if s.repository.is_none() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut report = |message: String, help: &'static str| {
            out.push(
                Diagnostic::new(self.id(), self.severity(), doc.start(), message).with_help(help),
            );
        };
        match &s.remote {
            GitRemote::Missing => report(
                "the repository has no git remote, so it is not known to be on GitHub".into(),
                "push the list to a GitHub repository (`git remote add origin …`)",
            ),
            GitRemote::Url(url) if !is_github(url) => report(
                format!("the repository's remote `{url}` is not on GitHub"),
                "awesome lists are hosted on github.com",
            ),
            GitRemote::Url(_) | GitRemote::NotRead | GitRemote::Unreadable(_) => {}
        }
        if s.license.is_none() {
            report(
                "no licence file at the repository root".into(),
                "add a `LICENSE` file (awesome lists commonly use CC0) so that GitHub detects it",
            );
        }
        out
    }
}

/// Whether a remote URL names a repository on github.com: `https://github.com/o/r`,
/// `git@github.com:o/r.git`, `ssh://git@github.com/o/r`, `git://github.com/o/r`.
pub(crate) fn is_github(url: &str) -> bool {
    let url = url.trim();
    let (host, path) = match url.split_once("://") {
        Some((_, rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = authority.rsplit('@').next().unwrap_or(authority);
            (host.split(':').next().unwrap_or(host), path)
        }
        // scp-like `user@host:path`.
        None => match url.split_once(':') {
            Some((authority, path)) => (authority.rsplit('@').next().unwrap_or(authority), path),
            None => return false,
        },
    };
    let host = host.to_ascii_lowercase();
    let repository = path.trim_matches('/').split('/').filter(|p| !p.is_empty());
    matches!(host.as_str(), "github.com" | "www.github.com") && repository.count() >= 2
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rules::testing::messages_with;
    use crate::surroundings::Surroundings;

    fn with(remote: GitRemote, license: Option<&str>) -> RuleOptions {
        RuleOptions {
            surroundings: Some(Arc::new(Surroundings {
                repository: Some("/r".into()),
                remote,
                license: license.map(str::to_string),
                ..Default::default()
            })),
            ..RuleOptions::default()
        }
    }

    #[test]
    fn github_urls() {
        for url in [
            "https://github.com/sindresorhus/awesome",
            "https://github.com/sindresorhus/awesome.git",
            "git@github.com:sindresorhus/awesome.git",
            "ssh://git@github.com/sindresorhus/awesome",
            "git://github.com/sindresorhus/awesome.git",
            "https://user:token@GitHub.com/o/r/",
        ] {
            assert!(is_github(url), "{url}");
        }
        for url in [
            "https://gitlab.com/o/r",
            "git@gitlab.com:o/r.git",
            "https://github.com/o",
            "https://github.com.evil.example/o/r",
            "/srv/git/list.git",
            "../list",
        ] {
            assert!(!is_github(url), "{url}");
        }
    }

    #[test]
    fn remote_and_licence() {
        let github = GitRemote::Url("git@github.com:w/awesome-widgets.git".into());
        assert!(messages_with(&Github, "# T\n", &with(github.clone(), Some("LICENSE"))).is_empty());
        assert_eq!(
            messages_with(&Github, "# T\n", &with(github, None)),
            ["no licence file at the repository root"]
        );
        assert_eq!(
            messages_with(&Github, "# T\n", &with(GitRemote::Missing, Some("LICENSE"))),
            ["the repository has no git remote, so it is not known to be on GitHub"]
        );
        assert_eq!(
            messages_with(
                &Github,
                "# T\n",
                &with(
                    GitRemote::Url("https://gitlab.com/w/a".into()),
                    Some("LICENSE")
                )
            ),
            ["the repository's remote `https://gitlab.com/w/a` is not on GitHub"]
        );
    }

    #[test]
    fn an_unread_remote_is_not_judged_and_no_repository_means_silence() {
        let unreadable = GitRemote::Unreadable("git could not be run".into());
        assert!(messages_with(&Github, "# T\n", &with(unreadable, Some("COPYING"))).is_empty());
        assert!(messages_with(&Github, "# T\n", &RuleOptions::default()).is_empty());
        let outside = RuleOptions {
            surroundings: Some(Arc::new(Surroundings::default())),
            ..RuleOptions::default()
        };
        assert!(messages_with(&Github, "# T\n", &outside).is_empty());
    }
}
