#!/usr/bin/env python3
"""Runs `scout-report run ...` and times its stages from its progress lines (stderr), for benchmarks/run.sh.

usage: stage-times.py SCOUT-REPORT-BINARY ARGS...
Prints one line: `total=S scan=S evaluate=S publish=S peak_rss_mb=M` where scan runs from the `Scanning`
line (after the advisory import; process start, store and config are not part of it) to the last
`Analysed`/`Cached` line (shown with `--verbose`) or the `Scanned` line that ends the stage, evaluate to the `Evaluated` line and
publish to the `Published` line. Peak RSS is the child's maximum resident set (getrusage)."""
import resource, subprocess, sys, time

start = time.monotonic()
process = subprocess.Popen(sys.argv[1:], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
marks = {"import": start, "scan": None, "evaluate": None, "publish": None}
for line in process.stderr:
    now = time.monotonic()
    if line.startswith(("Imported", "Kept the previous", "Kept the records", "Scanning")):
        marks["import"] = now
    elif line.startswith(("Analysed", "Cached", "Scanned")):
        marks["scan"] = now
    elif line.startswith("Evaluated"):
        marks["evaluate"] = now
    elif line.startswith("Published"):
        marks["publish"] = now
status = process.wait()
end = time.monotonic()
if status != 0 or None in marks.values():
    sys.exit(f"stage-times: {' '.join(sys.argv[1:])} exited {status} or printed no stage lines")
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"total={end - start:.3f} scan={marks['scan'] - marks['import']:.3f} "
      f"evaluate={marks['evaluate'] - marks['scan']:.3f} publish={marks['publish'] - marks['evaluate']:.3f} "
      f"peak_rss_mb={rss:.0f}")
