#!/usr/bin/env python3
"""Writes a synthetic OSV `all.zip` for the import benchmark: N records, one JSON file each.

Deterministic (seeded), shaped like the real per-ecosystem exports (Debian, PyPI, npm and Go
records with aliases, ranges, references and a CVSS vector). Synthetic, not advisory data: the ids
carry a `SYNTH-` prefix so they can never be mistaken for real ones.

usage: make-osv-zip.py OUT.zip [COUNT]
"""
import json
import random
import sys
import zipfile

ECOSYSTEMS = [
    ("Debian:12", "ECOSYSTEM", lambda r: f"{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}-{r.randint(1, 9)}+deb12u{r.randint(1, 5)}"),
    ("PyPI", "ECOSYSTEM", lambda r: f"{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}"),
    ("npm", "SEMVER", lambda r: f"{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}"),
    ("Go", "SEMVER", lambda r: f"{r.randint(0, 9)}.{r.randint(0, 40)}.{r.randint(0, 20)}"),
]
WORDS = "buffer overflow in parser allows remote attackers to cause denial of service via crafted input read heap use after free integer".split()


def record(index, rng):
    ecosystem, kind, version = ECOSYSTEMS[index % len(ECOSYSTEMS)]
    year = 2000 + index % 25
    cve = f"CVE-{year}-{100000 + index}"
    return {
        "schema_version": "1.6.0",
        "id": f"SYNTH-{year}-{index:07d}",
        "modified": f"{year}-0{1 + index % 9}-1{index % 9}T12:00:00Z",
        "published": f"{year}-01-01T00:00:00Z",
        "aliases": [cve],
        "summary": " ".join(rng.choice(WORDS) for _ in range(8)),
        "details": " ".join(rng.choice(WORDS) for _ in range(40)),
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "affected": [{
            "package": {"ecosystem": ecosystem, "name": f"package-{index % 5000}"},
            "ranges": [{"type": kind, "events": [{"introduced": "0"}, {"fixed": version(rng)}]}],
            "database_specific": {"source": "synthetic"},
        }],
        "references": [
            {"type": "ADVISORY", "url": f"https://example.invalid/advisories/{index}"},
            {"type": "WEB", "url": f"https://example.invalid/cve/{cve}"},
        ],
    }


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rng = random.Random(20260101)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for index in range(count):
            item = record(index, rng)
            archive.writestr(f"{item['id']}.json", json.dumps(item, indent=2))


if __name__ == "__main__":
    main()
