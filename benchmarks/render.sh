#!/usr/bin/env bash
# Render speed of the static site: a synthetic 1,000-image fleet (300 packages and 40 findings per
# image, 250 repositories of 4 tags, 10 runs of history) rendered whole: every image page with its
# Markdown and SARIF, every repository, comparison, vulnerability and package page.
#   benchmarks/render.sh [--images N] [--packages N] [--findings N] [--output DIR]
# Prints the whole site's time, files and pages per second, and the peak memory (/usr/bin/time -v).
# The output folder defaults to a fresh folder under $TMPDIR (on disk here, as a real site would be).
# On ext4, creating many files right after many were deleted nearby is slow (the inode allocator
# skips recently deleted inodes): system time then dominates; --output /dev/shm/x measures the
# renderer alone. --no-downloads leaves out the SARIF, CycloneDX and SPDX files.
# SCOUT_SITE_TIMING=1 adds the CPU time spent per page kind.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product SiteBenchmark >/dev/null
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
log=$(mktemp)
/usr/bin/time -v .build/release/SiteBenchmark "$@" 2>"$log" || { cat "$log" >&2; exit 1; }
grep -v -E '^\s' "$log" >&2 || true
awk -F': ' '/Maximum resident set size/ {printf "peak memory: %.0f MB\n", $2/1024}
  /User time/ {user=$2} /System time/ {sys=$2}
  /Elapsed \(wall clock\)/ {print "process wall time (with fleet generation): " $2}
  END {printf "CPU: %s s user, %s s system (system time is the filesystem creating the files)\n", user, sys}' "$log"
rm -f "$log"
