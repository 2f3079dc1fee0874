//! A fuzz target that builds on stable: `Document::parse`, every rule of both presets, the
//! suppressions, the link extraction and (one input in eight) `--fix` with unsafe fixes, on
//! arbitrary input. Inputs are the project's Markdown fixtures mutated by a seeded generator
//! (bytes flipped, deleted, duplicated and spliced, Markdown tokens and invalid UTF-8 inserted,
//! runs of brackets repeated), read as lossy UTF-8: a file is never read so, but a parser must
//! survive whatever text it is given.
//!
//! `cargo test` runs 200 inputs of a fixed seed. Longer runs:
//! - `FUZZ_SECONDS=60 cargo test --test fuzz` runs the same seed for a minute (`.ci/run` runs
//!   3,000 inputs within 60 s: a fixed seed, so that CI fails on a change, never on a draw);
//! - `FUZZ_SEED=random` explores a fresh seed (printed), `FUZZ_SEED=N` reruns one;
//! - `FUZZ_ITERATIONS=N` sets the count; `FUZZ_REPLAY=path` runs one saved input.
//!
//! A panic saves its input under `target/fuzz-failures/` and fails the test with the seed and
//! iteration that reproduce it. The slowest input, when over a second, is saved there too.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use awesome_lint::document::Document;
use awesome_lint::fix::fix_source;
use awesome_lint::links;
use awesome_lint::rules::{Preset, RuleSettings};
use awesome_lint::run::lint_file;

const DEFAULT_ITERATIONS: u64 = 200;
const DEFAULT_SEED: u64 = 0x5eed_a11c;
/// Inputs stay small enough that a few hundred run in seconds in a debug build.
const MAX_LEN: usize = 48 * 1024;
/// One input in this many also goes through `--fix` (unsafe fixes included), which re-lints
/// up to ten times.
const FIX_EVERY: u64 = 8;
/// An input slower than this is saved, for the benchmarks (never a failure: machines differ).
const SLOW: Duration = Duration::from_secs(1);

/// Pieces the mutator inserts: what changes how Markdown parses, and text that is hard on
/// byte offsets.
const TOKENS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"# ",
    b"## ",
    b"###### ",
    b"- ",
    b"* ",
    b"1. ",
    b"  ",
    b"    ",
    b"\t",
    b"[",
    b"]",
    b"(",
    b")",
    b"](",
    b"](#",
    b"![",
    b"<",
    b">",
    b"<!--",
    b"-->",
    b"<!-- awesome-lint-disable -->",
    b"<!-- awesome-lint-disable-next-line -->",
    b"<!--lint ignore-->",
    b"<a href=\"",
    b"<a name=\"",
    b"\">",
    b"</a>",
    b"<details>",
    b"`",
    b"```\n",
    b"|",
    b"| --- |",
    b"---\n",
    b"===\n",
    b"> ",
    b"[x]: ",
    b"[x]",
    b"**",
    b"_",
    b"~~",
    b"\\",
    b"&#x20;",
    b"&amp;",
    b"&#",
    b"https://",
    b"http://a.b/(",
    b"https://example.com/x)",
    b"mailto:",
    b"#contents",
    b" - ",
    b" | ",
    b"(2021)",
    b"\xef\xbb\xbf",
    "é".as_bytes(),
    "🎉".as_bytes(),
    "中文".as_bytes(),
    "Ⓐ".as_bytes(),
    "\u{301}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{200d}".as_bytes(),
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xf0\x9f\x8e",
];

/// SplitMix64: small, seedable, and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A range inside `0..len`, short more often than long.
    fn range(&mut self, len: usize) -> std::ops::Range<usize> {
        if len == 0 {
            return 0..0;
        }
        let start = self.below(len);
        let max = if self.below(4) == 0 {
            len - start
        } else {
            (len - start).min(64)
        };
        start..start + self.below(max + 1)
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    collect_markdown(&root, &mut files);
    files.sort();
    let seeds: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("a fixture is readable"))
        .collect();
    assert!(seeds.len() > 10, "the fixtures are the fuzzer's seeds");
    seeds
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// One input: a seed (or two spliced), then 1 to 16 mutations.
fn generate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(16) {
        let r = rng.range(data.len());
        match rng.below(8) {
            0 => {
                if !data.is_empty() {
                    let at = rng.below(data.len());
                    data[at] = rng.next() as u8;
                }
            }
            1 | 2 => {
                let at = rng.below(data.len() + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            3 => {
                data.drain(r);
            }
            4 => {
                let copy = data[r].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, copy);
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.range(other.len());
                data.splice(r, other[from].iter().copied());
            }
            6 => {
                // A long run of one token: brackets, backticks, markers, line breaks.
                let token = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(data.len() + 1);
                let times = 1 + rng.below(2000);
                data.splice(
                    at..at,
                    token.iter().copied().cycle().take(token.len() * times),
                );
            }
            _ => data.truncate(rng.below(data.len() + 1)),
        }
        data.truncate(MAX_LEN);
    }
    data
}

/// Everything a run does to a file but the network.
fn exercise(source: &str, fix: bool) {
    for preset in Preset::ALL {
        let mut settings = RuleSettings::default();
        settings.set_preset(*preset);
        let lint = |text: &str| lint_file("list.md", text.to_string(), &settings, None, None);
        let report = lint(source);
        if fix {
            let relint = |text: &str| lint(text).diagnostics;
            let fixed = fix_source(source, report.diagnostics.clone(), Vec::new(), relint, true);
            let _ = lint(&fixed.source);
        }
        for d in &report.diagnostics {
            let doc = &report.document;
            assert!(
                d.span.end <= source.len()
                    && source.is_char_boundary(d.span.start)
                    && source.is_char_boundary(d.span.end),
                "{}: span {:?} outside the text or inside a character",
                d.rule,
                d.span
            );
            let _ = (doc.position(d.span.start), doc.end_position(&d.span));
        }
    }
    let _ = links::occurrences(&Document::parse(source));
}

fn save(input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{hash:016x}.md"));
    std::fs::write(&path, input).expect("target/ is writable");
    path
}

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {value:?}")),
    )
}

#[test]
fn parse_and_rules_survive_arbitrary_input() {
    if let Ok(path) = std::env::var("FUZZ_REPLAY") {
        let input = std::fs::read(&path).expect("FUZZ_REPLAY names a readable file");
        exercise(&String::from_utf8_lossy(&input), true);
        return;
    }
    let seconds = env_u64("FUZZ_SECONDS");
    let seed = match std::env::var("FUZZ_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(DEFAULT_SEED, |d| d.as_nanos() as u64),
        Ok(_) => env_u64("FUZZ_SEED").expect("FUZZ_SEED is set"),
        Err(_) => DEFAULT_SEED,
    };
    let iterations = env_u64("FUZZ_ITERATIONS").unwrap_or(if seconds.is_some() {
        u64::MAX
    } else {
        DEFAULT_ITERATIONS
    });
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let seeds = seeds();

    let started = Instant::now();
    let mut slowest = (Duration::ZERO, 0, Vec::new());
    let mut done = 0;
    for iteration in 0..iterations {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        // Each input depends on the seed and its iteration only, so one can be regenerated
        // without the ones before it.
        let mut rng = Rng(seed ^ iteration.wrapping_mul(0xa076_1d64_78bd_642f));
        let input = generate(&mut rng, &seeds);
        let source = String::from_utf8_lossy(&input).into_owned();
        let one = Instant::now();
        if let Err(panic) = panic::catch_unwind(AssertUnwindSafe(|| {
            exercise(&source, iteration % FIX_EVERY == 0)
        })) {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!(
                "input {iteration} of seed {seed} panicked: {message}\nsaved as {}; rerun with FUZZ_REPLAY=that path",
                save(&input).display()
            );
        }
        if one.elapsed() > slowest.0 {
            slowest = (one.elapsed(), iteration, input);
        }
        done += 1;
    }
    eprintln!(
        "fuzz: {done} inputs from seed {seed} in {:.1?}; slowest {:.1?} (input {})",
        started.elapsed(),
        slowest.0,
        slowest.1
    );
    // Speed is measured by the benchmarks, not here; a slow input is kept for them to study.
    if slowest.0 > SLOW {
        eprintln!(
            "fuzz: slowest input saved as {}",
            save(&slowest.2).display()
        );
    }
    assert!(done > 0, "no input was run");
}
