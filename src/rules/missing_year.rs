use rustc_hash::FxHashMap;

use super::options::OptionDoc;
use super::{Rule, RuleOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::conventions::{YearStats, is_dated, is_styled_entry};
use crate::document::{Document, EntryKind};

/// An undated entry in a section whose entries are mostly dated.
pub struct MissingYear;

/// A section judges by its own entries when it has this many; a smaller one borrows
/// its parent's whole family (unless the parent is the document title).
const MIN_SAMPLE: usize = 3;

impl MissingYear {
    /// The year statistics an entry in `section` is judged by, and the section they come from.
    /// `families` keeps each parent's totals once computed: a parent's many small sections
    /// would otherwise add them up again for every undated entry.
    fn stats(
        doc: &Document,
        section: Option<usize>,
        families: &mut FxHashMap<usize, YearStats>,
    ) -> (YearStats, Option<usize>) {
        let own = doc.conventions.years_of(section);
        if own.total >= MIN_SAMPLE {
            return (own, section);
        }
        let parent = section.and_then(|s| doc.headings[s].parent);
        match parent {
            Some(p) if doc.headings[p].level > 1 => {
                let family = *families.entry(p).or_insert_with(|| {
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
                    family
                });
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
         workshops) are never reported, so software lists stay silent. A venue without its \
         year (`(ECCV)`, `(IEEE Transactions on …)`) is reported where most entries of the \
         section that name a venue in parentheses give its year (three or more, six in ten), \
         even when the section as a whole is not mostly dated. An entry is judged whole: a \
         year on any of its lines counts, and so does one on a line nested under it (an \
         author line `  - *Authors*, *CVPR 2023*`)."
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
        let venues = if options.sections.is_empty() {
            venue_styles(doc)
        } else {
            FxHashMap::default()
        };
        let mut families = FxHashMap::default();
        for (i, e) in doc.entries.iter().enumerate() {
            if e.depth > 0 || e.links.is_empty() || is_dated(doc, i) {
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
            let (stats, scope) = Self::stats(doc, e.section, &mut families);
            if !Self::mostly_dated(stats) {
                // `(ECCV)` where the section writes `(CVPR 2023)`: the venue lost its year.
                let style = venues.get(&e.section).copied().unwrap_or_default();
                if style.dates_venues()
                    && let Some(venue) = entry_venues(doc, i).find(|v| v.is_bare_venue())
                {
                    out.push(
                        Diagnostic::new(
                            self.id(),
                            self.severity(),
                            e.content.clone(),
                            format!(
                                "venue `({})` has no year, but {} of {} entries naming a venue in this section give its year",
                                venue.text, style.dated, style.dated + style.bare
                            ),
                        )
                        .with_help("add the year after the venue, e.g. `(ECCV 2022)`"),
                    );
                }
                continue;
            }
            // The section's name is written in place, not formatted on its own first: a list
            // may have thousands of these findings.
            let (quote, name, tail) = match scope {
                None => ("", "the introduction", ""),
                Some(s) if Some(s) == e.section => ("`", doc.headings[s].text.as_str(), "`"),
                Some(s) => ("`", doc.headings[s].text.as_str(), "` and its subsections"),
            };
            out.push(
                Diagnostic::new(
                    self.id(),
                    self.severity(),
                    e.content.clone(),
                    format!(
                        "entry has no year, but {} of {} entries in {quote}{name}{tail} carry one",
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

/// A parenthesised group in an entry's text outside its links: `(CVPR 2023)`, `(ECCV)`.
struct Group<'a> {
    text: &'a str,
}

/// Words in parentheses that are not venues, though written like acronyms.
const NOT_VENUES: &[&str] = &[
    "API", "BSD", "CLI", "CPU", "GPL", "GPU", "GUI", "HTML", "MIT", "NEW", "PDF", "SOTA", "TBD",
    "TODO", "WIP", "HOT", "LLM", "NLP", "CV", "RL",
];

impl Group<'_> {
    fn has_year(&self) -> bool {
        !crate::document::scan::years(self.text).is_empty()
            && self.text.chars().any(char::is_alphabetic)
    }

    /// A venue without digits: an acronym (`ECCV`, `NeurIPS`) or a journal's or
    /// conference's name (`IEEE Transactions on …`, `Journal of …`, `Proceedings of …`).
    fn is_bare_venue(&self) -> bool {
        let text = self.text.trim();
        if text.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let first = text.split_whitespace().next().unwrap_or("");
        let named = [
            "IEEE",
            "ACM",
            "Journal",
            "Transactions",
            "Proceedings",
            "Conference",
            "International",
        ]
        .contains(&first);
        let acronym = first.len() >= 2
            && first.len() <= 10
            && first.chars().all(|c| c.is_ascii_alphabetic())
            && first.chars().filter(char::is_ascii_uppercase).count() >= 2
            && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && !NOT_VENUES.contains(&first.to_ascii_uppercase().as_str());
        named || (acronym && text.split_whitespace().count() <= 3)
    }
}

/// The parenthesised groups of an entry's own text, outside its links and on one line.
fn entry_venues(doc: &Document, entry: usize) -> impl Iterator<Item = Group<'_>> {
    let e = &doc.entries[entry];
    // The text between the links, then after the last one; lazily, as this runs for every
    // entry and most stop at their first group.
    let (mut next, mut at, mut done) = (0, e.content.start, false);
    let gaps = std::iter::from_fn(move || {
        while let Some(&l) = doc.links_of(e).get(next) {
            next += 1;
            let span = &doc.links[l].span;
            if span.start >= at {
                let gap = at..span.start;
                at = span.end;
                return Some(gap);
            }
        }
        (!std::mem::replace(&mut done, true)).then(|| at..e.content.end.max(at))
    });
    gaps.flat_map(move |g| parenthesised(&doc.source[g]))
}

/// `(…)` groups of `text` that close on their line and hold no other `(`.
fn parenthesised(text: &str) -> impl Iterator<Item = Group<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let start = from + memchr::memchr(b'(', &text.as_bytes()[from..])? + 1;
            let len = text[start..].find([')', '(', '\n'])?;
            from = start + len;
            if text[from..].starts_with(')') {
                return Some(Group {
                    text: &text[start..from],
                });
            }
        }
    })
}

/// Per section: entries whose venue carries a year, and entries with a venue alone.
#[derive(Debug, Default, Clone, Copy)]
struct VenueStyle {
    dated: usize,
    bare: usize,
}

impl VenueStyle {
    /// The section writes its venues with their year: three or more do, six in ten.
    fn dates_venues(&self) -> bool {
        self.dated >= 3 && self.dated * 10 > (self.dated + self.bare) * 6
    }
}

fn venue_styles(doc: &Document) -> FxHashMap<Option<usize>, VenueStyle> {
    let mut styles: FxHashMap<Option<usize>, VenueStyle> = FxHashMap::default();
    for (i, e) in doc.entries.iter().enumerate() {
        if e.depth > 0 || (!is_styled_entry(doc, i) && e.kind != EntryKind::TableRow) {
            continue;
        }
        let mut dated = false;
        let mut bare = false;
        for g in entry_venues(doc, i) {
            dated |= g.has_year();
            bare |= g.is_bare_venue();
        }
        let style = styles.entry(e.section).or_default();
        // A venue whose year stands elsewhere in the entry (`(ECCV) … 2022`) is dated.
        if dated || (bare && is_dated(doc, i)) {
            style.dated += 1;
        } else if bare {
            style.bare += 1;
        }
    }
    styles
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
    fn a_venue_without_its_year() {
        let md = "# T\n## P\n- A [x](https://a.b/1) (CVPR 2023)\n- B [x](https://a.b/2) (ICCV 2021)\n- C [x](https://a.b/3) (ECCV)\n- D [x](https://a.b/4) (NeurIPS 2022)\n- E [x](https://a.b/5) (Journal of Vision)\n- F [x](https://a.b/6) (PDF)\n- G [x](https://a.b/7)\n- H [x](https://a.b/8)\n- I [x](https://a.b/9) (a survey)\n- J [x](https://a.b/10) (AAAI 2020)\n";
        assert_eq!(lines(&MissingYear, md), [5, 7]);
        // Where venues mostly go without a year, that is the style.
        let md = "# T\n## P\n- A [x](https://a.b/1) (CVPR 2023)\n- B [x](https://a.b/2) (ICCV)\n- C [x](https://a.b/3) (ECCV)\n- D [x](https://a.b/4) (NeurIPS)\n- E [x](https://a.b/5) (CVPR 2021)\n- F [x](https://a.b/6) (ICML 2020)\n- G [x](https://a.b/7)\n- H [x](https://a.b/8)\n";
        assert!(lines(&MissingYear, md).is_empty());
    }

    #[test]
    fn multi_line_entries_are_judged_whole() {
        // `<br>` ends a bold title line; the year may stand on any line, or on a nested one.
        let md = "# T\n## P\n\n**A**<br>\n*Authors*, *CVPR 2021*<br>\n[[Paper](https://a.b/1)]\n\n**B**<br>\n*Authors*, *ICCV 2023*<br>\n[[Paper](https://a.b/2)]\n\n**C**<br>\n*Authors*, *ECCV*<br>\n[[Paper](https://a.b/3)]\n\n**D**<br>\n*Authors*, *CVPR 2020*<br>\n[[Paper](https://a.b/4)]\n\n**F**<br>\n*Authors*, *CVPR 2019*<br>\n[[Paper](https://a.b/6)]\n\n- **E** [[Paper](https://a.b/5)]\n  - *Authors*, *CVPR 2022*\n";
        assert_eq!(lines(&MissingYear, md), [12]);
    }

    #[test]
    fn nested_items_are_not_judged() {
        let md = "# T\n## P\n- A [x](https://a.b/1) 2021\n  - [code](https://a.b/c)\n- B [x](https://a.b/2) 2022\n- C [x](https://a.b/3) 2023\n";
        assert!(lines(&MissingYear, md).is_empty());
    }
}
