//! Inputs built to find work that grows faster than the text: the adversarial list and the
//! repeated corpus. Both are built at bench time and never committed.
//!
//! - `adversarial()`: 20,000 headings, a 5,000-entry table of contents of which 1,000 entries
//!   point at anchors that do not exist (their words shared with many headings), a section of
//!   5,000 small dated subsections each with an undated entry, 5,000 prose paragraphs with bare
//!   URLs beside empty categories, 20,000 reference definitions after the headings, long lines
//!   carrying thousands of findings, and bare URLs followed by long runs of `)` and `]`.
//! - `repeated_corpus(dir)`: the real lists of `../shared/corpus` (in `INDEX.tsv` order)
//!   concatenated until the text reaches 10 MiB, so that their headings and anchors collide.

use std::fmt::Write;
use std::path::Path;

pub const REPEATED_TARGET: usize = 10 * 1024 * 1024;

const ADJ: &[&str] = &[
    "Fast",
    "Minimal",
    "Modern",
    "Scalable",
    "Robust",
    "Lightweight",
    "Distributed",
    "Secure",
    "Declarative",
    "Reactive",
    "Portable",
    "Embedded",
    "Concurrent",
    "Incremental",
];
const NOUN: &[&str] = &[
    "Parser",
    "Renderer",
    "Compiler",
    "Database",
    "Scheduler",
    "Toolkit",
    "Framework",
    "Engine",
    "Router",
    "Cache",
    "Queue",
    "Profiler",
    "Formatter",
    "Validator",
    "Tracer",
    "Runtime",
];

const HEADINGS: usize = 20_000;
const DATED_SUBSECTIONS: usize = 5_000;
const TOC_ENTRIES: usize = 5_000;
const BROKEN_ANCHORS: usize = 1_000;
const PROSE_BLOCKS: usize = 5_000;
const DEFINITIONS: usize = 20_000;
const FINDINGS_PER_LINE: usize = 3_000;
const CLOSING_RUN: usize = 100_000;

/// The text of the `i`th heading and its anchor.
fn heading(i: usize) -> (String, String) {
    let text = format!(
        "{} {} {i}",
        ADJ[i % ADJ.len()],
        NOUN[i / ADJ.len() % NOUN.len()]
    );
    let slug = text.to_lowercase().replace(' ', "-");
    (text, slug)
}

pub fn adversarial() -> String {
    let mut s = String::with_capacity(6 << 20);
    s.push_str("# Adversarial List\n\nA list built to exercise the linter's worst cases.\n\n");
    s.push_str("## Contents\n\n");
    // Every fourth heading is listed; the last entries point at anchors that do not exist,
    // worded like real ones so that many headings share their words.
    for t in 0..TOC_ENTRIES {
        if t >= TOC_ENTRIES - BROKEN_ANCHORS {
            let (text, slug) = heading(t * 7);
            writeln!(s, "- [{text} Archive](#{slug}-archive)").unwrap();
        } else if t % 50 == 49 {
            // The text names another heading than the anchor reaches.
            let (text, _) = heading(t * 4 + 1);
            let (_, slug) = heading(t * 4);
            writeln!(s, "- [{text}](#{slug})").unwrap();
        } else {
            let (text, slug) = heading(t * 4);
            writeln!(s, "- [{text}](#{slug})").unwrap();
        }
    }
    s.push('\n');

    // One long line of broken in-document links, one of bare URLs, one of both.
    s.push_str("## Long Lines\n\n");
    for i in 0..FINDINGS_PER_LINE {
        write!(s, "[é {i}](#missing-anchor-{i}) ").unwrap();
    }
    s.push_str("\n\n");
    for i in 0..FINDINGS_PER_LINE {
        write!(s, "中文 https://example.com/long/{i} ").unwrap();
    }
    s.push_str("\n\n");
    // Bare URLs followed by long runs of closing brackets.
    s.push_str("See https://example.com/paren/(a)");
    s.push_str(&")".repeat(CLOSING_RUN));
    s.push_str("\n\nSee https://example.com/bracket/[a]");
    s.push_str(&"]".repeat(CLOSING_RUN));
    s.push_str("\n\n");

    // Small dated subsections: each judged by its parent's whole family.
    s.push_str("## Dated Papers\n\n");
    let mut h = 0;
    for _ in 0..DATED_SUBSECTIONS {
        let (text, _) = heading(h);
        h += 1;
        writeln!(s, "### {text}\n").unwrap();
        writeln!(s, "- A Paper: [ArXiv](https://arxiv.org/abs/{h}.1) | 2021").unwrap();
        writeln!(s, "- B Paper: [ArXiv](https://arxiv.org/abs/{h}.2) | 2022").unwrap();
        writeln!(s, "- C Paper: [ArXiv](https://arxiv.org/abs/{h}.3)\n").unwrap();
    }

    // Prose with bare URLs, among empty categories.
    s.push_str("## Notes\n\n");
    for i in 0..PROSE_BLOCKS {
        writeln!(
            s,
            "Note {i}: see https://example.org/note/{i} for details.\n"
        )
        .unwrap();
    }
    for i in 0..10 {
        writeln!(s, "## Empty Category {i}\n").unwrap();
    }

    // The remaining headings, each with one entry, some with sub-entries.
    while h < HEADINGS - 20 {
        let (text, _) = heading(h);
        let level = if h % 10 == 0 { "##" } else { "###" };
        writeln!(s, "{level} {text}\n").unwrap();
        writeln!(
            s,
            "- [{text} Project](https://github.com/owner{}/project{h}) - A tool for things.\n",
            h % 97
        )
        .unwrap();
        h += 1;
    }

    // Reference definitions after every heading.
    s.push_str("## References\n\n");
    for i in 0..DEFINITIONS {
        writeln!(s, "[ref-{i}]: https://example.net/ref/{i}").unwrap();
    }
    s
}

/// The corpus lists in `INDEX.tsv` order, concatenated until `REPEATED_TARGET` bytes;
/// `None` when `dir` or its index is not readable.
pub fn repeated_corpus(dir: &Path) -> Option<String> {
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).ok()?;
    let lists: Vec<String> = index
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|name| std::fs::read_to_string(dir.join(name)))
        .collect::<Result<_, _>>()
        .ok()?;
    if lists.iter().all(String::is_empty) {
        return None;
    }
    let mut s = String::with_capacity(REPEATED_TARGET + (1 << 20));
    'fill: loop {
        for list in &lists {
            s.push_str(list);
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s.push('\n');
            if s.len() >= REPEATED_TARGET {
                break 'fill;
            }
        }
    }
    Some(s)
}
