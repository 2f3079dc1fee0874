//! Applying fixes: passes of non-overlapping edits, each pass checked and re-linted.
//!
//! Pass by pass: take the findings on the current text, keep the applicable fixes (safe, or
//! unsafe too with `--unsafe-fixes`) whose edits are valid and not refused before, pick them
//! in order of position while they overlap nothing already picked, apply them together, and
//! check that the result parses to the same structure (`verify`). A batch that does not is
//! split: each fix is checked alone and the failing ones are refused for the rest of the run.
//! The overlapping fixes left over are found again by the next pass's re-lint, on the fixed
//! text. At most `MAX_PASSES` passes; a pass that brings the text back to an earlier state
//! (fixes that undo each other) is rolled back to that state and ends the run.
//!
//! Findings the re-lint cannot reproduce (the link checker's, which need the network) are
//! `stable`: computed once on the original text, their spans are carried through every pass's
//! edits, and a fix among them is dropped once an applied edit touches what it would change.

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;

use super::verify;

/// Like ruff and rumdl: enough for fixes that enable other fixes, bounded for fixes that never settle.
pub const MAX_PASSES: usize = 10;

/// The text after fixing and what it took.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub source: String,
    /// Fixes applied, over every pass (each resolves one finding).
    pub applied: usize,
    /// Passes that applied something.
    pub passes: usize,
    /// Fixes refused: invalid edits, a different structure after applying, or undone later.
    pub refused: usize,
    /// The stable findings still open, with spans in the fixed text.
    pub stable: Vec<Diagnostic>,
    /// Edits of each applied pass, sorted, in the coordinates of that pass's input.
    history: Vec<Vec<Edit>>,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        self.applied > 0
    }

    /// Where `span` of the original text is in the fixed text; an end inside a replaced
    /// range moves to that range's end, a start to its beginning.
    pub fn map_span(&self, span: &Range<usize>) -> Range<usize> {
        let mut span = span.clone();
        for edits in &self.history {
            let start = map_offset(edits, span.start, false);
            let end = map_offset(edits, span.end, true).max(start);
            span = start..end;
        }
        span
    }
}

/// A text reached after some passes.
struct State {
    source: String,
    applied: usize,
    passes: usize,
    stable: Vec<Option<Diagnostic>>,
}

/// A finding considered for fixing, and where it came from.
struct Candidate {
    diagnostic: Diagnostic,
    /// Index into the stable findings; `None` for a re-linted one.
    stable: Option<usize>,
}

/// Identifies a fix across passes (spans move, the text it changes does not): the rule,
/// the line the first edit stands on, and every edit's old and new text.
type FixKey = (&'static str, String, Vec<(String, String)>);

fn key(source: &str, diagnostic: &Diagnostic, fix: &Fix) -> FixKey {
    let first = fix.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
    let line_start = source[..first].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[first..]
        .find('\n')
        .map_or(source.len(), |i| first + i);
    (
        diagnostic.rule,
        source[line_start..line_end].to_string(),
        fix.edits
            .iter()
            .map(|e| {
                (
                    source[e.span.clone()].to_string(),
                    e.replacement.to_string(),
                )
            })
            .collect(),
    )
}

/// Applies the fixes of `first` (the findings on `source`) and of every re-lint after it.
///
/// `stable` are the findings among `first` that `relint` does not reproduce; `relint` gives
/// the other findings on a text (rules and suppressions, no network).
pub fn fix_source(
    source: &str,
    first: Vec<Diagnostic>,
    stable: Vec<Diagnostic>,
    mut relint: impl FnMut(&str) -> Vec<Diagnostic>,
    allow_unsafe: bool,
) -> Outcome {
    let mut current = source.to_string();
    let mut stable: Vec<Option<Diagnostic>> = stable.into_iter().map(Some).collect();
    let mut refused: HashSet<FixKey> = HashSet::new();
    // Every state reached, with the fixes applied and the history length to get there.
    let mut states: Vec<State> = vec![State {
        source: current.clone(),
        applied: 0,
        passes: 0,
        stable: stable.clone(),
    }];
    let mut history: Vec<Vec<Edit>> = Vec::new();
    let mut applied = 0;
    let mut relinted = Some(first);
    for _ in 0..MAX_PASSES {
        let found = match relinted.take() {
            Some(found) => found,
            None => relint(&current),
        };
        let mut candidates: Vec<Candidate> = found
            .into_iter()
            .map(|diagnostic| Candidate {
                diagnostic,
                stable: None,
            })
            .collect();
        candidates.extend(
            stable
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.clone().map(|d| (i, d)))
                .map(|(i, diagnostic)| Candidate {
                    diagnostic,
                    stable: Some(i),
                }),
        );
        let chosen = choose(&current, candidates, &refused, allow_unsafe);
        if chosen.is_empty() {
            break;
        }
        let doc = Document::parse(current.clone());
        let Some((next, used)) = apply_checked(&doc, chosen, &mut refused) else {
            break;
        };
        let mut edits: Vec<Edit> = used
            .iter()
            .flat_map(|c| {
                c.diagnostic
                    .fix
                    .iter()
                    .flat_map(|f| f.edits.iter().cloned())
            })
            .collect();
        sort_edits(&mut edits);
        for c in &used {
            if let Some(i) = c.stable {
                stable[i] = None;
            }
        }
        // The stable findings follow the text; a fix whose edits were touched is dropped.
        for d in stable.iter_mut().flatten() {
            d.span = map_span_lenient(&edits, &d.span);
            for l in &mut d.labels {
                l.span = map_span_lenient(&edits, &l.span);
            }
            if let Some(fix) = &d.fix {
                let moved: Option<Vec<Edit>> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        map_span_strict(&edits, &e.span).map(|span| Edit {
                            span,
                            replacement: e.replacement.clone(),
                        })
                    })
                    .collect();
                d.fix = moved.map(|edits| Fix {
                    applicability: fix.applicability,
                    edits,
                });
            }
        }
        applied += used.len();
        history.push(edits);
        if let Some(earlier) = states.iter().find(|s| s.source == next) {
            // The last passes undid each other: back to where they started, and stop. The
            // fixes of this pass are refused (their findings stay open).
            refused.extend(used.iter().filter_map(|c| {
                c.diagnostic
                    .fix
                    .as_ref()
                    .map(|f| key(&current, &c.diagnostic, f))
            }));
            applied = earlier.applied;
            history.truncate(earlier.passes);
            stable = earlier.stable.clone();
            current = next;
            break;
        }
        current = next;
        states.push(State {
            source: current.clone(),
            applied,
            passes: history.len(),
            stable: stable.clone(),
        });
    }
    let refused_count = refused.len();
    Outcome {
        passes: history.len(),
        source: current,
        applied,
        refused: refused_count,
        stable: stable.into_iter().flatten().collect(),
        history,
    }
}

/// The fixes to apply in one pass: applicable, valid, not refused, overlapping nothing
/// picked before them (in order of position).
fn choose(
    source: &str,
    candidates: Vec<Candidate>,
    refused: &HashSet<FixKey>,
    allow_unsafe: bool,
) -> Vec<Candidate> {
    let mut usable: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| {
            c.diagnostic.fix.as_ref().is_some_and(|f| {
                (f.applicability == Applicability::Safe || allow_unsafe)
                    && valid(source, f)
                    && !refused.contains(&key(source, &c.diagnostic, f))
            })
        })
        .collect();
    usable.sort_by_key(|c| {
        let f = c.diagnostic.fix.as_ref().expect("filtered on a fix");
        let start = f.edits.iter().map(|e| e.span.start).min();
        (start, c.diagnostic.span.start, c.diagnostic.rule)
    });
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    for c in usable {
        let f = c.diagnostic.fix.as_ref().expect("filtered on a fix");
        if f.edits
            .iter()
            .any(|e| taken.iter().any(|t| conflict(t, &e.span)))
        {
            continue;
        }
        // The same edit from two findings (one fix resolving both) is applied once.
        if chosen
            .iter()
            .any(|o: &Candidate| o.diagnostic.fix == c.diagnostic.fix)
        {
            continue;
        }
        taken.extend(f.edits.iter().map(|e| e.span.clone()));
        chosen.push(c);
    }
    chosen
}

/// Edits inside the text, on character boundaries, and not overlapping each other.
fn valid(source: &str, fix: &Fix) -> bool {
    !fix.edits.is_empty()
        && fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= source.len()
                && source.is_char_boundary(e.span.start)
                && source.is_char_boundary(e.span.end)
                && source[e.span.clone()] != e.replacement
        })
        && fix.edits.iter().enumerate().all(|(i, a)| {
            fix.edits[i + 1..]
                .iter()
                .all(|b| !conflict(&a.span, &b.span))
        })
}

/// Two edits conflict when they overlap, or both insert at one place (their order would
/// be a guess). An insertion at either end of a replaced range does not conflict with it.
pub(crate) fn conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    if a.is_empty() {
        return b.start < a.start && a.start < b.end;
    }
    if b.is_empty() {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Sorted by position; an insertion before a replacement starting at the same place.
fn sort_edits(edits: &mut [Edit]) {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
}

/// `source` with non-conflicting `edits` applied.
pub(crate) fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    sort_edits(&mut edits);
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in &edits {
        out.push_str(&source[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&source[at..]);
    out
}

fn edits_of<'a>(fixes: impl IntoIterator<Item = &'a Candidate>) -> Vec<Edit> {
    fixes
        .into_iter()
        .flat_map(|c| {
            c.diagnostic
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().cloned())
        })
        .collect()
}

/// The result of applying `fixes` to `doc`, if it keeps the structure.
fn checked(doc: &Document, fixes: &[Candidate]) -> Option<String> {
    let edits = edits_of(fixes);
    let removals = edits_of(fixes.iter().filter(|c| {
        c.diagnostic
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Unsafe)
    }));
    let next = apply_edits(&doc.source, &edits);
    verify::same_structure(doc, &edits, &removals, &Document::parse(next.clone()))
        .is_ok()
        .then_some(next)
}

/// Applies `chosen` to `doc` if the result keeps its structure; otherwise finds the fixes
/// that break it, refuses them, and applies the rest (or the first good one alone when
/// the good ones only break the structure together). `None` when none can be applied.
fn apply_checked(
    doc: &Document,
    chosen: Vec<Candidate>,
    refused: &mut HashSet<FixKey>,
) -> Option<(String, Vec<Candidate>)> {
    if let Some(next) = checked(doc, &chosen) {
        return Some((next, chosen));
    }
    let mut good = Vec::new();
    for c in chosen {
        if checked(doc, std::slice::from_ref(&c)).is_some() {
            good.push(c);
        } else if let Some(f) = &c.diagnostic.fix {
            refused.insert(key(&doc.source, &c.diagnostic, f));
        }
    }
    if good.is_empty() {
        return None;
    }
    if let Some(next) = checked(doc, &good) {
        return Some((next, good));
    }
    good.truncate(1);
    let next = apply_edits(&doc.source, &edits_of(&good));
    Some((next, good))
}

/// `span` after `edits`, or `None` when an edit changes part of it.
pub(crate) fn map_span_strict(edits: &[Edit], span: &Range<usize>) -> Option<Range<usize>> {
    if edits.iter().any(|e| conflict(&e.span, span)) {
        return None;
    }
    // Nothing changes inside the span: everything before it moves it as a whole.
    let shift: isize = edits
        .iter()
        .filter(|e| e.span.end <= span.start)
        .map(|e| e.replacement.len() as isize - e.span.len() as isize)
        .sum();
    Some(moved(span.start, shift)..moved(span.end, shift))
}

fn moved(offset: usize, shift: isize) -> usize {
    offset.checked_add_signed(shift).unwrap_or(0)
}

/// `offset` after the sorted `edits`. Inside a replaced range it moves to the start of the
/// replacement (or, with `end`, to its end); an insertion at `offset` goes before a start
/// and after an end.
fn map_offset(edits: &[Edit], offset: usize, end: bool) -> usize {
    let mut shift: isize = 0;
    for e in edits {
        let before = if e.span.is_empty() {
            e.span.start < offset || (e.span.start == offset && !end)
        } else {
            e.span.end <= offset
        };
        if before {
            shift += e.replacement.len() as isize - e.span.len() as isize;
        } else if e.span.start < offset && offset < e.span.end {
            let start = moved(e.span.start, shift);
            return if end {
                start + e.replacement.len()
            } else {
                start
            };
        }
    }
    moved(offset, shift)
}

fn map_span_lenient(edits: &[Edit], span: &Range<usize>) -> Range<usize> {
    let start = map_offset(edits, span.start, false);
    start..map_offset(edits, span.end, true).max(start)
}

#[cfg(test)]
mod tests;
