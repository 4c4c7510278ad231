#!/usr/bin/env python3
"""A small token issuer for distribution's token auth, used by the registry tests only.

GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=...] with HTTP Basic credentials returns
{"token", "access_token", "expires_in", "issued_at"}: an RS256 JWT whose header carries the
certificate (x5c) the registry trusts through its rootcertbundle. Known users get the actions they
ask for; anonymous callers get a token with no access (as Docker Hub does for private repos).
Signing uses the `openssl` command, so only the Python standard library is needed.

Usage: token_issuer.py --key KEY.pem --cert CERT.pem --issuer ISS --users user:password [--expires 300]
Prints "PORT <n>" once listening on 127.0.0.1 (an ephemeral port), then serves until killed.
Every issued token is appended to --log as a JSON line (account, scopes), never the password.
"""
import argparse, signal, base64, json, os, subprocess, sys, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    # A parent may spawn us with SIGTERM blocked (dispatch worker threads block signals): undo that.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--users", action="append", default=[])
    parser.add_argument("--expires", type=int, default=300)
    parser.add_argument("--log", default=None)
    args = parser.parse_args()

    der = subprocess.run(["openssl", "x509", "-in", args.cert, "-outform", "DER"], check=True, capture_output=True).stdout
    users = dict(u.split(":", 1) for u in args.users)
    lock = threading.Lock()

    def sign(claims):
        header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(der).decode()]}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", args.key], input=signing_input.encode(),
                                   check=True, capture_output=True).stdout
        return signing_input + "." + b64url(signature)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            url = urlparse(self.path)
            if url.path != "/token":
                self.send_error(404)
                return
            query = parse_qs(url.query)
            account = None
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                if users.get(user) != password:
                    self.send_response(401)
                    self.send_header("Content-Type", "application/json")
                    body = b'{"details":"incorrect username or password"}'
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                account = user
            access = []
            for scope in query.get("scope", []):
                for one in scope.split(" "):
                    parts = one.split(":")
                    if len(parts) >= 3 and account is not None:
                        access.append({"type": parts[0], "name": ":".join(parts[1:-1]), "actions": parts[-1].split(",")})
            now = int(time.time())
            claims = {"iss": args.issuer, "sub": account or "", "aud": query.get("service", [""])[0],
                      "exp": now + args.expires, "nbf": now - 5, "iat": now, "jti": str(uuid.uuid4()), "access": access}
            token = sign(claims)
            if args.log:
                with lock, open(args.log, "a") as log:
                    log.write(json.dumps({"account": account, "scopes": query.get("scope", [])}) + "\n")
            body = json.dumps({"token": token, "access_token": token, "expires_in": args.expires,
                               "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
