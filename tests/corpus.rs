//! False positives matter as much as misses: run every rule over real awesome lists and
//! keep the per-rule counts under review (docs/CORPUS.md explains each one). The lists
//! live in `../shared/corpus/` beside the project and are never copied into it; without
//! that folder (a user's fresh clone) this test says so and skips.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write;

use awesome_lint::document::Document;
use awesome_lint::rules::{Preset, REGISTRY};

#[test]
fn corpus_findings_per_rule() {
    let Some(files) = common::corpus_lists("corpus test") else {
        return;
    };
    // The default preset: its output must not change (the `awesome` preset is compared with
    // sindresorhus/awesome-lint in docs/CORPUS.md instead).
    let default_rules = || REGISTRY.iter().filter(|r| r.preset() == Preset::Default);
    let mut table = String::from("list");
    for rule in default_rules() {
        write!(table, " | {}", rule.id()).unwrap();
    }
    table.push('\n');
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let doc = Document::parse(source);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in awesome_lint::rules::check(&doc) {
            *counts.entry(d.rule).or_default() += 1;
        }
        // A rule firing on more than one entry in twenty of a real list is judging the
        // list's style, not finding defects.
        for (rule, &n) in &counts {
            assert!(
                n * 20 <= doc.entries.len().max(20),
                "{rule} fires {n} times on {} ({} entries)",
                path.display(),
                doc.entries.len()
            );
        }
        write!(table, "{}", path.file_stem().unwrap().to_string_lossy()).unwrap();
        for rule in default_rules() {
            write!(table, " | {}", counts.get(rule.id()).copied().unwrap_or(0)).unwrap();
        }
        table.push('\n');
    }
    insta::assert_snapshot!("corpus_counts", table);
}
