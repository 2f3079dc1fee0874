//! remark-lint's `no-undefined-references`, part of sindresorhus/awesome-lint: text in square
//! brackets that reads as a reference link (`[name]`, `[text][name]`) without a definition.

use rustc_hash::FxHashSet;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LinkKind};
use crate::rules::{Preset, Rule, RuleOptions};

pub struct UndefinedReferences;

impl Rule for UndefinedReferences {
    fn id(&self) -> &'static str {
        "no-undefined-references"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "Text in square brackets that reads as a reference link with no definition."
    }
    fn explanation(&self) -> &'static str {
        "`[name]` or `[text][name]` is a link when `[name]: url` is defined somewhere in the \
         file; without the definition it shows as bracketed text, which is often a link whose \
         definition was lost. Escape the bracket (`\\[`) when the brackets are meant as text \
         (`map\\[string]int`). Brackets in code, URLs and HTML are not judged, nor GitHub's \
         alerts (`[!NOTE]`) or `[]`."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let defined: FxHashSet<String> = doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Definition)
            .map(|l| identifier(&l.text))
            .collect();
        let mut out = Vec::new();
        let mut open: Vec<Vec<usize>> = Vec::new();
        let mut container = None;
        let src = doc.source.as_bytes();
        for run in doc.text_runs() {
            // A tight list item's text has no paragraph of its own: its item tells it apart.
            let key = (run.container, owning_item(doc, run.span.start));
            if container != Some(key) {
                for range in open.drain(..) {
                    self.judge(doc, &defined, range, &mut out);
                }
                container = Some(key);
            }
            let mut i = run.span.start;
            while i < run.span.end {
                match src[i] {
                    b'\\' => {
                        i += if matches!(src.get(i + 1), Some(b'[' | b']')) {
                            2
                        } else {
                            1
                        }
                    }
                    // An escape just before the run (the parser may leave it out of the text).
                    b'[' if i > 0 && src[i - 1] == b'\\' && i == run.span.start => i += 1,
                    b'[' => {
                        open.push(vec![i]);
                        i += 1;
                    }
                    b']' => match open.last_mut() {
                        None => i += 1,
                        // `][`: the second half of a full reference.
                        Some(range) if src.get(i + 1) == Some(&b'[') && range.len() != 3 => {
                            range.extend([i + 1, i + 1]);
                            i += 2;
                        }
                        Some(_) => {
                            i += 1;
                            let mut range = open.pop().expect("checked above");
                            range.push(i);
                            self.judge(doc, &defined, range, &mut out);
                        }
                    },
                    _ => i += 1,
                }
            }
        }
        for range in open {
            self.judge(doc, &defined, range, &mut out);
        }
        out.sort_by_key(|d| d.span.start);
        out
    }
}

impl UndefinedReferences {
    /// `range`: the opening bracket, then the positions after each closing one (remark's
    /// bracket ranges). Reports it when its label names no definition.
    fn judge(
        &self,
        doc: &Document,
        defined: &FxHashSet<String>,
        mut range: Vec<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        match range.len() {
            1 => return,
            // `[x][` never closed reads as `[x]`.
            3 => range.truncate(2),
            _ => {}
        }
        if range.len() == 2 && range[0] + 2 == range[1] {
            return;
        }
        let second = range.len() == 4 && range[2] + 2 != range[3];
        let label: Range<usize> = if second {
            range[2] + 1..range[3] - 1
        } else {
            range[0] + 1..range[1] - 1
        };
        let Some(label) = doc.source.get(label) else {
            return;
        };
        let id = identifier(label);
        let footnote = label.starts_with('^');
        if footnote && id.contains(' ') {
            return;
        }
        if defined.contains(&id) || is_alert(&id) {
            return;
        }
        // A label across lines is shown on one, the same with LF and CRLF line ends.
        let label = if label.contains('\n') {
            label.lines().map(str::trim).collect::<Vec<_>>().join(" ")
        } else {
            label.to_string()
        };
        let start = range[0];
        let span = start..*range.last().expect("two positions at least");
        let kind = if start > 0 && doc.source.as_bytes()[start - 1] == b'!' {
            "an image"
        } else if footnote {
            "a footnote"
        } else {
            "a link"
        };
        out.push(
            Diagnostic::new(
                self.id(),
                self.severity(),
                span,
                format!("`[{label}]` reads as {kind} to a definition that does not exist"),
            )
            .with_help(format!(
                "define `[{label}]: …`, or escape the bracket (`\\[`) if it is text"
            ))
            .with_unsafe_edit(start..start, "\\"),
        );
    }
}

/// The innermost list item whose own content holds `offset`, if any.
fn owning_item(doc: &Document, offset: usize) -> Option<usize> {
    let before = doc.entries.partition_point(|e| e.span.start <= offset);
    for i in (0..before).rev() {
        let e = &doc.entries[i];
        if e.content.contains(&offset) {
            return Some(i);
        }
        // Nothing before a top-level entry that ended can hold it.
        if e.depth == 0 && e.span.end <= offset {
            break;
        }
    }
    None
}

/// A label as references match it: whitespace collapsed, case folded.
fn identifier(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// GitHub's alert markers, `[!NOTE]` and its kin.
fn is_alert(id: &str) -> bool {
    matches!(
        id,
        "!note" | "!tip" | "!important" | "!warning" | "!caution"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn brackets_without_a_definition() {
        let md = "# T\n\n- [mxj](https://m.org) - Maps map[string]interface{} values.\n- [V](https://v.org) - Data [.ai, .svg].\n";
        assert_eq!(lines(&UndefinedReferences, md), [3, 4]);
        assert_eq!(
            messages(&UndefinedReferences, md)[0],
            "`[string]` reads as a link to a definition that does not exist"
        );
    }

    #[test]
    fn defined_escaped_code_and_empty_brackets_are_fine() {
        let md = "# T\n\nSee [docs] and [the guide][guide], map\\[string], `[x]`, [] and [![b](https://i.org/b.svg)](https://b.org).\n\n> [!NOTE]\n> Text.\n\n[docs]: https://d.org\n[guide]: https://g.org\n";
        assert!(lines(&UndefinedReferences, md).is_empty());
    }

    #[test]
    fn brackets_do_not_pair_across_tight_list_items() {
        let md = "# T\n\n- [A](https://a.org) - Opens [a bracket.\n- [B](https://b.org) - Closes one] here.\n";
        assert!(lines(&UndefinedReferences, md).is_empty());
    }

    #[test]
    fn a_label_across_lines_reads_the_same_with_crlf() {
        let md = "# T\n\nSee [two\n  lines] here.\n";
        let crlf = md.replace('\n', "\r\n");
        let expected = ["`[two lines]` reads as a link to a definition that does not exist"];
        assert_eq!(messages(&UndefinedReferences, md), expected);
        assert_eq!(messages(&UndefinedReferences, &crlf), expected);
    }

    #[test]
    fn full_references_name_their_second_label() {
        let md = "# T\n\nSee [text][missing] and [defined][].\n\n[defined]: https://d.org\n";
        assert_eq!(
            messages(&UndefinedReferences, md),
            ["`[missing]` reads as a link to a definition that does not exist"]
        );
    }
}
