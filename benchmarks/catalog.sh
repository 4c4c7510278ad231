#!/bin/sh
# Cataloging throughput (MB of uncompressed layer per second, packages per second) of the example images
# and of a generated 256 MiB layer, against `gzip -dc` of the same layer blobs on this machine.
# Prints a table and appends it, with date and machine, to benchmarks/RESULTS.md.
# usage: benchmarks/catalog.sh [RUNS]   (best of RUNS, default 3)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product catalog-benchmark >&2
BIN=$(swift build -c release --show-bin-path)/catalog-benchmark

python3 benchmarks/make-big-image.py "$WORK/big-oci" Tests/Fixtures 256

# The compressed layer streams of an image: its layer blobs (OCI layout) or the whole file (gzip archive).
blobs() {
    case "$1" in
    oci-dir://*)
        python3 - "${1#oci-dir://}" <<'PY'
import json, os, sys
root = sys.argv[1]
blob = lambda d: os.path.join(root, "blobs", *d.split(":"))
index = json.load(open(os.path.join(root, "index.json")))
for m in index["manifests"]:
    doc = json.load(open(blob(m["digest"])))
    for child in doc.get("manifests", [])[:1]:
        doc = json.load(open(blob(child["digest"])))
    for layer in doc.get("layers", []):
        print(blob(layer["digest"]))
PY
        ;;
    archive://*) echo "${1#archive://}" ;;
    esac
}

now() { date +%s.%N; }

IMAGES="archive://examples/images/alpine-310.tar.gz archive://examples/images/alpine-311.tar.gz oci-dir://examples/images/postgres-13.1-buster oci-dir://$WORK/big-oci"
TABLE="$WORK/table"
printf '| image | layer MB (uncompressed) | packages | gzip -dc s | gzip -dc MB/s | catalog s | catalog MB/s | packages/s | catalog / gzip |\n|---|---|---|---|---|---|---|---|---|\n' > "$TABLE"
for IMAGE in $IMAGES; do
    FILES=$(blobs "$IMAGE")
    # Each stream once as the catalog reads it: inflated when gzip, else read as is (decided before timing).
    CMDS=""
    for f in $FILES; do
        if gzip -t "$f" 2>/dev/null; then CMDS="$CMDS gzip:$f"; else CMDS="$CMDS cat:$f"; fi
    done
    stream() { for c in $CMDS; do if [ "${c%%:*}" = gzip ]; then gzip -dc "${c#*:}"; else cat "${c#*:}"; fi; done; }
    BYTES=$(stream | wc -c)
    BEST_GZIP=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        START=$(now)
        stream >/dev/null
        T=$(echo "$(now) - $START" | bc -l)
        if [ -z "$BEST_GZIP" ] || [ "$(echo "$T < $BEST_GZIP" | bc -l)" = 1 ]; then BEST_GZIP=$T; fi
        i=$((i + 1))
    done
    LINE=$("$BIN" --runs "$RUNS" "$IMAGE")
    CAT_S=$(echo "$LINE" | cut -f2)
    PKGS=$(echo "$LINE" | cut -f3)
    NAME=$(echo "$IMAGE" | sed "s#$WORK/##")
    printf '| %s | %.2f | %s | %.4f | %.0f | %.4f | %.0f | %.0f | %.2f |\n' "$NAME" \
        "$(echo "$BYTES / 1000000" | bc -l)" "$PKGS" "$BEST_GZIP" "$(echo "$BYTES / 1000000 / $BEST_GZIP" | bc -l)" \
        "$CAT_S" "$(echo "$BYTES / 1000000 / $CAT_S" | bc -l)" "$(echo "$PKGS / $CAT_S" | bc -l)" \
        "$(echo "$CAT_S / $BEST_GZIP" | bc -l)" >> "$TABLE"
done

cat "$TABLE"
{
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -sm), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, best of $RUNS"
    echo
    cat "$TABLE"
} >> benchmarks/RESULTS.md
