//! The seed list (`fixtures/seed/README.md`) is a real paper list with real defects.
//! These are the findings a maintainer must get from it, and the places it must stay silent.

use awesome_lint::document::Document;

fn findings() -> Vec<(&'static str, usize)> {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed/README.md"
    ))
    .unwrap();
    let doc = Document::parse(source);
    awesome_lint::rules::check(&doc)
        .iter()
        .map(|d| (d.rule, doc.position(d.span.start).line))
        .collect()
}

#[test]
fn seed_reports_its_known_defects() {
    let found = findings();
    let expected = [
        ("duplicate-heading", 79),
        ("empty-category", 77),
        ("empty-category", 83),
        ("empty-category", 85),
        ("empty-category", 87),
        ("empty-category", 89),
        ("empty-category", 106),
        ("missing-year", 100),
        ("malformed-link-group", 66),
        ("malformed-link-group", 94),
        ("toc-mismatch", 8),
        ("toc-incomplete", 20),
        ("bare-url", 111),
    ];
    for e in expected {
        assert!(found.contains(&e), "missing {e:?} in {found:?}");
    }
}

#[test]
fn seed_stays_silent_where_the_list_is_fine() {
    let found = findings();
    // No missing-year in the courses (lines 20-33) and workshops (35-39) sections.
    assert!(
        !found
            .iter()
            .any(|&(r, l)| r == "missing-year" && (20..=39).contains(&l)),
        "{found:?}"
    );
    // Well-formed link groups.
    for line in [22, 44, 57] {
        assert!(
            !found.contains(&("malformed-link-group", line)),
            "{found:?}"
        );
    }
    // Nothing beyond the known defects.
    assert_eq!(found.len(), 13, "{found:?}");
}
