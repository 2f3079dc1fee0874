//! Properties of `--fix` on generated lists and on every list of `../shared/corpus/`:
//! nothing is lost (every URL, entry and heading is still there after the safe fixes; the
//! unsafe ones only remove), and fixing is idempotent (a second run changes nothing).
//! The corpus lives beside the project and is never copied into it; without it the corpus
//! test says so and skips.

mod common;

use std::collections::BTreeMap;

use awesome_lint::document::Document;
use awesome_lint::fix::{Outcome, fix_source};
use awesome_lint::links;
use awesome_lint::run::lint_source;

fn fix(source: &str, allow_unsafe: bool) -> Outcome {
    let relint = |text: &str| lint_source("list.md", text.to_string()).diagnostics;
    fix_source(source, relint(source), Vec::new(), relint, allow_unsafe)
}

fn urls(doc: &Document) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for o in links::occurrences(doc) {
        *out.entry(o.url).or_default() += 1;
    }
    out
}

fn headings(doc: &Document) -> Vec<(u8, String)> {
    doc.headings
        .iter()
        .map(|h| (h.level, h.text.clone()))
        .collect()
}

/// Checks every property on `source`; returns the fixes applied (safe, unsafe).
fn check(name: &str, source: &str) -> (usize, usize) {
    let before = Document::parse(source);
    let before_urls = urls(&before);
    let safe = fix(source, false);
    if safe.changed() {
        let after = Document::parse(safe.source.clone());
        assert_eq!(before_urls, urls(&after), "{name}: URLs changed");
        assert_eq!(
            before.entries.len(),
            after.entries.len(),
            "{name}: entries changed"
        );
        assert_eq!(
            headings(&before),
            headings(&after),
            "{name}: headings changed"
        );
        let again = fix(&safe.source, false);
        assert_eq!(again.applied, 0, "{name}: a second --fix applied more");
        assert_eq!(again.source, safe.source, "{name}: not idempotent");
    } else {
        assert_eq!(safe.source, source, "{name}: changed without a fix");
    }

    let all = fix(source, true);
    if all.changed() {
        let after = Document::parse(all.source.clone());
        for (url, n) in urls(&after) {
            assert!(
                before_urls.get(&url).is_some_and(|&m| m >= n),
                "{name}: --unsafe-fixes added {url}"
            );
        }
        assert!(after.entries.len() <= before.entries.len(), "{name}");
        let again = fix(&all.source, true);
        assert_eq!(
            again.applied, 0,
            "{name}: a second --unsafe-fixes applied more"
        );
        assert_eq!(
            again.source, all.source,
            "{name}: --unsafe-fixes not idempotent"
        );
    }
    (safe.applied, all.applied)
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "Vision",
    "Language",
    "Tools",
    "Models",
    "Diffusion",
    "Agents",
    "Data",
    "Papers",
];

/// A paper-style list with a TOC and link groups (`[Paper](…) | [Code](…)`), and defects
/// the rules fix: missing and doubled separators, bare URLs, glued titles, TOC entries
/// pointing at the wrong section, duplicate entries, empty categories.
fn generate(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let sections: Vec<String> = (0..2 + rng.below(5))
        .map(|i| format!("{} {i}", WORDS[rng.below(WORDS.len() as u64) as usize]))
        .collect();
    let slug = |s: &str| s.to_lowercase().replace(' ', "-");
    let mut out = String::from("# Awesome Generated\n\nA generated list.\n\n## Contents\n\n");
    for (i, s) in sections.iter().enumerate() {
        let target = if rng.chance(15) && sections.len() > 1 {
            slug(&sections[(i + 1) % sections.len()])
        } else {
            slug(s)
        };
        out.push_str(&format!("- [{s}](#{target})\n"));
    }
    let mut n = 0;
    let mut seen = Vec::new();
    for s in &sections {
        out.push_str(&format!("\n## {s}\n\n"));
        if rng.chance(10) {
            continue; // an empty category
        }
        for _ in 0..3 + rng.below(8) {
            n += 1;
            let paper = if !seen.is_empty() && rng.chance(5) {
                seen[rng.below(seen.len() as u64) as usize]
            } else {
                n
            };
            seen.push(paper);
            let sep = match rng.below(20) {
                0 => "",
                1 => " |  | ",
                _ => " | ",
            };
            let title_sep = if rng.chance(5) { "" } else { ": " };
            let mut line = format!(
                "- Title {n}{title_sep}[Paper](https://arxiv.example/abs/{paper}){sep}[Code](https://github.example/u/r{paper}) | 2023"
            );
            if rng.chance(10) {
                line.push_str(&format!(" - see https://docs.example/{n}."));
            }
            if rng.chance(5) {
                line.push_str(&format!("\n  - [Demo {n}](https://demo.example/{n})"));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    if rng.chance(20) {
        out = out.replace('\n', "\r\n");
    }
    out
}

#[test]
fn generated_lists_keep_everything_and_fix_idempotently() {
    let (mut safe, mut all) = (0, 0);
    for seed in 0..150 {
        let source = generate(seed);
        let (s, a) = check(&format!("seed {seed}"), &source);
        safe += s;
        all += a;
    }
    // The generator's defects are there to be fixed.
    assert!(
        safe > 100,
        "only {safe} safe fixes over the generated lists"
    );
    assert!(all > safe, "unsafe fixes add nothing: {all} vs {safe}");
    eprintln!("generated lists: {safe} safe fixes, {all} with --unsafe-fixes");
}

#[test]
fn corpus_lists_keep_everything_and_fix_idempotently() {
    let Some(files) = common::corpus_lists("corpus fix test") else {
        return;
    };
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (safe, all) = check(&name, &source);
        eprintln!("{name}: {safe} safe fixes, {all} with --unsafe-fixes");
    }
}
