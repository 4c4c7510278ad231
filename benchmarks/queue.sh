#!/usr/bin/env bash
# The PostgreSQL work queue (issue 14): what the queue itself costs.
#   benchmarks/queue.sh [REPOSITORIES] [TAGS] [CLAIM_JOBS]     (defaults: 100 3 5000)
# Starts its own PostgreSQL 15 in a temporary folder (as `nobody` when run as root) and Debian's
# docker-registry on 127.0.0.1, then prints:
#  1. claims per second: `scout-bench queue-claims` enqueues CLAIM_JOBS jobs that need no work and 4
#     threads, each on its own connection, claim and complete them (FOR UPDATE SKIP LOCKED + the fenced
#     completion's transaction): the queue's ceiling, far above what reading images needs;
#  2. the fleet benchmark's cold run (push-fleet.py's REPOSITORIES × TAGS images, fleet.sh's advisories)
#     three ways on fresh stores and fresh queue databases: without `queue:` (today's run), with
#     `queue:` and `--local-workers 2` alone, and `--local-workers 0` beside 2 `scout-report worker`
#     processes: the same two image readers, so the difference is the queue's overhead (target ≤ 10 %).
# Figures are appended to benchmarks/RESULTS.md with QUEUE_RESULTS=1. SCOUT_BIN and SCOUT_BENCH name
# other binaries (default: this tree's release builds).
set -euo pipefail
cd "$(dirname "$0")/.."
REPOSITORIES=${1:-100}
TAGS=${2:-3}
CLAIM_JOBS=${3:-5000}
PG=/usr/lib/postgresql/15/bin
[ -x "$PG/pg_ctl" ] || { echo "needs PostgreSQL 15 (scripts/install-deps.sh test)" >&2; exit 1; }
[ -x /usr/bin/docker-registry ] || { echo "needs Debian's docker-registry (scripts/install-deps.sh test)" >&2; exit 1; }
if [ -z "${SCOUT_BIN:-}" ]; then
    swift build -c release --product scout-report >&2
    SCOUT_BIN="$(swift build -c release --show-bin-path)/scout-report"
fi
if [ -z "${SCOUT_BENCH:-}" ]; then
    swift build -c release --product scout-bench >&2
    SCOUT_BENCH="$(swift build -c release --show-bin-path)/scout-bench"
fi
WORK=$(mktemp -d /tmp/queue-bench-XXXXXX)
chmod 755 "$WORK"
PIDS=()
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    as_server "$PG/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 100); do
        python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "queue.sh: nothing listens on 127.0.0.1:$1" >&2
    exit 1
}

# PostgreSQL: trust on loopback (a benchmark server of its own, gone at exit).
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown nobody "$WORK/pg"
as_server "$PG/initdb" -D "$WORK/pg/data" -U scout --auth=trust -E UTF8 --no-sync >/dev/null
PG_PORT=$(free_port)
as_server "$PG/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
database() {  # NAME → URL of a fresh database
    "$PG/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U scout -d postgres -c "CREATE DATABASE $1" >/dev/null
    echo "postgresql://scout@127.0.0.1:$PG_PORT/$1"
}

echo "Claims: $CLAIM_JOBS jobs, 4 workers…" >&2
CLAIMS=$("$SCOUT_BENCH" queue-claims "$(database claims)" "$CLAIM_JOBS" 4)
echo "$CLAIMS" >&2

PORT=$(free_port)
cat > "$WORK/registry.yml" <<YAML
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
  secret: queue-benchmark
YAML
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
wait_port "$PORT"
echo "Pushing $REPOSITORIES × $TAGS images to 127.0.0.1:$PORT…" >&2
python3 benchmarks/push-fleet.py "127.0.0.1:$PORT" "$WORK/fleet" "$REPOSITORIES" "$TAGS"

write_config() {  # NAME [QUEUE_URL]
    {
        echo "title: Queue benchmark"
        echo "store: $1.sqlite"
        echo "site: $1-site"
        echo "advisories:"
        echo "  - name: fleet"
        echo "    format: osv"
        echo "    path: advisories"
        echo "registries:"
        echo "  - name: fleet"
        echo "    url: http://127.0.0.1:$PORT"
        cat "$WORK/fleet/repositories.yml"
        if [ -n "${2:-}" ]; then
            echo "queue:"
            echo "  url: $2"
        fi
    } > "$WORK/fleet/$1.yml"
    echo "$WORK/fleet/$1.yml"
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
cpu_of() { python3 -c "import os,sys; f=open('/proc/%s/stat'%sys.argv[1]).read().rsplit(')',1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))" "$1" 2>/dev/null || echo 0; }

ALONE=$(python3 benchmarks/stage-times.py --cpu "$SCOUT_BIN" run --config "$(write_config alone)")
echo "no queue: $ALONE" >&2
LOCAL=$(python3 benchmarks/stage-times.py --cpu "$SCOUT_BIN" run --local-workers 2 --config "$(write_config local "$(database local)")")
echo "queue, --local-workers 2: $LOCAL" >&2
REMOTE_CONFIG=$(write_config remote "$(database remote)")
WORKERS=()
for _ in 1 2; do
    "$SCOUT_BIN" worker --quiet --config "$REMOTE_CONFIG" &
    WORKERS+=($!)
    PIDS+=($!)
done
REMOTE=$(python3 benchmarks/stage-times.py --cpu "$SCOUT_BIN" run --local-workers 0 --config "$REMOTE_CONFIG")
WORKER_CPU=0
for pid in "${WORKERS[@]}"; do WORKER_CPU=$(echo "$WORKER_CPU + $(cpu_of "$pid")" | bc -l); done
echo "queue, --local-workers 0 + 2 workers: $REMOTE (workers' CPU $WORKER_CPU s)" >&2

OUT="$WORK/results.md"
{
    echo
    echo "### Work queue: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "Command: \`benchmarks/queue.sh $REPOSITORIES $TAGS $CLAIM_JOBS\`; $((REPOSITORIES * TAGS + 4)) images; PostgreSQL 15 on loopback (fsync off)."
    echo
    echo "Claims with 4 workers on jobs that need no work: $(field "$CLAIMS" completed) in $(field "$CLAIMS" seconds) s, **$(field "$CLAIMS" claims_per_second) claims/s**."
    echo
    echo "| cold run | scan s (CPU of the run) | evaluate s | publish s | whole run s | peak RSS MB |"
    echo "|---|--:|--:|--:|--:|--:|"
    echo "| no queue | $(field "$ALONE" scan) ($(field "$ALONE" scan_cpu)) | $(field "$ALONE" evaluate) | $(field "$ALONE" publish) | $(field "$ALONE" total) | $(field "$ALONE" peak_rss_mb) |"
    echo "| queue, \`--local-workers 2\` | $(field "$LOCAL" scan) ($(field "$LOCAL" scan_cpu)) | $(field "$LOCAL" evaluate) | $(field "$LOCAL" publish) | $(field "$LOCAL" total) | $(field "$LOCAL" peak_rss_mb) |"
    echo "| queue, \`--local-workers 0\` + 2 \`scout-report worker\` | $(field "$REMOTE" scan) ($(field "$REMOTE" scan_cpu) + workers $(printf %.2f "$WORKER_CPU")) | $(field "$REMOTE" evaluate) | $(field "$REMOTE" publish) | $(field "$REMOTE" total) | $(field "$REMOTE" peak_rss_mb) |"
} > "$OUT"
cat "$OUT"
if [ "${QUEUE_RESULTS:-0}" = 1 ]; then cat "$OUT" >> benchmarks/RESULTS.md; fi
