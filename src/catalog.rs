//! Every rule id the tool can report, whoever reports it: the structural rules (`rules`), the
//! link rules (`links`) and `unused-suppression` (`suppress`). The config, `awesome-lint rules`,
//! `explain` and `init` read this one list, so that an id is known everywhere or nowhere.

use crate::diagnostic::Severity;
use crate::links;
use crate::local_links;
use crate::rules::{self, OptionDoc, Preset, options::IGNORE_SECTIONS};
use crate::suppress;

#[derive(Debug, Clone, Copy)]
pub enum Origin {
    Structure,
    /// Reported only when links are checked (not with `--offline`).
    Links,
    Suppressions,
    /// Relative links checked on disk (with `--offline` too).
    Files,
}

#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    pub origin: Origin,
    pub summary: &'static str,
    pub explanation: &'static str,
    /// Options besides `severity` and `ignore-sections`.
    pub options: &'static [OptionDoc],
    /// The preset that turns it on.
    pub preset: Preset,
}

impl RuleInfo {
    /// Every option the rule takes, `ignore-sections` first.
    pub fn all_options(&self) -> impl Iterator<Item = &'static OptionDoc> {
        std::iter::once(&IGNORE_SECTIONS).chain(self.options.iter())
    }
}

pub fn all() -> Vec<RuleInfo> {
    let mut out: Vec<RuleInfo> = rules::REGISTRY
        .iter()
        .map(|r| RuleInfo {
            id: r.id(),
            severity: r.severity(),
            origin: Origin::Structure,
            summary: r.summary(),
            explanation: r.explanation(),
            options: r.options(),
            preset: r.preset(),
        })
        .collect();
    out.extend(links::RULES.iter().map(|&(id, explanation)| RuleInfo {
        id,
        severity: if id == links::DEAD_LINK {
            Severity::Error
        } else {
            Severity::Warning
        },
        origin: Origin::Links,
        summary: explanation.split(". ").nth(1).unwrap_or(explanation),
        explanation,
        options: links::rule_options(id),
        preset: Preset::Default,
    }));
    out.extend(local_links::RULES.iter().map(|r| RuleInfo {
        id: r.id,
        severity: r.severity,
        origin: Origin::Files,
        summary: r.summary,
        explanation: r.explanation,
        options: &[],
        preset: Preset::Default,
    }));
    out.push(RuleInfo {
        id: suppress::UNUSED_SUPPRESSION,
        severity: Severity::Warning,
        origin: Origin::Suppressions,
        summary: "An `awesome-lint-disable…` comment that suppresses nothing.",
        explanation: suppress::EXPLANATION,
        options: &[],
        preset: Preset::Default,
    });
    out
}

pub fn find(id: &str) -> Option<RuleInfo> {
    all().into_iter().find(|r| r.id == id)
}

/// The known id closest to `id`, when it is close enough to be a misspelling.
pub fn did_you_mean(id: &str) -> Option<&'static str> {
    all()
        .into_iter()
        .map(|r| (edit_distance(id, r.id), r.id))
        .filter(|&(d, known)| d <= 3.max(known.len() / 4))
        .min()
        .map(|(_, known)| known)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_known() {
        let all = all();
        let mut ids: Vec<_> = all.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert!(find("dead-link").is_some_and(|r| r.severity == Severity::Error));
        assert!(find("unused-suppression").is_some());
        assert!(find("no-such-rule").is_none());
    }

    #[test]
    fn misspellings_are_recognised() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            did_you_mean("duplicate-headings"),
            Some("duplicate-heading")
        );
        assert_eq!(did_you_mean("deadlink"), Some("dead-link"));
        assert_eq!(did_you_mean("bare_url"), Some("bare-url"));
        assert_eq!(did_you_mean("completely-unrelated-thing"), None);
    }
}
