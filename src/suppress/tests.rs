use super::*;
use crate::rules;

/// (lines of the findings kept, suppressed count, unused-suppression lines) for `md`, with
/// every rule counted as having run.
fn run(md: &str) -> (Vec<usize>, usize, Vec<usize>) {
    let doc = Document::parse(md);
    let mut s = Suppressions::new(&doc);
    let kept = s.filter(rules::check(&doc));
    let line = |d: &Diagnostic| doc.position(d.span.start).line;
    let unused = s.unused(&|_| true).iter().map(line).collect();
    (kept.iter().map(line).collect(), s.suppressed(), unused)
}

/// Two bare URLs per section make findings to suppress; `bare-url` fires on each.
const BARE: &str = "https://a.example/x";

#[test]
fn disable_enable_region() {
    let md = format!(
        "# T\n\n{BARE}\n\n<!-- awesome-lint-disable bare-url -->\n\n{BARE}/1\n\n<!-- awesome-lint-enable bare-url -->\n\n{BARE}/2\n"
    );
    assert_eq!(run(&md), (vec![3, 11], 1, vec![]));
}

#[test]
fn disable_without_ids_silences_every_rule_until_the_end() {
    let md = format!("# T\n\n{BARE}\n\n<!-- awesome-lint-disable -->\n\n{BARE}/1\n\n## Empty\n");
    assert_eq!(run(&md), (vec![3], 2, vec![]));
}

#[test]
fn nested_disable_and_enable_by_id() {
    // Everything off, then bare-url back on: only bare-url fires inside; then all back on.
    let md = format!(
        "# T\n\n## A\n\n<!-- awesome-lint-disable -->\n\n## A\n\n{BARE}\n\n<!-- awesome-lint-enable bare-url -->\n\n## A\n\n{BARE}/1\n\n<!-- awesome-lint-enable -->\n\n## A\n"
    );
    // Kept: the bare URL on 15, the duplicate and empty heading on 19. Suppressed: the
    // duplicates on 7 and 13 and the bare URL on 9.
    assert_eq!(run(&md), (vec![15, 19, 19], 3, vec![]));
}

#[test]
fn disable_next_line_covers_only_the_next_line() {
    let md = format!(
        "# T\n\n- [a](https://a.example) {BARE}\n<!-- awesome-lint-disable-next-line bare-url -->\n- [b](https://b.example) {BARE}/1\n- [c](https://c.example) {BARE}/2\n"
    );
    assert_eq!(run(&md), (vec![3, 6], 1, vec![]));
}

#[test]
fn disable_file_anywhere() {
    let md = format!("# T\n\n{BARE}\n\n{BARE}/1\n\n<!-- awesome-lint-disable-file bare-url -->\n");
    assert_eq!(run(&md), (vec![], 2, vec![]));
}

#[test]
fn unused_and_unknown_suppressions_are_reported() {
    let md = format!(
        "# T\n\n<!-- awesome-lint-disable-next-line duplicate-heading -->\n{BARE}\n\n<!-- awesome-lint-disable-file bare-urls -->\n\n<!-- awesome-lint-enable bare-url -->\n"
    );
    let (kept, suppressed, unused) = run(&md);
    assert_eq!((kept, suppressed), (vec![4], 0));
    assert_eq!(unused, vec![3, 6, 8]);
    let doc = Document::parse(md.as_str());
    let s = Suppressions::new(&doc);
    let messages: Vec<String> = s.unused(&|_| true).into_iter().map(|d| d.message).collect();
    assert!(
        messages.iter().any(
            |m| m.contains("unknown rule `bare-urls`") && m.contains("did you mean `bare-url`")
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("closes no disabled region")),
        "{messages:?}"
    );
}

#[test]
fn one_unused_id_of_several_is_named() {
    let md = format!(
        "# T\n\n<!-- awesome-lint-disable-next-line bare-url, duplicate-heading -->\n{BARE}\n"
    );
    let doc = Document::parse(md.as_str());
    let mut s = Suppressions::new(&doc);
    assert!(s.filter(rules::check(&doc)).is_empty());
    let unused = s.unused(&|_| true);
    assert_eq!(unused.len(), 1);
    assert!(
        unused[0].message.starts_with("`duplicate-heading` in"),
        "{}",
        unused[0].message
    );
}

#[test]
fn rules_that_did_not_run_are_not_judged_unused() {
    let md = "# T\n\n<!-- awesome-lint-disable-next-line dead-link -->\n- [a](https://a.example)\n";
    let doc = Document::parse(md);
    let s = Suppressions::new(&doc);
    assert!(s.unused(&|rule| rule != "dead-link").is_empty());
    assert_eq!(s.unused(&|_| true).len(), 1);
}

#[test]
fn remark_comments_map_to_our_rules() {
    let md = "# T\n\n<!--lint disable double-link-->\n\n- [a](https://a.example)\n- [a again](https://a.example)\n\n<!--lint enable double-link-->\n\n- [b](https://b.example)\n- [b again](https://b.example)\n";
    assert_eq!(run(md), (vec![11], 1, vec![]));
}

#[test]
fn remark_ignore_covers_the_next_node_only() {
    let md = "# T\n\n- [a](https://a.example)\n\n<!--lint ignore double-link-->\n- [a again](https://a.example)\n\n## B\n\n- [a third](https://a.example)\n";
    assert_eq!(run(md), (vec![10], 1, vec![]));
}

#[test]
fn remark_ids_without_equivalent_silence_nothing_and_are_not_reported() {
    // `awesome-list-item` has no equivalent: it must not turn into "every rule".
    let md = format!(
        "# T\n\n<!--lint disable awesome-list-item-->\n\n{BARE}\n\n<!--lint ignore no-dead-urls-->\n"
    );
    assert_eq!(run(&md), (vec![5], 0, vec![]));
}

#[test]
fn links_are_silenced_only_when_every_link_rule_is() {
    let md = "# T\n\n<!--lint disable no-dead-urls-->\n- [a](https://a.example)\n<!--lint enable no-dead-urls-->\n<!-- awesome-lint-disable-next-line dead-link -->\n- [b](https://b.example)\n- [c](https://c.example)\n";
    let doc = Document::parse(md);
    let mut s = Suppressions::new(&doc);
    let link_rules = ["dead-link", "redirect", "blocked-link", "timeout-link"];
    let at = |url: &str| md.find(url).unwrap();
    assert!(s.silences_all(&link_rules, at("https://a.example")));
    assert!(!s.silences_all(&link_rules, at("https://b.example")));
    assert!(!s.silences_all(&link_rules, at("https://c.example")));
}

#[test]
fn comments_that_are_not_directives_are_ignored() {
    for text in [
        "awesome-lint-disabled",
        "lint",
        "lintdisable x",
        "lint frobnicate x",
        "a note",
    ] {
        assert!(parse(text, 0..1).is_none(), "{text}");
    }
    let d = parse("awesome-lint-disable-next-line  a,b  c", 0..1).unwrap();
    assert_eq!(
        (d.action, d.ids),
        (
            Action::DisableNextLine,
            vec!["a".into(), "b".into(), "c".into()]
        )
    );
}

#[test]
fn many_directives_and_findings_stay_fast_to_look_up() {
    // Regions are searched, not scanned: 5,000 regions and 5,000 findings.
    let mut md = String::from("# T\n\n");
    for i in 0..5000 {
        md.push_str(&format!(
            "<!-- awesome-lint-disable-next-line bare-url -->\n{BARE}/{i}\n\n"
        ));
    }
    let (kept, suppressed, unused) = run(&md);
    assert_eq!((kept.len(), suppressed, unused.len()), (0, 5000, 0));
}
