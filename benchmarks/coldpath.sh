#!/usr/bin/env bash
# Issue 13.6, the cold path of one big image: a fresh `scout-report sbom` of a one-layer OCI image
# whose layer is a real Debian bookworm root filesystem (debootstrap, about 92 MB of gzip, 204 MB of
# tar), against `gzip -dc` and `igzip -dc` of the same layer. Median of RUNS (default 5), each with a
# fresh store; then peak RSS of one more run (/usr/bin/time -v). Appends a section to RESULTS.md.
#
# usage: benchmarks/coldpath.sh [RUNS]
#   COLDPATH_ROOTFS=DIR   reuse a root filesystem made before (else debootstrap makes one: needs root,
#                         the apt mirror and about 25 s to 4 min); it is never committed.
#   SCOUT=PATH            the scout-report binary (else a release build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
COMMAND="benchmarks/coldpath.sh $*"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ -z "${SCOUT:-}" ]; then
    swift build -c release --product scout-report >&2
    SCOUT="$(swift build -c release --show-bin-path)/scout-report"
fi
ROOTFS=${COLDPATH_ROOTFS:-}
if [ -z "$ROOTFS" ]; then
    command -v debootstrap > /dev/null || apt-get install -y debootstrap >&2
    MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    ROOTFS="$WORK/rootfs"
    echo "debootstrap --variant=minbase bookworm into $ROOTFS…" >&2
    debootstrap --variant=minbase bookworm "$ROOTFS" "${MIRROR:-http://deb.debian.org/debian}" > "$WORK/debootstrap.log" 2>&1
fi

# One deterministic layer, then the OCI layout around it.
tar --numeric-owner --sort=name --mtime=@0 -C "$ROOTFS" -cf "$WORK/layer.tar" .
gzip -6 -n -c "$WORK/layer.tar" > "$WORK/layer.tar.gz"
python3 - "$WORK/layer.tar" "$WORK/layer.tar.gz" "$WORK/oci" <<'PY'
import hashlib, json, os, sys
tar, blob, out = sys.argv[1:]
def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    return "sha256:" + h.hexdigest()
os.makedirs(os.path.join(out, "blobs/sha256"))
def put(data):
    d = "sha256:" + hashlib.sha256(data).hexdigest()
    open(os.path.join(out, "blobs/sha256", d[7:]), "wb").write(data)
    return d
layer = digest(blob)
os.link(blob, os.path.join(out, "blobs/sha256", layer[7:]))
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [digest(tar)]}}).encode()
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put(config), "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": os.path.getsize(blob)}]}).encode()
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(out, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": put(manifest), "size": len(manifest)}]}))
PY
rm "$WORK/layer.tar"
GZ_MB=$(($(stat -c %s "$WORK/layer.tar.gz") / 1000000))
TAR_MB=$(($(gzip -dc "$WORK/layer.tar.gz" | wc -c) / 1000000))

now() { date +%s.%N; }
# seconds CMD…: the wall time of one run of the command (a fresh store first).
seconds() {
    rm -f "$WORK"/store.sqlite*
    local start; start=$(now)
    "$@" > /dev/null
    echo "$(now) - $start" | bc -l
}
median() { sort -g | awk '{ t[NR] = $1 } END { printf "%.3f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
# The three commands take turns, so a change of load on a shared machine touches each alike.
for ((i = 0; i < RUNS; i++)); do
    seconds gzip -dc "$WORK/layer.tar.gz" >> "$WORK/gzip.times"
    if command -v igzip > /dev/null; then seconds igzip -dc "$WORK/layer.tar.gz" >> "$WORK/igzip.times"; fi
    seconds "$SCOUT" sbom --quiet --db "$WORK/store.sqlite" "oci-dir://$WORK/oci" >> "$WORK/sbom.times"
done
GZIP=$(median < "$WORK/gzip.times")
IGZIP=""
[ -s "$WORK/igzip.times" ] && IGZIP=$(median < "$WORK/igzip.times")
SBOM=$(median < "$WORK/sbom.times")
rm -f "$WORK"/store.sqlite*
/usr/bin/time -v "$SCOUT" sbom --quiet --db "$WORK/store.sqlite" "oci-dir://$WORK/oci" 2> "$WORK/time.txt" > "$WORK/sbom.json"
RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
cpu() { awk -F': ' '/User time|System time/ { sum += $2 } END { printf "%.2f", sum }' "$1"; }
SBOM_CPU=$(cpu "$WORK/time.txt")
/usr/bin/time -v gzip -dc "$WORK/layer.tar.gz" 2> "$WORK/gzip-time.txt" > /dev/null
GZIP_CPU=$(cpu "$WORK/gzip-time.txt")
PACKAGES=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["sbom"]["packages"]))' "$WORK/sbom.json" 2>/dev/null || echo "?")
STORE_KB=$(du -k -c "$WORK"/store.sqlite* | tail -1 | cut -f1)
ratio() { echo "scale=3; $1 / $2" | bc -l | sed 's/^\./0./'; }

OUT="$WORK/results.md"
{
    echo
    echo "## Cold path of one big image: $(date -u +%Y-%m-%dT%H:%MZ), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "Command: \`$COMMAND\` (release build, median of $RUNS, a fresh store each run, the commands taking"
    echo "turns). The layer: Debian bookworm minbase (debootstrap), $GZ_MB MB of gzip, $TAR_MB MB of tar, $PACKAGES packages."
    echo
    echo "| figure | value | target |"
    echo "|---|---|---|"
    echo "| gzip -dc of the layer | $GZIP s | |"
    [ -n "$IGZIP" ] && echo "| igzip -dc of the layer | $IGZIP s ($(ratio "$IGZIP" "$GZIP") × gzip -dc) | |"
    echo "| fresh \`scout-report sbom\` | $SBOM s | |"
    echo "| sbom / gzip -dc | $(ratio "$SBOM" "$GZIP") | ≤ 0.35 |"
    echo "| CPU (user + system) of one sbom, of one gzip -dc | $SBOM_CPU s, $GZIP_CPU s | |"
    echo "| peak RSS of one sbom | $((RSS / 1024)) MB | |"
    echo "| store after one sbom | $STORE_KB KB | |"
} > "$OUT"
cat "$OUT"
cat "$OUT" >> benchmarks/RESULTS.md
