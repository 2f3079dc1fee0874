//! `cargo bench --bench lint`: the linter against pulldown-cmark's bare parse of the
//! same text, on the largest corpus list and on a 5 MiB synthetic list.
//!
//! Each group has three functions: `pulldown_cmark bare parse` (the offset iterator with
//! the document model's parser options, run to completion), `Document::parse` (the one
//! pass that builds the model) and `parse + rules::check` (what the CLI does per file,
//! minus reading and printing). Compare within a group: the machine is shared and noisy.
//!
//! The corpus list is read from `../shared/corpus/` relative to the project root; a
//! fresh clone has no such directory, and that group is skipped with a note.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use awesome_lint::document::{Document, parser_options};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pulldown_cmark::Parser;

mod synthetic;

const LARGEST_CORPUS_LIST: &str = "hee9joon__Awesome-Diffusion-Models.md";

fn bare_parse(src: &str) -> usize {
    let mut n = 0;
    for (event, range) in Parser::new_ext(src, parser_options()).into_offset_iter() {
        black_box((&event, &range));
        n += 1;
    }
    n
}

fn bench_source(c: &mut Criterion, group_name: &str, src: &str) {
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(src.len() as u64));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    let label = format!("{} bytes", src.len());

    group.bench_with_input(
        BenchmarkId::new("pulldown_cmark bare parse", &label),
        src,
        |b, src| b.iter(|| bare_parse(black_box(src))),
    );
    // `Document::parse` owns its source: the copy is made outside the timed part.
    group.bench_with_input(
        BenchmarkId::new("Document::parse", &label),
        src,
        |b, src| {
            b.iter_batched(
                || src.to_owned(),
                |s| Document::parse(black_box(s)),
                criterion::BatchSize::LargeInput,
            )
        },
    );
    group.bench_with_input(
        BenchmarkId::new("parse + rules::check", &label),
        src,
        |b, src| {
            b.iter_batched(
                || src.to_owned(),
                |s| {
                    let doc = Document::parse(black_box(s));
                    awesome_lint::rules::check(&doc)
                },
                criterion::BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

fn corpus_list(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(LARGEST_CORPUS_LIST);
    match std::fs::read_to_string(&path) {
        Ok(src) => bench_source(c, "largest corpus list", &src),
        Err(e) => eprintln!(
            "note: {} not readable ({e}); skipping the corpus benchmark",
            path.display()
        ),
    }
}

fn synthetic_list(c: &mut Criterion) {
    let src = synthetic::generate();
    bench_source(c, "synthetic 5 MiB list", &src);
}

criterion_group!(benches, corpus_list, synthetic_list);
criterion_main!(benches);
