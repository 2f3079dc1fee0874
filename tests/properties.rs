//! Properties of the whole pipeline on Markdown generated from the pieces awesome lists are made
//! of (headings, nested lists, tables, links with brackets and parentheses, HTML, reference
//! definitions, code, bare URLs, multi-byte text, tabs), written with LF, CRLF and a BOM:
//! parsing, every rule of both presets, the suppressions, the link extraction and `--fix` never
//! panic; every span is inside the text and on character boundaries; lines and columns agree
//! with the line index; and the findings are the same whatever the line endings or the BOM.
//!
//! 64 cases per property by default, so that `cargo test` stays quick; `PROPTEST_CASES=N`
//! runs more.

use std::ops::Range;

use awesome_lint::diagnostic::Diagnostic;
use awesome_lint::document::{Document, Position};
use awesome_lint::fix::fix_source;
use awesome_lint::links;
use awesome_lint::rules::{Preset, RuleSettings};
use awesome_lint::run::lint_file;
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    let defaults = Config::default();
    Config {
        cases,
        // A failure becomes a unit test with its minimized input, not a file in the tree.
        failure_persistence: None,
        // A fixed seed, so that CI fails on a change, never on a draw; `PROPTEST_RNG_SEED=N`
        // explores another (proptest reads it into the defaults).
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            defaults.rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(0x05ee_da11)
        },
        ..defaults
    }
}

// ---------------------------------------------------------------------------------------------
// Generators. Each returns Markdown with `\n` line endings; `Variant` writes it other ways.

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        1 => "[0-9]{1,4}",
        1 => Just("(2021)".to_string()),
        // Names the spell-check knows, spelt wrongly and rightly.
        1 => prop::sample::select(vec!["Github", "GitHub", "nodejs", "javascript", "OSX", "macOS"])
            .prop_map(str::to_string),
        1 => Just("ICML 22".to_string()),
        // Multi-byte text: accents, CJK, emoji with a joiner, a circled letter, a combining
        // mark, a zero-width space, a line separator, a right-to-left word.
        1 => prop::sample::select(vec![
            "é", "Straße", "中文", "标题", "🎉", "👩‍💻", "Ⓐ", "e\u{301}", "\u{200b}", "\u{2028}",
            "שלום", "ﬀ", "İ", "Σ",
        ])
        .prop_map(str::to_string),
        // Punctuation that Markdown and the rules care about.
        1 => prop::sample::select(vec![
            "-", "–", "—", "|", ",", ".", "!", "?", ":", "&", "&amp;", "&#x20;", "\\", "\\[",
            "*", "_", "~~", "\"", "'", "(", ")", "[", "]", "<", ">", "#", "`",
        ])
        .prop_map(str::to_string),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => ("[a-z]{1,6}", "[a-z0-9/_.-]{0,12}")
            .prop_map(|(host, path)| format!("https://{host}.example/{path}")),
        1 => Just("https://en.wikipedia.org/wiki/Set_(mathematics)".to_string()),
        1 => Just("https://example.com/a?b=1&c=(2)#frag".to_string()),
        1 => "#[a-z-]{0,10}".prop_map(|s| s),
        1 => Just("./CONTRIBUTING.md".to_string()),
        1 => Just("http://example.com/é".to_string()),
        1 => Just("<https://example.com/with space>".to_string()),
        1 => Just("mailto:someone@example.com".to_string()),
        1 => Just(String::new()),
    ]
}

/// Words apart, mostly by a space, sometimes by wider whitespace (no-break, ideographic, line
/// separator) or a tab.
fn text(max: usize) -> impl Strategy<Value = String> {
    let gap = prop_oneof![
        8 => Just(" "),
        1 => prop::sample::select(vec!["\u{a0}", "\u{3000}", "\u{2028}", "\t", "  "]),
    ];
    (word(), prop::collection::vec((gap, word()), 0..max)).prop_map(|(first, rest)| {
        rest.into_iter().fold(first, |mut out, (gap, word)| {
            out.push_str(gap);
            out.push_str(&word);
            out
        })
    })
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text(5),
        3 => (text(3), url()).prop_map(|(t, u)| format!("[{t}]({u})")),
        1 => (text(2), text(2), url()).prop_map(|(a, b, u)| format!("[{a} [{b}]]({u})")),
        1 => (text(2), url()).prop_map(|(t, u)| format!("[[{t}]({u})]")),
        1 => (text(2), url(), url())
            .prop_map(|(t, img, u)| format!("[![{t}]({img})]({u})")),
        1 => (text(2), url()).prop_map(|(t, u)| format!("![{t}]({u} \"title\")")),
        1 => url().prop_map(|u| format!("<{u}>")),
        1 => url().prop_map(|u| format!("{u})")),
        1 => text(2).prop_map(|t| format!("`{t}`")),
        1 => text(2).prop_map(|t| format!("**{t}**")),
        1 => text(2).prop_map(|t| format!("*{t}*")),
        1 => text(2).prop_map(|t| format!("[{t}][ref]")),
        1 => Just("[ref]".to_string()),
        1 => (text(2), url()).prop_map(|(t, u)| format!("<a href=\"{u}\">{t}</a>")),
        1 => Just("<br>".to_string()),
        1 => Just("<img src=\"https://example.com/logo.png\" width=\"20\">".to_string()),
    ]
}

fn line_content() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(inline(), 1..5).prop_map(|p| p.join(" ")),
        // The usual entry: `[Name](url) - Description.`
        3 => (text(3), url(), text(6), prop::sample::select(vec![" - ", " — ", ": ", " | ", "  -  "]))
            .prop_map(|(n, u, d, sep)| format!("[{n}]({u}){sep}{d}.")),
        // A group of links: `[Paper](…) | [Code](…)`, `[[Paper](…)] [[Code](…)]`.
        1 => (url(), url(), prop::sample::select(vec![" | ", ", ", " ", "] ["]))
            .prop_map(|(a, b, sep)| format!("[Paper]({a}){sep}[Code]({b})")),
    ]
}

fn indent() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["  ", "   ", "    ", "\t", " \t"])
}

fn list() -> impl Strategy<Value = String> {
    let item = (
        0usize..4,
        prop::sample::select(vec![
            "- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "-\t",
        ]),
        indent(),
        line_content(),
    );
    prop::collection::vec(item, 1..8).prop_map(|items| {
        items
            .into_iter()
            .map(|(depth, marker, unit, content)| {
                format!("{}{marker}{content}\n", unit.repeat(depth))
            })
            .collect()
    })
}

fn table() -> impl Strategy<Value = String> {
    (1usize..4, prop::collection::vec(line_content(), 1..4)).prop_map(|(cols, rows)| {
        let mut out = format!("|{}\n|{}\n", " Name |".repeat(cols), " --- |".repeat(cols));
        for row in rows {
            let cell = row.replace('|', "\\|");
            out.push_str(&format!("|{}\n", format!(" {cell} |").repeat(cols)));
        }
        out
    })
}

/// Section names that headings and the table of contents share, so that anchors resolve, or
/// almost (`Tools` against `Tools & Libraries`).
const SECTIONS: &[&str] = &[
    "Tools",
    "Tools & Libraries",
    "Papers (2021)",
    "C++",
    "中文 资源",
    "🎉 Party",
    "License",
    "Contributing",
    "Tools",
];

fn slug_of(name: &str) -> String {
    awesome_lint::document::slug::slugify(name)
}

fn toc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(SECTIONS), 0usize..2, any::<bool>()),
        1..8,
    )
    .prop_map(|items| {
        let mut out = String::from("## Contents\n\n");
        for (name, depth, exact) in items {
            let anchor = if exact {
                slug_of(name)
            } else {
                format!("{}-1", slug_of(name))
            };
            out.push_str(&format!("{}- [{name}](#{anchor})\n", "  ".repeat(depth)));
        }
        out
    })
}

fn heading() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (2usize..4, prop::sample::select(SECTIONS))
            .prop_map(|(level, name)| format!("{} {name}\n", "#".repeat(level))),
        4 => (1usize..7, prop::collection::vec(inline(), 1..3))
            .prop_map(|(level, parts)| format!("{} {}\n", "#".repeat(level), parts.join(" "))),
        1 => (1usize..4, text(4)).prop_map(|(level, t)| format!("{} {t} {}\n", "#".repeat(level), "#".repeat(level))),
        1 => (text(4), prop::sample::select(vec!["===", "---"])).prop_map(|(t, u)| format!("{t}\n{u}\n")),
        1 => Just("## Contents\n".to_string()),
        1 => text(3).prop_map(|t| format!("<h2 id=\"x\">{t}</h2>\n")),
    ]
}

fn html_block() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p align=\"center\">\n  <img src=\"https://example.com/logo.svg\" width=\"200\">\n</p>\n".to_string()),
        Just("<!-- awesome-lint-disable duplicate-link -->\n".to_string()),
        Just("<!-- awesome-lint-enable -->\n".to_string()),
        Just("<!-- awesome-lint-disable-next-line -->\n".to_string()),
        Just("<!--lint ignore double-link-->\n".to_string()),
        Just("<!-- unterminated comment\n".to_string()),
        Just("<a name=\"top\"></a>\n".to_string()),
        text(3).prop_map(|t| format!("<details>\n<summary>{t}</summary>\n\n- [x](https://x.example)\n\n</details>\n")),
    ]
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => heading(),
        1 => toc(),
        4 => list(),
        1 => table(),
        2 => line_content().prop_map(|l| l + "\n"),
        1 => html_block(),
        1 => (text(2), url()).prop_map(|(label, u)| format!("[{label}]: {u}\n")),
        1 => url().prop_map(|u| format!("[ref]: {u} \"Title\"\n")),
        1 => text(4).prop_map(|t| format!("```\n{t}\n[x](https://in.code.example)\n```\n")),
        1 => text(3).prop_map(|t| format!("    indented {t}\n")),
        1 => text(4).prop_map(|t| format!("> {t}\n> - [q](https://quote.example)\n")),
        1 => prop::sample::select(vec!["---\n", "***\n", "___\n", "- - -\n"]).prop_map(str::to_string),
        1 => (text(3), text(3)).prop_map(|(a, b)| format!("**{a}** \\\n{b} \\\n[[Paper](https://p.example)]\n")),
        1 => Just("[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n".to_string()),
        1 => Just("[![Build](https://travis-ci.org/a/b.svg)](https://travis-ci.org/a/b)\n".to_string()),
    ]
}

/// The shape of an awesome list: a title, a badge, a table of contents, then sections.
fn awesome_list() -> impl Strategy<Value = Vec<String>> {
    (
        text(3),
        toc(),
        prop::collection::vec((heading(), list()), 1..6),
        prop::collection::vec(block(), 0..3),
    )
        .prop_map(|(title, toc, sections, extra)| {
            let mut blocks = vec![
                format!("# Awesome {title}\n"),
                "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n".to_string(),
                toc,
            ];
            for (heading, list) in sections {
                blocks.push(heading);
                blocks.push(list);
            }
            blocks.extend(extra);
            blocks
        })
}

/// A document: blocks separated by a blank line or none, with or without a final newline.
fn document() -> impl Strategy<Value = String> {
    (
        prop_oneof![prop::collection::vec(block(), 1..12), awesome_list(),],
        any::<bool>(),
    )
        .prop_flat_map(|(blocks, final_newline)| {
            let n = blocks.len();
            (
                Just(blocks),
                prop::collection::vec((any::<bool>(), prop::bool::weighted(0.1)), n),
                Just(final_newline),
            )
        })
        .prop_map(|(blocks, gaps, final_newline)| {
            let blocks = blocks
                .into_iter()
                .zip(gaps)
                .map(|(b, (blank, space))| (b, blank, space));
            let mut out = String::new();
            for (block, blank, trailing_space) in blocks {
                out.push_str(&block);
                if trailing_space {
                    out.insert_str(out.len() - 1, "  ");
                }
                if blank {
                    out.push('\n');
                }
            }
            if !final_newline {
                while out.ends_with('\n') {
                    out.pop();
                }
            }
            out
        })
}

// ---------------------------------------------------------------------------------------------
// Checks.

fn settings(preset: Preset) -> RuleSettings {
    let mut settings = RuleSettings::default();
    settings.set_preset(preset);
    settings
}

/// Lints `source` with every rule of `preset`, through the suppressions, as a run does.
fn lint(source: &str, preset: Preset) -> (Document, Vec<Diagnostic>) {
    let report = lint_file("list.md", source.to_string(), &settings(preset), None, None);
    (report.document, report.diagnostics)
}

fn check_span(source: &str, span: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= source.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        source.len()
    );
    prop_assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
    Ok(())
}

/// Line and column of `offset` computed from scratch: 1-based, `\n` ends a line, neither `\r`
/// nor a leading BOM is a column, columns count characters.
fn expected_position(source: &str, offset: usize) -> Position {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = source[line_start..offset]
        .chars()
        .enumerate()
        .filter(|&(i, c)| c != '\r' && !(line == 1 && i == 0 && c == '\u{feff}'))
        .count()
        + 1;
    Position { line, column }
}

fn check_positions(doc: &Document, span: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    let source = &doc.source;
    let start = doc.position(span.start);
    prop_assert_eq!(
        start,
        expected_position(source, span.start),
        "{}: start of {:?}",
        what,
        span
    );
    prop_assert!(
        doc.line_index.line_start(start.line) <= span.start,
        "{what}: line {} starts after {span:?}",
        start.line
    );
    let end = doc.end_position(span);
    prop_assert!(end >= start, "{what}: end {end:?} before start {start:?}");
    prop_assert!(
        end.line <= doc.line_index.line_count(),
        "{what}: end line {} past the text",
        end.line
    );
    Ok(())
}

fn check_diagnostics(doc: &Document, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let source = &doc.source;
    for d in diagnostics {
        let what = format!("{} {:?}", d.rule, d.message);
        check_span(source, &d.span, &what)?;
        check_positions(doc, &d.span, &what)?;
        for label in &d.labels {
            check_span(source, &label.span, &format!("{what}, label"))?;
            check_positions(doc, &label.span, &format!("{what}, label"))?;
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            check_span(source, &edit.span, &format!("{what}, edit"))?;
        }
    }
    Ok(())
}

/// What a reader sees of a finding: everything but byte offsets.
type Seen = (
    &'static str,
    String,
    String,
    Position,
    Position,
    Vec<(Position, String)>,
    bool,
);

fn seen(doc: &Document, diagnostics: &[Diagnostic]) -> Vec<Seen> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.rule,
                d.message.clone(),
                d.help.to_string(),
                doc.position(d.span.start),
                doc.end_position(&d.span),
                d.labels
                    .iter()
                    .map(|l| (doc.position(l.span.start), l.message.clone()))
                    .collect(),
                d.fix.is_some(),
            )
        })
        .collect()
}

fn crlf(source: &str) -> String {
    source.replace('\n', "\r\n")
}

fn bom(source: &str) -> String {
    format!("\u{feff}{source}")
}

proptest! {
    #![proptest_config(config())]

    /// Every span of every finding of both presets is in the text, on char boundaries, and at
    /// the line and column the line index gives; the link extraction's spans too.
    #[test]
    fn spans_and_positions_hold(source in document(), variant in 0..3u8) {
        let source = match variant {
            0 => source,
            1 => crlf(&source),
            _ => bom(&crlf(&source)),
        };
        for preset in Preset::ALL {
            let (doc, diagnostics) = lint(&source, *preset);
            check_diagnostics(&doc, &diagnostics)?;
        }
        let doc = Document::parse(source.clone());
        for h in &doc.headings {
            check_span(&source, &h.span, "heading")?;
            check_span(&source, &h.text_span, "heading text")?;
            prop_assert_eq!(doc.text_slug_of(h), slug_of(&h.text), "{:?}", h);
        }
        for e in &doc.entries {
            check_span(&source, &e.span, "entry")?;
            check_span(&source, &e.content, "entry content")?;
        }
        for l in &doc.links {
            check_span(&source, &l.span, "link")?;
        }
        for o in links::occurrences(&doc) {
            check_span(&source, &o.span, "link occurrence")?;
        }
    }

    /// The same list with CRLF line endings, or a BOM, gets the same findings at the same lines
    /// and columns.
    #[test]
    fn line_endings_and_bom_change_nothing(source in document()) {
        for preset in Preset::ALL {
            let (doc, diagnostics) = lint(&source, *preset);
            let expected = seen(&doc, &diagnostics);
            for (name, variant) in [("CRLF", crlf(&source)), ("BOM", bom(&source)), ("BOM and CRLF", bom(&crlf(&source)))] {
                let (doc, diagnostics) = lint(&variant, *preset);
                prop_assert_eq!(&seen(&doc, &diagnostics), &expected, "{} ({:?} preset)", name, preset);
            }
        }
    }

    /// `--fix` (unsafe fixes included, either preset) ends on text that parses, without a
    /// panic, and fixes a CRLF list as it fixes the LF one, keeping its line endings.
    #[test]
    fn fixing_keeps_line_endings(source in document(), awesome in any::<bool>()) {
        let preset = if awesome { Preset::Awesome } else { Preset::Default };
        let relint = |text: &str| lint(text, preset).1;
        let lf = fix_source(&source, relint(&source), Vec::new(), relint, true);
        let (doc, diagnostics) = lint(&lf.source, preset);
        check_diagnostics(&doc, &diagnostics)?;
        if !source.contains('\n') {
            // Without a line break, the CRLF version is the same text.
            return Ok(());
        }
        let source = crlf(&source);
        let crlf = fix_source(&source, relint(&source), Vec::new(), relint, true);
        prop_assert!(
            !crlf.source.replace("\r\n", "").contains('\n'),
            "a fix wrote a bare LF into a CRLF list: {:?}",
            crlf.source
        );
        prop_assert_eq!(crlf.source.replace("\r\n", "\n"), lf.source);
    }
}
