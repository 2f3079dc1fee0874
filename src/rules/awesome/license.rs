use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Preset, Rule, RuleOptions};

/// No License section: the licence lives in a file.
pub struct License;

impl Rule for License {
    fn id(&self) -> &'static str {
        "awesome-license"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A License (or Licence) section in the README."
    }
    fn explanation(&self) -> &'static str {
        "The awesome guidelines keep the licence in a `license` file, which GitHub detects and \
         shows, and the README for the list itself; a License section repeats it. Any heading \
         titled exactly License or Licence is reported."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        doc.headings
            .iter()
            .filter(|h| {
                let t = h.text.trim().to_lowercase();
                t == "license" || t == "licence"
            })
            .map(|h| {
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    h.span.clone(),
                    "the README has a License section",
                )
                .with_help("remove the section; put the licence in a `license` file")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn license_sections() {
        let md = "# T\n\n## Licence\n\n## Licenses of Tools\n\n### License\n";
        assert_eq!(lines(&License, md), [3, 7]);
    }
}
