//! Every kind of config error, as the user sees it: a miette report pointing at the exact span
//! of the TOML file. Snapshotted so that any change to the wording or the place is reviewed.

use awesome_lint::config;

const CASES: &[(&str, &str)] = &[
    ("syntax", "[rules\nbare-url = \"off\"\n"),
    ("unknown-top-level-key", "colour = true\n"),
    ("unknown-links-key", "[links]\ntimeuot = 3\n"),
    ("wrong-type", "[links]\ntimeout = \"soon\"\n"),
    ("unknown-preset", "preset = \"awesome-ish\"\n"),
    (
        "misspelt-rule-id",
        "[rules]\nduplicate-headings = \"off\"\n",
    ),
    ("unknown-rule-id", "[rules]\nno-such-thing = \"off\"\n"),
    ("bad-level", "[rules]\nbare-url = \"loud\"\n"),
    (
        "option-of-another-rule",
        "[rules]\nbare-url = { scope = \"section\" }\n",
    ),
    (
        "bad-scope",
        "[rules]\nduplicate-link = { scope = \"page\" }\n",
    ),
    (
        "bad-separator",
        "[rules]\nmalformed-link-group = { separator = \"and\" }\n",
    ),
    ("bad-regex", "[links]\nexclude = ['ok', '(unclosed']\n"),
    (
        "bad-status-range",
        "[links]\naccept = [\"200..=299\", \"2xx\"]\n",
    ),
    ("bad-age", "[links]\nmax-cache-age = \"1w\"\n"),
    ("zero-concurrency", "[links]\nhost-concurrency = 0\n"),
    (
        "retries-out-of-range",
        "[links]\nmax-retries = 4294967295\n",
    ),
    (
        "huge-concurrency",
        "[links]\nmax-concurrency = 10000000000\n",
    ),
    (
        "bad-host",
        "[links.hosts.\"https://github.com\"]\nconcurrency = 2\n",
    ),
    (
        "bad-header",
        "[links.hosts.\"github.com\"]\nheaders = { \"Bad Name\" = \"x\" }\n",
    ),
];

#[test]
fn every_error_kind_is_a_report_at_its_span() {
    for (name, text) in CASES {
        let err = config::parse(text, ".awesome-lint.toml")
            .err()
            .unwrap_or_else(|| panic!("{name}: accepted"));
        let rendered = err.render(false);
        assert!(
            rendered.contains(".awesome-lint.toml:"),
            "{name}: no place: {rendered}"
        );
        insta::assert_snapshot!(format!("config-error-{name}"), rendered);
    }
}
