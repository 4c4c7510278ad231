#!/usr/bin/env bash
# The real nightly job at fleet scale (issue 13): a registry of R repositories × T tags, scanned by
# `scout-report run` cold, warm, and warm through a proxy adding DELAY_MS to every request.
#   benchmarks/fleet.sh [REPOSITORIES] [TAGS] [DELAY_MS]     (defaults: 300 3 20)
#   SCOUT_BIN="/path/a/scout-report /path/b/scout-report" benchmarks/fleet.sh …
#                                   other binaries (default: this tree's release build), each on a fresh
#                                   store against the same registry: before and after on one push
# Starts Debian's `docker-registry` on 127.0.0.1 (a config written here: its default listens on every
# interface), pushes the fleet with push-fleet.py (4 shared base layers with 300-package dpkg and apk
# databases, one small layer per image, OSV advisories giving about 40 findings an image, 4 base-only
# repositories), then prints per run and stage (scan, evaluate, publish; stage-times.py) the wall time,
# CPU seconds, peak RSS so far and the registry requests made, and per run the CPU seconds of the
# registry and of the delay proxy (delay-proxy.c, compiled here: both share the host's cores with the
# scan, where a real registry's latency costs it none), and appends them to benchmarks/RESULTS.md
# when FLEET_RESULTS=1. A last run per binary (`images:cold`) analyses the same images from OCI layouts
# named by `images:` entries (fleet-layouts.py), on a fresh store: the cold scan's yardstick. FLEET_TIMEOUT=S stops a run after S seconds (the table then says so, and that
# binary's later runs are skipped); FLEET_REQUESTS="32 64" adds a warm run with the delay per
# max-concurrent-requests value; FLEET_SKIP_IMAGES=1 leaves out the images:cold run; FLEET_PERF=DIR adds one more warm run per binary under
# `perf record -g` (DIR/N-warm.data, N the binary's position in SCOUT_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."
REPOSITORIES=${1:-300}
TAGS=${2:-3}
DELAY_MS=${3:-20}
[ -x /usr/bin/docker-registry ] || { echo "needs Debian's docker-registry (scripts/install-deps.sh test)" >&2; exit 1; }
command -v gcc >/dev/null || { echo "needs gcc for the delay proxy (apt-get install gcc)" >&2; exit 1; }
if [ -z "${SCOUT_BIN:-}" ]; then
    swift build -c release --product scout-report >&2
    SCOUT_BIN="$(swift build -c release --show-bin-path)/scout-report"
fi
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 100); do
        python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "fleet.sh: nothing listens on 127.0.0.1:$1" >&2
    exit 1
}

PORT=$(free_port)
cat > "$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/storage
http:
  addr: 127.0.0.1:$PORT
  secret: fleet-benchmark
EOF
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
REGISTRY_PID=$!
wait_port "$PORT"

echo "Pushing $REPOSITORIES × $TAGS images to 127.0.0.1:$PORT…" >&2
start=$(date +%s.%N)
python3 benchmarks/push-fleet.py "127.0.0.1:$PORT" "$WORK/fleet" "$REPOSITORIES" "$TAGS"
PUSH_S=$(echo "$(date +%s.%N) - $start" | bc -l)

write_config() {  # FILE URL
    {
        echo "title: Fleet benchmark"
        echo "store: fleet.sqlite"
        echo "site: site"
        echo "advisories:"
        echo "  - name: fleet"
        echo "    format: osv"
        echo "    path: advisories"
        echo "registries:"
        echo "  - name: fleet"
        echo "    url: $2"
        [ -z "${3:-}" ] || echo "    max-concurrent-requests: $3"
        cat "$WORK/fleet/repositories.yml"
    } > "$1"
}
write_config "$WORK/fleet/direct.yml" "http://127.0.0.1:$PORT"
# The same images as OCI layouts (blobs hard-linked from the registry's storage) under `images:` entries:
# the cold scan's yardstick (issue 13: a cold registry scan within 1.5 × their analysis).
python3 benchmarks/fleet-layouts.py "$WORK/storage" "$WORK/layouts" "$WORK/fleet/repositories.yml"
{
    echo "title: Fleet benchmark"
    echo "store: images.sqlite"
    echo "site: images-site"
    echo "advisories:"
    echo "  - name: fleet"
    echo "    format: osv"
    echo "    path: advisories"
    cat "$WORK/layouts/images.yml"
} > "$WORK/fleet/images.yml"

# The delay stands for network latency, which costs the scanning host no CPU: a small C program (one
# thread, epoll), compiled here, not a Python thread per connection.
gcc -O2 -o "$WORK/delay-proxy" benchmarks/delay-proxy.c
"$WORK/delay-proxy" "127.0.0.1:$PORT" "$DELAY_MS" "$WORK/proxy-count" > "$WORK/proxy.out" &
PIDS+=($!)
PROXY_PID=$!
for _ in $(seq 100); do grep -q PORT "$WORK/proxy.out" 2>/dev/null && break; sleep 0.1; done
PROXY_PORT=$(sed -n 's/^PORT //p' "$WORK/proxy.out")
write_config "$WORK/fleet/delayed.yml" "http://127.0.0.1:$PROXY_PORT"
for n in ${FLEET_REQUESTS:-}; do write_config "$WORK/fleet/delayed-$n.yml" "http://127.0.0.1:$PROXY_PORT" "$n"; done

cpu_of() {  # PID: its user + system CPU seconds so far
    awk -v ticks="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / ticks }' "/proc/$1/stat"
}
run() {  # BINARY LABEL CONFIG: the stage line, with the registry's and the proxy's CPU during the run
    local line registry_before proxy_before
    registry_before=$(cpu_of "$REGISTRY_PID")
    proxy_before=$(cpu_of "$PROXY_PID")
    if line=$(timeout "${FLEET_TIMEOUT:-0}" python3 benchmarks/stage-times.py --cpu "$1" run --config "$3"); then
        echo "$2 $line registry_cpu=$(echo "$(cpu_of "$REGISTRY_PID") - $registry_before" | bc -l | xargs printf %.2f) proxy_cpu=$(echo "$(cpu_of "$PROXY_PID") - $proxy_before" | bc -l | xargs printf %.2f)"
    else
        echo "$2 stopped after ${FLEET_TIMEOUT:-?} s"
    fi
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
OUT="$WORK/results.md"
{
    echo
    echo "### Fleet $REPOSITORIES × $TAGS: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "Command: \`SCOUT_BIN=\"$SCOUT_BIN\" benchmarks/fleet.sh $REPOSITORIES $TAGS $DELAY_MS\`; $((REPOSITORIES * TAGS + 4)) images pushed in $(printf %.1f "$PUSH_S") s."
    echo
    echo "| binary | run | scan s (CPU) | evaluate s (CPU) | publish s (CPU) | whole run s | peak RSS MB (scan / evaluate / publish) | requests | registry CPU s | proxy CPU s |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
} > "$OUT"
position=0
for binary in $SCOUT_BIN; do
    position=$((position + 1))
    rm -rf "$WORK/fleet/fleet.sqlite"* "$WORK/fleet/site"
    COLD=$(run "$binary" cold "$WORK/fleet/direct.yml")
    echo "$binary $COLD" >&2
    LINES=("$COLD")
    if [[ "$COLD" != *stopped* ]]; then
        WARM=$(run "$binary" warm "$WORK/fleet/direct.yml")
        echo "$binary $WARM" >&2
        LINES+=("$WARM")
        if [[ "$WARM" != *stopped* ]]; then
            for n in "" ${FLEET_REQUESTS:-}; do
                before=$(cat "$WORK/proxy-count")
                DELAYED=$(run "$binary" "warm+${DELAY_MS}ms${n:+,${n}-in-flight}" "$WORK/fleet/delayed${n:+-$n}.yml")
                sleep 0.2  # the proxy rewrites its count every 50 ms
                DELAYED="$DELAYED proxy_requests=$(($(cat "$WORK/proxy-count") - before))"
                echo "$binary $DELAYED" >&2
                LINES+=("$DELAYED")
            done
            if [ -n "${FLEET_PERF:-}" ]; then
                mkdir -p "$FLEET_PERF"
                perf record -q -g -o "$FLEET_PERF/$position-warm.data" -- "$binary" run --config "$WORK/fleet/direct.yml" --quiet >/dev/null 2>&1 \
                    || echo "fleet.sh: perf record failed for $binary" >&2
            fi
        fi
    fi
    if [ "${FLEET_SKIP_IMAGES:-0}" != 1 ]; then
        rm -rf "$WORK/fleet/images.sqlite"* "$WORK/fleet/images-site"
        IMAGES=$(run "$binary" "images:cold" "$WORK/fleet/images.yml")
        echo "$binary $IMAGES" >&2
        LINES+=("$IMAGES")
    fi
    for line in "${LINES[@]}"; do
        requests=$(field "$line" proxy_requests)
        [ -n "$requests" ] || requests=$(field "$line" requests)
        if [[ "$line" == *stopped* ]]; then
            echo "| $binary | $line | | | | | | | | |" >> "$OUT"
        else
            echo "| $binary | ${line%% *} | $(field "$line" scan) ($(field "$line" scan_cpu)) | $(field "$line" evaluate) ($(field "$line" evaluate_cpu)) | $(field "$line" publish) ($(field "$line" publish_cpu)) | $(field "$line" total) | $(field "$line" peak_rss_mb) ($(field "$line" scan_rss_mb) / $(field "$line" evaluate_rss_mb) / $(field "$line" publish_rss_mb)) | $requests | $(field "$line" registry_cpu) | $(field "$line" proxy_cpu) |" >> "$OUT"
        fi
    done
done
cat "$OUT"
if [ "${FLEET_RESULTS:-0}" = 1 ]; then cat "$OUT" >> benchmarks/RESULTS.md; fi
