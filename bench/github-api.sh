#!/usr/bin/env bash
# Wall time of 3,000 GitHub repository links: through the GraphQL API (a loopback stand-in,
# bench/graphql-standin.py) against the plain HTTP path (the same 3,000 links as pages of one
# host of the shared link farm, ../shared/bench/linkfarm.py: github.com is one host, so its
# per-host limit is what bounds the plain path).
#
#   bench/github-api.sh
#
# Environment:
#   BIN         the binary (default: target/release/awesome-lint, built when missing)
#   LINKS       repository links (default 3000)
#   RUNS        runs of each path (default 3); every time is printed, then the median
#   API_MS      the stand-in API's latency per request (default 300: a real 100-repository
#               query takes a few hundred milliseconds)
#   FARM_MS     the farm's latency per request (default 50, as in the other link benches)
#   WORK        scratch directory (default /tmp/awesome-lint-github-api)
#
# Nothing leaves the machine: the API path makes no request to github.com once the API has
# answered, which the script checks (every link must carry the API's facts); the plain path
# uses 127.0.0.2.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/target/release/awesome-lint}
LINKS=${LINKS:-3000}
RUNS=${RUNS:-3}
API_MS=${API_MS:-300}
FARM_MS=${FARM_MS:-50}
WORK=${WORK:-/tmp/awesome-lint-github-api}
FARM=${FARM:-$ROOT/../shared/bench/linkfarm.py}
API_PORT=${API_PORT:-8790}
FARM_PORT=${FARM_PORT:-8791}

[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release)
mkdir -p "$WORK"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 "$ROOT/bench/graphql-standin.py" --port "$API_PORT" --latency-ms "$API_MS" \
  > "$WORK/api.log" 2>&1 &
pids+=($!)
python3 "$FARM" --hosts 1 --port "$FARM_PORT" --latency-ms "$FARM_MS" > "$WORK/farm.log" 2>&1 &
pids+=($!)
for log in "$WORK/api.log" "$WORK/farm.log"; do
  for _ in $(seq 100); do grep -q ready "$log" && break; sleep 0.1; done
done

python3 - "$LINKS" "$FARM_PORT" "$WORK" <<'PY'
import sys
n, port, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]
head = "# Awesome Bench\n\n## Tools\n\n"
with open(f"{work}/api.md", "w") as f:
    f.write(head + "".join(f"- [Tool {i}](https://github.com/owner{i}/repo{i}) - Thing {i}.\n" for i in range(n)))
with open(f"{work}/http.md", "w") as f:
    f.write(head + "".join(f"- [Tool {i}](http://127.0.0.2:{port}/ok/owner{i}/repo{i}) - Thing {i}.\n" for i in range(n)))
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
run() { # label, then the command
  local label=$1; shift
  local times=()
  for i in $(seq "$RUNS"); do
    local t0 t1
    t0=$(now)
    "$@" > "$WORK/$label.$i.json" 2> "$WORK/$label.$i.err" || true
    t1=$(now)
    times+=("$(echo "$t1 - $t0" | bc)")
    echo "$label run $i: ${times[-1]} s" >&2
  done
  printf '%s\n' "${times[@]}" | median | xargs printf "%s median: %.2f s\n" "$label"
}

cd "$WORK"
GITHUB_TOKEN=bench-token run api "$BIN" --no-config --allow-private --format json \
  --github-api "http://127.0.0.1:$API_PORT" api.md
(unset GITHUB_TOKEN; run http "$BIN" --no-config --allow-private --format json http.md)

python3 - "$WORK" "$LINKS" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
api = json.load(open(f"{work}/api.1.json"))["files"][0]["links"]
http = json.load(open(f"{work}/http.1.json"))["files"][0]["links"]
assert len(api) == n and all(l.get("github") and l["status"] == "ok" for l in api), "API path fell back"
assert len(http) == n and all(l["status"] == "ok" for l in http), "farm path not all ok"
print(f"checked: {n} links each way, all ok; API path answered every link from the API")
PY
curl -s "http://127.0.0.1:$API_PORT/__stats" | xargs -0 printf "API stand-in: %s\n"
