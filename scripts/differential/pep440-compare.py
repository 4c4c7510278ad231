"""packaging's answer (python3-packaging, Version) for each tab-separated pair on stdin:
"A<TAB>B<TAB>-1|0|1", or "!" when packaging refuses either version (InvalidVersion)."""
import sys
from packaging.version import InvalidVersion, Version

for line in sys.stdin:
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 2:
        continue
    a, b = fields
    try:
        x, y = Version(a), Version(b)
        r = (x > y) - (x < y)
    except InvalidVersion:
        r = "!"
    print(f"{a}\t{b}\t{r}")
