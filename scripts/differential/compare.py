"""Sets scout-report's answers beside an authority's, line by line (both files hold
"A<TAB>B<TAB>answer" for the same pairs in the same order), and prints every disagreement the
allow-list does not give a reason for. Exit 1 when there is one.
Usage: compare.py SCHEME OURS THEIRS ALLOWLIST"""
import sys

scheme, ours_path, theirs_path, allow_path = sys.argv[1:5]
allowed = {}
for line in open(allow_path, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 4 or not fields[3].strip():
        sys.exit(f"{allow_path}: every line needs scheme, a, b and a reason: {line!r}")
    allowed[(fields[0], fields[1], fields[2])] = fields[3]
    allowed[(fields[0], fields[2], fields[1])] = fields[3]

ours = [l.rstrip("\n").split("\t") for l in open(ours_path, encoding="utf-8")]
theirs = [l.rstrip("\n").split("\t") for l in open(theirs_path, encoding="utf-8")]
if len(ours) != len(theirs):
    sys.exit(f"{scheme}: scout-report answered {len(ours)} pairs, the authority {len(theirs)}")
unlisted, listed = [], 0
for o, t in zip(ours, theirs):
    if o[:2] != t[:2]:
        sys.exit(f"{scheme}: pairs out of step: {o[:2]} against {t[:2]}")
    if o[2] == t[2]:
        continue
    if (scheme, o[0], o[1]) in allowed:
        listed += 1
        continue
    unlisted.append(f"  {o[0]}  vs  {o[1]}: scout-report {o[2]}, authority {t[2]}")
print(f"{scheme}: {len(ours)} pairs, {len(ours) - listed - len(unlisted)} agree, "
      f"{listed} disagree with a listed reason, {len(unlisted)} disagree without one")
for line in unlisted[:200]:
    print(line)
sys.exit(1 if unlisted else 0)
