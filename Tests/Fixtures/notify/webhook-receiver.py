#!/usr/bin/env python3
"""A webhook receiver for the notification tests, on 127.0.0.1 only.

Usage: webhook-receiver.py LOG [FAILURES]
Prints `PORT n` once it listens; appends each POST body as one line of LOG (bodies are single-line
JSON); answers the first FAILURES requests with HTTP 500, the others with 200.
"""
import http.server
import sys

log_path = sys.argv[1]
failures_left = int(sys.argv[2]) if len(sys.argv) > 2 else 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global failures_left
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(body.replace("\n", " ") + "\n")
        if failures_left > 0:
            failures_left -= 1
            self.send_response(500)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
