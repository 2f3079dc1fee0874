//! One lint of a file, or one bare pulldown-cmark parse of it, and nothing else: for counting
//! instructions, which do not depend on the machine's load (docs/BENCHMARKS.md):
//!
//! ```sh
//! valgrind --tool=callgrind --toggle-collect='lint_once::lint' target/release/examples/lint_once FILE
//! valgrind --tool=callgrind --toggle-collect='lint_once::bare' target/release/examples/lint_once FILE bare
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
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: lint_once FILE [bare]");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(src) => src,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let n = if args.next().as_deref() == Some("bare") {
        bare(&src)
    } else {
        lint(src)
    };
    println!("{n}");
}
