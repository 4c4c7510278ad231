#!/usr/bin/env python3
"""Builds examples/images/postgres-13.1-buster, a small OCI image layout whose dpkg status lists the
ten Debian 10 (buster) packages of Docker Scout's own `postgres:13.1` example, at the exact versions
Scout's documentation prints (see README.md beside this folder). Deterministic: same bytes every run.

Nothing here is invented beyond the file layout: the package names are Debian's binary packages
for those source packages in buster, the versions are the ones in Scout's example, and
usr/lib/os-release is Debian 10's file as shipped by base-files 10.3+deb10u*.
"""
import gzip, hashlib, io, json, os, shutil, tarfile, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "images", "postgres-13.1-buster")

# (binary package, source package, version) — versions from Scout's `docker scout cves` example.
PACKAGES = [
    ("dpkg", "dpkg", "1.19.7"),
    ("libbsd0", "libbsd", "0.9.1-2"),
    ("libc6", "glibc", "2.28-10"),
    ("libgnutls30", "gnutls28", "3.6.7-4+deb10u6"),
    ("libksba8", "libksba", "1.3.5-2"),
    ("libldap-2.4-2", "openldap", "2.4.47+dfsg-3+deb10u5"),
    ("liblz4-1", "lz4", "1.8.3-1"),
    ("libssl1.1", "openssl", "1.1.1d-0+deb10u4"),
    ("libtasn1-6", "libtasn1-6", "4.13-3"),
    ("zlib1g", "zlib", "1:1.2.11.dfsg-1"),
]

OS_RELEASE = """PRETTY_NAME="Debian GNU/Linux 10 (buster)"
NAME="Debian GNU/Linux"
VERSION_ID="10"
VERSION="10 (buster)"
VERSION_CODENAME=buster
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
"""


def status_file():
    stanzas = []
    for binary, source, version in sorted(PACKAGES):
        lines = [f"Package: {binary}", "Status: install ok installed", "Architecture: amd64"]
        if source != binary:
            lines.append(f"Source: {source}")
        lines.append(f"Version: {version}")
        stanzas.append("\n".join(lines) + "\n")
    return "\n".join(stanzas)


def layer_tar():
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        def add_dir(name):
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, 0
            tar.addfile(info)

        def add_file(name, text):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))

        for d in ["etc", "usr", "usr/lib", "var", "var/lib", "var/lib/dpkg"]:
            add_dir(d)
        link = tarfile.TarInfo("etc/os-release")
        link.type, link.linkname, link.mode, link.mtime = tarfile.SYMTYPE, "../usr/lib/os-release", 0o777, 0
        tar.addfile(link)
        add_file("usr/lib/os-release", OS_RELEASE)
        add_file("var/lib/dpkg/status", status_file())
    return buffer.getvalue()


def write_blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(OUT, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "blobs", "sha256"))
    tar = layer_tar()
    diff_id = "sha256:" + hashlib.sha256(tar).hexdigest()
    layer = gzip.compress(tar, mtime=0)
    layer_digest, layer_size = write_blob(layer)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": "2020-12-11T00:00:00Z",
        "config": {"Cmd": ["postgres"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{
            "created": "2020-12-11T00:00:00Z",
            "created_by": "examples/tools/make-buster-image.py: dpkg status of the ten buster packages in Scout's postgres:13.1 example",
        }],
    }
    config_digest, config_size = write_blob(json.dumps(config, sort_keys=True, separators=(",", ":")).encode())
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer_size}],
    }
    manifest_digest, manifest_size = write_blob(json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode())
    index = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": manifest_size,
            "platform": {"architecture": "amd64", "os": "linux"},
            "annotations": {"org.opencontainers.image.ref.name": "13.1"},
        }],
    }
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, sort_keys=True, indent=2)
        f.write("\n")
    with open(os.path.join(OUT, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    print(manifest_digest)


if __name__ == "__main__":
    sys.exit(main())
