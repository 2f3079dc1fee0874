//! Every output format says the same as JSON: the seed list rendered in each gives the same
//! findings. SARIF is validated against the official SARIF 2.1.0 schema (vendored under
//! `tests/sarif/`); the GitHub job summary is written only when Actions asks for it.

mod common;

use std::path::Path;

use common::{Run, awesome_lint_env as awesome_lint};
use serde_json::Value;

/// A repository (a `.git` folder) with the seed list under `lists/`.
fn seed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("lists")).unwrap();
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed/README.md"
    ))
    .unwrap();
    std::fs::write(dir.path().join("lists/README.md"), seed).unwrap();
    dir
}

fn render(dir: &Path, format: &str) -> Run {
    let run = awesome_lint(
        dir,
        &["--offline", "--format", format, "lists/README.md"],
        &[],
    );
    assert_eq!(run.code, 1, "{format}: the seed has errors: {}", run.stderr);
    run
}

/// (rule, line, severity) of every finding, sorted.
type Findings = Vec<(String, u64, String)>;

fn sorted(mut v: Findings) -> Findings {
    v.sort();
    v
}

fn from_json(run: &Run) -> Findings {
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    sorted(
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().into(),
                    d["line"].as_u64().unwrap(),
                    d["severity"].as_str().unwrap().into(),
                )
            })
            .collect(),
    )
}

#[test]
fn every_format_reports_the_same_findings() {
    let dir = seed_repo();
    let expected = from_json(&render(dir.path(), "json"));
    assert!(expected.len() > 10, "the seed has many findings");

    // compact: `path:line:col: severity[rule] message`
    let compact = render(dir.path(), "compact");
    let found: Findings = compact
        .stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            assert_eq!(parts.next(), Some("lists/README.md"), "{l}");
            let line = parts.next().unwrap().parse().unwrap();
            parts.next().unwrap().parse::<u64>().unwrap();
            let rest = parts.next().unwrap().trim_start();
            let (severity, rest) = rest.split_once('[').unwrap();
            let rule = rest.split_once(']').unwrap().0;
            (rule.to_string(), line, severity.to_string())
        })
        .collect();
    assert_eq!(sorted(found), expected, "compact");

    // github: `::error file=…,line=…,…,title=RULE::message`, path relative to the repository.
    let github = render(dir.path(), "github");
    let found: Findings = github
        .stdout
        .lines()
        .map(|l| {
            let (head, _message) = l[2..].split_once("::").unwrap();
            let (severity, props) = head.split_once(' ').unwrap();
            let prop = |name: &str| {
                props
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .unwrap()
                    .to_string()
            };
            assert_eq!(prop("file"), "lists/README.md");
            (
                prop("title"),
                prop("line").parse().unwrap(),
                severity.to_string(),
            )
        })
        .collect();
    assert_eq!(sorted(found), expected, "github");

    // sarif
    let sarif: Value = serde_json::from_str(&render(dir.path(), "sarif").stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let found: Findings = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().unwrap();
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], rule, "ruleIndex points at the rule");
            let location = &r["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "lists/README.md");
            assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            (
                rule.to_string(),
                location["region"]["startLine"].as_u64().unwrap(),
                r["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(sorted(found), expected, "sarif");

    // human: each finding opens with its rule id alone on a line.
    let human = render(dir.path(), "human");
    let ids: Vec<String> = expected.iter().map(|(r, ..)| r.clone()).collect();
    let mut found: Vec<String> = human
        .stdout
        .lines()
        .filter(|l| ids.contains(&l.to_string()))
        .map(str::to_string)
        .collect();
    found.sort();
    let mut ids = ids;
    ids.sort();
    assert_eq!(found, ids, "human");
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let mut schema: Value =
        serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json")).unwrap();
    // The official file's pattern for the `language` properties has a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that the validator's meta-schema check
    // refuses as a regex. We never write a `language`; the intended pattern stands in for it
    // here, in memory only, so that the rest of the schema (formats included) is enforced.
    fn fix_language(v: &mut Value) -> usize {
        match v {
            Value::Object(map) => map
                .iter_mut()
                .map(|(k, v)| {
                    if k == "pattern" && v == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *v = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                        1
                    } else {
                        fix_language(v)
                    }
                })
                .sum(),
            Value::Array(items) => items.iter_mut().map(fix_language).sum(),
            _ => 0,
        }
    }
    assert!(fix_language(&mut schema) > 0);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = seed_repo();
    let sarif: Value = serde_json::from_str(&render(dir.path(), "sarif").stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does catch what GitHub would refuse.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    let uri = sarif["runs"][0]["tool"]["driver"]["informationUri"]
        .as_str()
        .unwrap();
    assert!(
        url::Url::parse(uri).is_ok_and(|u| u.scheme() == "https"),
        "{uri}"
    );
    // A clean run is valid too (no results).
    std::fs::write(dir.path().join("clean.md"), "# Clean\n").unwrap();
    let clean = awesome_lint(
        dir.path(),
        &["--offline", "--format", "sarif", "clean.md"],
        &[],
    );
    assert_eq!(clean.code, 0);
    let clean: Value = serde_json::from_str(&clean.stdout).unwrap();
    assert!(validator.is_valid(&clean));
    assert_eq!(clean["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn sarif_fingerprints_survive_edits_above_the_finding() {
    let dir = seed_repo();
    let fingerprints = |dir: &Path| -> Vec<String> {
        let run = render(dir, "sarif");
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut f: Vec<String> = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["awesomeLintFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        f.sort();
        f
    };
    let before = fingerprints(dir.path());
    let mut unique = before.clone();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "one fingerprint per finding");
    // Two new lines of prose under the title move every finding down.
    let path = dir.path().join("lists/README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (title, rest) = text.split_once('\n').unwrap();
    std::fs::write(&path, format!("{title}\n\nA new introduction.\n{rest}")).unwrap();
    assert_eq!(fingerprints(dir.path()), before);
}

#[test]
fn sarif_file_is_written_beside_any_format() {
    let dir = seed_repo();
    let run = awesome_lint(
        dir.path(),
        &[
            "--offline",
            "--format",
            "github",
            "--sarif-file",
            "out.sarif",
            "lists/README.md",
        ],
        &[],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("::"));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn the_job_summary_is_appended_only_when_actions_asks() {
    let dir = seed_repo();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let summary_path = summary.to_str().unwrap();
    let run = awesome_lint(
        dir.path(),
        &["--offline", "--format", "github", "lists/README.md"],
        &[
            ("GITHUB_STEP_SUMMARY", summary_path),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "owner/list"),
            ("GITHUB_SHA", "0123abc"),
        ],
    );
    assert_eq!(run.code, 1);
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n## awesome-lint\n"),
        "appended: {written}"
    );
    assert!(written.contains("| `toc-mismatch` |"), "{written}");
    assert!(
        written.contains("](https://github.com/owner/list/blob/0123abc/lists/README.md#L8)"),
        "{written}"
    );

    // Without the variable nothing is written anywhere.
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    render(dir.path(), "github");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before);
}
