#!/usr/bin/env python3
"""Generates a synthetic OCI layout with one big gzip layer for benchmarks/catalog.sh (not committed).

usage: make-big-image.py OUT_DIR FIXTURES_DIR [MiB]

The layer mixes what application images hold: package metadata taken from the repository's real
rootfs fixtures (copied under generated names: 2,000 installed npm packages, 400 Python dist-infos,
40 jars, the dpkg status of Debian bookworm) and filler files (half random bytes like binaries,
half repetitive text) up to about MiB mebibytes uncompressed. Every package is synthetic: this is
load, not data to assert on. Deterministic (seeded)."""
import gzip, hashlib, io, json, os, random, sys, tarfile

out, fixtures = sys.argv[1], sys.argv[2]
target = int(sys.argv[3]) if len(sys.argv) > 3 else 256
rng = random.Random(42)
root = os.path.join(fixtures, "rootfs")
read = lambda p: open(os.path.join(root, p), "rb").read()

package_json = json.loads(read("syft-npm-package-json/usr/local/lib/node_modules/npm/package.json"))
metadata = read("syft-python-site-packages/usr/local/lib/python3.8/site-packages/Pygments-2.6.1.dist-info/METADATA").decode()
jars = [read("scalibr-java-guava/opt/app/lib/guava-31.1-jre.jar"),
        read("syft-java-jar-metadata/opt/app/lib/jackson-core-2.15.2.jar")]

files = [("var/lib/dpkg/status", read("scalibr-dpkg-bookworm/var/lib/dpkg/status")),
         ("etc/os-release", read("scalibr-dpkg-bookworm/etc/os-release"))]
for i in range(2000):
    document = dict(package_json, name=f"bench-pkg-{i}", version=f"1.{i % 50}.{i % 7}")
    files.append((f"app/node_modules/bench-pkg-{i}/package.json", json.dumps(document, indent=2).encode()))
    files.append((f"app/node_modules/bench-pkg-{i}/index.js", b"module.exports = {};\n" * 200))
for i in range(400):
    text = metadata.replace("Name: Pygments", f"Name: bench-py-{i}").replace("Version: 2.6.1", f"Version: 2.{i}.0")
    files.append((f"usr/local/lib/python3.11/site-packages/bench_py_{i}-2.{i}.0.dist-info/METADATA", text.encode()))
for i in range(40):
    files.append((f"opt/app/lib/bench-{i}.jar", jars[i % 2]))
size = sum(len(content) for _, content in files)
index = 0
while size < target << 20:
    chunk = rng.randbytes(1 << 20) if index % 2 == 0 else (f"line {index} of generated text\n" * 40000).encode()[: 1 << 20]
    files.append((f"usr/share/bench/filler-{index}.bin", chunk))
    size += len(chunk)
    index += 1

raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for path, content in files:
        info = tarfile.TarInfo(path)
        info.size, info.mtime, info.mode = len(content), 0, 0o644
        tar.addfile(info, io.BytesIO(content))
layer = raw.getvalue()
blob = gzip.compress(layer, compresslevel=6, mtime=0)

def put(data):
    digest = hashlib.sha256(data).hexdigest()
    os.makedirs(os.path.join(out, "blobs/sha256"), exist_ok=True)
    open(os.path.join(out, "blobs/sha256", digest), "wb").write(data)
    return "sha256:" + digest

layer_digest = put(blob)
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers",
                     "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}}).encode()
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put(config), "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": len(blob)}]}).encode()
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(out, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": put(manifest), "size": len(manifest)}]}))
print(f"{out}: {len(layer) >> 20} MiB tar, {len(blob) >> 20} MiB gzip", file=sys.stderr)
