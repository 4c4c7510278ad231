#!/usr/bin/env python3
"""Builds the hostile images of issue 18, points 7 and 8, for `benchmarks/hostile-budgets.sh`.

usage: hostile-budgets.py OUT_DIR

OUT_DIR/whiteouts-N/    OCI layout: N package.json files, then a layer of N whiteouts (N = 20000, 60000)
OUT_DIR/jar-links/      OCI layout: a ~500 KB jar whose nested jars inflate to 8 x 63 MiB, plus 40 hard links to it
OUT_DIR/bomb.tar.gz     docker-save archive whose outer gzip inflates 4 GiB of zeros (about 4 MB of gzip)
OUT_DIR/fanout-K-D/     OCI layout: D nested indexes, each listing the next K times (K=8, D=6)
OUT_DIR/packages-100000/ OCI layout: 100,000 npm packages (for the site: `scout-report run`, see hostile-budgets.sh)
"""
import gzip, hashlib, io, json, os, subprocess, sys, tarfile, zipfile

def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()

def tar_bytes(entries):
    """entries: (name, bytes) or (name, None, linkname) for hard links."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for entry in entries:
            info = tarfile.TarInfo(entry[0])
            if len(entry) == 3:
                info.type = tarfile.LNKTYPE
                info.linkname = entry[2]
                tar.addfile(info)
            else:
                info.size = len(entry[1])
                tar.addfile(info, io.BytesIO(entry[1]))
    return buf.getvalue()

def layout(root, layers, index_blobs=(), top=None):
    os.makedirs(root + "/blobs/sha256", exist_ok=True)
    def blob(data):
        digest = sha(data)
        with open(root + "/blobs/sha256/" + digest[7:], "wb") as f:
            f.write(data)
        return digest
    descriptors = [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": blob(l), "size": len(l)} for l in layers]
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [sha(l) for l in layers]}}).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blob(config), "size": len(config)},
                           "layers": descriptors}).encode()
    descriptor = {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": blob(manifest), "size": len(manifest),
                  "platform": {"os": "linux", "architecture": "amd64"}}
    manifests = [descriptor]
    if top:
        fan_out, depth = top
        for _ in range(depth):
            index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}).encode()
            manifests = [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": blob(index), "size": len(index)}] * fan_out
    with open(root + "/oci-layout", "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    with open(root + "/index.json", "w") as f:
        json.dump({"schemaVersion": 2, "manifests": manifests}, f)

def whiteouts(out, count):
    files = [(f"srv/app/node_modules/p{i}/package.json", json.dumps({"name": f"p{i}", "version": "1.0.0"}).encode()) for i in range(count)]
    gone = [(f"srv/app/node_modules/p{i}/.wh.package.json", b"") for i in range(count)]
    layout(f"{out}/whiteouts-{count}", [tar_bytes(files), tar_bytes(gone)])

def jar_links(out):
    inner_buf = io.BytesIO()
    with zipfile.ZipFile(inner_buf, "w", zipfile.ZIP_STORED) as inner:
        inner.writestr("META-INF/maven/test.hostile/inner/pom.properties", "groupId=test.hostile\nartifactId=inner\nversion=1.0\n")
        inner.writestr("padding.bin", b"\0" * (63 << 20))
    inner = inner_buf.getvalue()
    outer_buf = io.BytesIO()
    with zipfile.ZipFile(outer_buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as outer:
        outer.writestr("META-INF/maven/test.hostile/app/pom.properties", "groupId=test.hostile\nartifactId=app\nversion=1.0\n")
        for i in range(8):
            outer.writestr(f"lib/inner-{i}.jar", inner)
    jar = outer_buf.getvalue()
    entries = [("opt/app/app.jar", jar)] + [(f"opt/link-{i}/app.jar", None, "opt/app/app.jar") for i in range(40)]
    layout(f"{out}/jar-links", [tar_bytes(entries)])
    return len(jar)

def bomb(out, zeros=4 << 30):
    layer = tar_bytes([("etc/os-release", b"ID=alpine\nVERSION_ID=3.19.1\n")])
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [sha(layer)]}}).encode()
    manifest = json.dumps([{"Config": "config.json", "RepoTags": ["bomb:1"], "Layers": ["layer1/layer.tar"]}]).encode()
    with open(f"{out}/bomb.tar.gz", "wb") as raw:
        proc = subprocess.Popen(["gzip", "-9", "-n"], stdin=subprocess.PIPE, stdout=raw)
        info = tarfile.TarInfo("padding/zeros"); info.size = zeros
        proc.stdin.write(info.tobuf(format=tarfile.USTAR_FORMAT))
        chunk = b"\0" * (16 << 20)
        for _ in range(zeros // len(chunk)):
            proc.stdin.write(chunk)
        body = tar_bytes([("config.json", config), ("layer1/layer.tar", layer), ("manifest.json", manifest)])
        proc.stdin.write(body)
        proc.stdin.close()
        proc.wait()

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for count in (20000, 60000):
        whiteouts(out, count)
    many = [(f"srv/app/node_modules/p{i}/package.json", json.dumps({"name": f"p{i}", "version": "1.0.0"}).encode()) for i in range(100000)]
    layout(f"{out}/packages-100000", [tar_bytes(many)])
    print("jar bytes", jar_links(out))
    layout(f"{out}/fanout-8-6", [tar_bytes([("etc/os-release", b"ID=alpine\n")])], top=(8, 6))
    bomb(out)
