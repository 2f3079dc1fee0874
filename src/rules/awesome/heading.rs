use super::{html_header, main_heading};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Preset, Rule, RuleOptions};

/// One main heading, of depth 1, first, in title case.
pub struct Heading;

/// Words title case leaves in lower case unless they open the title.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "if", "in", "into", "nor",
    "of", "on", "or", "per", "the", "to", "v", "vs", "via", "with",
];

impl Rule for Heading {
    fn id(&self) -> &'static str {
        "awesome-heading"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The list needs exactly one depth-1 main heading, first, in title case."
    }
    fn explanation(&self) -> &'static str {
        "The awesome guidelines want the list's name as its one depth-1 heading (`# Awesome \
         Thing`) at the top, in title case; every other heading is a section, of depth 2 or \
         more. An HTML header (an `<h1>`, or a centred block with an image) as the very first \
         block stands in for it. Title case: every word starts with a capital except short \
         connecting words (a, and, of, the, …) after the first; words with a capital inside \
         (`iOS`, `macOS`) are names and keep their casing."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let html = html_header(doc);
        let Some(main) = main_heading(doc) else {
            if html {
                return out;
            }
            let d = match doc.headings.first() {
                Some(h) if doc.blocks.iter().all(|b| b.span.start >= h.span.start) => {
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        h.span.clone(),
                        "the main heading must be of depth 1",
                    )
                    .with_help("write the list's name as `# Awesome Name`")
                }
                _ => Diagnostic::new(
                    self.id(),
                    self.severity(),
                    doc.start(),
                    "missing main heading",
                )
                .with_help("start the list with its name as a depth-1 heading: `# Awesome Name`"),
            };
            out.push(d);
            return out;
        };
        let h = &doc.headings[main];
        let skip = usize::from(!html);
        for other in doc.headings.iter().filter(|h| h.level == 1).skip(skip) {
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    other.span.clone(),
                    "the list can only have one main heading",
                )
                .with_help(
                    "make this heading a section (`## …`); only the list's name is of depth 1",
                ),
            );
        }
        if let Some(word) = not_title_case(&h.text) {
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    h.text_span.clone(),
                    format!("the main heading must be in title case: `{word}`"),
                )
                .with_help("capitalise every word but short connecting words (a, and, of, the, …)"),
            );
        }
        out
    }
}

/// The first word that keeps `text` from being in title case, if any.
pub fn not_title_case(text: &str) -> Option<&str> {
    for (i, word) in text.split_whitespace().enumerate() {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if !first.is_lowercase() {
            continue;
        }
        // A capital inside (`iOS`, `macOS`, `eBPF`) marks a name; a digit or a dot (`web3`,
        // `node.js`) an identifier.
        if word
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
        {
            continue;
        }
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if i > 0 && MINOR_WORDS.contains(&bare.as_str()) {
            continue;
        }
        return Some(word);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn title_case() {
        assert_eq!(not_title_case("Awesome Node.js"), None);
        assert_eq!(not_title_case("Awesome iOS"), None);
        assert_eq!(not_title_case("Awesome Lists of the World"), None);
        assert_eq!(not_title_case("Awesome go"), Some("go"));
        assert_eq!(not_title_case("the Awesome List"), Some("the"));
    }

    #[test]
    fn one_main_heading_first() {
        assert!(lines(&Heading, "# Awesome Thing\n\n## A\n").is_empty());
        assert_eq!(lines(&Heading, "# Awesome Thing\n\n# Second\n"), [3]);
        assert_eq!(lines(&Heading, "Intro\n\n## Only Sections\n"), [1]);
        assert_eq!(
            messages(&Heading, "## Awesome Thing\n"),
            ["the main heading must be of depth 1"]
        );
        assert_eq!(lines(&Heading, "# awesome thing\n"), [1]);
    }

    #[test]
    fn an_html_header_stands_in() {
        let md = "<div align=\"center\">\n<img src=\"logo.svg\">\n</div>\n\n## Contents\n";
        assert!(lines(&Heading, md).is_empty());
        let md = "<h1 align=\"center\">Awesome</h1>\n\n# Awesome Again\n";
        assert_eq!(lines(&Heading, md), [3]);
    }
}
