"""librpm's answer (python3-rpm, rpm.labelCompare over [epoch:]version[-release]) for each
tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when librpm refuses either
version ("invalid version")."""
import sys
import rpm


def evr(text):
    epoch, _, rest = text.rpartition(":") if ":" in text else ("", "", text)
    version, _, release = rest.partition("-") if "-" in rest else (rest, "", None)
    return (epoch or None, version, release)


for line in sys.stdin:
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 2:
        continue
    a, b = fields
    try:
        r = rpm.labelCompare(evr(a), evr(b))
    except ValueError:  # "invalid version"
        r = "!"
    print(f"{a}\t{b}\t{r}")
