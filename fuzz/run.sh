#!/usr/bin/env bash
# Fuzzes scout-report's parsers with libFuzzer (Swift's -sanitize=fuzzer,address on Linux).
#   fuzz/run.sh [SECONDS] [TARGET...]     each target for SECONDS; all targets by default
# Without SECONDS the binary-format targets (zip, elf, cargo, rpm-header: bytes straight from images)
# run 600 s each, as issue 18 asks, and the others 60 s.
# Builds the separate package in fuzz/ (never part of the normal `swift build`), seeds each target's
# corpus from the real fixtures, runs it, and prints the executions reached per target. Corpora and
# crash artifacts stay in fuzz/.work/ (ignored by git). A crash input is saved as
# fuzz/.work/artifacts/<target>-crash-*; turn it into a regression test in the normal test suite.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_GIVEN=${1:-}
shift || true
ALL=(tar gzip dpkg apk rpm osv secdb nvd json record versions cvss config zip elf cargo rpm-header)
seconds_for() {
    if [ -n "$SECONDS_GIVEN" ]; then echo "$SECONDS_GIVEN"; return; fi
    case $1 in zip|elf|cargo|rpm-header) echo 600 ;; *) echo 60 ;; esac
}
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi
WORK=.work
FIX=../Tests/Fixtures
mkdir -p "$WORK/artifacts"

# Every module gets ASan and libFuzzer's coverage; only the scout-fuzz executable links libFuzzer (see
# fuzz/Package.swift: -sanitize=fuzzer on all targets would also hit the build plugin's tool).
FLAGS=(-c debug -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
swift build "${FLAGS[@]}" 2>&1 | { grep -v "Cannot export local symbol" || true; } >&2
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)/scout-fuzz

# seed TARGET FILE...: copies real fixture files into the target's seed folder.
seed() {
    local target=$1; shift
    mkdir -p "$WORK/seeds/$target" "$WORK/corpus/$target"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$WORK/seeds/$target/$(echo "$f" | tr '/' '_')"; done
}
rm -rf "$WORK/seeds"
for blob in "$FIX"/images/test.oci/blobs/sha256/*; do
    if gzip -t "$blob" 2>/dev/null; then seed gzip "$blob"; gzip -dc "$blob" > "$WORK/layer.tar"; seed tar "$WORK/layer.tar"; fi
done
printf 'first member\n' | gzip > "$WORK/multi.gz"; printf 'second member\n' | gzip >> "$WORK/multi.gz"; seed gzip "$WORK/multi.gz"
seed tar "$FIX"/tar/*.tar
seed dpkg $(find "$FIX"/rootfs -path '*var/lib/dpkg/status*' -type f -size -200k)
seed apk $(find "$FIX"/rootfs -path '*lib/apk/db/installed' -type f)
seed rpm $(find "$FIX"/rpm "$FIX"/rootfs -path '*rpm/*' -type f \( -name Packages -o -name Packages.db -o -name rpmdb.sqlite \))
seed osv $(find "$FIX"/advisories -type f \( -name '*.json' -o -name '*.yaml' \) -size -64k | head -40)
seed secdb $(find ../examples/advisories/alpine-secdb -type f -name '*.json' -size -256k | head -10)
seed nvd "$FIX"/cvss/nvd-cves.json
seed json $(find "$FIX" ../examples -type f -name '*.json' -size -64k | head -60)
# A stored record is the JSON of an Advisory; OSV documents share most of its keys.
seed record $(find "$FIX"/advisories -type f -name '*.json' -size -16k | head -20)
seed config ../examples/scout-report.yml
# The bomb jars are left out: each run of them inflates up to the 64 MiB nested-archive limit (35 exec/s).
seed zip "$FIX"/jars/nested-5-levels.jar "$FIX"/jars/not-a-zip.jar
python3 - "$WORK/osv-small.zip" $(find "$FIX"/advisories -type f -name '*.json' -size -16k | head -8) <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    for index, path in enumerate(sys.argv[2:]):
        archive.write(path, "%d.json" % index)
PY
seed zip "$WORK/osv-small.zip"
seed cargo "$FIX"/cargo/usr/local/bin/demo-auditable
# Go binaries are megabytes (past -max_len): small ELF seeds built like the Go linker's, and rpm header
# blobs taken out of the SQLite fixtures.
python3 binary-seeds.py "$WORK/seeds" "$FIX"
seed elf "$FIX"/cargo/usr/local/bin/demo-auditable
mkdir -p "$WORK/corpus/elf" "$WORK/corpus/rpm-header"
mkdir -p "$WORK/seeds/cvss" "$WORK/seeds/versions" "$WORK/corpus/cvss" "$WORK/corpus/versions"
i=0
for tsv in "$FIX"/cvss/cvss31.tsv "$FIX"/cvss/cvss40.tsv "$FIX"/cvss/cvss30.tsv; do
    head -200 "$tsv" | cut -f1 | grep -E '^(CVSS|AV)' | while read -r vector; do printf '%s\n' "$vector"; done \
        | split -l 4 - "$WORK/seeds/cvss/$(basename "$tsv")-"
done
# Version triples: consecutive versions of the real comparison vectors ("a < b" lines).
for file in "$FIX"/versions/*.txt; do
    grep -v '^#' "$file" | awk 'NF>=3 {print $1; print $3}' | split -l 3 - "$WORK/seeds/versions/$(basename "$file" .txt)-"
done

printf '| target | seconds | executions | exec/s | corpus | crashes |\n|---|---|---|---|---|---|\n'
for target in "${TARGETS[@]}"; do
    SECONDS_PER_TARGET=$(seconds_for "$target")
    log="$WORK/$target.log"
    set +e
    SCOUT_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$BIN" "$WORK/corpus/$target" "$WORK/seeds/$target" \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=262144 -rss_limit_mb=4096 -timeout=20 \
        -artifact_prefix="$WORK/artifacts/$target-" -print_final_stats=1 > "$log" 2>&1
    status=$?
    set -e
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
    rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' | tail -1)
    corpus=$(ls "$WORK/corpus/$target" | wc -l)
    crashes=$(ls "$WORK/artifacts" | grep -c "^$target-" || true)
    printf '| %s | %s | %s | %s | %s | %s |\n' "$target" "$SECONDS_PER_TARGET" "${runs:-?}" "${rate:-?}" "$corpus" "$crashes"
    if [ "$status" -ne 0 ]; then
        echo "  $target stopped with status $status; see fuzz/$log" >&2
        grep -E 'ERROR|property violated|Fatal error|SUMMARY' "$log" | head -5 >&2 || true
    fi
done
