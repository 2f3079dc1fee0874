use super::*;
use crate::catalog;
use crate::diagnostic::Severity;
use crate::rules::{DuplicateScope, Level};

fn invalid(text: &str) -> InvalidConfig {
    match parse(text, ".awesome-lint.toml") {
        Err(ConfigError::Invalid(invalid)) => *invalid,
        other => panic!("expected an invalid config, got {other:?}"),
    }
}

/// The text the report points at.
fn pointed(text: &str) -> &str {
    let span = invalid(text).span.expect("a span");
    &text[span.offset()..span.offset() + span.len()]
}

#[test]
fn the_issue_example_parses() {
    let text = r#"
preset = "default"
[rules]
bare-url = "off"
duplicate-heading = "warning"
empty-category = { severity = "error", ignore-sections = ["Contributing", "Footnotes"] }
duplicate-link = { scope = "document" }
missing-year = { sections = ["Papers", "Surveys"] }
malformed-link-group = { separator = " | ", title-separator = ": " }
toc-incomplete = { ignore-sections = ["Contributing"] }
[links]
exclude = ['^https://www\.linkedin\.com/', '^https://twitter\.com/']
accept = ["200..=299", "429"]
timeout = 20
max-retries = 2
max-concurrency = 64
host-concurrency = 4
cache = true
max-cache-age = "1d"
[links.hosts."github.com"]
concurrency = 2
headers = { Accept = "text/html" }
"#;
    let c = parse(text, "x").unwrap();
    assert!(c.rules.is_off("bare-url"));
    assert_eq!(
        c.rules.severity("duplicate-heading", Severity::Error),
        Some(Severity::Warning)
    );
    assert_eq!(
        c.rules.severity("empty-category", Severity::Warning),
        Some(Severity::Error)
    );
    assert_eq!(
        c.rules.options("empty-category").ignore_sections,
        ["Contributing", "Footnotes"]
    );
    assert_eq!(
        c.rules.options("duplicate-link").scope,
        DuplicateScope::Document
    );
    // A table without `severity` keeps the rule's default.
    assert_eq!(
        c.rules.severity("duplicate-link", Severity::Warning),
        Some(Severity::Warning)
    );
    assert_eq!(
        c.rules.options("missing-year").sections,
        ["Papers", "Surveys"]
    );
    assert_eq!(
        c.rules.options("malformed-link-group").separator.as_deref(),
        Some(" | ")
    );
    assert_eq!(c.links.exclude.len(), 2);
    assert_eq!(c.links.accept.as_deref(), Some("200..=299,429"));
    assert_eq!(c.links.cache, Some(true));
    assert_eq!(c.hosts["github.com"].concurrency, Some(2));
    assert!(c.hosts["github.com"].headers.contains_key("accept"));
}

#[test]
fn an_empty_file_is_every_default() {
    let c = parse("", "x").unwrap();
    assert_eq!(c.preset, "default");
    assert_eq!(c.rules, RuleSettings::default());
    assert_eq!(c.links, LinkSettings::default());
}

#[test]
fn errors_point_at_the_exact_span() {
    assert_eq!(
        pointed("[rules]\nduplicate-headings = \"off\"\n"),
        "duplicate-headings"
    );
    let e = invalid("[rules]\nduplicate-headings = \"off\"\n");
    assert!(
        e.help
            .unwrap()
            .contains("did you mean `duplicate-heading`?")
    );

    assert_eq!(
        pointed("[links]\nexclude = ['ok', '(unclosed']\n"),
        "'(unclosed'"
    );
    assert_eq!(pointed("[links]\naccept = [\"2xx\"]\n"), "[\"2xx\"]");
    assert_eq!(pointed("[links]\ntimeout = \"soon\"\n"), "\"soon\"");
    assert_eq!(pointed("[links]\nmax-cache-age = \"1w\"\n"), "\"1w\"");
    assert_eq!(pointed("[links]\nhost-concurrency = 0\n"), "0");
    assert_eq!(pointed("preset = \"awesome-ish\"\n"), "\"awesome-ish\"");
    assert!(pointed("[links]\ntimeuot = 3\n").contains("timeuot"));
    assert!(pointed("colour = true\n").contains("colour"));
    assert_eq!(pointed("[rules]\nbare-url = \"loud\"\n"), "\"loud\"");
    assert!(pointed("[rules]\nbare-url = { scope = \"section\" }\n").contains("\"section\""));
    let e = invalid("[rules]\nbare-url = { scope = \"section\" }\n");
    assert!(
        e.message.contains("rule `bare-url` has no option `scope`"),
        "{}",
        e.message
    );
    assert_eq!(
        pointed("[rules]\nmalformed-link-group = { separator = \"and\" }\n"),
        "\"and\""
    );
    assert_eq!(
        pointed("[rules]\nduplicate-link = { scope = \"page\" }\n"),
        "\"page\""
    );
    assert_eq!(
        pointed("[links.hosts.\"github.com\"]\nheaders = { \"Bad Name\" = \"x\" }\n"),
        "{ \"Bad Name\" = \"x\" }"
    );
    assert_eq!(
        pointed("[links.hosts.\"github.com\"]\nconcurrency = 0\n"),
        "0"
    );
    assert_eq!(
        pointed("[links.hosts.\"https://github.com\"]\n"),
        "\"https://github.com\""
    );
    assert!(
        invalid("this is not toml").span.is_some(),
        "syntax errors have a place too"
    );
}

#[test]
fn the_report_names_the_file_and_shows_the_line() {
    let text = "[rules]\nduplicate-headings = \"off\"\n";
    let err = parse(text, "lists/.awesome-lint.toml").unwrap_err();
    let rendered = err.render(false);
    assert!(
        rendered.contains("unknown rule `duplicate-headings`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("lists/.awesome-lint.toml:2:1"),
        "{rendered}"
    );
    assert!(
        rendered.contains("duplicate-headings = \"off\""),
        "{rendered}"
    );
    assert!(
        rendered.contains("did you mean `duplicate-heading`?"),
        "{rendered}"
    );
    assert_eq!(err.to_string().lines().count(), 1);
}

#[test]
fn unreadable_files_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = load(&dir.path().join("nope.toml")).unwrap_err();
    assert!(matches!(missing, ConfigError::Unreadable { .. }));
    assert!(
        missing
            .render(false)
            .ends_with("cannot read the config: no such file\n")
    );
    let binary = dir.path().join("bin.toml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let err = load(&binary).unwrap_err().render(false);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
    let folder = load(dir.path()).unwrap_err().render(false);
    assert_eq!(folder.lines().count(), 1, "{folder}");
}

#[test]
fn init_text_reads_back_as_every_default() {
    let text = template::init_text();
    let c = parse(&text, "init").unwrap();
    for info in catalog::all() {
        // Rules of the `awesome` preset stay off under the default preset, commented out.
        // So do rules off by default.
        let (expected, line) = if info.preset == crate::rules::Preset::Default
            && !crate::rules::options::OFF_BY_DEFAULT.contains(&info.id)
        {
            (Some(info.severity), format!("\n{} = ", info.id))
        } else {
            (None, format!("\n# {} = ", info.id))
        };
        assert_eq!(
            c.rules.severity(info.id, info.severity),
            expected,
            "{}",
            info.id
        );
        assert_eq!(c.rules.options(info.id), &Default::default(), "{}", info.id);
        assert!(text.contains(&line), "{} missing from init", info.id);
    }
    assert_eq!(c.links.resolved(), LinkSettings::default().resolved());
    assert!(c.hosts.is_empty());
    // Every line is a comment, blank, a section header or a key.
    assert!(
        text.lines()
            .all(|l| l.is_empty() || l.starts_with('#') || l.starts_with('[') || l.contains(" = "))
    );
}

#[test]
fn shown_config_reads_back_as_the_same_config() {
    let text = "[rules]\nbare-url = \"off\"\nempty-category = { severity = \"error\", ignore-sections = [\"Contributing\"] }\nduplicate-link = { scope = \"section\" }\nmalformed-link-group = { title-separator = \": \" }\n[links]\nexclude = ['^https://x\\.y/']\ntimeout = 5\n[links.hosts.\"GitHub.com\"]\nconcurrency = 2\n";
    let c = parse(text, "x").unwrap();
    let shown = template::show(&c, "README.md", &c.links);
    assert!(shown.contains("bare-url = \"off\""), "{shown}");
    assert!(shown.contains("[links.hosts.\"github.com\"]"), "{shown}");
    let back = parse(&shown, "shown").unwrap();
    for info in catalog::all() {
        assert_eq!(
            back.rules.severity(info.id, info.severity),
            c.rules.severity(info.id, info.severity),
            "{}",
            info.id
        );
        assert_eq!(
            back.rules.options(info.id),
            c.rules.options(info.id),
            "{}",
            info.id
        );
    }
    assert_eq!(back.links.resolved(), c.links.resolved());
    assert_eq!(back.hosts_shown, c.hosts_shown);
}

#[test]
fn github_api_and_stale_repo_settings() {
    let text = "[rules]\nstale-repo = { after = \"18mo\" }\n[links.github]\napi = \"https://ghe.example/api\"\n";
    let c = parse(text, "x").unwrap();
    assert_eq!(
        c.links.github_api.as_deref(),
        Some("https://ghe.example/api")
    );
    assert_eq!(c.rules.options("stale-repo").after.as_deref(), Some("18mo"));
    assert!(!c.rules.is_off("stale-repo"), "a threshold turns it on");
    assert!(
        parse(
            "[rules]\nstale-repo = { severity = \"off\", after = \"2y\" }\n",
            "x"
        )
        .unwrap()
        .rules
        .is_off("stale-repo")
    );
    assert!(!parse("", "x").unwrap().rules.is_off("archived-repo"));
    assert!(
        parse("", "x").unwrap().rules.is_off("stale-repo"),
        "off by default"
    );

    let shown = template::show(&c, "README.md", &c.links);
    let back = parse(&shown, "shown").unwrap();
    assert_eq!(back.links.resolved(), c.links.resolved(), "{shown}");
    assert_eq!(
        back.rules.options("stale-repo"),
        c.rules.options("stale-repo")
    );

    assert_eq!(
        pointed("[links.github]\napi = \"api.github.com\"\n"),
        "\"api.github.com\""
    );
    assert_eq!(pointed("[links.github]\ntoken = \"x\"\n"), "token");
    assert_eq!(
        pointed("[rules]\nstale-repo = { after = \"2 years\" }\n"),
        "\"2 years\""
    );
    assert_eq!(
        pointed("[rules]\ndead-link = { after = \"2y\" }\n"),
        "\"2y\"",
        "only stale-repo takes `after`"
    );
}

#[test]
fn discovery_walks_up_to_the_repository_root() {
    let root = tempfile::tempdir().unwrap();
    let repo = root.path().join("repo");
    let nested = repo.join("lists").join("deep");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::create_dir(repo.join(".git")).unwrap();
    let readme = nested.join("README.md");
    assert_eq!(discover(&readme), None, "nothing up to the root");

    // Above the repository root: not used.
    std::fs::write(root.path().join(CONFIG_FILE_NAME), "").unwrap();
    assert_eq!(
        discover(&readme),
        None,
        "a config above .git is not the repository's"
    );

    std::fs::write(repo.join(CONFIG_FILE_NAME), "").unwrap();
    assert_eq!(
        discover(&readme).map(|p| std::path::absolute(p).unwrap()),
        Some(repo.join(CONFIG_FILE_NAME))
    );
    std::fs::write(nested.join(CONFIG_FILE_NAME), "").unwrap();
    assert_eq!(
        discover(&readme).map(|p| std::path::absolute(p).unwrap()),
        Some(nested.join(CONFIG_FILE_NAME)),
        "the nearest wins"
    );
}

#[test]
fn levels_parse_as_written() {
    let c = parse(
        "[rules]\ndead-link = \"warning\"\nunused-suppression = \"off\"\n",
        "x",
    )
    .unwrap();
    assert_eq!(c.rules.get("dead-link").level, Some(Level::Warning));
    assert!(c.rules.is_off("unused-suppression"));
}
