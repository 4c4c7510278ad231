#!/usr/bin/env python3
"""Writes the tar fixtures used by ImageSourceTests/TarReaderTests with Python's own tarfile module,
so the Swift reader is checked against an independent writer. Run from this folder:
    python3 make-tar-fixtures.py
Output is deterministic (fixed mtime, uid, names)."""
import io
import tarfile

LONG_DIR = "usr/lib/python3.11/site-packages/" + "a-very-long-directory-name-" * 4
LONG_PATH = LONG_DIR + "/METADATA"  # > 100 bytes, and no ustar prefix split possible with GNU


def add(tar, name, data=None, kind=tarfile.REGTYPE, link="", uid=0):
    info = tarfile.TarInfo(name)
    info.mtime = 1577836800
    info.uid = uid
    info.type = kind
    info.linkname = link
    if data is not None:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        tar.addfile(info)


def write(path, fmt):
    with tarfile.open(path, "w", format=fmt) as tar:
        add(tar, "./etc/", kind=tarfile.DIRTYPE)
        add(tar, "./etc/os-release", b'ID=alpine\nVERSION_ID=3.10.4\n')
        add(tar, LONG_PATH, b"Name: long\nVersion: 1.0\n")
        add(tar, "usr/lib/link-" + "x" * 120, kind=tarfile.SYMTYPE, link="/" + LONG_PATH)
        # A uid too big for 7 octal digits: GNU writes it base-256, pax as a record.
        add(tar, "big-uid.txt", b"uid\n", uid=3_000_000)
        # Non-ASCII name: pax stores it as a UTF-8 path record.
        add(tar, "données/été.txt", b"ete\n")


write("pax.tar", tarfile.PAX_FORMAT)
write("gnu.tar", tarfile.GNU_FORMAT)
