#!/usr/bin/env python3
"""Pushes a synthetic fleet into a distribution registry for benchmarks/fleet.sh (not committed data).

usage: push-fleet.py REGISTRY OUT_DIR REPOSITORIES TAGS [PACKAGES] [BASE_REPOSITORIES]

REGISTRY is `127.0.0.1:PORT` (plain HTTP, no auth). Pushes REPOSITORIES × TAGS distinct images
(repository `app/svcNNNN`, tags `1.0`, `1.1`, …) over four shared base layers (two Debian-like with a
dpkg status, two Alpine-like with an apk database, PACKAGES packages each: make-fleet.py's formats),
plus BASE_REPOSITORIES base-only repositories (`base/osN`, tag `1.0`: the base layer alone) so base
detection has work. Each image adds one small layer: its package database rewritten with a few
upgrades and additions, and a little filler.

Pushed through the distribution HTTP API as skopeo would, but monolithic: HEAD a shared blob (mounted
from the repository that has it when missing), else POST /v2/NAME/blobs/uploads/ and PUT
LOCATION&digest=…, then PUT the manifest; on a pool of threads, each with a keep-alive connection.

Writes OUT_DIR/advisories/*.json (OSV records for 40 packages of each base, every version affected:
about 40 findings an image) and OUT_DIR/repositories.yml (the `repositories:` entries, registry
`fleet`). Deterministic (seeded)."""
import hashlib, http.client, importlib.util, json, os, random, sys, threading
from concurrent.futures import ThreadPoolExecutor

spec = importlib.util.spec_from_file_location("make_fleet", os.path.join(os.path.dirname(__file__), "make-fleet.py"))
make_fleet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_fleet)

VULNERABLE = 40
local = threading.local()


def connection(registry):
    if getattr(local, "connection", None) is None:
        host, port = registry.rsplit(":", 1)
        local.connection = http.client.HTTPConnection(host, int(port), timeout=60)
    return local.connection


def request(registry, method, path, body=None, headers=None):
    """One request on this thread's keep-alive connection (reopened once if the server closed it)."""
    for attempt in (0, 1):
        conn = connection(registry)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, response.headers, data
        except (http.client.HTTPException, ConnectionError):
            conn.close()
            local.connection = None
            if attempt:
                raise


def push_blob(registry, repository, data, known, lock):
    """Uploads `data` unless `repository` has it; a blob another repository has is mounted from it."""
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with lock:
        holder = known.get(digest)
    if holder is not None:
        status, _, _ = request(registry, "HEAD", f"/v2/{repository}/blobs/{digest}")
        if status == 200:
            return digest, len(data)
        status, headers, _ = request(registry, "POST", f"/v2/{repository}/blobs/uploads/?mount={digest}&from={holder}",
                                     headers={"Content-Length": "0"})
        if status == 201:
            return digest, len(data)
    else:
        status, headers, _ = request(registry, "POST", f"/v2/{repository}/blobs/uploads/", headers={"Content-Length": "0"})
    if status != 202:
        sys.exit(f"push-fleet: starting an upload to '{repository}' answered {status}")
    location = headers["Location"]
    if location.startswith("http"):
        location = "/" + location.split("/", 3)[3]
    separator = "&" if "?" in location else "?"
    status, _, body = request(registry, "PUT", f"{location}{separator}digest={digest}", body=data,
                              headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
    if status != 201:
        sys.exit(f"push-fleet: uploading {digest} to '{repository}' answered {status}: {body[:200]!r}")
    with lock:
        known.setdefault(digest, repository)
    return digest, len(data)


def push_image(registry, repository, tag, layers, created, known, lock):
    """layers: [(blob bytes, diffID)]."""
    descriptors = [(*push_blob(registry, repository, blob, known, lock), diff_id) for blob, diff_id in layers]
    config = json.dumps({"architecture": "amd64", "os": "linux", "created": created,
                         "rootfs": {"type": "layers", "diff_ids": [d for _, _, d in descriptors]}}).encode()
    config_digest, config_size = push_blob(registry, repository, config, known, lock)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
                           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": b, "size": s}
                                      for b, s, _ in descriptors]}).encode()
    status, _, body = request(registry, "PUT", f"/v2/{repository}/manifests/{tag}", body=manifest,
                              headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    if status != 201:
        sys.exit(f"push-fleet: pushing the manifest of '{repository}:{tag}' answered {status}: {body[:200]!r}")


def bases(packages):
    """Four (debian, packages, gzip blob, diffID) base layers."""
    rng = random.Random(9)
    out = []
    for b in range(4):
        debian = b % 2 == 0
        # Names end in a letter: make-fleet's dpkg Source field strips trailing digits.
        pkgs = [(f"fleet{b}lib{k}x", f"1.{k % 40}.{k % 9}-{k % 3 + 1}+deb12u1" if debian else f"1.{k % 40}.{k % 9}-r{k % 5}")
                for k in range(packages)]
        files = ([("etc/os-release", b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'),
                  ("var/lib/dpkg/status", make_fleet.dpkg_status(pkgs))] if debian else
                 [("etc/os-release", b'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n'),
                  ("etc/alpine-release", b"3.19.1\n"), ("lib/apk/db/installed", make_fleet.apk_installed(pkgs))])
        files.append((f"usr/lib/fleet{b}/filler.so", make_fleet.filler(rng, 256 << 10, f"b{b}")))
        tar, blob = make_fleet.layer(files)
        out.append((debian, pkgs, blob, "sha256:" + hashlib.sha256(tar).hexdigest()))
    return out


def app_layer(index, debian, pkgs):
    rng = random.Random(index)
    upgraded = [(n, v + ("+b1" if debian else "1")) if k % 50 == index % 50 else (n, v) for k, (n, v) in enumerate(pkgs)]
    upgraded += [(f"app{index}dep{k}x", f"2.{k}.0-1" if debian else f"2.{k}.0-r0") for k in range(3)]
    db = ("var/lib/dpkg/status", make_fleet.dpkg_status(upgraded)) if debian else ("lib/apk/db/installed", make_fleet.apk_installed(upgraded))
    tar, blob = make_fleet.layer([db, (f"app/image{index}/data.bin", rng.randbytes(4096))])
    return blob, "sha256:" + hashlib.sha256(tar).hexdigest()


def advisories(out, base_layers):
    folder = os.path.join(out, "advisories")
    os.makedirs(folder, exist_ok=True)
    for b, (debian, pkgs, _, _) in enumerate(base_layers):
        for k, (name, _) in enumerate(pkgs[:VULNERABLE]):
            record = {
                "schema_version": "1.6.0", "id": f"SYNTH-FLEET-{b}-{k:03d}", "modified": "2026-01-01T00:00:00Z",
                "published": "2026-01-01T00:00:00Z", "aliases": [f"CVE-2026-{10000 + b * 1000 + k}"],
                "summary": f"synthetic advisory for {name}",
                "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" if k % 4 == 0
                              else "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N"}],
                "affected": [{"package": {"ecosystem": "Debian:12" if debian else "Alpine:v3.19", "name": name},
                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "9.0-1" if debian else "9.0-r0"}]}]}],
            }
            with open(os.path.join(folder, f"{record['id']}.json"), "w") as f:
                json.dump(record, f)


def main():
    registry, out = sys.argv[1], sys.argv[2]
    repositories, tags = int(sys.argv[3]), int(sys.argv[4])
    packages = int(sys.argv[5]) if len(sys.argv) > 5 else 300
    base_repositories = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    os.makedirs(out, exist_ok=True)
    base_layers = bases(packages)
    advisories(out, base_layers)
    known, lock = {}, threading.Lock()
    entries = []

    def base_job(b):
        debian, _, blob, diff_id = base_layers[b % 4]
        push_image(registry, f"base/os{b}", "1.0", [(blob, diff_id)], "2025-12-01T00:00:00Z", known, lock)

    def app_job(r):
        repository = f"app/svc{r:04d}"
        for t in range(tags):
            index = r * tags + t
            debian, pkgs, blob, diff_id = base_layers[index % 4]
            push_image(registry, repository, f"1.{t}", [(blob, diff_id), app_layer(index, debian, pkgs)],
                       f"2026-01-{1 + t % 28:02d}T00:00:00Z", known, lock)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(base_job, range(base_repositories)))
        list(pool.map(app_job, range(repositories)))
    for b in range(base_repositories):
        entries.append(f"  - name: base/os{b}\n    registry: fleet\n    baseOnly: true\n")
    for r in range(repositories):
        entries.append(f"  - name: app/svc{r:04d}\n    registry: fleet\n")
    with open(os.path.join(out, "repositories.yml"), "w") as f:
        f.write("repositories:\n" + "".join(entries))
    print(f"push-fleet: {repositories * tags + base_repositories} images in {repositories + base_repositories} repositories", file=sys.stderr)


if __name__ == "__main__":
    main()
