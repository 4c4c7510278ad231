#!/usr/bin/env python3
"""Runs `scout-report evaluate ...` and times its two stages from its progress lines (stderr), for
benchmarks/history.sh.

usage: evaluate-times.py SCOUT-REPORT-BINARY ARGS...
Prints one line: `total=S evaluate=S publish=S written_files=N written_mb=M linked_files=N linked_mb=M
rendered=N reused=N peak_rss_mb=M cpu_s=S`: evaluate runs from the process start to the `Evaluated` line,
publish from there to the `Published … : wrote N files (M MB), linked N unchanged files (M MB); rendered N
files, reused N pages unrendered` line, whose figures are copied (rendered and reused: `-` from a build
that does not print them). Peak RSS is the child's maximum resident set, CPU seconds its user and system
time (getrusage): on a shared machine, CPU seconds vary less than wall time."""
import re, resource, subprocess, sys, time

start = time.monotonic()
process = subprocess.Popen(sys.argv[1:], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
marks = {"evaluate": None, "publish": None}
written = linked = None
pages = ("-", "-")
tail = []
for line in process.stderr:
    now = time.monotonic()
    tail = (tail + [line])[-20:]
    if line.startswith("Evaluated"):
        marks["evaluate"] = now
    elif line.startswith("Published"):
        marks["publish"] = now
        found = re.search(r"wrote (\d+) files \(([\d.]+) MB\), linked (\d+) unchanged files \(([\d.]+) MB\)", line)
        if found:
            written = (found.group(1), found.group(2))
            linked = (found.group(3), found.group(4))
        found = re.search(r"rendered (\d+) files, reused (\d+) pages", line)
        if found:
            pages = (found.group(1), found.group(2))
status = process.wait()
end = time.monotonic()
if status != 0 or None in marks.values() or written is None:
    sys.stderr.write("".join(tail))
    sys.exit(f"evaluate-times: {' '.join(sys.argv[1:])} exited {status} or printed no stage lines")
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = usage.ru_maxrss / 1024
print(f"total={end - start:.3f} evaluate={marks['evaluate'] - start:.3f} publish={marks['publish'] - marks['evaluate']:.3f} "
      f"written_files={written[0]} written_mb={written[1]} linked_files={linked[0]} linked_mb={linked[1]} "
      f"rendered={pages[0]} reused={pages[1]} peak_rss_mb={rss:.0f} cpu_s={usage.ru_utime + usage.ru_stime:.1f}")
