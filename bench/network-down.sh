#!/usr/bin/env bash
# Wall time of a full run (links checked, default flags) when the network is down, on a
# generated 700-link list and on a real 700-link list, with DNS failing in two ways:
#
#   nxdomain   the machine's own resolver, as is. In this sandbox it answers "no such name"
#              (EAI_NONAME) for every name; on a machine with a working network this mode
#              checks the real hosts, so it measures nothing about a network outage there.
#   no-netns   `unshare -rn`: a fresh network namespace with no interface up, so no packet
#              leaves and every lookup fails temporarily (EAI_AGAIN), on any machine. Skipped
#              with a note when unprivileged user namespaces are not available.
#
#   bench/network-down.sh
#
# Environment:
#   BIN     the binary (default: target/release/awesome-lint, built when missing)
#   RUNS    runs per list and mode (default 5); the median is printed
#   WORK    scratch directory (default /tmp/awesome-lint-network-down)
#   REAL    a real list (default ../shared/corpus/sindresorhus__awesome.md, 700 links;
#           skipped with a note when absent)
#
# The generated list is ../shared/bench/genlist.py --links 700 --hosts 20 --seed 1, its farm
# hosts renamed: the busiest one to github.com, the others to siteN.example.org, so that
# the checker has host names to resolve (the farm's 127.0.0.N addresses need no DNS).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/target/release/awesome-lint}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/awesome-lint-network-down}
REAL=${REAL:-$ROOT/../shared/corpus/sindresorhus__awesome.md}
GENLIST=$ROOT/../shared/bench/genlist.py

if [[ ! -x $BIN ]]; then
    (cd "$ROOT" && cargo build --release)
fi
mkdir -p "$WORK/generated" "$WORK/real"

python3 "$GENLIST" --links 700 --hosts 20 --seed 1 --out "$WORK/farm.md" >/dev/null 2>&1
python3 - "$WORK/farm.md" "$WORK/generated/README.md" <<'EOF'
import collections, re, sys
text = open(sys.argv[1]).read()
hosts = collections.Counter(re.findall(r"http://127\.0\.0\.(\d+):\d+", text))
busiest = hosts.most_common(1)[0][0]
def rename(m):
    return "https://github.com" if m.group(1) == busiest else f"https://site{m.group(1)}.example.org"
open(sys.argv[2], "w").write(re.sub(r"http://127\.0\.0\.(\d+):\d+", rename, text))
EOF
lists=("generated")
if [[ -f $REAL ]]; then
    cp "$REAL" "$WORK/real/README.md"
    lists+=("real")
else
    echo "note: $REAL not found; only the generated list is measured" >&2
fi

modes=("nxdomain")
if unshare -rn true 2>/dev/null; then
    modes+=("no-netns")
else
    echo "note: unshare -rn is not available; the no-netns mode is skipped" >&2
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-10s %-9s %6s %8s %6s %9s %10s %s\n' list mode links unchecked dead exit median_s "runs (s)"
for list in "${lists[@]}"; do
    for mode in "${modes[@]}"; do
        prefix=()
        [[ $mode == no-netns ]] && prefix=(unshare -rn)
        times=()
        for _ in $(seq "$RUNS"); do
            start=$(date +%s.%N)
            set +e
            (cd "$WORK/$list" && "${prefix[@]}" "$BIN" --format json README.md >out.json 2>err.txt)
            code=$?
            set -e
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc)")
        done
        read -r total unchecked dead < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]["links"]
print(s["total"], s["unchecked"], s["dead"])' "$WORK/$list/out.json")
        med=$(printf '%s\n' "${times[@]}" | median)
        printf '%-10s %-9s %6s %8s %6s %9s %10.2f %s\n' "$list" "$mode" "$total" "$unchecked" \
            "$dead" "$code" "$med" "$(printf '%.2f ' "${times[@]}")"
        sed 's/^/    stderr: /' "$WORK/$list/err.txt"
    done
done
