//! The synthetic awesome list the benchmarks lint (about 5 MiB).
//!
//! Deterministic, and byte for byte the same as `bench/synthetic.py`, which writes it to
//! a file for the process-level comparison; `tests/synthetic.rs` compares the two.
//! Shaped like a real list: a title with a badge, a table of contents, nested sections
//! with GitHub-style de-duplicated anchors, `- [Name](url) - Description.` entries with
//! some nested items, badges, code spans and bare URLs, paper entries
//! `Title: [Paper](…) | [Code](…) | 2023`, and some tables.

use std::collections::HashMap;
use std::fmt::Write;

pub const TARGET: usize = 5 * 1024 * 1024;
const SEED: u64 = 0x5EED_2024_A11C_1157;

const TOPICS: &[&str] = &[
    "Audio",
    "Authentication",
    "Command Line",
    "Compression",
    "Computer Vision",
    "Configuration",
    "Data Structures",
    "Databases",
    "Deep Learning",
    "Distributed Systems",
    "Documentation",
    "Embedded",
    "Emulators",
    "Encryption",
    "Game Development",
    "Graphics",
    "Image Processing",
    "Logging",
    "Machine Learning",
    "Networking",
    "Parsing",
    "Robotics",
    "Scientific Computing",
    "Security",
    "Serialization",
    "Testing",
    "Text Processing",
    "Time Series",
    "Web Frameworks",
    "Virtualization",
];
const PARTS: &[&str] = &[
    "Libraries",
    "Papers",
    "Datasets",
    "Tutorials",
    "Benchmarks",
    "Applications",
    "Surveys",
    "Services",
    "Courses",
    "Books",
    "Talks",
    "Projects",
];
const SUBS: &[&str] = &[
    "General",
    "Libraries",
    "Tools",
    "Frameworks",
    "Tutorials",
    "Papers",
    "Datasets",
    "Benchmarks",
    "Applications",
    "Miscellany",
    "Surveys",
    "Videos",
];
const ADJ: &[&str] = &[
    "Fast",
    "Minimal",
    "Modern",
    "Scalable",
    "Robust",
    "Lightweight",
    "Distributed",
    "Secure",
    "Declarative",
    "Reactive",
    "Portable",
    "Embedded",
    "Concurrent",
    "Incremental",
    "Typed",
    "Visual",
];
const NOUN: &[&str] = &[
    "Parser",
    "Renderer",
    "Compiler",
    "Database",
    "Scheduler",
    "Toolkit",
    "Framework",
    "Engine",
    "Router",
    "Cache",
    "Queue",
    "Profiler",
    "Formatter",
    "Validator",
    "Tracer",
    "Runtime",
];
const OWNERS: &[&str] = &[
    "alice",
    "bob-labs",
    "carol",
    "dmitri",
    "eve-research",
    "frank",
    "grace-ai",
    "heidi",
    "ivan-dev",
    "judy",
    "mallory",
    "niaj",
    "olivia-ml",
    "peggy",
    "rupert",
    "sybil",
    "trent",
    "victor",
    "walter",
    "zoe-group",
];
const WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "for",
    "with",
    "of",
    "to",
    "in",
    "on",
    "fast",
    "simple",
    "small",
    "library",
    "tool",
    "framework",
    "parser",
    "server",
    "client",
    "data",
    "model",
    "models",
    "image",
    "text",
    "graph",
    "network",
    "training",
    "inference",
    "efficient",
    "scalable",
    "robust",
    "generation",
    "diffusion",
    "learning",
    "neural",
    "vision",
    "language",
    "streaming",
    "storage",
    "query",
    "cache",
    "async",
    "native",
    "portable",
    "embedded",
    "secure",
    "typed",
    "realtime",
    "distributed",
    "benchmark",
];
const VENUES: &[&str] = &[
    "arXiv", "NeurIPS", "ICML", "ICLR", "CVPR", "ACL", "Blog", "OSDI",
];

/// splitmix64: the same sequence in Rust and Python.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

fn capitalize(word: &str) -> String {
    let mut s = word[..1].to_ascii_uppercase();
    s.push_str(&word[1..]);
    s
}

struct Gen {
    rng: Rng,
    counter: usize,
    slugs: HashMap<String, usize>,
    toc: String,
    body: String,
}

impl Gen {
    fn slug(&mut self, name: &str) -> String {
        let base = name.to_lowercase().replace(' ', "-");
        let n = self.slugs.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{}", *n - 1)
        }
    }

    fn heading(&mut self, level: usize, name: &str, toc_depth: Option<usize>) {
        let slug = self.slug(name);
        if let Some(depth) = toc_depth {
            let _ = writeln!(self.toc, "{}- [{name}](#{slug})", "  ".repeat(depth));
        }
        let _ = write!(self.body, "{} {name}\n\n", "#".repeat(level));
    }

    fn words(&mut self, lo: usize, hi: usize) -> String {
        let n = lo + self.rng.below(hi - lo + 1);
        (0..n)
            .map(|_| self.rng.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sentence(&mut self, lo: usize, hi: usize) -> String {
        let s = self.words(lo, hi);
        format!("{}.", capitalize(&s))
    }

    fn title(&mut self, lo: usize, hi: usize) -> String {
        let n = lo + self.rng.below(hi - lo + 1);
        (0..n)
            .map(|_| capitalize(self.rng.pick(WORDS)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Owner, display name, repository name.
    fn repo(&mut self) -> (&'static str, String, String) {
        self.counter += 1;
        let owner = self.rng.pick(OWNERS);
        let adj = self.rng.pick(ADJ);
        let noun = self.rng.pick(NOUN);
        let repo = format!(
            "{}-{}-{}",
            adj.to_lowercase(),
            noun.to_lowercase(),
            self.counter
        );
        (owner, format!("{adj}{noun}"), repo)
    }

    fn year(&mut self) -> usize {
        2015 + self.rng.below(11)
    }

    fn software_item(&mut self, indent: &str) {
        let (owner, name, repo) = self.repo();
        let description = self.sentence(6, 16);
        let mut line =
            format!("{indent}- [{name}](https://github.com/{owner}/{repo}) - {description}");
        match self.rng.below(24) {
            0 => {
                let _ = write!(line, " See https://docs.example.org/{repo} for details.");
            }
            1 => line.push_str(" ![License](https://img.shields.io/badge/license-MIT-blue.svg)"),
            2 => {
                let _ = write!(line, " Install with `cargo add {repo}`.");
            }
            _ => {}
        }
        line.push('\n');
        self.body.push_str(&line);
    }

    fn software_section(&mut self, count: usize) {
        for _ in 0..count {
            self.software_item("");
            if self.rng.below(8) == 0 {
                for _ in 0..1 + self.rng.below(3) {
                    self.software_item("  ");
                }
            }
        }
        self.body.push('\n');
    }

    fn paper_section(&mut self, count: usize) {
        for _ in 0..count {
            let (owner, _, repo) = self.repo();
            let title = self.title(4, 10);
            let yy = 15 + self.rng.below(11);
            let mm = 1 + self.rng.below(12);
            let id = self.rng.below(100_000);
            let mut line =
                format!("- {title}: [Paper](https://arxiv.org/abs/{yy:02}{mm:02}.{id:05})");
            if self.rng.below(5) != 0 {
                let _ = write!(line, " | [Code](https://github.com/{owner}/{repo})");
            }
            if self.rng.below(4) == 0 {
                let _ = write!(line, " | [Project](https://{owner}.github.io/{repo}/)");
            }
            let _ = writeln!(line, " | {}", self.year());
            self.body.push_str(&line);
        }
        self.body.push('\n');
    }

    fn table_section(&mut self, count: usize) {
        self.body
            .push_str("| Name | Description | Venue | Link | Year |\n");
        self.body
            .push_str("|------|-------------|:-----:|------|------|\n");
        for _ in 0..count {
            let (owner, name, repo) = self.repo();
            let description = self.sentence(4, 12);
            let venue = self.rng.pick(VENUES);
            let year = self.year();
            let _ = writeln!(
                self.body,
                "| {name} | {description} | {venue} | [Link](https://github.com/{owner}/{repo}) | {year} |"
            );
        }
        self.body.push('\n');
    }

    fn subsection(&mut self, level: usize, name: &str, toc_depth: usize) {
        self.heading(level, name, Some(toc_depth));
        if self.rng.below(3) == 0 {
            let s = self.sentence(8, 20);
            let _ = write!(self.body, "{s}\n\n");
        }
        let count = 10 + self.rng.below(51);
        let kind = self.rng.below(20);
        if kind < 10 {
            self.software_section(count);
        } else if kind < 17 {
            self.paper_section(count);
        } else {
            self.table_section(count);
        }
    }

    fn category(&mut self, index: usize) {
        let topic = TOPICS[index % TOPICS.len()];
        let round = index / TOPICS.len();
        let name = if round == 0 {
            topic.to_string()
        } else {
            format!("{topic} {}", PARTS[(round - 1) % PARTS.len()])
        };
        self.heading(2, &name, Some(0));
        if self.rng.below(2) == 0 {
            let s = self.sentence(10, 24);
            let _ = write!(self.body, "> {s}\n\n");
        }
        let k = 3 + self.rng.below(4);
        let start = self.rng.below(SUBS.len());
        for j in 0..k {
            self.subsection(3, SUBS[(start + j) % SUBS.len()], 1);
            if self.rng.below(6) == 0 {
                self.subsection(4, "Archive", 2);
            }
        }
    }

    fn generate(mut self) -> String {
        self.slug("Awesome Synthetic");
        self.slug("Contents");
        let mut index = 0;
        while self.body.len() < TARGET {
            self.category(index);
            index += 1;
        }
        self.heading(2, "Contributing", Some(0));
        self.body.push_str(
            "Contributions welcome! Read the [contribution guidelines](contributing.md) first.\n",
        );
        let mut out = String::with_capacity(self.toc.len() + self.body.len() + 256);
        out.push_str(
            "# Awesome Synthetic [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n\
             > A synthetic awesome list, generated for benchmarks.\n\n\
             ## Contents\n\n",
        );
        out.push_str(&self.toc);
        out.push('\n');
        out.push_str(&self.body);
        out
    }
}

/// The synthetic list, about 5 MiB of Markdown.
pub fn generate() -> String {
    Gen {
        rng: Rng(SEED),
        counter: 0,
        slugs: HashMap::new(),
        toc: String::new(),
        body: String::new(),
    }
    .generate()
}
