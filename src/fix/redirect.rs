//! The fix of a `redirect` finding: the URL, where it is written inside the occurrence,
//! replaced by the address it permanently redirects to. Only when the link check ran (the
//! finding does not exist otherwise) and only where the URL is written out exactly once in
//! a place a URL goes: a reference link's use (`[text][ref]`) does not contain it, and a URL
//! written with escapes or entities is not found as it is, so neither gets a fix.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::links::{self, LinkResult, Verdict};

/// Adds the edit to every `redirect` finding of `results` among `found`.
pub fn attach(doc: &Document, results: &[LinkResult], found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found
        .into_iter()
        .map(|d| {
            if d.rule != links::REDIRECT || d.fix.is_some() {
                return d;
            }
            let edit = results
                .iter()
                .find(|r| r.status == Verdict::Redirect && r.span == d.span)
                .and_then(|r| Some((r, r.redirect_to.as_deref()?)))
                .and_then(|(r, to)| Some((url_span(doc, &r.span, &r.url)?, to.to_string())));
            match edit {
                Some((span, to)) if safe_target(&to) => d.with_edit(span, to),
                _ => d,
            }
        })
        .collect()
}

/// A target that can stand where the old URL stood: absolute http(s), nothing that would
/// end a link destination, an autolink or an HTML attribute early.
fn safe_target(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>' | '"' | '\'' | '`' | '(' | ')' | '[' | ']' | '\\'
                )
        })
}

/// Where `url` is written inside the occurrence `span`: the only place, or else the last
/// one right after `(` or `<` (the destination of `[https://x](https://x)`).
fn url_span(
    doc: &Document,
    span: &std::ops::Range<usize>,
    url: &str,
) -> Option<std::ops::Range<usize>> {
    let text = doc.source.get(span.clone())?;
    if url.is_empty() {
        return None;
    }
    let found: Vec<usize> = text.match_indices(url).map(|(i, _)| i).collect();
    let at = match found.as_slice() {
        [] => return None,
        [only] => *only,
        many => *many
            .iter()
            .rev()
            .find(|&&i| matches!(text[..i].chars().last(), Some('(' | '<')))?,
    };
    // Only the whole URL: not a prefix of a longer one written there.
    let after = text[at + url.len()..].chars().next();
    if after.is_some_and(|c| !matches!(c, ')' | '>' | '"' | '\'' | ' ' | '\t' | '\n' | '\r')) {
        return None;
    }
    Some(span.start + at..span.start + at + url.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn redirect(source: &str, url: &str, to: &str) -> Option<String> {
        let doc = Document::parse(source);
        let occurrence = links::occurrences(&doc)
            .into_iter()
            .find(|o| o.url == url)
            .expect("the URL is an occurrence");
        let result = LinkResult {
            url: url.into(),
            span: occurrence.span.clone(),
            status: Verdict::Redirect,
            http_status: Some(301),
            redirect_to: Some(to.into()),
            attempts: 1,
            elapsed_ms: 1,
            detail: String::new(),
            github: None,
        };
        let d = Diagnostic::new(links::REDIRECT, Severity::Warning, occurrence.span, "moved");
        let fixed = attach(&doc, &[result], vec![d]).remove(0);
        let fix = fixed.fix?;
        Some(super::super::engine::apply_edits(source, &fix.edits))
    }

    #[test]
    fn replaces_the_destination_only() {
        assert_eq!(
            redirect(
                "- [https://a.example](https://a.example) - x\n",
                "https://a.example",
                "https://b.example"
            )
            .as_deref(),
            Some("- [https://a.example](https://b.example) - x\n")
        );
        assert_eq!(
            redirect(
                "see <https://a.example/x>\n",
                "https://a.example/x",
                "https://b.example/y"
            )
            .as_deref(),
            Some("see <https://b.example/y>\n")
        );
        assert_eq!(
            redirect(
                "bare https://a.example/x here\n",
                "https://a.example/x",
                "https://b.example/"
            )
            .as_deref(),
            Some("bare https://b.example/ here\n")
        );
        assert_eq!(
            redirect(
                "[a](https://a.example \"title\")\n",
                "https://a.example",
                "https://b.example"
            )
            .as_deref(),
            Some("[a](https://b.example \"title\")\n")
        );
    }

    #[test]
    fn no_fix_for_reference_uses_or_unsafe_targets() {
        let reference = "[a][r]\n\n[r]: https://a.example\n";
        assert_eq!(
            redirect(reference, "https://a.example", "https://b.example"),
            None
        );
        assert_eq!(
            redirect(
                "[a](https://a.example)\n",
                "https://a.example",
                "https://b.example/a b"
            ),
            None
        );
        assert_eq!(
            redirect(
                "[a](https://a.example)\n",
                "https://a.example",
                "https://b.example/(x)"
            ),
            None
        );
    }
}
