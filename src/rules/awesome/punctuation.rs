use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::inline::TextRun;
use crate::rules::{Preset, Rule, RuleOptions};

/// Quotes and brackets that open and close.
pub struct Balanced;

/// The same punctuation mark twice in a row.
pub struct NoRepeat;

/// Pairs whose halves differ, then the straight double quote (its own closer).
const PAIRS: &[(char, char)] = &[
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{300E}', '\u{300F}'),
    ('\u{FF08}', '\u{FF09}'),
    ('\u{300A}', '\u{300B}'),
    ('\u{300C}', '\u{300D}'),
    ('\u{3010}', '\u{3011}'),
    ('"', '"'),
];

/// Marks that must not repeat (the full stop is left out so that `...` stays allowed).
const NO_REPEAT: &str = "！!~～,，·?？";

/// The source offset of char index `at` of `run`, exact when the run is the source.
fn offset(run: &TextRun, byte: usize, ch: char) -> Range<usize> {
    if run.exact {
        run.span.start + byte..run.span.start + byte + ch.len_utf8()
    } else {
        run.span.clone()
    }
}

/// Runs grouped by their paragraph or heading (table cells are not judged, as upstream).
fn containers(doc: &Document) -> Vec<Vec<TextRun>> {
    let mut out: Vec<Vec<TextRun>> = Vec::new();
    for run in doc.text_runs() {
        if run.in_table {
            continue;
        }
        match out.last_mut() {
            Some(group) if group[0].container == run.container => group.push(run),
            _ => out.push(vec![run]),
        }
    }
    out
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

impl Rule for Balanced {
    fn id(&self) -> &'static str {
        "balanced-punctuation"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A quote or bracket that is not closed, or closes nothing."
    }
    fn explanation(&self) -> &'static str {
        "Curly quotes (“ ” ‘ ’), straight double quotes and CJK brackets (『』 （） 《》 「」 【】) \
         must pair up within a paragraph or heading. An apostrophe (`don't`, `students'`) is \
         not a quote. Code is not read."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for group in containers(doc) {
            let text: Vec<(char, Range<usize>)> = group
                .iter()
                .flat_map(|run| {
                    run.text
                        .char_indices()
                        .map(move |(b, c)| (c, offset(run, b, c)))
                })
                .collect();
            let mut stack: Vec<(usize, Range<usize>)> = Vec::new();
            let mut open_straight = false;
            for (i, (c, span)) in text.iter().enumerate() {
                let before = i.checked_sub(1).map(|j| text[j].0);
                let after = text.get(i + 1).map(|t| t.0);
                if (*c == '\'' || *c == '\u{2019}')
                    && is_word(before)
                    && (is_word(after)
                        || after.is_none_or(|a| {
                            a.is_whitespace() || ".,;:!?()[]{}\"“”'‘’—–".contains(a)
                        }))
                {
                    continue;
                }
                let Some(pair) = PAIRS.iter().position(|&(l, r)| l == *c || r == *c) else {
                    continue;
                };
                let (left, right) = PAIRS[pair];
                if left == right {
                    if open_straight {
                        if stack.last().is_some_and(|(p, _)| *p == pair) {
                            stack.pop();
                        } else {
                            out.push(self.finding(
                                span.clone(),
                                format!("closing {c} without an opening {c}"),
                            ));
                        }
                        open_straight = false;
                    } else {
                        stack.push((pair, span.clone()));
                        open_straight = true;
                    }
                } else if *c == left {
                    stack.push((pair, span.clone()));
                } else if let Some(at) = stack.iter().rposition(|(p, _)| *p == pair) {
                    stack.remove(at);
                } else {
                    out.push(self.finding(
                        span.clone(),
                        format!("closing {c} without an opening {left}"),
                    ));
                }
            }
            for (pair, span) in stack {
                let (l, r) = PAIRS[pair];
                out.push(self.finding(span, format!("{l} is not closed by {r}")));
            }
        }
        out
    }
}

impl Balanced {
    fn finding(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.id(), self.severity(), span, message)
            .with_help("close the quote or bracket, or remove it")
    }
}

impl Rule for NoRepeat {
    fn id(&self) -> &'static str {
        "no-repeat-punctuation"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The same punctuation mark twice in a row (`!!`, `??`, `,,`)."
    }
    fn explanation(&self) -> &'static str {
        "`Fast!!` and `Why??` shout; one mark says it. Checks `!`, `?`, `,`, `~`, `·` and their \
         full-width forms in paragraphs and headings; an ellipsis (`...`) is fine and code is \
         not read."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for run in doc.text_runs().iter().filter(|r| !r.in_table) {
            let mut prev = None;
            for (b, c) in run.text.char_indices() {
                if NO_REPEAT.contains(c) && prev == Some(c) {
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            offset(run, b, c),
                            format!("`{c}` repeated"),
                        )
                        .with_help("one mark is enough"),
                    );
                }
                prev = Some(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn balanced() {
        assert!(
            lines(
                &Balanced,
                "# T\n\nIt's “fine” and \"quoted\", students' (too).\n"
            )
            .is_empty()
        );
        assert_eq!(
            messages(&Balanced, "# T\n\nAn “open quote.\n"),
            ["“ is not closed by ”"]
        );
        assert_eq!(
            messages(&Balanced, "# T\n\nA close” quote.\n"),
            ["closing ” without an opening “"]
        );
        assert_eq!(
            lines(&Balanced, "# T\n\nOne \"straight.\n\n`\"` in code.\n"),
            [3]
        );
    }

    #[test]
    fn repeats() {
        assert_eq!(
            lines(&NoRepeat, "# T\n\nWow!! Really?\n\nWait... `a!!` ok.\n"),
            [3]
        );
        assert_eq!(messages(&NoRepeat, "# Why??\n"), ["`?` repeated"]);
    }
}
