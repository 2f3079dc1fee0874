//! Inline suppressions: HTML comments in the list that silence findings.
//!
//! Our own forms, each followed by rule ids (none: every rule):
//! `<!-- awesome-lint-disable … -->` … `<!-- awesome-lint-enable … -->`,
//! `<!-- awesome-lint-disable-next-line … -->`, `<!-- awesome-lint-disable-file … -->`.
//! sindresorhus/awesome-lint's remark-lint forms are honoured so that lists migrate without
//! edits: `<!--lint disable …-->`, `<!--lint enable …-->`, `<!--lint ignore …-->` (the next
//! node), with its ids mapped to ours (`REMARK_IDS`) and ids we have no equivalent of ignored.
//!
//! A finding is suppressed when its start lies in a region that silences its rule. Each of our
//! comments that silences nothing is reported as `unused-suppression`; remark comments are not,
//! since they may still serve the other tool.

use std::ops::Range;

use crate::catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

pub const EXPLANATION: &str = "Warning. An `awesome-lint-disable…` or `awesome-lint-enable` comment \
    that suppresses nothing: the finding it was written for is gone, the rule id is unknown, or \
    an enable closes no disabled region. Stale suppressions hide the next real finding at that \
    place, so they are reported like ruff's unused `noqa`. Suppressions of rules that did not \
    run (off in the config, or link rules with --offline) are not judged, nor are \
    sindresorhus/awesome-lint's `<!--lint …-->` comments, which may still serve that tool.";

/// sindresorhus/awesome-lint (remark-lint) rule ids with an equivalent here.
pub const REMARK_IDS: &[(&str, &[&str])] = &[
    ("double-link", &["duplicate-link", "awesome-double-link"]),
    (
        "awesome-toc",
        &[
            "toc-mismatch",
            "toc-incomplete",
            "broken-anchor",
            "awesome-contents",
        ],
    ),
    // The `awesome` preset's rules keep upstream's ids.
    ("awesome-heading", &["awesome-heading"]),
    ("no-multiple-toplevel-headings", &["awesome-heading"]),
    ("awesome-badge", &["awesome-badge"]),
    ("awesome-list-item", &["awesome-list-item"]),
    (
        "no-repeat-item-in-description",
        &["no-repeat-item-in-description"],
    ),
    ("awesome-license", &["awesome-license"]),
    ("awesome-contributing", &["awesome-contributing"]),
    ("awesome-code-of-conduct", &["awesome-code-of-conduct"]),
    ("awesome-no-ci-badge", &["awesome-no-ci-badge"]),
    ("awesome-spell-check", &["awesome-spell-check"]),
    ("balanced-punctuation", &["balanced-punctuation"]),
    ("no-repeat-punctuation", &["no-repeat-punctuation"]),
    ("final-newline", &["final-newline"]),
    (
        "unordered-list-marker-style",
        &["unordered-list-marker-style"],
    ),
    ("rule-style", &["rule-style"]),
    ("no-emphasis-as-heading", &["no-emphasis-as-heading"]),
    ("awesome-github", &["awesome-github"]),
    ("no-undefined-references", &["no-undefined-references"]),
    ("list-item-bullet-indent", &["list-item-bullet-indent"]),
    (
        "no-dead-urls",
        &["dead-link", "redirect", "blocked-link", "timeout-link"],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
    /// remark's `ignore`: the next node.
    IgnoreNext,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Ours,
    Remark,
}

#[derive(Debug)]
struct Directive {
    action: Action,
    dialect: Dialect,
    span: Range<usize>,
    /// The comment's own words, e.g. `awesome-lint-disable bare-url`, for messages.
    text: String,
    /// The ids as written; empty: every rule.
    ids: Vec<String>,
}

/// A directive's claim on rules: one per id written, or one for "every rule".
#[derive(Debug)]
struct Owner {
    directive: usize,
    /// The id as written, or `None` for every rule.
    id: Option<String>,
    rules: Vec<&'static str>,
    used: bool,
}

#[derive(Debug, Clone)]
struct Region {
    span: Range<usize>,
    owner: usize,
}

/// Regions of one rule, sorted by start, with the running maximum of their ends so that
/// "is `offset` inside any region" is one binary search.
#[derive(Debug, Default)]
struct RuleRegions {
    regions: Vec<Region>,
    /// `reach[i]`: the region among `regions[..=i]` that ends last.
    reach: Vec<usize>,
}

impl RuleRegions {
    fn finish(&mut self) {
        self.regions.sort_by_key(|r| r.span.start);
        self.reach.clear();
        let mut best = 0;
        for (i, r) in self.regions.iter().enumerate() {
            if r.span.end > self.regions[best].span.end {
                best = i;
            }
            self.reach.push(best);
        }
    }

    /// The owner of a region containing `offset`, if any.
    fn covering(&self, offset: usize) -> Option<usize> {
        let n = self.regions.partition_point(|r| r.span.start <= offset);
        let best = &self.regions[*self.reach.get(n.checked_sub(1)?)?];
        (best.span.end > offset).then_some(best.owner)
    }
}

/// A problem with a comment itself, found while reading it.
#[derive(Debug)]
struct Problem {
    span: Range<usize>,
    message: String,
    help: String,
}

/// The suppressions of one document.
#[derive(Debug)]
pub struct Suppressions {
    directives: Vec<Directive>,
    owners: Vec<Owner>,
    rules: Vec<(&'static str, RuleRegions)>,
    problems: Vec<Problem>,
    suppressed: usize,
}

impl Suppressions {
    pub fn new(doc: &Document) -> Suppressions {
        let universe: Vec<&'static str> = catalog::all().iter().map(|r| r.id).collect();
        let mut s = Suppressions {
            directives: doc
                .comments
                .iter()
                .filter_map(|c| parse(&c.text, c.span.clone()))
                .collect(),
            owners: Vec::new(),
            rules: universe
                .iter()
                .map(|&id| (id, RuleRegions::default()))
                .collect(),
            problems: Vec::new(),
            suppressed: 0,
        };
        s.build(doc, &universe);
        s
    }

    fn build(&mut self, doc: &Document, universe: &[&'static str]) {
        // Open `disable` regions per rule: (start, owner).
        let mut open: Vec<Option<(usize, usize)>> = vec![None; universe.len()];
        let end_of_text = doc.source.len();
        for d in 0..self.directives.len() {
            let owners = self.owners_of(d, universe);
            let span = self.directives[d].span.clone();
            match self.directives[d].action {
                Action::Disable => {
                    for &o in &owners {
                        for &rule in &self.owners[o].rules {
                            let slot = &mut open[index_of(universe, rule)];
                            if slot.is_none() {
                                *slot = Some((span.end, o));
                            }
                        }
                    }
                }
                Action::Enable => {
                    let mut closed = false;
                    for &o in &owners {
                        for &rule in &self.owners[o].rules.clone() {
                            let i = index_of(universe, rule);
                            if let Some((start, owner)) = open[i].take() {
                                self.rules[i].1.regions.push(Region {
                                    span: start..span.start,
                                    owner,
                                });
                                closed = true;
                            }
                        }
                        // An enable is "used" when it closes a region.
                        self.owners[o].used = true;
                    }
                    if !closed && self.directives[d].dialect == Dialect::Ours && !owners.is_empty()
                    {
                        self.problems.push(Problem {
                            span: span.clone(),
                            message: format!(
                                "`{}` closes no disabled region",
                                self.directives[d].text
                            ),
                            help: "remove it, or add the matching `awesome-lint-disable` above"
                                .into(),
                        });
                    }
                }
                Action::DisableNextLine => {
                    let region = next_line(doc, span.end);
                    self.add_regions(&owners, universe, region);
                }
                Action::DisableFile => self.add_regions(&owners, universe, 0..end_of_text),
                Action::IgnoreNext => {
                    if let Some(region) = next_node(doc, &span) {
                        self.add_regions(&owners, universe, region);
                    }
                }
            }
        }
        for (i, slot) in open.into_iter().enumerate() {
            if let Some((start, owner)) = slot {
                self.rules[i].1.regions.push(Region {
                    span: start..end_of_text,
                    owner,
                });
            }
        }
        for (_, regions) in &mut self.rules {
            regions.finish();
        }
    }

    /// Creates the owners of directive `d` and returns their indices; reports unknown ids.
    fn owners_of(&mut self, d: usize, universe: &[&'static str]) -> Vec<usize> {
        let directive = &self.directives[d];
        let mut claims: Vec<(Option<String>, Vec<&'static str>)> = Vec::new();
        if directive.ids.is_empty() {
            claims.push((None, universe.to_vec()));
        }
        for id in &directive.ids {
            let rules: Vec<&'static str> = match directive.dialect {
                Dialect::Ours => universe.iter().copied().filter(|r| r == id).collect(),
                Dialect::Remark => REMARK_IDS
                    .iter()
                    .find(|(remark, _)| remark == id)
                    .map(|(_, ours)| ours.to_vec())
                    .unwrap_or_default(),
            };
            if rules.is_empty() {
                if directive.dialect == Dialect::Ours {
                    let hint = catalog::did_you_mean(id)
                        .map(|known| format!("; did you mean `{known}`?"))
                        .unwrap_or_default();
                    self.problems.push(Problem {
                        span: directive.span.clone(),
                        message: format!("unknown rule `{id}` in `{}`{hint}", directive.text),
                        help: "use an id from `awesome-lint rules`".into(),
                    });
                }
                // A remark id we have no equivalent of silences nothing here.
                continue;
            }
            claims.push((Some(id.clone()), rules));
        }
        claims
            .into_iter()
            .map(|(id, rules)| {
                self.owners.push(Owner {
                    directive: d,
                    id,
                    rules,
                    used: false,
                });
                self.owners.len() - 1
            })
            .collect()
    }

    fn add_regions(&mut self, owners: &[usize], universe: &[&'static str], span: Range<usize>) {
        for &o in owners {
            for &rule in &self.owners[o].rules {
                self.rules[index_of(universe, rule)].1.regions.push(Region {
                    span: span.clone(),
                    owner: o,
                });
            }
        }
    }

    fn covering(&self, rule: &str, offset: usize) -> Option<usize> {
        self.rules
            .iter()
            .find(|(id, _)| *id == rule)
            .and_then(|(_, regions)| regions.covering(offset))
    }

    /// Whether every one of `rules` is silenced at `offset` (a link whose findings are all
    /// silenced is not requested at all). Counts as a use of the suppressions.
    pub fn silences_all(&mut self, rules: &[&str], offset: usize) -> bool {
        let owners: Option<Vec<usize>> = rules.iter().map(|r| self.covering(r, offset)).collect();
        match owners {
            Some(owners) => {
                for o in owners {
                    self.owners[o].used = true;
                }
                true
            }
            None => false,
        }
    }

    /// Drops the suppressed findings, counting them.
    pub fn filter(&mut self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut kept = Vec::with_capacity(diagnostics.len());
        for d in diagnostics {
            match self.covering(d.rule, d.span.start) {
                Some(owner) => {
                    self.owners[owner].used = true;
                    self.suppressed += 1;
                }
                None => kept.push(d),
            }
        }
        kept
    }

    /// How many findings were suppressed so far.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }

    /// `unused-suppression` findings: unknown ids, enables that close nothing, and our
    /// suppressions that silenced nothing among the rules that ran (`ran(id)`).
    pub fn unused(&self, ran: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .problems
            .iter()
            .map(|p| {
                Diagnostic::new(
                    UNUSED_SUPPRESSION,
                    Severity::Warning,
                    p.span.clone(),
                    &p.message,
                )
                .with_help(p.help.clone())
            })
            .collect();
        for owner in &self.owners {
            let directive = &self.directives[owner.directive];
            if owner.used
                || directive.dialect != Dialect::Ours
                || directive.action == Action::Enable
                || !owner.rules.iter().all(|r| ran(r))
            {
                continue;
            }
            let (message, help) = match &owner.id {
                Some(id) if directive.ids.len() > 1 => (
                    format!("`{id}` in `{}` suppresses nothing", directive.text),
                    format!("remove `{id}` from the comment"),
                ),
                _ => (
                    format!("`{}` suppresses nothing", directive.text),
                    "remove the comment: nothing here needs it any more".to_string(),
                ),
            };
            out.push(
                Diagnostic::new(
                    UNUSED_SUPPRESSION,
                    Severity::Warning,
                    directive.span.clone(),
                    message,
                )
                .with_help(help),
            );
        }
        out.sort_by_key(|d| d.span.start);
        out
    }
}

fn index_of(universe: &[&'static str], rule: &str) -> usize {
    universe
        .iter()
        .position(|r| *r == rule)
        .expect("owners only hold rules of the universe")
}

/// Reads one comment's text (inside `<!--` and `-->`, trimmed) as a directive.
fn parse(text: &str, span: Range<usize>) -> Option<Directive> {
    let (action, dialect, rest) = if let Some(rest) = text.strip_prefix("awesome-lint-") {
        // Longest names first: `disable-next-line` before `disable`.
        let (action, rest) = [
            ("disable-next-line", Action::DisableNextLine),
            ("disable-file", Action::DisableFile),
            ("disable", Action::Disable),
            ("enable", Action::Enable),
        ]
        .into_iter()
        .find_map(|(word, action)| {
            let rest = rest.strip_prefix(word)?;
            (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((action, rest))
        })?;
        (action, Dialect::Ours, rest)
    } else {
        let rest = text.strip_prefix("lint")?;
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let rest = rest.trim_start();
        let (word, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let action = match word {
            "disable" => Action::Disable,
            "enable" => Action::Enable,
            "ignore" => Action::IgnoreNext,
            _ => return None,
        };
        (action, Dialect::Remark, rest)
    };
    let ids = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        action,
        dialect,
        span,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        ids,
    })
}

/// The line after the one where `offset` is (the comment's end), as a byte range.
fn next_line(doc: &Document, offset: usize) -> Range<usize> {
    let source = doc.source.as_bytes();
    let start = memchr::memchr(b'\n', &source[offset.min(source.len())..])
        .map_or(source.len(), |i| offset + i + 1);
    let end = memchr::memchr(b'\n', &source[start..]).map_or(source.len(), |i| start + i);
    start..end
}

/// remark's "next node" of a comment: inside an entry, the rest of that entry; otherwise the
/// next block or heading after the comment.
fn next_node(doc: &Document, comment: &Range<usize>) -> Option<Range<usize>> {
    // Entries are in source order and nested ones come after their parent: the last entry
    // that starts before the comment and still contains it is the innermost.
    let n = doc
        .entries
        .partition_point(|e| e.span.start <= comment.start);
    if let Some(e) = doc.entries[..n]
        .iter()
        .rev()
        .take(64)
        .find(|e| e.span.end >= comment.end)
    {
        let end = if e.content.end >= comment.end {
            e.content.end
        } else {
            e.span.end
        };
        return Some(comment.end..end);
    }
    // Blocks and headings are in source order.
    let block = doc.blocks[doc.blocks.partition_point(|b| b.span.start < comment.end)..]
        .first()
        .map(|b| b.span.clone());
    let heading = doc.headings[doc.headings.partition_point(|h| h.span.start < comment.end)..]
        .first()
        .map(|h| h.span.clone());
    match (block, heading) {
        (Some(b), Some(h)) => Some(if h.start < b.start { h } else { b }),
        (b, h) => b.or(h),
    }
}

#[cfg(test)]
mod tests;
