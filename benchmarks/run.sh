#!/usr/bin/env bash
# Every figure of issue 9 on this machine, in one command:
#   benchmarks/run.sh [IMAGES] [PACKAGES] [BASE_MIB] [BIG_MIB]    (defaults: 40 300 24 2048)
# Builds release, then prints and appends to benchmarks/RESULTS.md (with date, machine and command):
#   - cold scan of a generated fleet (IMAGES OCI images over 4 shared base layers, PACKAGES dpkg/apk
#     packages each) against `gzip -dc` of the same layer bytes (every image's layers, and each blob once);
#   - warm scan (every digest already stored: a second `scout-report run`) as a share of the cold scan;
#   - scanning one BIG_MIB MiB layer: seconds, against gzip -dc, and peak RSS (/usr/bin/time -v);
#   - re-evaluation (scout-bench eval 1000 300 200000, then packages doubled, then advisories doubled: once
#     drawn like the first (which also doubles the matches), once for packages no image has);
#   - the catalog, site-render, advisory-import and cold-path (one Debian bookworm layer, issue 13.6)
#     benchmarks when their scripts exist.
# Targets: cold/gzip ≤ 0.3, warm/cold ≤ 5 %, 2 GB layer peak RSS ≤ 100 MB, eval ≤ 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-40}
PACKAGES=${2:-300}
BASE_MIB=${3:-24}
BIG_MIB=${4:-2048}
COMMAND="benchmarks/run.sh $*"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/results.md"

swift build -c release --product scout-report >&2
swift build -c release --product scout-bench >&2
BIN=$(swift build -c release --show-bin-path)
SCOUT="$BIN/scout-report"

now() { date +%s.%N; }
# best_gzip FILE-LIST RUNS: best wall time of `gzip -dc` over every file of the list, in order.
best_gzip() {
    local best="" i=0
    while [ $i -lt "$2" ]; do
        local start; start=$(now)
        xargs gzip -dc < "$1" > /dev/null
        local t; t=$(echo "$(now) - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
        i=$((i + 1))
    done
    echo "$best"
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ratio() { echo "scale=3; $1 / $2" | bc -l | sed 's/^\./0./'; }

echo "Generating the fleet: $IMAGES images × $PACKAGES packages over 4 base layers of $BASE_MIB MiB…" >&2
python3 benchmarks/make-fleet.py "$WORK/fleet" "$IMAGES" "$PACKAGES" "$BASE_MIB" 2
LAYER_MB=$(xargs cat < "$WORK/fleet/blobs.txt" | gzip -dc | wc -c)
UNIQUE_MB=$(xargs cat < "$WORK/fleet/unique-blobs.txt" | gzip -dc | wc -c)
GZIP_ALL=$(best_gzip "$WORK/fleet/blobs.txt" 3)
GZIP_UNIQUE=$(best_gzip "$WORK/fleet/unique-blobs.txt" 3)
BEST_COLD="" BEST_WARM="" COLD_LINE="" WARM_LINE=""
for run in 1 2 3; do
    rm -rf "$WORK/fleet/fleet.sqlite"* "$WORK/fleet/site"
    cold=$(python3 benchmarks/stage-times.py "$SCOUT" run --config "$WORK/fleet/scout-report.yml")
    warm=$(python3 benchmarks/stage-times.py "$SCOUT" run --config "$WORK/fleet/scout-report.yml")
    c=$(field "$cold" scan) w=$(field "$warm" scan)
    if [ -z "$BEST_COLD" ] || [ "$(echo "$c < $BEST_COLD" | bc -l)" = 1 ]; then BEST_COLD=$c; COLD_LINE=$cold; fi
    if [ -z "$BEST_WARM" ] || [ "$(echo "$w < $BEST_WARM" | bc -l)" = 1 ]; then BEST_WARM=$w; WARM_LINE=$warm; fi
done

echo "Generating one $BIG_MIB MiB layer…" >&2
python3 benchmarks/make-fleet.py --big "$WORK/big" "$BIG_MIB"
GZIP_BIG=$(best_gzip "$WORK/big/blobs.txt" 1)
rm -rf "$WORK/big/big.sqlite"* "$WORK/big/site"
/usr/bin/time -v "$SCOUT" run --config "$WORK/big/scout-report.yml" --quiet 2> "$WORK/big-time.txt" > /dev/null
BIG_S=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/big-time.txt" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
BIG_RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/big-time.txt")
rm -rf "$WORK/big"

{
    echo
    echo "## Scan: $(date -u +%Y-%m-%dT%H:%MZ), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "Command: \`$COMMAND\` (release build, best of 3; ISA-L inflate, layers read in parallel and on two threads each)."
    echo
    echo "| figure | value | target |"
    echo "|---|---|---|"
    echo "| fleet | $IMAGES images, $PACKAGES packages each, 4 shared base layers of $BASE_MIB MiB + 2 MiB per image; $((LAYER_MB / 1000000)) MB of layers per image summed, $((UNIQUE_MB / 1000000)) MB in distinct blobs | |"
    echo "| gzip -dc of every image's layers | $(printf %.3f "$GZIP_ALL") s | |"
    echo "| gzip -dc of each distinct blob once | $(printf %.3f "$GZIP_UNIQUE") s | |"
    echo "| cold scan (first \`scout-report run\`, scan stage) | $BEST_COLD s ($COLD_LINE) | |"
    echo "| cold scan / gzip -dc of every image's layers | $(ratio "$BEST_COLD" "$GZIP_ALL") | ≤ 0.3 |"
    echo "| cold scan / gzip -dc of each distinct blob | $(ratio "$BEST_COLD" "$GZIP_UNIQUE") | |"
    echo "| warm scan (second run, every digest stored) | $BEST_WARM s ($WARM_LINE) | |"
    echo "| warm / cold scan | $(echo "scale=1; 100 * $BEST_WARM / $BEST_COLD" | bc -l) % | ≤ 5 % |"
    echo "| one $BIG_MIB MiB layer: whole run | $BIG_S s (gzip -dc $(printf %.3f "$GZIP_BIG") s, ratio $(ratio "$BIG_S" "$GZIP_BIG")) | |"
    echo "| one $BIG_MIB MiB layer: peak RSS | $((BIG_RSS / 1024)) MB | ≤ 100 MB |"
} > "$OUT"

echo "Re-evaluation benchmarks…" >&2
{
    echo
    echo "Re-evaluation (\`scout-bench eval\`):"
    echo
    echo '```'
    "$BIN/scout-bench" eval 1000 300 200000 "$WORK/eval"
    "$BIN/scout-bench" eval 1000 600 200000 "$WORK/eval"
    "$BIN/scout-bench" eval 1000 300 400000 "$WORK/eval"
    "$BIN/scout-bench" eval 1000 300 200000 "$WORK/eval" --other 200000
    echo '```'
} >> "$OUT"
cat "$OUT"
cat "$OUT" >> benchmarks/RESULTS.md

# The real nightly job against a registry of 2,000 repositories × 3 tags (issue 13): cold, warm and
# warm with 20 ms per request; benchmarks/fleet.sh alone runs the smaller sizes.
echo "Running benchmarks/fleet.sh 2000 3…" >&2
SCOUT_BIN="$SCOUT" FLEET_RESULTS=1 benchmarks/fleet.sh 2000 3 20

# The other benchmarks append their own sections to RESULTS.md.
for script in catalog render import coldpath; do
    if [ -x "benchmarks/$script.sh" ]; then
        echo "Running benchmarks/$script.sh…" >&2
        if [ "$script" = render ]; then
            # The site's pages (the ≤ 3 s target), then with the SARIF, CycloneDX and SPDX downloads.
            benchmarks/render.sh --no-downloads
            benchmarks/render.sh
        else
            "benchmarks/$script.sh"
        fi
    fi
done

# A month of nights (issue 15): evaluate and publish per 1 % night, site bytes written vs linked, store
# growth. 10,000 images here; `benchmarks/history.sh` alone defaults to 100,000 (hours, and about
# 1.1 MB of site per image on disk).
echo "Running benchmarks/history.sh 10000 30…" >&2
benchmarks/history.sh 10000 30
