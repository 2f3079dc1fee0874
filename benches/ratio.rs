//! `cargo bench --bench ratio`: the linter's cost as a multiple of pulldown-cmark's bare
//! parse, measured so that a shared machine's drifting speed cancels out.
//!
//! criterion (`--bench lint`) measures each function in its own stretch of time; when the
//! machine slows down or speeds up between stretches, the ratio moves with it (on the
//! project's 2-core CI-like machine, the same code measured 1.95x in one run and 3.9x in
//! another). Here each round times the bare parse and `parse + rules::check` back to back,
//! on the same input, and the ratio is taken per round; the report gives the median round
//! ratio and its spread. Rounds alternate which of the two runs first.
//!
//! Besides the largest corpus list and the synthetic list, it measures the two inputs of
//! `adversarial.rs`: the repeated corpus (skipped with a note when `../shared/corpus` is
//! absent) and the adversarial list. With `AWESOME_LINT_BENCH_OUT=DIR` set, it also writes
//! them to `DIR` for the command-line comparison (docs/BENCHMARKS.md).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use awesome_lint::document::{Document, parser_options};
use pulldown_cmark::Parser;

mod adversarial;
mod synthetic;

const ROUNDS: usize = 41;

fn bare_parse(src: &str) -> usize {
    let mut events = 0;
    for event in Parser::new_ext(src, parser_options()).into_offset_iter() {
        black_box(&event);
        events += 1;
    }
    events
}

fn lint(src: String) -> usize {
    let doc = Document::parse(src);
    awesome_lint::rules::check(black_box(&doc)).len()
}

fn seconds(f: impl FnOnce() -> usize) -> f64 {
    let start = Instant::now();
    black_box(f());
    start.elapsed().as_secs_f64()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn measure(name: &str, src: &str) {
    // Warm-up: caches, allocator, lazily compiled regexes.
    for _ in 0..3 {
        bare_parse(src);
        lint(src.to_owned());
    }
    let (mut bare, mut ours, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let copy = src.to_owned();
        let (b, o) = if round % 2 == 0 {
            let b = seconds(|| bare_parse(src));
            (b, seconds(|| lint(copy)))
        } else {
            let o = seconds(|| lint(copy));
            (seconds(|| bare_parse(src)), o)
        };
        bare.push(b);
        ours.push(o);
        ratios.push(o / b);
    }
    let mut sorted = ratios.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "{name} ({} bytes): bare parse {:.2} ms, parse + rules::check {:.2} ms (medians of {ROUNDS}); \
         ratio per round: median {:.2}x, middle half {:.2}x–{:.2}x",
        src.len(),
        median(bare) * 1e3,
        median(ours) * 1e3,
        median(ratios),
        sorted[ROUNDS / 4],
        sorted[ROUNDS * 3 / 4],
    );
}

/// Writes `src` to `$AWESOME_LINT_BENCH_OUT/name` when that variable is set.
fn write_out(name: &str, src: &str) {
    if let Some(dir) = std::env::var_os("AWESOME_LINT_BENCH_OUT") {
        let path = PathBuf::from(dir).join(name);
        match std::fs::write(&path, src) {
            Ok(()) => eprintln!("note: wrote {}", path.display()),
            Err(e) => eprintln!("note: cannot write {} ({e})", path.display()),
        }
    }
}

fn main() {
    let corpus_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let corpus = corpus_dir.join("hee9joon__Awesome-Diffusion-Models.md");
    match std::fs::read_to_string(&corpus) {
        Ok(src) => measure("largest corpus list", &src),
        Err(e) => eprintln!("note: {} not readable ({e}); skipping it", corpus.display()),
    }
    measure("synthetic 5 MiB list", &synthetic::generate());
    match adversarial::repeated_corpus(&corpus_dir) {
        Some(src) => {
            write_out("repeated-corpus.md", &src);
            measure("repeated corpus", &src);
        }
        None => eprintln!(
            "note: {} not readable; skipping the repeated corpus",
            corpus_dir.display()
        ),
    }
    let src = adversarial::adversarial();
    write_out("adversarial.md", &src);
    measure("adversarial list", &src);
}
