//! Temporary bench runner for the link checker, until the document model and the CLI land:
//! `cargo run --release --example check_links -- [link flags] --format json README.md`.
//! URLs come from a simple regex for `](http…)` links; the real binary
//! (`awesome-lint --format json README.md`) replaces this after the merge.
//! Prints `{"files":[{"path","links":[{url,line,column,status,…}]}],"summary":{"links":…}}`.

use std::path::PathBuf;
use std::process::ExitCode;

use awesome_lint::document::LineIndex;
use awesome_lint::links::{self, LinkArgs, LinkOccurrence};
use clap::Parser;
use serde_json::json;

#[derive(Parser)]
struct Cli {
    /// Output format; only json exists here.
    #[arg(long, default_value = "json")]
    format: String,
    #[command(flatten)]
    links: LinkArgs,
    file: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.format != "json" {
        eprintln!("error: only --format json is supported by this example");
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(&cli.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", cli.file.display());
            return ExitCode::from(2);
        }
    };
    let options = match cli.links.to_options(&cli.file) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let re = regex::Regex::new(r"\]\((https?://[^)\s]+)\)").expect("valid regex");
    let occurrences: Vec<LinkOccurrence> = re
        .captures_iter(&text)
        .filter_map(|c| c.get(1))
        .map(|m| LinkOccurrence {
            url: m.as_str().to_string(),
            span: m.range(),
        })
        .collect();

    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let results = runtime.block_on(links::check(&occurrences, &options));

    let index = LineIndex::new(&text);
    let links_json: Vec<_> = results
        .iter()
        .map(|r| {
            let pos = index.position(&text, r.span.start);
            json!({
                "url": r.url, "line": pos.line, "column": pos.column, "status": r.status,
                "http_status": r.http_status, "redirect_to": r.redirect_to,
                "attempts": r.attempts, "elapsed_ms": r.elapsed_ms, "detail": r.detail,
            })
        })
        .collect();
    let out = json!({
        "files": [{ "path": cli.file.display().to_string(), "links": links_json }],
        "summary": { "links": links::summarize(&results) },
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("serialisable")
    );
    let failed = links::diagnostics(&results, &options)
        .iter()
        .any(|d| d.severity == awesome_lint::diagnostic::Severity::Error);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
