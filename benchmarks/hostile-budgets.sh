#!/bin/sh
# Times `scout-report sbom` on the hostile images of issue 18 (points 7 and 8), built by hostile-budgets.py.
# usage: benchmarks/hostile-budgets.sh BINARY DIR [SECONDS]   (each run stops after SECONDS, default 120)
# Each run gets a fresh store (a stored digest would be answered without reading the image).
set -u
binary=$1 dir=$2 limit=${3:-120}
store=$(mktemp -d)
for image in oci-dir://$dir/whiteouts-20000 oci-dir://$dir/whiteouts-60000 oci-dir://$dir/jar-links \
             oci-dir://$dir/fanout-8-6 archive://$dir/bomb.tar.gz; do
    rm -f "$store"/*
    /usr/bin/time -v -o /tmp/hostile-time.$$ timeout "$limit" "$binary" sbom --db "$store/store.sqlite" --format list "$image" >/tmp/hostile-out.$$ 2>/tmp/hostile-err.$$
    status=$?
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' /tmp/hostile-time.$$)
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' /tmp/hostile-time.$$)
    rss=$(awk -F': ' '/Maximum resident/ {printf "%d", $2/1024}' /tmp/hostile-time.$$)
    packages=$(grep -c . /tmp/hostile-out.$$)
    echo "$image: exit $status, wall $wall, cpu ${cpu}s, max RSS ${rss} MiB, $packages output lines; stderr: $(head -c 300 /tmp/hostile-err.$$ | tr '\n' ' ')"
done
rm -rf "$store" /tmp/hostile-time.$$ /tmp/hostile-out.$$ /tmp/hostile-err.$$
