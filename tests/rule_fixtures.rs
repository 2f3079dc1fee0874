//! Every rule has a fixture `fixtures/rules/<rule-id>.md` with cases that must fire and
//! cases that must stay silent; its findings are snapshotted so any change is reviewed.

use std::fmt::Write;

use awesome_lint::diagnostic::Applicability;
use awesome_lint::document::Document;
use awesome_lint::rules::{REGISTRY, Rule, RuleOptions};
use awesome_lint::surroundings::Surroundings;

/// The options a rule's fixture runs with: rules of every preset are checked directly; the
/// rules that read the files beside the README see the folder `fixtures/rules/<id>/` as a
/// repository's root.
fn options(rule: &dyn Rule) -> RuleOptions {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(rule.id());
    RuleOptions {
        surroundings: dir
            .is_dir()
            .then(|| std::sync::Arc::new(Surroundings::beside(&dir, &dir))),
        ..RuleOptions::default()
    }
}

fn render(doc: &Document, rule: &dyn Rule) -> String {
    let mut out = String::new();
    let mut found = rule.check(doc, &options(rule));
    found.sort_by_key(|d| d.span.start);
    for d in found {
        let start = doc.position(d.span.start);
        let end = doc.end_position(&d.span);
        writeln!(
            out,
            "{}:{}-{}:{} {} [{}] {}",
            start.line,
            start.column,
            end.line,
            end.column,
            d.rule,
            d.severity.as_str(),
            d.message
        )
        .unwrap();
        writeln!(out, "    help: {}", d.help).unwrap();
        for label in &d.labels {
            let p = doc.position(label.span.start);
            writeln!(out, "    label {}:{}: {}", p.line, p.column, label.message).unwrap();
        }
        for (fix, edit) in d
            .fix
            .iter()
            .flat_map(|f| f.edits.iter().map(move |e| (f, e)))
        {
            let p = doc.position(edit.span.start);
            let kind = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "unsafe fix",
            };
            writeln!(
                out,
                "    {kind} {}:{}: replace {:?} with {:?}",
                p.line,
                p.column,
                doc.text(&edit.span),
                edit.replacement
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn every_rule_has_a_fixture_that_fires() {
    for rule in REGISTRY {
        let path = format!(
            "{}/fixtures/rules/{}.md",
            env!("CARGO_MANIFEST_DIR"),
            rule.id()
        );
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = Document::parse(source);
        let rendered = render(&doc, *rule);
        assert!(
            !rendered.is_empty(),
            "{} does not fire on its fixture",
            rule.id()
        );
        insta::assert_snapshot!(rule.id(), rendered);
    }
}
