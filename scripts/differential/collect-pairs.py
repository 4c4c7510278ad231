"""Prints the version pairs the differential check compares, as "scheme<TAB>a<TAB>b" lines:
every pair of the version-ordering vectors and of authorities.txt (Tests/Fixtures/versions), and pairs of the versions
the project's advisories and package fixtures name for one package (Tests/Fixtures, examples/):
every pair when a package has at most 40 versions, else each version with its neighbours and a
seeded sample. Usage: collect-pairs.py REPOSITORY_ROOT"""
import io
import json
import os
import random
import re
import sys
import zipfile

ROOT = sys.argv[1]
ECOSYSTEMS = {
    "Debian": "dpkg", "Ubuntu": "dpkg", "Alpine": "apk", "Wolfi": "apk", "Chainguard": "apk",
    "Red Hat": "rpm", "Rocky Linux": "rpm", "AlmaLinux": "rpm", "openSUSE": "rpm", "SUSE": "rpm",
    "Mageia": "rpm", "Mariner": "rpm", "CBL-Mariner": "rpm", "Azure Linux": "rpm", "Amazon Linux": "rpm",
    "Fedora": "rpm", "Oracle Linux": "rpm", "PyPI": "pep440", "npm": "semver", "Go": "semver",
    "crates.io": "semver", "Hex": "semver", "Pub": "semver", "Maven": "maven", "RubyGems": "rubygems",
    "NuGet": "nuget", "Packagist": "packagist",
}
VECTOR_FILES = {
    "debian": "dpkg", "alpine": "apk", "redhat": "rpm", "pypi": "pep440", "semver": "semver",
    "maven": "maven", "rubygems": "rubygems", "nuget": "nuget", "packagist": "packagist",
}
PURL_TYPES = {"deb": "dpkg", "apk": "apk", "rpm": "rpm", "pypi": "pep440", "npm": "semver",
              "golang": "semver", "cargo": "semver", "maven": "maven", "gem": "rubygems",
              "nuget": "nuget", "composer": "packagist"}

groups = {}  # (scheme, package) -> set of versions


def add(scheme, package, version):
    if scheme and isinstance(version, str) and version and version != "0" and "\t" not in version and "\n" not in version:
        groups.setdefault((scheme, package), set()).add(version)


def osv(record):
    if not isinstance(record, dict):
        return
    for affected in record.get("affected") or []:
        pkg = affected.get("package") or {}
        scheme = ECOSYSTEMS.get(str(pkg.get("ecosystem", "")).split(":")[0])
        name = pkg.get("name", "")
        for version in affected.get("versions") or []:
            add(scheme, name, version)
        for r in affected.get("ranges") or []:
            if r.get("type") == "GIT":
                continue
            for event in r.get("events") or []:
                for v in event.values():
                    add(scheme, name, v)


def secdb(text, scheme="apk"):
    package = None
    for line in text.splitlines():
        m = re.match(r"\s*-?\s*pkg:\s*$", line) or re.match(r"\s*name:\s*(\S+)", line)
        if m and m.groups():
            package = m.group(1)
        m = re.match(r"\s+['\"]?([0-9][^'\":\s]*)['\"]?:\s*$", line)
        if m and package:
            add(scheme, package, m.group(1))


def parse(path, data):
    if path.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                parse(name, z.read(name))
    elif path.endswith(".json"):
        try:
            doc = json.loads(data)
        except ValueError:
            return
        if isinstance(doc, list):
            for item in doc:
                osv(item)
        if isinstance(doc, dict):
            osv(doc)
            for p in doc.get("packages", []) if isinstance(doc.get("packages"), list) else []:
                if isinstance(p, dict):
                    purl = str(p.get("purl", ""))
                    m = re.match(r"pkg:([a-z]+)/", purl)
                    if m:
                        add(PURL_TYPES.get(m.group(1)), p.get("name", ""), p.get("version"))
                    secfixes = (p.get("pkg") or {}).get("secfixes") if isinstance(p.get("pkg"), dict) else None
                    if isinstance(secfixes, dict):
                        for v in secfixes:
                            add("apk", p["pkg"].get("name", ""), v)
            secfixes = (doc.get("pkg") or {}).get("secfixes") if isinstance(doc.get("pkg"), dict) else None
            if isinstance(secfixes, dict):
                for v in secfixes:
                    add("apk", doc["pkg"].get("name", ""), v)
    elif path.endswith((".yaml", ".yml")):
        text = data.decode("utf-8", "replace")
        if "secfixes" in text:
            secdb(text)
        else:
            try:
                import yaml
                osv(yaml.safe_load(text))
            except Exception:
                pass


pairs = []
vectors = os.path.join(ROOT, "Tests/Fixtures/versions")
for name in sorted(os.listdir(vectors)):
    scheme = VECTOR_FILES.get(name.split("-")[0])
    if not scheme or not name.endswith(".txt"):
        continue
    for line in open(os.path.join(vectors, name), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith(("# ", "// ")):
            continue
        fields = line.split(" ")
        if len(fields) == 3:
            pairs.append((scheme, fields[0], fields[2]))

for line in open(os.path.join(vectors, "authorities.txt"), encoding="utf-8"):
    fields = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(fields) == 5:
        pairs.append((fields[0], fields[1], fields[3]))

for top in ("Tests/Fixtures", "examples/advisories"):
    for folder, _, files in os.walk(os.path.join(ROOT, top)):
        if "/versions" in folder:
            continue
        for f in sorted(files):
            if f.endswith((".json", ".yaml", ".yml", ".zip")):
                with open(os.path.join(folder, f), "rb") as handle:
                    parse(f, handle.read())

rng = random.Random(19)
for (scheme, package), versions in sorted(groups.items()):
    vs = sorted(versions)
    if len(vs) <= 40:
        pairs += [(scheme, a, b) for i, a in enumerate(vs) for b in vs[i + 1:]]
    else:
        pairs += [(scheme, vs[i], vs[i + 1]) for i in range(len(vs) - 1)]
        pairs += [(scheme, *rng.sample(vs, 2)) for _ in range(4 * len(vs))]

seen = set()
for p in pairs:
    if p not in seen:
        seen.add(p)
        print("\t".join(p))
