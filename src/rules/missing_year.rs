use super::options::OptionDoc;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::conventions::{YearStats, is_styled_entry};
use crate::document::{Document, EntryKind};

/// An undated entry in a section whose entries are mostly dated.
pub struct MissingYear;

/// A section judges by its own entries when it has this many; a smaller one borrows
/// its parent's whole family (unless the parent is the document title).
const MIN_SAMPLE: usize = 3;

impl MissingYear {
    /// The year statistics an entry in `section` is judged by, and the section they come from.
    fn stats(doc: &Document, section: Option<usize>) -> (YearStats, Option<usize>) {
        let own = doc.conventions.years_of(section);
        if own.total >= MIN_SAMPLE {
            return (own, section);
        }
        let parent = section.and_then(|s| doc.headings[s].parent);
        match parent {
            Some(p) if doc.headings[p].level > 1 => {
                let span = &doc.headings[p].section_span;
                let mut family = YearStats::default();
                // Headings are in source order: the family is a contiguous run.
                for (i, h) in doc.headings.iter().enumerate().skip(p) {
                    if h.span.start >= span.end {
                        break;
                    }
                    let s = doc.conventions.years[i];
                    family.dated += s.dated;
                    family.total += s.total;
                }
                (family, Some(p))
            }
            _ => (own, section),
        }
    }

    fn mostly_dated(stats: YearStats) -> bool {
        stats.total >= MIN_SAMPLE && stats.dated >= 2 && stats.dated * 10 > stats.total * 6
    }
}

impl Rule for MissingYear {
    fn id(&self) -> &'static str {
        "missing-year"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn summary(&self) -> &'static str {
        "An entry without a year in a section where most entries carry one."
    }
    fn explanation(&self) -> &'static str {
        "Paper lists date their entries (`| 2023`, `(CVPR 2024)`, `Feb 2021`, `[ArXiv 2022]`) \
         so readers can tell new work from old. When most top-level entries of a section carry \
         a year (1900-2099, outside URLs), one without a year is reported. The convention is \
         read from the section itself, or from its parent category when the section has fewer \
         than three entries; sections where most entries are undated (courses, tools, \
         workshops) are never reported, so software lists stay silent."
    }
    fn options(&self) -> &'static [OptionDoc] {
        &[OptionDoc {
            key: "sections",
            default: "[]",
            doc: "section titles whose entries (and their subsections') must all carry a year; \
                  when set, only these are judged and nothing is inferred",
        }]
    }
    fn check(&self, doc: &Document, options: &RuleOptions) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, e) in doc.entries.iter().enumerate() {
            if e.depth > 0 || !e.years.is_empty() || e.links.is_empty() {
                continue;
            }
            if !is_styled_entry(doc, i) && e.kind != EntryKind::TableRow {
                continue;
            }
            if !options.sections.is_empty() {
                // The maintainer named the dated sections: enforce there, nowhere else.
                if RuleOptions::in_sections(doc, e.section, &options.sections) {
                    let section = e
                        .section
                        .map_or("the introduction", |s| &doc.headings[s].text);
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            e.content.clone(),
                            format!("entry has no year; the config requires one in `{section}`"),
                        )
                        .with_help("add the year of publication, e.g. ` | 2023`"),
                    );
                }
                continue;
            }
            let (stats, scope) = Self::stats(doc, e.section);
            if !Self::mostly_dated(stats) {
                continue;
            }
            let section = match scope {
                None => "the introduction".to_string(),
                Some(s) if Some(s) == e.section => format!("`{}`", doc.headings[s].text),
                Some(s) => format!("`{}` and its subsections", doc.headings[s].text),
            };
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    e.content.clone(),
                    format!(
                        "entry has no year, but {} of {} entries in {section} carry one",
                        stats.dated, stats.total
                    ),
                )
                .with_help(
                    "add the year of publication the way the other entries here do, e.g. ` | 2023`",
                ),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lines, lines_with};

    const DATED: &str = "# T\n## Papers\n- A: [ArXiv](https://a.b/1) | 2021\n- B: [ArXiv](https://a.b/2) (CVPR 2022)\n- C: [ArXiv](https://a.b/3)\n- D: [ArXiv 2020](https://a.b/4)\n";

    #[test]
    fn fires_in_a_mostly_dated_section() {
        assert_eq!(lines(&MissingYear, DATED), [5]);
    }

    #[test]
    fn years_in_urls_do_not_count() {
        let md = "# T\n## P\n- A: [x](https://a.b/1) 2021\n- B: [x](https://a.b/2) 2022\n- C: [x](https://a.b/2023/paper)\n";
        assert_eq!(lines(&MissingYear, md), [5]);
    }

    #[test]
    fn silent_where_most_entries_are_undated() {
        let md = "# T\n## Courses\n- A: [x](https://a.b/1)\n- B: [x](https://a.b/2) 2022\n- C: [x](https://a.b/3)\n## Workshops\n- W: [x](https://a.b/4), CVPR 2022\n- V - [y](https://a.b/5)\n";
        assert!(lines(&MissingYear, md).is_empty());
    }

    #[test]
    fn small_section_borrows_from_its_category() {
        let md = "# T\n## Papers\n### A\n- a [x](https://a.b/1) 2020\n- b [x](https://a.b/2) 2021\n### B\n- c [x](https://a.b/3) 2022\n- d [x](https://a.b/4)\n";
        assert_eq!(lines(&MissingYear, md), [8]);
    }

    #[test]
    fn configured_sections_are_enforced_and_the_rest_not_judged() {
        // `Tools` is mostly undated (never inferred); `Papers` mostly dated.
        let md = "# T\n## Tools\n- A [x](https://a.b/1)\n- B [x](https://a.b/2)\n- C [x](https://a.b/3) 2020\n## Papers\n- D [x](https://a.b/4) 2021\n- E [x](https://a.b/5) 2022\n- F [x](https://a.b/6)\n";
        assert_eq!(lines(&MissingYear, md), [9]);
        let tools = RuleOptions {
            sections: vec!["tools".into()],
            ..RuleOptions::default()
        };
        assert_eq!(lines_with(&MissingYear, md, &tools), [3, 4]);
    }

    #[test]
    fn nested_items_are_not_judged() {
        let md = "# T\n## P\n- A [x](https://a.b/1) 2021\n  - [code](https://a.b/c)\n- B [x](https://a.b/2) 2022\n- C [x](https://a.b/3) 2023\n";
        assert!(lines(&MissingYear, md).is_empty());
    }
}
