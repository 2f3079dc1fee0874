#!/usr/bin/env python3
"""Print the medians of the last `cargo bench --bench lint` run and their ratio to the
bare pulldown-cmark parse of the same file, as a Markdown table.

    python3 bench/criterion-medians.py [CRITERION_DIR]

CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion, else target/criterion.
"""

import json
import os
import sys

GROUPS = ["largest corpus list", "synthetic 5 MiB list"]
FUNCTIONS = [
    ("pulldown_cmark bare parse", "pulldown_cmark bare parse"),
    ("Document__parse", "Document::parse"),
    ("parse + rules__check", "parse + rules::check"),
]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    default = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "criterion")
    base = sys.argv[1] if len(sys.argv) > 1 else default
    print("| input | function | median | 95% CI of the median | × bare parse |")
    print("|---|---|---:|---:|---:|")
    for group in GROUPS:
        gdir = os.path.join(base, group)
        if not os.path.isdir(gdir):
            print("| %s | (not run) | | | |" % group)
            continue
        bare = None
        for dirname, label in FUNCTIONS:
            fdir = os.path.join(gdir, dirname)
            (size,) = [d for d in os.listdir(fdir) if d != "report"]
            est = json.load(open(os.path.join(fdir, size, "new", "estimates.json")))["median"]
            med = est["point_estimate"] / 1e6
            lo = est["confidence_interval"]["lower_bound"] / 1e6
            hi = est["confidence_interval"]["upper_bound"] / 1e6
            bare = bare or med
            print("| %s (%s) | %s | %.2f ms | %.2f–%.2f ms | %.2fx |" % (
                group, size, label, med, lo, hi, med / bare))


if __name__ == "__main__":
    main()
