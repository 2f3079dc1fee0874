use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Preset, Rule, RuleOptions};

/// A contributing guide beside the README.
pub struct Contributing;

impl Rule for Contributing {
    fn id(&self) -> &'static str {
        "awesome-contributing"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "No `contributing.md` beside the README, or an empty one."
    }
    fn explanation(&self) -> &'static str {
        "An awesome list tells contributors how to add an entry in `contributing.md` (any case), \
         beside the README or in `.github/` or `docs/` (of its folder or of the repository \
         root). Only checked when the README is in a git repository; otherwise the run notes \
         that it was skipped. Reported on the first line of the README."
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(s) = options.surroundings.as_deref() else {
            return Vec::new();
        };
        if s.repository.is_none() {
            return Vec::new();
        }
        let (message, help) = match &s.contributing {
            None => (
                "missing contributing.md".to_string(),
                "add a `contributing.md` that says how to suggest an entry",
            ),
            Some(f) if f.text.trim().is_empty() => (
                format!("{} is empty", f.name),
                "say in it how to suggest an entry",
            ),
            Some(_) => return Vec::new(),
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

    fn with(s: Surroundings) -> RuleOptions {
        RuleOptions {
            surroundings: Some(Arc::new(s)),
            ..RuleOptions::default()
        }
    }

    #[test]
    fn missing_empty_or_present() {
        let repo = Some(std::path::PathBuf::from("/r"));
        let missing = with(Surroundings {
            repository: repo.clone(),
            ..Default::default()
        });
        assert_eq!(
            messages_with(&Contributing, "# T\n", &missing),
            ["missing contributing.md"]
        );
        let empty = with(Surroundings {
            repository: repo.clone(),
            contributing: Some(FoundFile {
                name: "contributing.md".into(),
                text: " \n".into(),
            }),
            ..Default::default()
        });
        assert_eq!(
            messages_with(&Contributing, "# T\n", &empty),
            ["contributing.md is empty"]
        );
        let fine = with(Surroundings {
            repository: repo,
            contributing: Some(FoundFile {
                name: "contributing.md".into(),
                text: "PRs welcome.".into(),
            }),
            ..Default::default()
        });
        assert!(messages_with(&Contributing, "# T\n", &fine).is_empty());
    }

    #[test]
    fn silent_outside_a_repository_or_without_surroundings() {
        assert!(messages_with(&Contributing, "# T\n", &with(Surroundings::default())).is_empty());
        assert!(messages_with(&Contributing, "# T\n", &RuleOptions::default()).is_empty());
    }
}
