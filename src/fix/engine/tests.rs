use super::*;
use crate::diagnostic::Severity;

/// A finding at every occurrence of `needle`, fixed by replacing it with `with`.
fn replace_all(text: &str, rule: &'static str, needle: &str, with: &str) -> Vec<Diagnostic> {
    text.match_indices(needle)
        .map(|(i, _)| {
            Diagnostic::new(rule, Severity::Warning, i..i + needle.len(), "x")
                .with_edit(i..i + needle.len(), with.to_string())
        })
        .collect()
}

fn rules_lint(text: &str) -> Vec<Diagnostic> {
    crate::rules::check(&Document::parse(text))
}

fn run(source: &str, relint: impl FnMut(&str) -> Vec<Diagnostic>) -> Outcome {
    let mut relint = relint;
    let first = relint(source);
    fix_source(source, first, Vec::new(), relint, false)
}

#[test]
fn non_overlapping_fixes_are_applied_in_one_pass() {
    let out = run("# T\n\nfoo and foo\n", |t| {
        replace_all(t, "r", "foo", "bar")
    });
    assert_eq!(out.source, "# T\n\nbar and bar\n");
    assert_eq!((out.applied, out.passes), (2, 1));
}

#[test]
fn overlapping_fixes_wait_for_a_later_pass() {
    // "ab" and "bc" overlap in "abc": the first in position goes first, the other after a re-lint.
    let out = run("# T\n\nabc\n", |t| {
        let mut found = replace_all(t, "r", "ab", "a-b");
        found.extend(replace_all(t, "s", "bc", "b-c"));
        found
    });
    assert_eq!(out.source, "# T\n\na-b-c\n");
    assert_eq!((out.applied, out.passes), (2, 2));
}

#[test]
fn a_fix_may_enable_another() {
    let out = run("# T\n\naaa\n", |t| {
        let mut found = replace_all(t, "r", "aa", "b");
        found.extend(replace_all(t, "s", "ba", "c"));
        found
    });
    assert_eq!(out.source, "# T\n\nc\n");
    assert_eq!((out.applied, out.passes), (2, 2));
}

#[test]
fn a_fix_that_changes_the_structure_is_dropped_and_the_others_applied() {
    // Turning the second item into a paragraph line loses an entry: refused.
    let source = "# T\n\n- [a](https://a.example) foo\n- [b](https://b.example)\n";
    let out = run(source, |t| {
        let mut found = replace_all(t, "r", "foo", "bar");
        found.extend(replace_all(t, "s", "\n- [b]", " [b]"));
        found
    });
    assert_eq!(
        out.source,
        "# T\n\n- [a](https://a.example) bar\n- [b](https://b.example)\n"
    );
    assert_eq!(out.applied, 1);
    assert!(out.refused >= 1);
}

#[test]
fn a_fix_that_drops_a_url_is_refused() {
    let source = "# T\n\n- [a](https://a.example) and https://b.example\n";
    let out = run(source, |t| {
        replace_all(t, "r", " and https://b.example", "")
    });
    assert_eq!(out.source, source);
    assert_eq!(out.applied, 0);
}

#[test]
fn fixes_that_undo_each_other_are_rolled_back() {
    let out = run("# T\n\nping\n", |t| {
        let mut found = replace_all(t, "r", "ping", "pong");
        found.extend(replace_all(t, "s", "pong", "ping"));
        found
    });
    assert_eq!(out.source, "# T\n\nping\n");
    assert_eq!(out.applied, 0);
    assert!(out.refused >= 1);
}

#[test]
fn at_most_ten_passes() {
    let out = run("# T\n\nx\n", |t| {
        let at = t.len() - 1;
        vec![Diagnostic::new("r", Severity::Warning, at..at, "grow").with_edit(at..at, "x")]
    });
    assert_eq!(out.passes, MAX_PASSES);
    assert_eq!(
        out.source,
        format!("# T\n\n{}\n", "x".repeat(1 + MAX_PASSES))
    );
}

#[test]
fn unsafe_fixes_only_when_allowed() {
    let source = "# T\n\nfoo\n";
    let first =
        vec![Diagnostic::new("r", Severity::Warning, 5..8, "x").with_unsafe_edit(5..8, "bar")];
    let out = fix_source(source, first.clone(), Vec::new(), |_| Vec::new(), false);
    assert_eq!(out.source, source);
    let out = fix_source(source, first, Vec::new(), |_| Vec::new(), true);
    assert_eq!(out.source, "# T\n\nbar\n");
}

#[test]
fn invalid_edits_are_ignored() {
    let source = "# T\n\nñ\n";
    let bad = vec![
        Diagnostic::new("r", Severity::Warning, 0..1, "past the end").with_edit(90..99, "x"),
        Diagnostic::new("r", Severity::Warning, 0..1, "inside a char").with_edit(6..7, "x"),
        Diagnostic::new("r", Severity::Warning, 0..1, "overlapping")
            .with_edit(0..2, "x")
            .with_edit(1..3, "y"),
    ];
    let out = fix_source(source, bad, Vec::new(), |_| Vec::new(), false);
    assert_eq!((out.source.as_str(), out.applied), (source, 0));
}

#[test]
fn stable_findings_follow_the_text_and_are_fixed_in_a_later_pass() {
    // A redirect-like stable fix on the URL, and an edit before it that shifts it.
    let source = "# T\n\nfoo [a](https://old.example)\n";
    let at = source.find("https://old.example").unwrap();
    let url = at..at + "https://old.example".len();
    let stable = vec![
        Diagnostic::new("redirect", Severity::Warning, url.clone(), "moved")
            .with_edit(url, "https://new.example"),
    ];
    let out = fix_source(
        source,
        replace_all(source, "r", "foo", "foobar"),
        stable,
        |t| replace_all(t, "r", "foo ", "foobar "),
        false,
    );
    assert_eq!(out.source, "# T\n\nfoobar [a](https://new.example)\n");
    assert!(out.stable.is_empty());
    assert_eq!(out.applied, 2);
}

#[test]
fn open_stable_findings_are_mapped_onto_the_fixed_text() {
    let source = "# T\n\nfoo https://x.example\n";
    let at = source.find("https://").unwrap();
    let span = at..at + "https://x.example".len();
    let stable = vec![Diagnostic::new("dead-link", Severity::Error, span, "dead")];
    let out = fix_source(
        source,
        replace_all(source, "r", "foo", "foofoo"),
        stable,
        |t| replace_all(t, "r", "foo ", "foofoo "),
        false,
    );
    let d = &out.stable[0];
    assert_eq!(&out.source[d.span.clone()], "https://x.example");
}

#[test]
fn spans_map_through_insertions_and_replacements() {
    let edits = vec![
        Edit {
            span: 2..2,
            replacement: "<".into(),
        },
        Edit {
            span: 5..5,
            replacement: ">".into(),
        },
        Edit {
            span: 7..9,
            replacement: "".into(),
        },
    ];
    // "abURLcdEFgh" → "ab<URL>cdgh"
    let text = apply_edits("abURLcdEFgh", &edits);
    assert_eq!(text, "ab<URL>cdgh");
    let out = Outcome {
        source: text.clone(),
        applied: 1,
        passes: 1,
        refused: 0,
        stable: Vec::new(),
        history: vec![edits.clone()],
    };
    assert_eq!(&text[out.map_span(&(2..5))], "URL");
    assert_eq!(&text[out.map_span(&(9..11))], "gh");
    assert_eq!(out.map_span(&(8..9)), 9..9);
    assert_eq!(
        map_span_strict(&edits, &(1..3)),
        None,
        "an insertion inside"
    );
    assert_eq!(map_span_strict(&edits, &(9..11)), Some(9..11));
    assert_eq!(map_span_strict(&edits, &(7..8)), None, "a deletion over it");
}

#[test]
fn conflicts() {
    assert!(conflict(&(1..3), &(2..4)));
    assert!(!conflict(&(1..3), &(3..4)));
    assert!(
        !conflict(&(1..1), &(1..3)),
        "insertion at the start of a replacement"
    );
    assert!(
        !conflict(&(3..3), &(1..3)),
        "insertion at the end of a replacement"
    );
    assert!(conflict(&(2..2), &(1..3)));
    assert!(conflict(&(2..2), &(2..2)), "two insertions at one place");
}

#[test]
fn the_real_rules_fix_and_a_second_run_changes_nothing() {
    let source = "# T\n\n## Tools\n\n- [a](https://a.example) - see https://docs.example.\n";
    let out = run(source, rules_lint);
    assert_eq!(
        out.source,
        "# T\n\n## Tools\n\n- [a](https://a.example) - see <https://docs.example>.\n"
    );
    let again = run(&out.source, rules_lint);
    assert_eq!(again.source, out.source);
    assert_eq!(again.applied, 0);
}
