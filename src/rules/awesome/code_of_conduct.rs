use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Preset, Rule, RuleOptions};

/// A code of conduct, if present, is filled in.
pub struct CodeOfConduct;

/// What the Contributor Covenant template says where the maintainers' address goes.
const PLACEHOLDER: &str = "[INSERT EMAIL ADDRESS]";

impl Rule for CodeOfConduct {
    fn id(&self) -> &'static str {
        "awesome-code-of-conduct"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The code of conduct beside the README is empty or still has the template's placeholder."
    }
    fn explanation(&self) -> &'static str {
        "A list need not have a code of conduct, but one copied from the Contributor Covenant \
         must name how to reach the maintainers: `[INSERT EMAIL ADDRESS]` left in it means \
         reports go nowhere. Looks for `code-of-conduct.md` or `code_of_conduct.md` (any case) \
         where `awesome-contributing` looks; only in a git repository. Reported on the first \
         line of the README, naming the file."
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(f) = options
            .surroundings
            .as_deref()
            .and_then(|s| s.code_of_conduct.as_ref())
        else {
            return Vec::new();
        };
        let (message, help) = if f.text.trim().is_empty() {
            (
                format!("{} is empty", f.name),
                "write a code of conduct, or remove the file",
            )
        } else if f.text.contains(PLACEHOLDER) {
            (
                format!(
                    "{} still has the template placeholder {PLACEHOLDER}",
                    f.name
                ),
                "replace it with an address where the maintainers read reports",
            )
        } else {
            return Vec::new();
        };
        vec![Diagnostic::new(self.id(), self.severity(), doc.start(), message).with_help(help)]
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rules::testing::messages_with;
    use crate::surroundings::{FoundFile, Surroundings};

    fn with(text: &str) -> RuleOptions {
        RuleOptions {
            surroundings: Some(Arc::new(Surroundings {
                repository: Some("/r".into()),
                code_of_conduct: Some(FoundFile {
                    name: "code-of-conduct.md".into(),
                    text: text.into(),
                }),
                ..Default::default()
            })),
            ..RuleOptions::default()
        }
    }

    #[test]
    fn placeholder_and_empty() {
        assert_eq!(
            messages_with(
                &CodeOfConduct,
                "# T\n",
                &with("Contact [INSERT EMAIL ADDRESS].")
            ),
            ["code-of-conduct.md still has the template placeholder [INSERT EMAIL ADDRESS]"]
        );
        assert_eq!(
            messages_with(&CodeOfConduct, "# T\n", &with("")),
            ["code-of-conduct.md is empty"]
        );
        assert!(messages_with(&CodeOfConduct, "# T\n", &with("Mail us at a@b.c.")).is_empty());
        assert!(messages_with(&CodeOfConduct, "# T\n", &RuleOptions::default()).is_empty());
    }
}
