//! Snapshots of the full human and JSON reports on the seed list (`fixtures/seed/README.md`), so
//! that any change in what the rules find or in how it is rendered is reviewed
//! (`cargo insta review`).

use assert_cmd::cargo::cargo_bin_cmd;
use awesome_lint::rules;

const SEED: &str = "fixtures/seed/README.md";

fn report(format: &str) -> (i32, String) {
    let output = cargo_bin_cmd!("awesome-lint")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(["--offline", "--color", "never", "--format", format, SEED])
        .output()
        .expect("the binary runs");
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

/// A build without rules has nothing worth a snapshot.
fn no_rules() -> bool {
    if rules::REGISTRY.is_empty() {
        eprintln!("note: seed snapshots skipped: no rules are registered in this build");
        return true;
    }
    false
}

#[test]
fn seed_human() {
    if no_rules() {
        return;
    }
    let (code, stdout) = report("human");
    insta::assert_snapshot!("seed_human", format!("exit status {code}\n\n{stdout}"));
}

#[test]
fn seed_json() {
    if no_rules() {
        return;
    }
    let (code, stdout) = report("json");
    insta::assert_snapshot!("seed_json", format!("exit status {code}\n\n{stdout}"));
}
