#!/usr/bin/env python3
"""Writes small seeds for the binary fuzz targets (fuzz/run.sh calls it): real Go binaries are megabytes,
past libFuzzer's -max_len, so the ELF seeds are built here the way the Go linker lays them out.
   binary-seeds.py WORK FIXTURES
elf/      a Go 1.18+ ELF (.go.buildinfo section, inline varint strings) and a pre-1.18 one without section
          headers (the magic found by scanning, two pointers to string headers through a PT_LOAD segment)
rpm-header/  every header blob of the rpm SQLite fixtures (table Packages, column blob)"""
import os, sqlite3, struct, sys

work, fixtures = sys.argv[1], sys.argv[2]
MAGIC = b"\xff Go buildinf:"
MODINFO = (b"0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6"
           b"path\texample.com/app\nmod\texample.com/app\t(devel)\t\n"
           b"dep\tgolang.org/x/text\tv0.14.0\th1:abc=\n=>\t../text\t\t\n"
           b"build\tGOOS=linux\n"
           b"\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2")

def varint(n):
    out = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        out += bytes([byte | (0x80 if n else 0)])
        if not n:
            return out

def elf_header(phnum, shoff, shnum, shstrndx):
    ident = b"\x7fELF\x02\x01\x01" + bytes(9)
    return ident + struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0, 64 if phnum else 0, shoff, 0, 64, 56, phnum, 64, shnum, shstrndx)

def go118():
    info = MAGIC + bytes([8, 2]) + bytes(16) + varint(8) + b"go1.22.0" + varint(len(MODINFO)) + MODINFO
    names = b"\x00.go.buildinfo\x00.shstrtab\x00"
    body_at = 64
    info_at, names_at = body_at, body_at + len(info)
    shoff = (names_at + len(names) + 7) // 8 * 8
    data = bytearray(elf_header(0, shoff, 3, 2) + info + names)
    data += bytes(shoff - len(data))
    data += bytes(64)
    data += struct.pack("<IIQQQQIIQQ", 1, 1, 3, 0, info_at, len(info), 0, 0, 16, 0)
    data += struct.pack("<IIQQQQIIQQ", 15, 3, 0, 0, names_at, len(names), 0, 0, 1, 0)
    return bytes(data)

def go116():
    base = 0x400000
    header = elf_header(1, 0, 0, 0)
    segment_at = len(header)
    info_at = 128
    version, modinfo = b"go1.16.15", MODINFO
    strings_at = info_at + 32
    version_header = strings_at + len(version) + len(modinfo)
    modinfo_header = version_header + 16
    total = modinfo_header + 16
    data = bytearray(header + bytes(56))
    data += bytes(info_at - len(data))
    data += MAGIC + bytes([8, 0]) + struct.pack("<QQ", base + version_header, base + modinfo_header)
    data += version + modinfo
    data += struct.pack("<QQ", base + strings_at, len(version))
    data += struct.pack("<QQ", base + strings_at + len(version), len(modinfo))
    data[segment_at:segment_at + 56] = struct.pack("<IIQQQQQQ", 1, 5, 0, base, base, total, total, 0x1000)
    return bytes(data)

os.makedirs(os.path.join(work, "elf"), exist_ok=True)
open(os.path.join(work, "elf", "go118.elf"), "wb").write(go118())
open(os.path.join(work, "elf", "go116.elf"), "wb").write(go116())
os.makedirs(os.path.join(work, "rpm-header"), exist_ok=True)
count = 0
for root, _, files in os.walk(fixtures):
    for name in files:
        if name != "rpmdb.sqlite":
            continue
        with sqlite3.connect(os.path.join(root, name)) as db:
            for hnum, blob in db.execute("SELECT hnum, blob FROM Packages ORDER BY hnum LIMIT 20"):
                open(os.path.join(work, "rpm-header", "%d-%d" % (count, hnum)), "wb").write(blob)
        count += 1
