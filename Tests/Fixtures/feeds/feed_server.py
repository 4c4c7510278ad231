#!/usr/bin/env python3
"""A loopback HTTP server for the remote-feed tests: serves files of a folder with ETag and
Last-Modified, answers 304 to a matching If-None-Match / If-Modified-Since, and fails on demand.

usage: feed_server.py FOLDER      (prints "PORT <n>" once listening on 127.0.0.1)

Failure modes, chosen per path by a file FOLDER/<name>.mode holding one word:
  fail500    answer 500
  truncate   announce the full Content-Length but send half the body, then close
  chunked    send the body in chunked encoding, without Content-Length (the size is known only at its end)
Every request is appended to FOLDER/requests.log as "<path> <status> <if-none-match>".
"""
import hashlib
import http.server
import os
import sys
from email.utils import formatdate, parsedate_to_datetime

ROOT = os.path.abspath(sys.argv[1])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, status):
        with open(os.path.join(ROOT, "requests.log"), "a") as log:
            log.write(f"{self.path} {status} {self.headers.get('If-None-Match', '-')}\n")

    def do_GET(self):
        name = self.path.lstrip("/").split("?")[0]
        path = os.path.join(ROOT, name)
        if "/" in name or not os.path.isfile(path):
            return self.answer(404, b"not found")
        mode_file = path + ".mode"
        mode = open(mode_file).read().strip() if os.path.exists(mode_file) else ""
        if mode == "fail500":
            return self.answer(500, b"failing on purpose")
        body = open(path, "rb").read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        mtime = int(os.path.getmtime(path))
        last_modified = formatdate(mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            return self.answer(304, b"", etag=etag, last_modified=last_modified)
        since = self.headers.get("If-Modified-Since")
        if since and self.headers.get("If-None-Match") is None:
            try:
                if mtime <= parsedate_to_datetime(since).timestamp():
                    return self.answer(304, b"", etag=etag, last_modified=last_modified)
            except (TypeError, ValueError):
                pass
        if mode == "truncate":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if mode == "chunked":
            self.record(200)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for start in range(0, len(body), 65536):
                    piece = body[start:start + 65536]
                    self.wfile.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
            return
        self.answer(200, body, etag=etag, last_modified=last_modified)

    def answer(self, status, body, etag=None, last_modified=None):
        self.record(status)
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        if last_modified:
            self.send_header("Last-Modified", last_modified)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
