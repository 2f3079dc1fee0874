//! The benchmarks' synthetic list: `benches/synthetic.rs` (built in memory by the
//! criterion bench) and `bench/synthetic.py` (writes the file the CLI comparison lints)
//! must produce the same bytes.

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::process::Command;

#[test]
fn synthetic_list_is_deterministic_and_about_5_mib() {
    let a = synthetic::generate();
    assert_eq!(a, synthetic::generate());
    assert!(a.is_ascii());
    assert!(a.len() >= synthetic::TARGET && a.len() < synthetic::TARGET + 512 * 1024);
}

#[test]
fn synthetic_list_is_a_clean_awesome_list_shape() {
    let src = synthetic::generate();
    let doc = awesome_lint::document::Document::parse(src);
    assert!(doc.headings.len() > 500);
    assert!(doc.entries.len() > 20_000);
    let diagnostics = awesome_lint::rules::check(&doc);
    // The generated TOC, anchors, years and link groups are consistent: only the
    // deliberate bare URLs and the odd random arXiv id drawn twice are reported.
    let rules: std::collections::BTreeSet<&str> = diagnostics.iter().map(|d| d.rule).collect();
    assert!(
        rules
            .iter()
            .all(|r| matches!(*r, "bare-url" | "duplicate-link")),
        "unexpected rules on the synthetic list: {rules:?}"
    );
}

#[test]
fn python_generator_matches_rust_generator() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/synthetic.py");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synthetic.md");
    let status = match Command::new("python3").arg(&script).arg(&out).status() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("note: python3 not runnable ({e}); skipping the generator comparison");
            return;
        }
    };
    assert!(status.success(), "{} failed", script.display());
    let python = std::fs::read(&out).unwrap();
    let rust = synthetic::generate();
    assert_eq!(python.len(), rust.len(), "lengths differ");
    assert!(python == rust.as_bytes(), "contents differ");
}
