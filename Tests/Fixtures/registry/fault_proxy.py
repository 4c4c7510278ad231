#!/usr/bin/env python3
"""An HTTP proxy in front of a test registry that logs every request and injects faults.

Used by the registry tests only. Listens on 127.0.0.1 (ephemeral port, printed as "PORT <n>").
  --upstream URL           the registry it forwards to
  --log FILE               one JSON line per request: method, path, status, whether Authorization was sent
  --fail PATTERN:N         answer the first N requests whose path contains PATTERN with 500, then 503 + Retry-After: 0
  --retry-after SECONDS    the Retry-After those 503 answers carry (default 0)
  --delay SECONDS          wait this long before answering each request (a registry across a network)
  --delete-after-list REPO:TAG
                           right after serving REPO's tag list, delete TAG's manifest upstream (a tag deleted
                           between listing and fetching)
  --redirect-blobs         answer blob GETs with 307 to this proxy on 127.0.0.2 (another host), which serves
                           the blob itself using --upstream-auth; logged with host "127.0.0.2"
  --upstream-auth USER:PW  Basic credentials the proxy uses for redirected blobs and for deletions
  --slow-blobs SECONDS     send each blob body in 20 pieces spread over SECONDS (a reader stays in the middle
                           of a layer that long: the work-queue tests kill or stop a worker there)
"""
import argparse, signal, base64, http.client, json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

MANIFEST_TYPES = ", ".join([
    "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"])


def main():
    # A parent may spawn us with SIGTERM blocked (dispatch worker threads block signals): undo that.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail", action="append", default=[])
    parser.add_argument("--retry-after", default="0")
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--delete-after-list", default=None)
    parser.add_argument("--redirect-blobs", action="store_true")
    parser.add_argument("--upstream-auth", default=None)
    parser.add_argument("--slow-blobs", type=float, default=0)
    args = parser.parse_args()

    upstream = urlparse(args.upstream)
    lock = threading.Lock()
    failures = {}
    for spec in args.fail:
        pattern, _, count = spec.rpartition(":")
        failures[pattern] = int(count)
    deletion = args.delete_after_list.rsplit(":", 1) if args.delete_after_list else None
    own_auth = "Basic " + base64.b64encode(args.upstream_auth.encode()).decode() if args.upstream_auth else None
    ports = {}

    def record(entry):
        with lock, open(args.log, "a") as log:
            log.write(json.dumps(entry) + "\n")

    def forward(method, path, headers):
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        connection.request(method, path, headers=headers)
        return connection, connection.getresponse()

    def delete_tag(repo, tag):
        headers = {"Accept": MANIFEST_TYPES}
        if own_auth:
            headers["Authorization"] = own_auth
        connection, response = forward("HEAD", "/v2/%s/manifests/%s" % (repo, tag), headers)
        digest = response.getheader("Docker-Content-Digest")
        response.read()
        connection.close()
        if digest:
            connection, response = forward("DELETE", "/v2/%s/manifests/%s" % (repo, digest), headers)
            response.read()
            connection.close()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def handle_any(self, method):
            if args.delay:
                time.sleep(args.delay)
            host = self.server.server_address[0]
            entry = {"method": method, "path": self.path, "host": host, "auth": "Authorization" in self.headers}
            path = self.path
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            if host == "127.0.0.2":
                # The "blob storage": serve with the proxy's own credentials, never the client's.
                path = path[len("/storage"):]
                headers.pop("Authorization", None)
                if own_auth:
                    headers["Authorization"] = own_auth
            else:
                with lock:
                    for pattern, left in failures.items():
                        if pattern in path and left > 0:
                            failures[pattern] = left - 1
                            status = 500 if left % 2 == 0 else 503
                            break
                    else:
                        status = None
                if status:
                    entry["status"] = status
                    record(entry)
                    self.send_response(status)
                    if status == 503:
                        self.send_header("Retry-After", args.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if args.redirect_blobs and method == "GET" and "/blobs/sha256:" in path:
                    entry["status"] = 307
                    record(entry)
                    self.send_response(307)
                    self.send_header("Location", "http://127.0.0.2:%d/storage%s" % (ports["storage"], path))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            connection, response = forward(method, path, headers)
            entry["status"] = response.status
            record(entry)
            body = None
            if deletion and method == "GET" and path.startswith("/v2/%s/tags/list" % deletion[0]) and response.status == 200:
                # Deleted once listed but before the client has the list: deleting after sending it raced
                # the client's HEAD of that tag (a fast client asked first and found it).
                body = response.read()
                delete_tag(deletion[0], deletion[1])
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "keep-alive"):
                    self.send_header(name, value)
            if body is None:
                body = response.read() if method != "HEAD" else b""
            if response.getheader("Content-Length") is None:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method != "HEAD" and args.slow_blobs and "/blobs/sha256:" in path and len(body) > 0:
                piece = max(1, (len(body) + 19) // 20)
                try:
                    for start in range(0, len(body), piece):
                        self.wfile.write(body[start:start + piece])
                        self.wfile.flush()
                        time.sleep(args.slow_blobs / 20)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            elif method != "HEAD":
                self.wfile.write(body)
            connection.close()

        def do_GET(self):
            self.handle_any("GET")

        def do_HEAD(self):
            self.handle_any("HEAD")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if args.redirect_blobs:
        storage = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        ports["storage"] = storage.server_address[1]
        threading.Thread(target=storage.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
