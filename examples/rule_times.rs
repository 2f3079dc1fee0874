//! Where the time of a lint goes: the bare pulldown-cmark parse, `Document::parse`, and each
//! rule of the registry on its own (medians of 3 runs; the parse ratio over 11 rounds, milliseconds), to find the rule that
//! makes `cargo bench --bench ratio` exceed its bound.
//!
//! `cargo run --release --example rule_times -- FILE [awesome]`: the default preset's rules,
//! or with `awesome` the awesome preset's.

use std::hint::black_box;
use std::time::Instant;

use awesome_lint::document::{Document, parser_options};
use awesome_lint::rules::{Preset, REGISTRY, RuleOptions};

const RUNS: usize = 11;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[1]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rule_times FILE [awesome]");
        std::process::exit(2);
    };
    let preset = match args.next().as_deref() {
        Some("awesome") => Preset::Awesome,
        _ => Preset::Default,
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(src) => src,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    // The bare parse and `Document::parse` back to back in each round, the ratio per round:
    // on a shared machine the two drift together.
    let mut ratios = Vec::new();
    let (mut bares, mut parses) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let b = median_ms(|| {
            black_box(pulldown_cmark::Parser::new_ext(&src, parser_options()).count());
        });
        let p = median_ms(|| {
            black_box(Document::parse(src.clone()));
        });
        ratios.push(p / b);
        bares.push(b);
        parses.push(p);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (bare, parse) = (median(bares), median(parses));
    println!("{path} ({} bytes)", src.len());
    println!("  {:28} {bare:9.2} ms", "bare pulldown-cmark parse");
    println!(
        "  {:28} {parse:9.2} ms  {:.2}x (median per-round ratio)",
        "Document::parse",
        median(ratios)
    );
    let doc = Document::parse(src.clone());
    let options = RuleOptions::default();
    let mut total = parse;
    for rule in REGISTRY.iter().filter(|r| r.preset() == preset) {
        let findings = rule.check(&doc, &options).len();
        let ms = median_ms(|| {
            black_box(rule.check(&doc, &options));
        });
        total += ms;
        println!("  {:28} {ms:9.2} ms  ({findings} findings)", rule.id());
    }
    println!(
        "  {:28} {total:9.2} ms  {:.2}x the bare parse",
        "parse + these rules",
        total / bare
    );
}
