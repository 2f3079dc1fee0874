//! Many lints of a file, or many bare pulldown-cmark parses of it, in a loop: for sampling
//! where the time goes (docs/BENCHMARKS.md), where `lint_once` counts instructions.
//!
//! ```sh
//! perf record -e cpu-clock --call-graph dwarf target/release/examples/lint_loop FILE lint 8
//! ```

use std::hint::black_box;

use awesome_lint::document::{Document, parser_options};

/// `Document::parse` and `rules::check`, as `cargo bench --bench ratio` times them.
fn lint(src: String) -> usize {
    let doc = Document::parse(src);
    awesome_lint::rules::check(black_box(&doc)).len()
}

/// The bare parse the ratio is taken against.
fn bare(src: &str) -> usize {
    pulldown_cmark::Parser::new_ext(src, parser_options())
        .into_offset_iter()
        .map(black_box)
        .count()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(mode), Some(Ok(runs))) = (
        args.first(),
        args.get(1)
            .filter(|m| matches!(m.as_str(), "lint" | "bare")),
        args.get(2).map(|n| n.parse::<u32>()),
    ) else {
        eprintln!("usage: lint_loop FILE lint|bare RUNS");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(path) {
        Ok(src) => src,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let start = std::time::Instant::now();
    for _ in 0..runs {
        if mode == "bare" {
            black_box(bare(&src));
        } else {
            black_box(lint(src.clone()));
        }
    }
    let each = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs.max(1));
    println!("{mode}: {each:.2} ms per run");
}
