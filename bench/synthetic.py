#!/usr/bin/env python3
"""Write the synthetic awesome list used by the benchmarks (about 5 MiB).

Byte for byte the same output as `benches/synthetic.rs` (the criterion bench builds
it in memory); `tests/synthetic.rs` compares the two.

    python3 bench/synthetic.py OUT.md
"""

import sys

TARGET = 5 * 1024 * 1024
SEED = 0x5EED_2024_A11C_1157
MASK = (1 << 64) - 1

TOPICS = [
    "Audio", "Authentication", "Command Line", "Compression", "Computer Vision",
    "Configuration", "Data Structures", "Databases", "Deep Learning",
    "Distributed Systems", "Documentation", "Embedded", "Emulators", "Encryption",
    "Game Development", "Graphics", "Image Processing", "Logging", "Machine Learning",
    "Networking", "Parsing", "Robotics", "Scientific Computing", "Security",
    "Serialization", "Testing", "Text Processing", "Time Series", "Web Frameworks",
    "Virtualization",
]
PARTS = [
    "Libraries", "Papers", "Datasets", "Tutorials", "Benchmarks", "Applications",
    "Surveys", "Services", "Courses", "Books", "Talks", "Projects",
]
SUBS = [
    "General", "Libraries", "Tools", "Frameworks", "Tutorials", "Papers", "Datasets",
    "Benchmarks", "Applications", "Miscellany", "Surveys", "Videos",
]
ADJ = [
    "Fast", "Minimal", "Modern", "Scalable", "Robust", "Lightweight", "Distributed",
    "Secure", "Declarative", "Reactive", "Portable", "Embedded", "Concurrent",
    "Incremental", "Typed", "Visual",
]
NOUN = [
    "Parser", "Renderer", "Compiler", "Database", "Scheduler", "Toolkit", "Framework",
    "Engine", "Router", "Cache", "Queue", "Profiler", "Formatter", "Validator",
    "Tracer", "Runtime",
]
OWNERS = [
    "alice", "bob-labs", "carol", "dmitri", "eve-research", "frank", "grace-ai",
    "heidi", "ivan-dev", "judy", "mallory", "niaj", "olivia-ml", "peggy", "rupert",
    "sybil", "trent", "victor", "walter", "zoe-group",
]
WORDS = [
    "a", "an", "the", "and", "for", "with", "of", "to", "in", "on", "fast", "simple",
    "small", "library", "tool", "framework", "parser", "server", "client", "data",
    "model", "models", "image", "text", "graph", "network", "training", "inference",
    "efficient", "scalable", "robust", "generation", "diffusion", "learning", "neural",
    "vision", "language", "streaming", "storage", "query", "cache", "async", "native",
    "portable", "embedded", "secure", "typed", "realtime", "distributed", "benchmark",
]
VENUES = ["arXiv", "NeurIPS", "ICML", "ICLR", "CVPR", "ACL", "Blog", "OSDI"]


class Rng:
    """splitmix64: the same sequence in Python and Rust."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def pick(self, items):
        return items[self.below(len(items))]


class Gen:
    def __init__(self):
        self.rng = Rng(SEED)
        self.counter = 0
        self.slugs = {}
        self.toc = []
        self.body = []
        self.body_len = 0

    def out(self, s):
        self.body.append(s)
        self.body_len += len(s)

    def slug(self, name):
        base = name.lower().replace(" ", "-")
        n = self.slugs.get(base, 0)
        self.slugs[base] = n + 1
        return base if n == 0 else "%s-%d" % (base, n)

    def heading(self, level, name, toc_depth):
        slug = self.slug(name)
        if toc_depth is not None:
            self.toc.append("%s- [%s](#%s)\n" % ("  " * toc_depth, name, slug))
        self.out("%s %s\n\n" % ("#" * level, name))

    def words(self, lo, hi):
        n = lo + self.rng.below(hi - lo + 1)
        return " ".join(self.rng.pick(WORDS) for _ in range(n))

    def sentence(self, lo, hi):
        s = self.words(lo, hi)
        return s[0].upper() + s[1:] + "."

    def title(self, lo, hi):
        n = lo + self.rng.below(hi - lo + 1)
        ws = [self.rng.pick(WORDS) for _ in range(n)]
        return " ".join(w[0].upper() + w[1:] for w in ws)

    def repo(self):
        self.counter += 1
        owner = self.rng.pick(OWNERS)
        adj = self.rng.pick(ADJ)
        noun = self.rng.pick(NOUN)
        return owner, adj + noun, "%s-%s-%d" % (adj.lower(), noun.lower(), self.counter)

    def year(self):
        return 2015 + self.rng.below(11)

    def software_item(self, indent):
        owner, name, repo = self.repo()
        line = "%s- [%s](https://github.com/%s/%s) - %s" % (
            indent, name, owner, repo, self.sentence(6, 16))
        r = self.rng.below(24)
        if r == 0:
            line += " See https://docs.example.org/%s for details." % repo
        elif r == 1:
            line += " ![License](https://img.shields.io/badge/license-MIT-blue.svg)"
        elif r == 2:
            line += " Install with `cargo add %s`." % repo
        self.out(line + "\n")

    def software_section(self, count):
        for _ in range(count):
            self.software_item("")
            if self.rng.below(8) == 0:
                for _ in range(1 + self.rng.below(3)):
                    self.software_item("  ")
        self.out("\n")

    def paper_section(self, count):
        for _ in range(count):
            owner, _, repo = self.repo()
            line = "- %s: [Paper](https://arxiv.org/abs/%02d%02d.%05d)" % (
                self.title(4, 10), 15 + self.rng.below(11), 1 + self.rng.below(12),
                self.rng.below(100000))
            if self.rng.below(5) != 0:
                line += " | [Code](https://github.com/%s/%s)" % (owner, repo)
            if self.rng.below(4) == 0:
                line += " | [Project](https://%s.github.io/%s/)" % (owner, repo)
            line += " | %d" % self.year()
            self.out(line + "\n")
        self.out("\n")

    def table_section(self, count):
        self.out("| Name | Description | Venue | Link | Year |\n")
        self.out("|------|-------------|:-----:|------|------|\n")
        for _ in range(count):
            owner, name, repo = self.repo()
            self.out("| %s | %s | %s | [Link](https://github.com/%s/%s) | %d |\n" % (
                name, self.sentence(4, 12), self.rng.pick(VENUES), owner, repo,
                self.year()))
        self.out("\n")

    def subsection(self, level, name, toc_depth):
        self.heading(level, name, toc_depth)
        if self.rng.below(3) == 0:
            self.out(self.sentence(8, 20) + "\n\n")
        count = 10 + self.rng.below(51)
        kind = self.rng.below(20)
        if kind < 10:
            self.software_section(count)
        elif kind < 17:
            self.paper_section(count)
        else:
            self.table_section(count)

    def category(self, index):
        topic = TOPICS[index % len(TOPICS)]
        rnd = index // len(TOPICS)
        name = topic if rnd == 0 else "%s %s" % (topic, PARTS[(rnd - 1) % len(PARTS)])
        self.heading(2, name, 0)
        if self.rng.below(2) == 0:
            self.out("> " + self.sentence(10, 24) + "\n\n")
        k = 3 + self.rng.below(4)
        start = self.rng.below(len(SUBS))
        for j in range(k):
            self.subsection(3, SUBS[(start + j) % len(SUBS)], 1)
            if self.rng.below(6) == 0:
                self.subsection(4, "Archive", 2)

    def generate(self):
        self.slug("Awesome Synthetic")
        self.slug("Contents")
        index = 0
        while self.body_len < TARGET:
            self.category(index)
            index += 1
        self.heading(2, "Contributing", 0)
        self.out("Contributions welcome! Read the [contribution guidelines](contributing.md) first.\n")
        head = (
            "# Awesome Synthetic [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
            "> A synthetic awesome list, generated for benchmarks.\n\n"
            "## Contents\n\n"
        )
        return head + "".join(self.toc) + "\n" + "".join(self.body)


def generate():
    return Gen().generate()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: synthetic.py OUT.md")
    with open(sys.argv[1], "w", encoding="ascii", newline="\n") as f:
        f.write(generate())


if __name__ == "__main__":
    main()
