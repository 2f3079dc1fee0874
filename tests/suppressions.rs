//! Every suppression form on one fixture (`fixtures/suppressions/all-forms.md`): which findings
//! remain, how many were suppressed, and which comments are reported as unused. Snapshotted.

use std::fmt::Write;

use awesome_lint::run::lint_source;

#[test]
fn every_comment_form_on_one_fixture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/suppressions/all-forms.md"
    );
    let source = std::fs::read_to_string(path).unwrap();
    let file = lint_source("all-forms.md", source);
    let mut out = String::new();
    for d in &file.diagnostics {
        let p = file.document.position(d.span.start);
        writeln!(out, "{}:{} {} {}", p.line, p.column, d.rule, d.message).unwrap();
    }
    writeln!(out, "suppressed: {}", file.suppressed).unwrap();
    assert!(file.suppressed > 0);
    assert!(
        file.diagnostics
            .iter()
            .any(|d| d.rule == "unused-suppression"),
        "the fixture's unused comments are reported"
    );
    insta::assert_snapshot!("all-forms", out);
}
