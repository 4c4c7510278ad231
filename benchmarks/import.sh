#!/bin/sh
# Import benchmark: a synthetic 200,000-record OSV zip through `scout-report db import`.
# Prints records per second and peak RSS (from /usr/bin/time -v). Target: >= 20,000 records/s, < 500 MB.
#
# usage: benchmarks/import.sh [COUNT]          (SCOUT_REPORT=path/to/binary to skip the release build)
set -eu
cd "$(dirname "$0")/.."
COUNT=${1:-200000}
WORK=${BENCH_DIR:-.build/bench}
mkdir -p "$WORK"
ZIP="$WORK/osv-$COUNT.zip"
if [ ! -f "$ZIP" ]; then
    echo "Generating $ZIP ($COUNT records)…" >&2
    python3 benchmarks/make-osv-zip.py "$ZIP.tmp" "$COUNT" && mv "$ZIP.tmp" "$ZIP"
fi
if [ -z "${SCOUT_REPORT:-}" ]; then
    swift build -c release --product scout-report >&2
    SCOUT_REPORT=.build/release/scout-report
fi
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
DB="$WORK/import-bench.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
/usr/bin/time -v "$SCOUT_REPORT" db import --format osv --name bench "$ZIP" --db "$DB" >"$WORK/import.out" 2>"$WORK/import.time"
cat "$WORK/import.out"
SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/import.time")
RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/import.time")
RECORDS=$(sed -n 's/^Imported \([0-9]*\) records.*/\1/p' "$WORK/import.out")
awk -v r="$RECORDS" -v s="$SECONDS_TAKEN" -v k="$RSS_KB" -v z="$(wc -c <"$ZIP")" 'BEGIN {
    printf "records          %d\n", r
    printf "zip size         %.1f MB\n", z / 1e6
    printf "wall time        %.2f s\n", s
    printf "records/second   %.0f\n", r / s
    printf "peak RSS         %.1f MB\n", k / 1024
}'
