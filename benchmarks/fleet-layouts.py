#!/usr/bin/env python3
"""Writes the fleet benchmark's images as OCI layouts, for the issue-13 comparison of a cold registry
scan with the analysis of the same images from `images:` entries (no network).

usage: fleet-layouts.py REGISTRY_STORAGE OUT_DIR REPOSITORIES_YML

REGISTRY_STORAGE is the `rootdirectory` of the docker-registry fleet.sh started (its filesystem driver
keeps blobs at docker/registry/v2/blobs/sha256/XX/HEX/data and each tag's manifest digest at
docker/registry/v2/repositories/NAME/_manifests/tags/TAG/current/link). One layout per tag, its blobs
hard-linked from the registry's (no copy), and OUT_DIR/images.yml: the `repositories:` entries of
REPOSITORIES_YML with an `images:` list of `oci-dir://` references instead of `registry:`."""
import json, os, sys

storage, out, repositories_yml = sys.argv[1:4]
root = os.path.join(storage, "docker", "registry", "v2")


def blob_path(digest):
    hex_digest = digest.split(":", 1)[1]
    return os.path.join(root, "blobs", "sha256", hex_digest[:2], hex_digest, "data")


names = []
base_only = set()
for line in open(repositories_yml):
    line = line.strip()
    if line.startswith("- name: "):
        names.append(line[len("- name: "):])
    elif line == "baseOnly: true":
        base_only.add(names[-1])

lines = ["repositories:"]
for name in names:
    tags_dir = os.path.join(root, "repositories", name, "_manifests", "tags")
    lines.append(f"  - name: {name}")
    if name in base_only:
        lines.append("    baseOnly: true")
    lines.append("    images:")
    for tag in sorted(os.listdir(tags_dir)):
        digest = open(os.path.join(tags_dir, tag, "current", "link")).read().strip()
        manifest_bytes = open(blob_path(digest), "rb").read()
        manifest = json.loads(manifest_bytes)
        layout = os.path.join(out, name.replace("/", "_") + "_" + tag)
        blobs = os.path.join(layout, "blobs", "sha256")
        os.makedirs(blobs, exist_ok=True)
        for blob in [digest, manifest["config"]["digest"]] + [layer["digest"] for layer in manifest["layers"]]:
            target = os.path.join(blobs, blob.split(":", 1)[1])
            if not os.path.exists(target):
                os.link(blob_path(blob), target)
        with open(os.path.join(layout, "oci-layout"), "w") as f:
            json.dump({"imageLayoutVersion": "1.0.0"}, f)
        with open(os.path.join(layout, "index.json"), "w") as f:
            json.dump({"schemaVersion": 2, "manifests": [{
                "mediaType": manifest.get("mediaType", "application/vnd.oci.image.manifest.v1+json"),
                "digest": digest, "size": len(manifest_bytes)}]}, f)
        lines.append(f'      - tag: "{tag}"')
        lines.append(f"        ref: oci-dir://{layout}")
with open(os.path.join(out, "images.yml"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"fleet-layouts: {sum(1 for l in lines if 'ref:' in l)} layouts in {out}", file=sys.stderr)
