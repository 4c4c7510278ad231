#!/usr/bin/env python3
"""Writes the hostile image of issue 18.5 as an OCI layout (not committed; for measuring peak RSS).

usage: make-hostile-programs.py OUT_DIR [FILES] [MiB]    (defaults: 110 files of 64 MiB)

One valid gzip layer of FILES files under usr/local/bin/, each MiB mebibytes of one 16 KiB block
repeated (seeded random bytes behind an ELF64 header, so every file looks like a program and is
read whole by the binary catalogers). gzip level 1 (fast to make): 20 files of 64 MiB are 1.34 GB of
tar in 41 MB of gzip, 32 times, well under the 250 bomb ratio (the issue's layer, made with a better
deflate, was 52 MB for 110 files). Written as it is made: memory stays small."""
import hashlib, json, os, random, sys, tarfile, zlib

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 110
size = (int(sys.argv[3]) if len(sys.argv) > 3 else 64) << 20
block = bytearray(random.Random(18).randbytes(16 << 10))
block[:8] = b"\x7fELF\x02\x01\x01\x00"
block = bytes(block)
os.makedirs(os.path.join(out, "blobs/sha256"), exist_ok=True)
layer_path = os.path.join(out, "layer.tmp")


class Sink:
    """Hashes the tar, gzips it (level 1) to the blob file and hashes the blob."""
    def __init__(self, path):
        self.file = open(path, "wb")
        self.tar_hash, self.blob_hash = hashlib.sha256(), hashlib.sha256()
        self.deflate = zlib.compressobj(1, zlib.DEFLATED, 31)

    def _emit(self, data):
        self.blob_hash.update(data)
        self.file.write(data)

    def write(self, data):
        self.tar_hash.update(data)
        self._emit(self.deflate.compress(data))
        return len(data)

    def close(self):
        self._emit(self.deflate.flush())
        self.file.close()


class Repeated:
    """A file-like object of `size` bytes of `block` repeated."""
    def __init__(self):
        self.left = size

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        whole = (block * (n // len(block) + 1))[:n]
        self.left -= n
        return whole


sink = Sink(layer_path)
with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
    for index in range(count):
        info = tarfile.TarInfo(f"usr/local/bin/tool-{index}")
        info.size, info.mtime, info.mode = size, 0, 0o755
        tar.addfile(info, Repeated())
sink.close()
layer = "sha256:" + sink.blob_hash.hexdigest()
os.rename(layer_path, os.path.join(out, "blobs/sha256", layer[7:]))


def put(data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    open(os.path.join(out, "blobs/sha256", digest[7:]), "wb").write(data)
    return digest


config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers",
                     "diff_ids": ["sha256:" + sink.tar_hash.hexdigest()]}}).encode()
blob_size = os.path.getsize(os.path.join(out, "blobs/sha256", layer[7:]))
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put(config), "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": blob_size}]}).encode()
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(out, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": put(manifest), "size": len(manifest)}]}))
print(f"{out}: {count} files of {size >> 20} MiB, {blob_size / 1e6:.1f} MB of gzip", file=sys.stderr)
