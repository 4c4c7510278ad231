#!/usr/bin/env bash
# Issue 15: what a night costs as history grows. A synthetic fleet written straight into a store
# (scout-bench history-create: IMAGES images in repositories of 4 tags, each one of 1,000 package sets
# of 300 packages with a few versions of its own, 200,000 advisories giving about 40 findings an image),
# its first evaluation and publish, then NIGHTS nights (scout-bench history-night: 1 % of the tags move
# to new digests, 500 advisories added or changed), each followed by the real `scout-report evaluate`
# (which publishes the site). Then `evaluate --full` (plain `evaluate` when this build has no --full)
# on the last store and on a fresh 1,000-image one, for linearity.
#   benchmarks/history.sh [IMAGES] [NIGHTS]     (defaults: 100000 30)
# Prints per night: evaluate and publish seconds, site bytes written and hard-linked, rows added to
# the store, the store's size and the peak RSS; the first publish is the "full publish" the written
# bytes compare with. HISTORY_WORK=DIR keeps the store and site there (default: a temporary folder,
# removed at the end). HISTORY_PERF=FILE records the last night's evaluate under `perf record -g`.
# Targets (issue 15, 100,000 images, 2 cores): store after 30 nights ≤ 1.3 × after night 1; a 1 % night
# evaluate ≤ 15 s, publish ≤ 60 s, written ≤ 5 % of a full publish; evaluate --full ≤ 110 × the
# 1,000-image time, peak RSS ≤ 2 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${1:-100000}
NIGHTS=${2:-30}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
if [ -n "${HISTORY_WORK:-}" ]; then WORK=$HISTORY_WORK; mkdir -p "$WORK"; else WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
swift build -c release --product scout-report >&2
swift build -c release --product scout-bench >&2
BIN=$(swift build -c release --show-bin-path)
SCOUT="$BIN/scout-report"
FULL=""
if "$SCOUT" evaluate --help 2>&1 | grep -q -- '--full'; then FULL="--full"; fi

night_time() { date -u -d "@$((1767225600 + 7200 + $1 * 86400))" +%Y-%m-%dT%H:%M:%SZ; }
store_mb() { du -cm "$1"/history.sqlite* 2>/dev/null | tail -1 | cut -f1; }
rows() {
    python3 - "$1/history.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")]
print(sum(db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables))
PY
}
# timed LOG COMMAND...: runs it under /usr/bin/time -v; prints "seconds peak_rss_mb".
timed() {
    local log=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
    awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]}
        /Maximum resident set size/ {rss = $2 / 1024} END {printf "%.2f %.0f\n", s, rss}' "$log"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "history: $IMAGES images, $NIGHTS nights, evaluate ${FULL:-(no --full in this build)}"
read -r seconds rss < <(timed "$WORK/time.log" "$BIN/scout-bench" history-create "$IMAGES" "$WORK/fleet")
echo "generate: ${seconds} s, peak RSS ${rss} MB, store $(store_mb "$WORK/fleet") MB, $(rows "$WORK/fleet") rows"

evaluate_night() {  # evaluate_night N: one evaluate and publish; prints the night's line
    local before after figures
    before=$(rows "$WORK/fleet")
    figures=$(python3 benchmarks/evaluate-times.py "$SCOUT" evaluate --config "$WORK/fleet/scout-report.yml" --now "$(night_time "$1")")
    after=$(rows "$WORK/fleet")
    echo "night $1: $figures rows_added=$((after - before)) store_mb=$(store_mb "$WORK/fleet")"
}
evaluate_night 0
for night in $(seq 1 "$NIGHTS"); do
    "$BIN/scout-bench" history-night "$night" "$WORK/fleet" >/dev/null
    if [ "$night" = "$NIGHTS" ] && [ -n "${HISTORY_PERF:-}" ]; then
        perf record -g -o "$HISTORY_PERF" -- "$SCOUT" evaluate --config "$WORK/fleet/scout-report.yml" --now "$(night_time "$night")" 2>/dev/null
        echo "night $night: recorded under perf in $HISTORY_PERF (not timed)"
        continue
    fi
    evaluate_night "$night"
done
echo "site: $(du -sm "$WORK/fleet/site" | cut -f1) MB, $(find "$WORK/fleet/site" -type f | wc -l) files"

read -r seconds rss < <(timed "$WORK/time.log" "$SCOUT" evaluate $FULL --no-site --config "$WORK/fleet/scout-report.yml" --now "$(night_time $((NIGHTS + 1)))")
echo "evaluate ${FULL:-(all)} at $IMAGES images: ${seconds} s, peak RSS ${rss} MB"
"$BIN/scout-bench" history-create 1000 "$WORK/small" >/dev/null
"$SCOUT" evaluate --no-site --config "$WORK/small/scout-report.yml" --now "$(night_time 0)" 2>/dev/null
read -r small rss < <(timed "$WORK/time.log" "$SCOUT" evaluate $FULL --no-site --config "$WORK/small/scout-report.yml" --now "$(night_time 1)")
echo "evaluate ${FULL:-(all)} at 1000 images: ${small} s, peak RSS ${rss} MB; ratio $(echo "scale=1; $seconds / $small" | bc -l)"
