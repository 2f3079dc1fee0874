use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LinkKind};
use crate::rules::{Preset, Rule, RuleOptions};

/// No CI status badges.
pub struct NoCiBadge;

/// Pieces of image URLs that mark a CI status badge.
const CI_MARKS: &[&str] = &[
    "travis-ci.",
    "circleci.com",
    "img.shields.io/travis",
    "img.shields.io/circleci",
    "img.shields.io/github/actions",
    "img.shields.io/github/workflow",
    "ci.appveyor.com/api/projects/status",
    "img.shields.io/appveyor",
    "/_apis/build/status",
    "/badges/main/pipeline.svg",
    "/badges/master/pipeline.svg",
    "buildkite.com/",
    "drone.io/",
];

pub fn is_ci_badge(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let github_actions = lower.contains("/workflows/") && lower.contains("badge.svg");
    github_actions || CI_MARKS.iter().any(|m| lower.contains(m))
}

impl Rule for NoCiBadge {
    fn id(&self) -> &'static str {
        "awesome-no-ci-badge"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A CI status badge (Travis, CircleCI, GitHub Actions, …) in the list."
    }
    fn explanation(&self) -> &'static str {
        "A list is not software: a build badge tells readers nothing about the entries. \
         Reported for images from Travis CI, CircleCI, GitHub Actions (`…/workflows/…/badge.svg`), \
         AppVeyor, Azure Pipelines, GitLab pipelines, Buildkite and Drone, and their shields.io \
         forms; sindresorhus/awesome-lint only knows Travis and CircleCI."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        doc.links
            .iter()
            .filter(|l| {
                l.kind == LinkKind::Image
                    || (l.kind == LinkKind::Html && doc.url_of(l).contains(".svg"))
            })
            .filter(|l| is_ci_badge(doc.url_of(l)))
            .map(|l| {
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    l.span.clone(),
                    "the list must not show a CI badge",
                )
                .with_help(
                    "remove the badge; a list's checks belong in its repository, not its README",
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn ci_badges() {
        let md = "# T\n\n[![Build](https://travis-ci.org/a/b.svg)](https://travis-ci.org/a/b)\n\
                  ![x](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)\n\
                  ![y](https://img.shields.io/badge/awesome-yes-green.svg)\n\
                  ![z](https://circleci.com/gh/a/b.svg?style=svg)\n";
        assert_eq!(lines(&NoCiBadge, md), [3, 4, 6]);
    }
}
