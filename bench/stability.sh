#!/usr/bin/env bash
# stability.sh: the issue's "no flaky verdicts" test for a link checker.
#
# Generates the farm list of the issue (400 links, 8 hosts, seed 11, mix
# flaky=10,ratelimit=10,chaos=15,slow=5,dead=5,hang=0,reset=0,redirect=5), serves it with
# linkfarm.py --hosts 8 --latency-ms 20, and runs the checker RUNS times (default 5), resetting
# the farm (POST /__reset) before each run. Then counts
#   flips:     URLs whose verdict is not the same in every run,
#   transient: (run, URL) pairs where a transient link (ratelimit, flaky, chaos, slow) was
#              called broken (dead, timeout or error, as score.py classifies verdicts).
#
# usage: bench/stability.sh [--runs N] [--port P] [--workdir DIR] 'command with {list} and {out}'
# e.g.   bench/stability.sh "$PWD/target/release/awesome-lint --allow-private --timeout 10 \
#            --max-retries 2 --host-concurrency 4 --format json {list} > {out}"
# The shared bench folder defaults to ../shared/bench beside the repository (BENCH_DIR overrides).

set -euo pipefail

RUNS=5 PORT=8790 WORKDIR=""
while [[ $# -gt 1 ]]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --workdir) WORKDIR=$2; shift 2 ;;
        *) echo "stability.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $# -eq 1 ]] || { sed -n '2,17p' "$0" >&2; exit 2; }
CMD=$1

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH=${BENCH_DIR:-$HERE/../../shared/bench}
[[ -f "$BENCH/linkfarm.py" ]] || { echo "stability.sh: no linkfarm.py in $BENCH (set BENCH_DIR)" >&2; exit 2; }
BENCH=$(cd "$BENCH" && pwd)
PY=$(python3 -c 'import sys; print(sys.executable)')

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.0/8,localhost" no_proxy="127.0.0.0/8,localhost"

WORKDIR=${WORKDIR:-$(mktemp -d -t stability.XXXXXX)}
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
LIST="$WORKDIR/list.md"

"$PY" "$BENCH/linkfarm.py" --hosts 8 --latency-ms 20 --port "$PORT" >"$WORKDIR/farm.out" 2>"$WORKDIR/farm.err" &
FARM_PID=$!
trap 'kill -TERM "$FARM_PID" 2>/dev/null || true; wait "$FARM_PID" 2>/dev/null || true' EXIT
for _ in $(seq 150); do
    grep -qx ready "$WORKDIR/farm.out" 2>/dev/null && break
    kill -0 "$FARM_PID" 2>/dev/null || { cat "$WORKDIR/farm.err" >&2; exit 1; }
    sleep 0.1
done

"$PY" "$BENCH/genlist.py" --links 400 --hosts 8 --seed 11 --port "$PORT" --out "$LIST" \
    --mix flaky=10,ratelimit=10,chaos=15,slow=5,dead=5,hang=0,reset=0,redirect=5

echo "workdir: $WORKDIR"
for i in $(seq "$RUNS"); do
    "$PY" "$BENCH/linkfarm.py" --port "$PORT" --ctl reset >/dev/null
    out="$WORKDIR/run$i.json"
    line=${CMD//\{list\}/$LIST}
    line=${line//\{out\}/$out}
    start=$(date +%s.%N)
    (cd "$WORKDIR" && bash -c "$line") >"$WORKDIR/run$i.stdout" 2>"$WORKDIR/run$i.stderr" </dev/null || true
    end=$(date +%s.%N)
    [[ -s "$out" ]] || cp "$WORKDIR/run$i.stdout" "$out"
    printf 'run %d: %.1f s\n' "$i" "$(echo "$end - $start" | bc)"
done

"$PY" - "$BENCH" "$LIST.truth.json" "$WORKDIR" "$RUNS" <<'PYEOF'
import sys
from collections import Counter, defaultdict
bench, truth_path, workdir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, bench)
import score  # the shared scorer's parsers, so verdicts are read exactly as score.py does

truth = score.load_json_tolerant(truth_path)["urls"]
matcher = score.Matcher(truth)
TRANSIENT = {"ratelimit", "flaky", "chaos", "slow"}
FLAGGED = {"dead", "timeout", "error"}
per_run = []
for i in range(1, runs + 1):
    doc = score.load_json_tolerant(f"{workdir}/run{i}.json")
    if score.detect_format(doc) == "lychee":
        reported, implicit_ok = score.parse_lychee(doc)
    else:
        reported, implicit_ok = score.parse_generic(doc), False
    got = {}
    for url, reps in reported.items():
        worst = max(reps, key=lambda r: score.SEVERITY[r.verdict])
        for t in matcher.match(url):
            if t not in got or score.SEVERITY[worst.verdict] > score.SEVERITY[got[t]]:
                got[t] = worst.verdict
    default = "ok" if implicit_ok else "missing"
    per_run.append({u: got.get(u, default) for u in truth})

flips = [u for u in truth if len({r[u] for r in per_run}) > 1]
transient = [(i + 1, u) for i, r in enumerate(per_run) for u, info in truth.items()
             if info["kind"] in TRANSIENT and r[u] in FLAGGED]
wrong = Counter()
for r in per_run:
    for u, info in truth.items():
        if r[u] != info["verdict"]:
            wrong[(info["kind"], info["verdict"], r[u])] += 1
print(f"distinct URLs: {len(truth)}; runs: {runs}")
print(f"flips (URLs whose verdict changed between runs): {len(flips)}")
for u in flips[:10]:
    print(f"  {truth[u]['kind']:>9} {u}: {[r[u] for r in per_run]}")
print(f"transient links called broken (run x URL): {len(transient)}")
by_kind = Counter(truth[u]["kind"] for _, u in transient)
print(f"  by kind: {dict(by_kind)}")
print("verdicts differing from the truth, over all runs (kind, expected, got): "
      + (", ".join(f"{k}: {v}" for k, v in sorted(wrong.items())) or "none"))
print(f"STABILITY flips {len(flips)} transient_broken {len(transient)}")
PYEOF
