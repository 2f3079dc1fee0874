//! GitHub's anchors on github-slugger's published cases (`tests/data/slugger-cases.json`): every
//! heading that GitHub rendered, in order, with the anchor GitHub gave it. Run once through one
//! slugger and once as the headings of one document, so that the `-1`, `-2` suffixes interact as
//! they did on GitHub.

use awesome_lint::document::Document;
use awesome_lint::document::slug::Slugger;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    anchor: String,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/slugger-cases.json");
    let text = std::fs::read_to_string(path).expect("the cases are part of the repository");
    let cases: Cases = serde_json::from_str(&text).expect("the cases parse");
    cases.cases
}

/// The text as the content of an ATX heading that renders back to exactly `text`: ASCII
/// punctuation is backslash-escaped, and spaces at either end (which the heading would trim)
/// are written as a character reference.
fn heading_line(text: &str) -> String {
    let mut out = String::from("# ");
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        if c == ' ' && (i == 0 || i == last) {
            out.push_str("&#x20;");
        } else if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// The failures as one message, so that a regression shows every case it breaks.
fn report(failures: &[String], total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_published_case_through_one_slugger() {
    let cases = cases();
    assert_eq!(cases.len(), 78, "the published list has 78 cases");
    let mut slugger = Slugger::default();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let (range, _) = slugger.slug(&case.text);
            let got = slugger.get(range);
            (got != case.anchor)
                .then(|| format!("{}: got {got:?}, GitHub {:?}", case.name, case.anchor))
        })
        .collect();
    report(&failures, cases.len());
}

#[test]
fn every_published_case_as_headings_of_one_document() {
    let cases = cases();
    let source: String = cases
        .iter()
        .map(|case| heading_line(&case.text) + "\n\n")
        .collect();
    let doc = Document::parse(source);
    assert_eq!(doc.headings.len(), cases.len(), "one heading per case");
    let mut failures = Vec::new();
    for (case, heading) in cases.iter().zip(&doc.headings) {
        // The model's text is trimmed (the TOC rules compare it); the anchor is not.
        if heading.text != case.text.trim() {
            failures.push(format!(
                "{}: heading text {:?}, written {:?}",
                case.name, heading.text, case.text
            ));
        } else if doc.slug_of(heading) != case.anchor {
            failures.push(format!(
                "{}: got {:?}, GitHub {:?}",
                case.name,
                doc.slug_of(heading),
                case.anchor
            ));
        }
        if !doc.has_anchor(&case.anchor) {
            failures.push(format!("{}: #{} is not a target", case.name, case.anchor));
        }
    }
    report(&failures, cases.len());
}
