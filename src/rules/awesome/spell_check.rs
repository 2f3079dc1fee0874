use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{OptionDoc, Preset, Rule, RuleOptions};

/// Product names written as their makers write them.
pub struct SpellCheck;

/// The term list: one data file, extended by the `terms` option in the same line format.
pub const TERMS: &str = include_str!("spell-check.txt");

const OPTIONS: &[OptionDoc] = &[OptionDoc {
    key: "terms",
    default: "[]",
    doc: "terms added to the list, one a string in its line format: \"Right | wrong | other ; next: word word ; prev: word\"",
}];

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub right: String,
    /// Lowercase forms to look for (the right one included).
    pub forms: Vec<String>,
    /// Lowercase words one of which must follow; empty: no condition.
    pub next: Vec<String>,
    /// Lowercase words one of which must come before; empty: no condition.
    pub prev: Vec<String>,
}

/// Parses one line of the list (`None` for blank lines and comments).
pub fn parse_term(line: &str) -> Result<Option<Term>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut parts = line.split(" ; ");
    let names = parts.next().unwrap_or_default();
    let mut forms = names.split(" | ").map(str::trim);
    let right = forms.next().unwrap_or_default().to_string();
    if right.is_empty() {
        return Err(format!("`{line}`: no term before ` | `"));
    }
    let mut term = Term {
        forms: std::iter::once(right.to_lowercase())
            .chain(forms.filter(|f| !f.is_empty()).map(str::to_lowercase))
            .collect(),
        right,
        next: Vec::new(),
        prev: Vec::new(),
    };
    for context in parts {
        let words = |rest: &str| {
            rest.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        };
        if let Some(rest) = context.trim().strip_prefix("next:") {
            term.next = words(rest);
        } else if let Some(rest) = context.trim().strip_prefix("prev:") {
            term.prev = words(rest);
        } else {
            return Err(format!("`{line}`: context must be `next: …` or `prev: …`"));
        }
    }
    Ok(Some(term))
}

fn builtin() -> &'static [Term] {
    static LIST: OnceLock<Vec<Term>> = OnceLock::new();
    LIST.get_or_init(|| {
        TERMS
            .lines()
            .filter_map(|l| parse_term(l).expect("the built-in term list parses"))
            .collect()
    })
}

/// Characters that join a word to its neighbour (`foo-github`, `github_x`, `@github`); in a
/// link's text also `/` (`owner/repo` names the repository, not the product).
fn joins(c: Option<char>, in_link: bool) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || "-_@\\".contains(c) || (in_link && c == '/'))
}

impl Rule for SpellCheck {
    fn id(&self) -> &'static str {
        "awesome-spell-check"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A product name written otherwise than its makers write it (`Github`, `nodejs`, `osx`)."
    }
    fn explanation(&self) -> &'static str {
        "Names read best as their makers write them: GitHub, JavaScript, Node.js, macOS. The \
         list (built in, one data file, extended with the `terms` option) gives each name and \
         its usual misspellings. Names that are also ordinary words (Rust, Swift, Unity, \
         Notion, React, …) are reported only in context (`unity engine`, `rust crate`) or when \
         a link's text is the word alone, so that \"we need unity\" stays silent. Words inside \
         URLs, paths, code, identifiers (`foo-github`, `node_js`, `x.github`) are not read."
    }
    fn options(&self) -> &'static [OptionDoc] {
        OPTIONS
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let extra: Vec<Term> = options
            .terms
            .iter()
            .filter_map(|l| parse_term(l).ok().flatten())
            .collect();
        let terms: Vec<&Term> = builtin().iter().chain(extra.iter()).collect();
        let mut out = Vec::new();
        for run in doc.text_runs() {
            let lower = run.text.to_ascii_lowercase();
            for term in &terms {
                if let Some((at, found)) = find(&run.text, &lower, term, run.in_link) {
                    let span = if run.exact {
                        run.span.start + at..run.span.start + at + found.len()
                    } else {
                        run.span.clone()
                    };
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            span.clone(),
                            format!("`{found}` should be written `{}`", term.right),
                        )
                        .with_help(
                            "write the name as its makers do (if the text means the product)",
                        )
                        .with_edit(span, term.right.clone()),
                    );
                }
            }
        }
        out
    }
}

/// The first miswritten form of `term` in `text` (`lower` is its ASCII lowercase).
fn find<'t>(text: &'t str, lower: &str, term: &Term, in_link: bool) -> Option<(usize, &'t str)> {
    let alone = text.trim().to_ascii_lowercase();
    for form in &term.forms {
        for (at, _) in lower.match_indices(form.as_str()) {
            let end = at + form.len();
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let dot_joins = |c: Option<char>, other: Option<char>| {
                c == Some('.') && other.is_some_and(char::is_alphanumeric)
            };
            if joins(before, in_link) || joins(after, in_link) {
                continue;
            }
            if dot_joins(before, text[..at].chars().rev().nth(1))
                || dot_joins(after, text[end..].chars().nth(1))
            {
                continue;
            }
            // After the whitespace character, whatever its width (U+2028 is three bytes).
            let token_start = text[..at]
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let token_end = text[end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| end + i);
            let token = &lower[token_start..token_end];
            if token.contains("://") || token.starts_with("www.") {
                continue;
            }
            let found = &text[at..end];
            if found == term.right {
                continue;
            }
            if !term.next.is_empty() || !term.prev.is_empty() {
                let next_word = lower[end..].split_whitespace().next().unwrap_or("");
                let prev_word = lower[..at].split_whitespace().next_back().unwrap_or("");
                let next_ok = !term.next.is_empty()
                    && lower[end..].starts_with(char::is_whitespace)
                    && term.next.iter().any(|w| next_word.starts_with(w.as_str()));
                let prev_ok = !term.prev.is_empty()
                    && lower[..at].ends_with(char::is_whitespace)
                    && term
                        .prev
                        .iter()
                        .any(|w| prev_word.trim_matches(|c: char| !c.is_alphanumeric()) == w);
                if !(next_ok || prev_ok || alone == *form) {
                    continue;
                }
            }
            return Some((at, found));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages, messages_with};

    #[test]
    fn the_list_parses() {
        assert!(builtin().len() > 150);
        let t = parse_term("Node.js | nodejs | node js").unwrap().unwrap();
        assert_eq!(t.forms, ["node.js", "nodejs", "node js"]);
        assert!(parse_term("X ; after: y").is_err());
        assert_eq!(parse_term("# comment").unwrap(), None);
    }

    #[test]
    fn multibyte_whitespace_before_a_name() {
        // Found by tests/fuzz.rs: the token was cut one byte after a U+2028, inside it.
        assert_eq!(
            messages(&SpellCheck, "# T\n\nA\u{2028}Github app.\n"),
            ["`Github` should be written `GitHub`"]
        );
    }

    #[test]
    fn misspellings() {
        assert_eq!(
            messages(&SpellCheck, "# T\n\nA Github app for nodejs on OSX.\n"),
            [
                "`Github` should be written `GitHub`",
                "`nodejs` should be written `Node.js`",
                "`OSX` should be written `macOS`"
            ]
        );
        assert_eq!(lines(&SpellCheck, "# T\n\nTo Javascript/C++.\n"), [3]);
        assert_eq!(
            messages(&SpellCheck, "# T\n\nWrite Javascript.\n"),
            ["`Javascript` should be written `JavaScript`"]
        );
    }

    #[test]
    fn silent_on_right_spellings_identifiers_urls_and_code() {
        let md = "# T\n\nGitHub, Node.js, macOS. foo-github, github_x, [owner/github](https://a.b), x.github.io, \
                  https://github.com/a, `nodejs`, @github.\n";
        assert!(
            lines(&SpellCheck, md).is_empty(),
            "{:?}",
            messages(&SpellCheck, md)
        );
    }

    #[test]
    fn context_words() {
        assert!(lines(&SpellCheck, "# T\n\nWe need unity.\n").is_empty());
        assert_eq!(
            messages(&SpellCheck, "# T\n\nBuilt on the unity engine.\n"),
            ["`unity` should be written `Unity`"]
        );
        assert_eq!(
            lines(&SpellCheck, "# T\n\n- [unity](https://u.y) - Engine.\n"),
            [3]
        );
        assert!(lines(&SpellCheck, "# T\n\nThe rust on my car.\n").is_empty());
        assert_eq!(lines(&SpellCheck, "# T\n\nA rust crate.\n"), [3]);
    }

    #[test]
    fn terms_extend_the_list() {
        let options = RuleOptions {
            terms: vec!["WidgetHub | widget hub".into()],
            ..RuleOptions::default()
        };
        assert_eq!(
            messages_with(&SpellCheck, "# T\n\nA widget hub app.\n", &options),
            ["`widget hub` should be written `WidgetHub`"]
        );
    }
}
