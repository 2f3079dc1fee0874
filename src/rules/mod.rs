//! Structural rules. Each rule is one file with one type implementing `Rule`, registered
//! once in `REGISTRY`. A rule reads the `Document` and returns findings; it never parses
//! Markdown itself, and knows nothing of the network or of output formats.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub mod options;
mod preset;
pub use awesome::spell_check::parse_term;
pub(crate) use broken_anchor::closest_heading;
pub use options::{DuplicateScope, Level, OptionDoc, RuleOptions, RuleSetting, RuleSettings};
pub use preset::Preset;
pub(crate) use words::HeadingMatcher;

mod awesome;
mod bare_url;
mod broken_anchor;
mod duplicate_heading;
mod duplicate_link;
mod edits;
mod empty_category;
mod heading_level;
mod link_shape;
mod malformed_link_group;
mod missing_year;
mod toc_incomplete;
mod toc_mismatch;
mod words;

pub trait Rule: Sync {
    /// Stable kebab-case id, used in output, config and suppressions.
    fn id(&self) -> &'static str;
    fn severity(&self) -> Severity;
    /// One line: what the rule reports.
    fn summary(&self) -> &'static str;
    /// One paragraph: why it matters and when it stays silent.
    fn explanation(&self) -> &'static str;
    /// The config options the rule reads, besides `severity`.
    fn options(&self) -> &'static [OptionDoc] {
        &[]
    }
    /// The preset that turns the rule on (`default`: always on unless configured off).
    fn preset(&self) -> Preset {
        Preset::Default
    }
    /// Findings at the rule's default severity; the caller applies the configured one.
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic>;
}

/// Every structural rule, in the order `awesome-lint rules` lists them.
pub static REGISTRY: &[&dyn Rule] = &[
    &duplicate_heading::DuplicateHeading,
    &empty_category::EmptyCategory,
    &missing_year::MissingYear,
    &malformed_link_group::MalformedLinkGroup,
    &broken_anchor::BrokenAnchor,
    &toc_mismatch::TocMismatch,
    &toc_incomplete::TocIncomplete,
    &bare_url::BareUrl,
    &duplicate_link::DuplicateLink,
    &heading_level::HeadingLevel,
    // The `awesome` preset (sindresorhus/awesome-lint's checks), in `awesome/`.
    &awesome::heading::Heading,
    &awesome::badge::Badge,
    &awesome::list_item::ListItem,
    &awesome::repeat_item::RepeatItem,
    &awesome::contents::Contents,
    &awesome::license::License,
    &awesome::contributing::Contributing,
    &awesome::code_of_conduct::CodeOfConduct,
    &awesome::no_ci_badge::NoCiBadge,
    &awesome::spell_check::SpellCheck,
    &awesome::punctuation::Balanced,
    &awesome::punctuation::NoRepeat,
    &awesome::markdown::FinalNewline,
    &awesome::markdown::ListMarkerStyle,
    &awesome::markdown::RuleStyle,
    &awesome::double_link::DoubleLink,
    &awesome::emphasis_heading::EmphasisAsHeading,
    &awesome::github::Github,
    &awesome::undefined_references::UndefinedReferences,
    &awesome::bullet_indent::BulletIndent,
];

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|r| r.id() == id)
}

/// Run every rule with its default settings; findings sorted by position, then rule id.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    check_with(doc, &RuleSettings::default())
}

/// Run every rule that is not off, with its configured options and severity.
pub fn check_with(doc: &Document, settings: &RuleSettings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in REGISTRY {
        let Some(severity) = settings.severity(rule.id(), rule.severity()) else {
            continue;
        };
        let options = settings.options(rule.id());
        out.extend(
            rule.check(doc, options)
                .into_iter()
                .filter(|d| !options.ignores_offset(doc, d.span.start))
                .map(|d| Diagnostic { severity, ..d }),
        );
    }
    out.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    out
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// 1-based lines at which `rule` fires on `markdown`.
    pub fn lines(rule: &dyn Rule, markdown: &str) -> Vec<usize> {
        lines_with(rule, markdown, &RuleOptions::default())
    }

    /// 1-based lines at which `rule` fires on `markdown` with `options`.
    pub fn lines_with(rule: &dyn Rule, markdown: &str, options: &RuleOptions) -> Vec<usize> {
        let doc = Document::parse(markdown);
        let mut d = rule.check(&doc, options);
        d.sort_by_key(|d| d.span.start);
        d.iter().map(|d| doc.position(d.span.start).line).collect()
    }

    /// Messages of `rule` on `markdown`.
    pub fn messages(rule: &dyn Rule, markdown: &str) -> Vec<String> {
        messages_with(rule, markdown, &RuleOptions::default())
    }

    /// Messages of `rule` on `markdown` with `options`.
    pub fn messages_with(rule: &dyn Rule, markdown: &str, options: &RuleOptions) -> Vec<String> {
        let doc = Document::parse(markdown);
        rule.check(&doc, options)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }
}
