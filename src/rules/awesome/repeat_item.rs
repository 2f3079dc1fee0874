use crate::diagnostic::{Diagnostic, Severity};
use crate::document::inline::InlineKind;
use crate::document::{Document, EntryKind};
use crate::rules::{Preset, Rule, RuleOptions};

/// `- [Redis](…) - Redis client.`: the description repeats the name.
pub struct RepeatItem;

impl Rule for RepeatItem {
    fn id(&self) -> &'static str {
        "no-repeat-item-in-description"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "A list item's description starts with the item's own name."
    }
    fn explanation(&self) -> &'static str {
        "`- [Redis](…) - Redis client for Go.` says the name twice; the description should say \
         what the item is: `- [Redis](…) - Client for Go.` The name is the text of the item's \
         main link (not a badge), compared without case, and only as a whole word."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for entry in doc.entries.iter().filter(|e| e.kind == EntryKind::ListItem) {
            let nodes = doc.inlines(&entry.content);
            let significant = |i: usize| {
                nodes[i..]
                    .iter()
                    .find(|n| n.kind != InlineKind::Text || !n.text.trim().is_empty())
            };
            let main = (0..nodes.len()).find(|&i| {
                nodes[i].kind == InlineKind::Link
                    && !nodes[i].has_image
                    && significant(i + 1).is_none_or(|n| n.kind != InlineKind::Link)
            });
            let Some(main) = main else { continue };
            let name = nodes[main].text.trim().to_lowercase();
            if name.is_empty() {
                continue;
            }
            let rest = &nodes[main + 1..];
            let Some(sep) = rest.iter().position(|n| {
                !(matches!(
                    n.kind,
                    InlineKind::Emphasis | InlineKind::Strong | InlineKind::Code
                ) || (n.kind == InlineKind::Text && n.text.trim().is_empty()))
            }) else {
                continue;
            };
            let Some((_, after)) = (rest[sep].kind == InlineKind::Text)
                .then(|| rest[sep].text.split_once(" - "))
                .flatten()
            else {
                continue;
            };
            let description: String = std::iter::once(after)
                .chain(rest[sep + 1..].iter().map(|n| n.text.as_str()))
                .collect();
            let description = description.trim().to_lowercase();
            let Some(tail) = description.strip_prefix(&name) else {
                continue;
            };
            if tail.is_empty()
                || tail.starts_with(|c: char| c.is_whitespace() || ".,!?:-".contains(c))
            {
                out.push(
                    Diagnostic::new(
                        self.id(),
                        self.severity(),
                        nodes[main].span.clone(),
                        format!(
                            "the description starts with the item's name `{}`",
                            nodes[main].text.trim()
                        ),
                    )
                    .with_help("say what it is without repeating the name"),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lines;

    #[test]
    fn repeats_are_reported() {
        let md = "# T\n\n- [Redis](https://r.io) - Redis client.\n- [Redis](https://r.io) - Redistributable client.\n- [Go](https://go.dev) - The language.\n- [tap](https://t.ap) - **tap**: tests.\n- [x](https://x.y) - X.\n";
        assert_eq!(lines(&RepeatItem, md), [3, 6, 7]);
    }

    #[test]
    fn badges_are_not_the_name() {
        let md = "# T\n\n- [![b](https://b.svg)](https://b) [Name](https://n) - Name of it.\n";
        assert_eq!(lines(&RepeatItem, md), [3]);
        let md = "# T\n\n- [Name](https://n) [Other](https://o) - Name of it.\n";
        assert_eq!(lines(&RepeatItem, md), Vec::<usize>::new());
    }
}
