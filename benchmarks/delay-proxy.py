#!/usr/bin/env python3
"""A loopback HTTP proxy that delays every request, as a registry across a network would (fleet.sh).

usage: delay-proxy.py UPSTREAM_HOST:PORT DELAY_MS COUNT_FILE
Listens on 127.0.0.1 (ephemeral port, printed as "PORT <n>"), sleeps DELAY_MS before forwarding each
request to UPSTREAM on that thread's keep-alive connection, streams the answer back (keep-alive to the
client too) and keeps the number of requests served so far in COUNT_FILE (rewritten every 50 ms)."""
import http.client, os, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

upstream_host, upstream_port = sys.argv[1].rsplit(":", 1)
delay = int(sys.argv[2]) / 1000
count_file = sys.argv[3]
lock = threading.Lock()
served = 0
local = threading.local()
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Server(ThreadingHTTPServer):
    # socketserver's listen backlog is 5: with more connections opened at once than that, the
    # kernel drops SYNs and the client waits a second to retry, which measured as a slow client.
    request_queue_size = 1024
    daemon_threads = True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        global served
        time.sleep(delay)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
        headers["Host"] = f"{upstream_host}:{upstream_port}"
        for attempt in (0, 1):
            if getattr(local, "upstream", None) is None:
                local.upstream = http.client.HTTPConnection(upstream_host, int(upstream_port), timeout=60)
            try:
                local.upstream.request(self.command, self.path, body=body, headers=headers)
                response = local.upstream.getresponse()
                break
            except (http.client.HTTPException, ConnectionError):
                local.upstream.close()
                local.upstream = None
                if attempt:
                    raise
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in HOP and key.lower() != "content-length":
                self.send_header(key, value)
        if self.command == "HEAD":
            self.send_header("Content-Length", response.getheader("Content-Length") or "0")
        else:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        with lock:
            served += 1

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = forward


def write_count():
    """Every 50 ms, the count so far (a file write per request made the proxy the fleet's bottleneck)."""
    written = -1
    while True:
        with lock:
            now = served
        if now != written:
            with open(count_file + ".tmp", "w") as f:
                f.write(f"{now}\n")
            os.replace(count_file + ".tmp", count_file)
            written = now
        time.sleep(0.05)


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    with open(count_file, "w") as f:
        f.write("0\n")
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=write_count, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
