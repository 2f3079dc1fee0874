//! One lint of a file, or one bare pulldown-cmark parse of it, and nothing else: for counting
//! instructions, which do not depend on the machine's load (docs/BENCHMARKS.md). Given a
//! number of runs, it lints (or parses) that many times and prints the time per run: for
//! sampling where the time goes, which is not always where the instructions are.
//!
//! ```sh
//! valgrind --tool=callgrind --toggle-collect='lint_once::lint' target/release/examples/lint_once FILE
//! valgrind --tool=callgrind --toggle-collect='lint_once::bare' target/release/examples/lint_once FILE bare
//! perf record -e cpu-clock --call-graph dwarf target/release/examples/lint_once FILE lint 8
//! ```

use std::hint::black_box;

use awesome_lint::document::{Document, parser_options};

/// `Document::parse` and `rules::check`, as `cargo bench --bench ratio` times them.
#[inline(never)]
fn lint(src: String) -> usize {
    let doc = Document::parse(src);
    awesome_lint::rules::check(black_box(&doc)).len()
}

/// The bare parse the ratio is taken against.
#[inline(never)]
fn bare(src: &str) -> usize {
    pulldown_cmark::Parser::new_ext(src, parser_options())
        .into_offset_iter()
        .map(black_box)
        .count()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.get(1).map_or("lint", String::as_str);
    let runs = args.get(2).map(|n| n.parse::<u32>());
    let (Some(path), true, true) = (
        args.first(),
        matches!(mode, "lint" | "bare"),
        matches!(runs, None | Some(Ok(_))),
    ) else {
        eprintln!("usage: lint_once FILE [lint|bare] [RUNS]");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(path) {
        Ok(src) => src,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let once = || {
        if mode == "bare" {
            bare(&src)
        } else {
            lint(src.clone())
        }
    };
    let Some(Ok(runs)) = runs else {
        println!("{}", once());
        return;
    };
    let start = std::time::Instant::now();
    for _ in 0..runs {
        black_box(once());
    }
    let each = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs.max(1));
    println!("{mode}: {each:.2} ms per run");
}
