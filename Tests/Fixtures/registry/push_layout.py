#!/usr/bin/env python3
"""Pushes tags of an OCI image layout to a registry through the distribution HTTP API, many in one
process (skopeo starts a process per image and takes seconds each on a loaded machine). Used by the
registry tests only.

usage: push_layout.py LAYOUT HOST:PORT LAYOUT_TAG=REPOSITORY:TAG ...
Monolithic blob uploads (POST, then PUT with the digest); a blob the repository already has (HEAD) is
not sent again; the manifest is PUT with its own media type."""
import http.client, json, os, sys


def main():
    layout, address, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    host, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    index = json.load(open(os.path.join(layout, "index.json")))
    by_tag = {m.get("annotations", {}).get("org.opencontainers.image.ref.name"): m for m in index["manifests"]}

    def blob(digest):
        return open(os.path.join(layout, "blobs", "sha256", digest.split(":", 1)[1]), "rb").read()

    def request(method, path, body=None, headers=None):
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response

    def push_blob(repository, digest):
        if request("HEAD", "/v2/%s/blobs/%s" % (repository, digest)).status == 200:
            return
        location = request("POST", "/v2/%s/blobs/uploads/" % repository).getheader("Location")
        path = location.split(address, 1)[-1]
        data = blob(digest)
        response = request("PUT", path + ("&" if "?" in path else "?") + "digest=" + digest, data,
                           {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
        if response.status != 201:
            sys.exit("pushing blob %s to %s: HTTP %d" % (digest, repository, response.status))

    for pair in pairs:
        source, _, target = pair.partition("=")
        repository, _, tag = target.rpartition(":")
        descriptor = by_tag[source]
        manifest = json.loads(blob(descriptor["digest"]))
        for entry in [manifest["config"]] + manifest["layers"]:
            push_blob(repository, entry["digest"])
        response = request("PUT", "/v2/%s/manifests/%s" % (repository, tag), blob(descriptor["digest"]),
                           {"Content-Type": descriptor["mediaType"]})
        if response.status != 201:
            sys.exit("pushing manifest %s: HTTP %d" % (target, response.status))


if __name__ == "__main__":
    main()
