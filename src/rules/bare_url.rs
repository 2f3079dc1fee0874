use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// A URL written as plain text.
pub struct BareUrl;

impl Rule for BareUrl {
    fn id(&self) -> &'static str {
        "bare-url"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "A URL written as plain text outside a link, code span or code block."
    }
    fn explanation(&self) -> &'static str {
        "A URL written as plain text shows as a raw address: GitHub links it, but plain \
         CommonMark renderers and mirrors do not, and in a list it usually means an entry lost \
         its title. Write it as `[Title](url)`, or as `<url>` when the address itself is the \
         point. URLs in link texts, code spans, code blocks and HTML are not reported."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        doc.bare_urls
            .iter()
            .map(|u| {
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    u.span.clone(),
                    // Sized once: `format!` guesses short and grows for a long URL.
                    ["bare URL `", doc.text(&u.span), "`"].concat(),
                )
                .with_help("make it a link: `[Title](url)`, or `<url>` to show the address")
                .with_edit(u.span.start..u.span.start, "<")
                .with_edit(u.span.end..u.span.end, ">")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn fires_on_plain_text_urls() {
        let md = "# T\n\nSee https://a.b/c.\n\n- [x](https://x.y) mirror: http://m.n\n";
        assert_eq!(lines(&BareUrl, md), [3, 5]);
    }

    #[test]
    fn silent_in_links_code_and_html() {
        let md = "# T\n\n[https://a.b](https://a.b) <https://c.d> `https://e.f`\n\n```\nhttps://g.h\n```\n\n<p>https://i.j</p>\n";
        assert!(lines(&BareUrl, md).is_empty());
    }
}
