//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Every rule the tool knows
//! is listed in `tool.driver.rules` (so `ruleIndex` is stable whatever fired); each result
//! points at the file relative to the repository root (`%SRCROOT%`) and carries a fingerprint
//! that survives edits elsewhere in the file, so code scanning tracks one alert per finding.

use serde_json::{Value, json};

use super::Report;
use crate::catalog;
use crate::diagnostic::Severity;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where the tool's documentation lives (`informationUri`).
pub const INFORMATION_URI: &str = env!("CARGO_PKG_HOMEPAGE");

pub fn render(report: &Report) -> String {
    let rules = catalog::all();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "help": {"text": format!("{} See `awesome-lint explain {}`.", r.explanation, r.id)},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in &report.files {
        // Identical findings on identical text are told apart by their order.
        let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for d in &file.diagnostics {
            let start = file.document.position(d.span.start);
            let end = file.document.end_position(&d.span);
            let index = rules.iter().position(|r| r.id == d.rule);
            let key = fingerprint(&[
                d.rule,
                &file.repo_path,
                &without_numbers(&d.message),
                file.document.text(&d.span).trim(),
            ]);
            let nth = seen.entry(key).or_default();
            *nth += 1;
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": if d.help.is_empty() {
                    d.message.clone()
                } else {
                    format!("{}\n{}", d.message, d.help)
                }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": file.repo_path, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            // SARIF's end column is the one after the last character.
                            "endColumn": end.column + 1,
                        },
                    },
                }],
                "partialFingerprints": {
                    "awesomeLintFinding/v1": format!("{key:016x}:{nth}"),
                },
            });
            if let Some(index) = index {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "awesome-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": driver_rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root."}}},
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&sarif).expect("JSON values serialize");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Messages name other lines (`already listed on line 12`): numbers are left out of the
/// fingerprint so that an edit elsewhere does not change it. The finding's own text stays in.
fn without_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// FNV-1a over the parts (with a separator), stable across runs, platforms and Rust versions,
/// unlike `DefaultHasher`. Line numbers are left out on purpose: an entry added above a finding
/// must not make it a new alert.
fn fingerprint(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fixed_and_separates_parts() {
        // Fixed values: a change here would turn every alert of every user into a new one.
        assert_eq!(fingerprint(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["x", "y"]), fingerprint(&["x", "y"]));
        assert_eq!(
            without_numbers("listed on line 12 and 3"),
            "listed on line # and #"
        );
    }
}
