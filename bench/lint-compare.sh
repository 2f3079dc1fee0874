#!/usr/bin/env bash
# Time our linter against `rumdl check` (PyPI rumdl) and sindresorhus/awesome-lint (npm)
# on the same files, in one hyperfine run per file, and print medians and ratios.
#
#   bench/lint-compare.sh [FILE...]
#
# Without arguments: the largest corpus list (../shared/corpus/, skipped with a note when
# absent) and the 5 MiB synthetic list written by bench/synthetic.py.
#
# Environment:
#   OURS      our command, the file path is appended (default: the release binary, with
#             --offline when it has that flag; built with `cargo build --release` if missing).
#             When it has `--format`, `OURS --format json` is timed too, as ours-json: the
#             same lint without the human report's rendering.
#   WORK      scratch directory (default /tmp/awesome-lint-bench)
#   RUNS, WARMUP           hyperfine runs per command (default 15) and warm-up runs (3)
#   SLOW_SIZE, SLOW_RUNS, SLOW_WARMUP
#             npm awesome-lint takes minutes per run on a multi-MiB file (about 2m45s on
#             the 5 MiB synthetic list): on files over SLOW_SIZE bytes (default 1 MiB) it
#             gets its own hyperfine call right after the other two, with SLOW_RUNS (3)
#             runs and SLOW_WARMUP (0) warm-ups; all three stay in one hyperfine call below
#   NPM_PREFIX             where the npm awesome-lint is installed (default /tmp/al-npm)
#   RUMDL_VERSION, AWESOME_LINT_VERSION   versions installed when missing (0.3.0, 2.3.0)
#
# Each tool exits 1 when it finds something, so hyperfine runs with --ignore-failure.
# Every file is linted through a symlink in $WORK/files: the same path for all tools, and
# a directory that is not a git repository, so awesome-lint's `github` rule stops at
# "must reside in a valid git repository" instead of asking GitHub's API about a remote.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/awesome-lint-bench}
RUNS=${RUNS:-15}
WARMUP=${WARMUP:-3}
NPM_PREFIX=${NPM_PREFIX:-/tmp/al-npm}
RUMDL_VERSION=${RUMDL_VERSION:-0.3.0}
AWESOME_LINT_VERSION=${AWESOME_LINT_VERSION:-2.3.0}
SLOW_SIZE=${SLOW_SIZE:-1048576}
SLOW_RUNS=${SLOW_RUNS:-3}
SLOW_WARMUP=${SLOW_WARMUP:-0}
mkdir -p "$WORK/files" "$WORK/results"

note() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
    note "installing hyperfine (Debian)"
    apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi

if ! command -v rumdl >/dev/null; then
    note "installing rumdl $RUMDL_VERSION (PyPI)"
    python3 -m pip install -q "rumdl==$RUMDL_VERSION"
fi
# The real binary, not a pyenv shim or other wrapper script around it.
RUMDL=$(command -v pyenv >/dev/null && pyenv which rumdl 2>/dev/null || command -v rumdl)

AWESOME_LINT_NPM="$NPM_PREFIX/node_modules/.bin/awesome-lint"
if [ ! -x "$AWESOME_LINT_NPM" ]; then
    note "installing awesome-lint $AWESOME_LINT_VERSION (npm) into $NPM_PREFIX"
    npm install --silent --prefix "$NPM_PREFIX" "awesome-lint@$AWESOME_LINT_VERSION" >/dev/null
fi

if [ -z "${OURS:-}" ]; then
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/awesome-lint"
    if [ ! -x "$BIN" ]; then
        note "building $BIN"
        (cd "$ROOT" && cargo build --release --quiet)
    fi
    OURS="$BIN"
    if "$BIN" --help 2>/dev/null | grep -q -- '--offline'; then
        OURS="$BIN --offline"
    fi
fi
OURS_JSON=""
if $OURS --help 2>/dev/null | grep -q -- '--format'; then
    OURS_JSON="$OURS --format json"
fi

# --- files -------------------------------------------------------------------------
FILES=("$@")
if [ ${#FILES[@]} -eq 0 ]; then
    corpus="$ROOT/../shared/corpus/hee9joon__Awesome-Diffusion-Models.md"
    if [ -r "$corpus" ]; then
        FILES+=("$corpus")
    else
        note "note: $corpus not found; benchmarking the synthetic list only"
    fi
    python3 "$ROOT/bench/synthetic.py" "$WORK/synthetic-5MiB.md"
    FILES+=("$WORK/synthetic-5MiB.md")
fi

for i in "${!FILES[@]}"; do
    FILES[i]=$(realpath "${FILES[i]}")
done

# --- machine and versions ----------------------------------------------------------
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
    echo "memory (GiB): $(free -g | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
    echo "kernel: $(uname -r)"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "ours: $OURS ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
    [ -z "$OURS_JSON" ] || echo "ours-json: $OURS_JSON"
    echo "rumdl: $("$RUMDL" --version)"
    echo "awesome-lint (npm): $(node -p "require('$NPM_PREFIX/node_modules/awesome-lint/package.json').version"), node $(node --version)"
    echo "hyperfine: $(hyperfine --version)"
} | tee "$WORK/results/machine.txt"

# --- runs --------------------------------------------------------------------------
cd "$WORK"
summary="$WORK/results/summary.md"
{
    echo "| file | size | ours | ours, JSON output | rumdl check | awesome-lint (npm) | rumdl / ours | rumdl / ours (JSON) | awesome-lint / ours |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$summary"

for file in "${FILES[@]}"; do
    name=$(basename "$file")
    link="$WORK/files/$name"
    ln -sfn "$file" "$link"
    json="$WORK/results/${name%.md}.json"
    rm -f "$json" "${json%.json}-npm.json"
    size=$(stat -Lc %s "$link")
    note ""
    note "== $name ($size bytes)"
    ours=(--command-name ours "$OURS '$link'")
    [ -z "$OURS_JSON" ] || ours+=(--command-name ours-json "$OURS_JSON '$link'")
    rumdl=(--command-name rumdl "'$RUMDL' check --no-cache --no-config '$link'")
    npm=(--command-name awesome-lint-npm "'$AWESOME_LINT_NPM' '$link'")
    if [ "$size" -le "$SLOW_SIZE" ]; then
        hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --style basic \
            --export-json "$json" "${ours[@]}" "${rumdl[@]}" "${npm[@]}"
        npm_runs=$RUNS
    else
        hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --style basic \
            --export-json "$json" "${ours[@]}" "${rumdl[@]}"
        hyperfine --warmup "$SLOW_WARMUP" --runs "$SLOW_RUNS" --ignore-failure --style basic \
            --export-json "${json%.json}-npm.json" "${npm[@]}"
        npm_runs=$SLOW_RUNS
    fi
    python3 - "$name" "$size" "$npm_runs" "$json" "${json%.json}-npm.json" >>"$summary" <<'EOF'
import json, os, sys
name, size, npm_runs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
med = {}
for path in sys.argv[4:]:
    if os.path.exists(path):
        med.update({r["command"]: r["median"] for r in json.load(open(path))["results"]})
def fmt(s):
    return "%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s
o, r, a = med["ours"], med["rumdl"], med["awesome-lint-npm"]
j = med.get("ours-json")
print("| %s | %.0f KiB | %s | %s | %s | %s (%s runs) | %.2fx | %s | %.0fx |" % (
    name, size / 1024, fmt(o), fmt(j) if j else "-", fmt(r), fmt(a), npm_runs, r / o,
    "%.2fx" % (r / j) if j else "-", a / o))
EOF
done

echo
echo "Medians of $RUNS runs after $WARMUP warm-ups (hyperfine, wall clock, startup included):"
cat "$summary"
