#!/usr/bin/env python3
"""A hostile registry on loopback for the hostile-input tests (issue 18). Written for this project.

usage: hostile_registry.py MODE LOG [BLOB]   (prints "PORT <n>" once listening on 127.0.0.1)

Every request is appended to LOG as one JSON line: {"host", "path", "method", "auth"} where auth
is the Authorization header or null. Modes:
  realm-elsewhere  401 with a Bearer realm on http://127.0.0.2:<other port>/token (a second listener)
  echo-basic       401 Basic challenge; with credentials, a 400 whose error message echoes Authorization
  echo-bearer      the same behind a Bearer realm on this host (the token is "tok-ECHOED-7f3a")
  drip             /v2/ answers; a manifest is sent at one byte per second
  huge-manifest    a manifest without Content-Length that never ends (up to 4000 MB)
  no-range         blobs are the file BLOB, whole, whatever Range asks
  no-range-slow    the same, one MiB every quarter of a second
  self-link        a tag list of 3,000 copies of one tag whose Link "next" points at itself
"""
import http.server
import json
import os
import sys
import threading
import time

MODE, LOG = sys.argv[1], sys.argv[2]
BLOB = sys.argv[3] if len(sys.argv) > 3 else None
TOKEN = "tok-ECHOED-7f3a"
DIGEST = "sha256:" + "a" * 64
lock = threading.Lock()
token_port = 0


def record(handler, host):
    with lock, open(LOG, "a") as log:
        log.write(json.dumps({"host": host, "path": handler.path, "method": handler.command,
                              "auth": handler.headers.get("Authorization")}) + "\n")


class Base(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Token(Base):
    def do_GET(self):
        record(self, "127.0.0.2")
        self.send(200, json.dumps({"token": TOKEN}).encode(), {"Content-Type": "application/json"})


class Registry(Base):
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        record(self, "127.0.0.1")
        auth = self.headers.get("Authorization")
        path = self.path
        if MODE == "realm-elsewhere":
            if auth != "Bearer " + TOKEN:
                realm = f'Bearer realm="http://127.0.0.2:{token_port}/token",service="hostile"'
                return self.send(401, b"{}", {"WWW-Authenticate": realm})
            return self.send(200, b'{"name":"app","tags":["1"]}', {"Content-Type": "application/json"})
        if MODE in ("echo-basic", "echo-bearer"):
            if path.startswith("/token"):
                return self.send(200, json.dumps({"token": TOKEN}).encode(), {"Content-Type": "application/json"})
            if auth is None:
                port = self.server.server_address[1]
                challenge = 'Basic realm="hostile"' if MODE == "echo-basic" else f'Bearer realm="http://127.0.0.1:{port}/token",service="hostile"'
                return self.send(401, b"{}", {"WWW-Authenticate": challenge})
            message = f"denied: you sent Authorization: {auth}\x1b[31m\u202e" + "x" * 5000
            body = json.dumps({"errors": [{"code": "DENIED", "message": message}]}).encode()
            return self.send(400, body, {"Content-Type": "application/json"})
        if MODE == "drip":
            if "/tags/list" in path:
                return self.send(200, b'{"name":"app","tags":["1"]}', {"Content-Type": "application/json"})
            if "/manifests/" not in path or self.command == "HEAD":
                return self.send(200, b"")
            self.send_response(200)
            self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        if MODE == "header-flood":
            # Headers that never end: 64 MiB of small header lines before any blank line.
            self.send_response_only(200)
            self.flush_headers()   # the status line (send_response_only only buffers it)
            line = b"X-Flood: " + b"a" * 1000 + b"\r\n"
            try:
                for _ in range(64 << 10):
                    self.wfile.write(line)
            except OSError:
                pass
            return
        if MODE == "huge-manifest":
            if "/manifests/" not in path:
                return self.send(200, b"{}")
            self.send_response(200)
            self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = b" " * (1 << 20)
            chunk = b"%x\r\n" % len(piece) + piece + b"\r\n"
            try:
                for _ in range(4000):
                    self.wfile.write(chunk)
            except OSError:
                pass
            with lock, open(LOG, "a") as log:
                log.write(json.dumps({"host": "127.0.0.1", "path": "end", "method": "", "auth": None}) + "\n")
            return
        if MODE in ("no-range", "no-range-slow"):
            if "/blobs/" not in path:
                return self.send(200, b"{}")
            size = os.path.getsize(BLOB)
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            try:
                with open(BLOB, "rb") as blob:
                    while piece := blob.read(1 << 20):
                        self.wfile.write(piece)
                        if MODE == "no-range-slow":
                            self.wfile.flush()
                            time.sleep(0.25)
            except OSError:
                pass
            return
        if MODE == "self-link":
            if "/tags/list" in path:
                body = json.dumps({"name": "app", "tags": ["1"] * 3000}).encode()
                return self.send(200, body, {"Content-Type": "application/json", "Link": f'<{path}>; rel="next"'})
            if "/manifests/" in path:
                return self.send(200, b"", {"Docker-Content-Digest": DIGEST, "Content-Type": "application/vnd.oci.image.manifest.v1+json"})
            return self.send(200, b"{}")
        self.send(404, b"{}")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
server.daemon_threads = True
if MODE == "realm-elsewhere":
    other = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Token)
    token_port = other.server_address[1]
    threading.Thread(target=other.serve_forever, daemon=True).start()
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
