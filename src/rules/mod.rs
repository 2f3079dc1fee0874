//! Structural rules. Each rule is one file with one type implementing `Rule`, registered
//! once in `REGISTRY`. A rule reads the `Document` and returns findings; it never parses
//! Markdown itself, and knows nothing of the network or of output formats.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub trait Rule: Sync {
    /// Stable kebab-case id, used in output, config and suppressions.
    fn id(&self) -> &'static str;
    fn severity(&self) -> Severity;
    /// One line: what the rule reports.
    fn summary(&self) -> &'static str;
    /// One paragraph: why it matters and when it stays silent.
    fn explanation(&self) -> &'static str;
    fn check(&self, doc: &Document) -> Vec<Diagnostic>;
}

/// Every structural rule, in the order `awesome-lint rules` lists them.
// TEMP (cli branch only): the rule files live on another branch; dropped at merge.
pub static REGISTRY: &[&dyn Rule] = &[];

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|r| r.id() == id)
}

/// Run every rule; findings sorted by position, then rule id.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = REGISTRY.iter().flat_map(|r| r.check(doc)).collect();
    out.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    out
}

#[cfg(test)]
#[allow(dead_code)]
pub(crate) mod testing {
    use super::*;

    /// 1-based lines at which `rule` fires on `markdown`.
    pub fn lines(rule: &dyn Rule, markdown: &str) -> Vec<usize> {
        let doc = Document::parse(markdown);
        let mut d = rule.check(&doc);
        d.sort_by_key(|d| d.span.start);
        d.iter().map(|d| doc.position(d.span.start).line).collect()
    }

    /// Messages of `rule` on `markdown`.
    pub fn messages(rule: &dyn Rule, markdown: &str) -> Vec<String> {
        let doc = Document::parse(markdown);
        rule.check(&doc).into_iter().map(|d| d.message).collect()
    }
}
