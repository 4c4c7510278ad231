#!/bin/sh
# Regenerates the cargo fixtures beside this script (needs cargo, cc, objcopy, python3; no network).
# 1. app/Cargo.lock: written by `cargo generate-lockfile --offline` for a two-crate workspace
#    (`demo-app` depending on the path crate `demo-util`): a real lock file, version 4 format.
#    Registry crates cannot be fetched here, so it has no `source`/`checksum` lines.
# 2. usr/local/bin/demo-auditable: a small C program (cc -Os, stripped) to which objcopy adds a
#    `.dep-v0` section holding zlib-compressed JSON in cargo-auditable's format (see README).
#    cargo-auditable itself is not installable offline, so the section is written by this script.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/ws/demo-app/src" "$work/ws/demo-util/src"
printf '[workspace]\nmembers = ["demo-app", "demo-util"]\nresolver = "2"\n' > "$work/ws/Cargo.toml"
printf '[package]\nname = "demo-app"\nversion = "0.3.1"\nedition = "2021"\n\n[dependencies]\ndemo-util = { path = "../demo-util" }\n' > "$work/ws/demo-app/Cargo.toml"
printf '[package]\nname = "demo-util"\nversion = "1.0.0-beta.2"\nedition = "2021"\n' > "$work/ws/demo-util/Cargo.toml"
echo 'fn main() {}' > "$work/ws/demo-app/src/main.rs"
echo '' > "$work/ws/demo-util/src/lib.rs"
(cd "$work/ws" && cargo generate-lockfile --offline --quiet)
mkdir -p "$here/app"
cp "$work/ws/Cargo.lock" "$here/app/Cargo.lock"

printf 'int main(void) { return 0; }\n' > "$work/main.c"
cc -Os -s -o "$work/demo" "$work/main.c"
python3 - "$work/deps.zlib" <<'PY'
import json, sys, zlib
deps = {"packages": [
    {"name": "demo-auditable", "version": "0.1.0", "source": "local", "dependencies": [1, 2], "root": True},
    {"name": "smallvec", "version": "1.6.0", "source": "crates.io"},
    {"name": "serde", "version": "1.0.130", "source": "crates.io"},
    {"name": "cc", "version": "1.0.72", "source": "crates.io", "kind": "build"},
]}
open(sys.argv[1], "wb").write(zlib.compress(json.dumps(deps, separators=(",", ":")).encode(), 9))
PY
mkdir -p "$here/usr/local/bin"
objcopy --add-section .dep-v0="$work/deps.zlib" --set-section-flags .dep-v0=noload,readonly "$work/demo" "$here/usr/local/bin/demo-auditable"
ls -la "$here/app" "$here/usr/local/bin"
