#!/usr/bin/env python3
"""Runs `scout-report run ...` and times its stages from its progress lines (stderr), for benchmarks/run.sh.

usage: stage-times.py SCOUT-REPORT-BINARY ARGS...
Prints one line: `total=S scan=S evaluate=S publish=S peak_rss_mb=M` where scan runs from the `Scanning`
line (after the advisory import; process start, store and config are not part of it) to the last
`Analysed`/`Cached` line (shown with `--verbose`) or the `Scanned` line that ends the stage, evaluate to the `Evaluated` line and
publish to the `Published` line. Peak RSS is the child's maximum resident set (getrusage).
With --cpu, each stage's CPU seconds (user + system, from /proc at the stage's last line), the peak RSS
reached by its end (VmHWM), and `requests=N` from a `Registry '…': N requests` summary line are added."""
import os, resource, subprocess, sys, time

cpu_fields = len(sys.argv) > 1 and sys.argv[1] == "--cpu"
if cpu_fields:
    del sys.argv[1]
TICKS = os.sysconf("SC_CLK_TCK")


def usage(pid):
    """(CPU seconds, VmHWM MB) of a running process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status") as f:
            hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        return (int(fields[11]) + int(fields[12])) / TICKS, hwm / 1024
    except (OSError, StopIteration, IndexError):
        return None

start = time.monotonic()
process = subprocess.Popen(sys.argv[1:], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
marks = {"import": start, "scan": None, "evaluate": None, "publish": None}
usages = {}
requests = 0
for line in process.stderr:
    now = time.monotonic()
    stage = None
    if line.startswith(("Imported", "Kept the previous", "Kept the records", "Scanning")):
        stage = "import"
    elif line.startswith(("Analysed", "Cached", "Scanned")):
        stage = "scan"
    elif line.startswith("Evaluated"):
        stage = "evaluate"
    elif line.startswith("Published"):
        stage = "publish"
    elif line.startswith("Registry '") and " requests" in line:
        requests += int(line.split(": ", 1)[1].split()[0])
    if stage:
        marks[stage] = now
        if cpu_fields:
            usages[stage] = usage(process.pid)
status = process.wait()
end = time.monotonic()
if status != 0 or None in marks.values():
    sys.exit(f"stage-times: {' '.join(sys.argv[1:])} exited {status} or printed no stage lines")
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"total={end - start:.3f} scan={marks['scan'] - marks['import']:.3f} "
      f"evaluate={marks['evaluate'] - marks['scan']:.3f} publish={marks['publish'] - marks['evaluate']:.3f} "
      f"peak_rss_mb={rss:.0f}", end="")
if cpu_fields:
    def cpu(stage, before):
        return usages[stage][0] - (usages[before][0] if usages.get(before) else 0) if usages.get(stage) else float("nan")
    print(f" scan_cpu={cpu('scan', 'import'):.2f} evaluate_cpu={cpu('evaluate', 'scan'):.2f} "
          f"publish_cpu={cpu('publish', 'evaluate'):.2f} scan_rss_mb={usages.get('scan', (0, 0))[1]:.0f} "
          f"evaluate_rss_mb={usages.get('evaluate', (0, 0))[1]:.0f} publish_rss_mb={usages.get('publish', (0, 0))[1]:.0f} "
          f"requests={requests}", end="")
print()
