use super::main_heading;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LinkKind};
use crate::rules::{Preset, Rule, RuleOptions};

/// The Awesome badge in the main heading.
pub struct Badge;

pub const BADGE_TARGETS: &[&str] = &[
    "https://awesome.re",
    "https://github.com/sindresorhus/awesome",
];
pub const BADGE_IMAGES: &[&str] = &[
    "https://awesome.re/badge.svg",
    "https://awesome.re/badge-flat.svg",
    "https://awesome.re/badge-flat2.svg",
];

impl Rule for Badge {
    fn id(&self) -> &'static str {
        "awesome-badge"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn preset(&self) -> Preset {
        Preset::Awesome
    }
    fn summary(&self) -> &'static str {
        "The main heading carries the Awesome badge, linking to awesome.re."
    }
    fn explanation(&self) -> &'static str {
        "Lists that follow the awesome guidelines show the badge in their main heading: \
         `# Awesome Thing [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)`. The \
         image is `https://awesome.re/badge.svg`, `badge-flat.svg` or `badge-flat2.svg`; the link \
         goes to `https://awesome.re` or `https://github.com/sindresorhus/awesome`. Reported on \
         the main heading when it is missing, on the image when it is another one."
    }
    fn check(&self, doc: &Document, _options: &RuleOptions) -> Vec<Diagnostic> {
        let Some(main) = main_heading(doc) else {
            return Vec::new();
        };
        let heading = &doc.headings[main];
        let targets: Vec<_> = doc
            .links
            .iter()
            .filter(|l| {
                l.heading == Some(main)
                    && !l.nested
                    && l.kind != LinkKind::Image
                    && BADGE_TARGETS.contains(&doc.url_of(l).trim_end_matches('/'))
            })
            .collect();
        for target in &targets {
            let images = doc.links.iter().filter(|l| {
                l.kind == LinkKind::Image
                    && l.nested
                    && l.span.start >= target.span.start
                    && l.span.end <= target.span.end
            });
            let mut images = images;
            if let Some(image) = images.next() {
                if BADGE_IMAGES.contains(&doc.url_of(image)) {
                    return Vec::new();
                }
                return vec![
                    Diagnostic::new(self.id(), self.severity(), image.span.clone(), format!("`{}` is not the Awesome badge", doc.url_of(image)))
                        .with_help("use `https://awesome.re/badge.svg` (or `badge-flat.svg`, `badge-flat2.svg`)"),
                ];
            }
        }
        vec![
            Diagnostic::new(self.id(), self.severity(), heading.span.clone(), "missing Awesome badge next to the main heading")
                .with_help("add `[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)` to the main heading"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, messages};

    #[test]
    fn badge_in_the_heading() {
        let ok = "# Awesome X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n";
        assert!(lines(&Badge, ok).is_empty());
        let flat = "# Awesome X [![Awesome](https://awesome.re/badge-flat2.svg)](https://github.com/sindresorhus/awesome)\n";
        assert!(lines(&Badge, flat).is_empty());
        let below =
            "# Awesome X\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n";
        assert_eq!(lines(&Badge, below), [1]);
        let other = "# Awesome X [![Awesome](https://example.com/b.svg)](https://awesome.re)\n";
        assert_eq!(
            messages(&Badge, other),
            ["`https://example.com/b.svg` is not the Awesome badge"]
        );
    }
}
