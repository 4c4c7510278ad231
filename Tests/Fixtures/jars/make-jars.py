#!/usr/bin/env python3
"""Writes the synthetic Java archives of CatalogersTests/HostileInputTests (hostile shapes, not real artifacts).

Run from this folder: python3 make-jars.py. Deterministic (fixed timestamps)."""
import io, struct, zipfile

STAMP = (1980, 1, 1, 0, 0, 0)

def jar(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()

def props(group, artifact, version):
    return f"groupId={group}\nartifactId={artifact}\nversion={version}\n".encode()

# Five levels of nesting, one artifact per level: level-0 … level-4.
inner = jar([("META-INF/maven/test.nested/level-4/pom.properties", props("test.nested", "level-4", "1.0"))])
for level in (3, 2, 1, 0):
    inner = jar([(f"META-INF/maven/test.nested/level-{level}/pom.properties", props("test.nested", f"level-{level}", "1.0")),
                 (f"lib/level-{level + 1}.jar", inner)])
open("nested-5-levels.jar", "wb").write(inner)

# A bomb: a nested "jar" of 80 MiB of zeros (over the 64 MiB nested limit) beside a real artifact.
bomb = jar([("META-INF/maven/test.bomb/ok/pom.properties", props("test.bomb", "ok", "2.0")),
            ("META-INF/maven/test.bomb/huge/pom.properties", b"#" * (4 << 20)),
            ("lib/zeros.jar", b"\0" * (80 << 20))])
open("bomb.jar", "wb").write(bomb)

# The same bomb whose central directory lies about the sizes (claims 10 bytes each).
lying = bytearray(bomb)
offset = lying.rfind(b"PK\x05\x06")
count, cd_offset = struct.unpack_from("<H", lying, offset + 10)[0], struct.unpack_from("<I", lying, offset + 16)[0]
position = cd_offset
for _ in range(count):
    struct.pack_into("<I", lying, position + 24, 10)
    name_length, extra_length, comment_length = struct.unpack_from("<HHH", lying, position + 28)
    position += 46 + name_length + extra_length + comment_length
open("bomb-lying-sizes.jar", "wb").write(bytes(lying))

open("not-a-zip.jar", "wb").write(b"this is not a zip archive\n")
