#!/usr/bin/env bash
# Installs the Debian packages scout-report needs, only those missing.
#   scripts/install-deps.sh          build and run (demo)
#   scripts/install-deps.sh test     also what the tests use
#   scripts/install-deps.sh differential   the ecosystems' own tools for scripts/differential-versions.sh
#                                          (not in `test`: a JDK and Maven are large, and CI runs without)
set -euo pipefail
packages=(pkg-config libsqlite3-dev libcmark-dev zlib1g-dev libisal-dev libcurl4-openssl-dev libpq-dev)
if [ "${1:-}" = "test" ]; then
  # python3-jsonschema validates SARIF/CycloneDX/SPDX output against the official schemas;
  # chromium loads every page kind of the site in the browser test.
  packages+=(chromium)
  # The registry tests: Debian's distribution registry, skopeo to push, htpasswd (bcrypt) for Basic
  # auth, openssl for the token issuer's key and certificate, python3 for the proxy and the issuer.
  # curl: the index fan-out test pushes its nested indexes with it.
  packages+=(docker-registry skopeo apache2-utils openssl python3 curl)
  # The Atom feed tests parse the site's feeds with a real feed parser.
  packages+=(python3-feedparser)
  # The work-queue tests start their own PostgreSQL 15 (initdb, pg_ctl and psql as user nobody
  # through runuser from util-linux when run as root).
  packages+=(postgresql-15 postgresql-client-15)
fi
if [ "${1:-}" = "differential" ]; then
  # dpkg is always there; librpm's and packaging's Python bindings, node-semver, RubyGems, Composer's
  # semver library, and Maven's maven-artifact with a JDK to compile the small driver.
  packages+=(python3 python3-rpm python3-packaging nodejs node-semver ruby php-cli php-composer-semver
             libmaven3-core-java default-jdk-headless)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = "test" ]; then
  # The schema tests run `python3 -c 'import jsonschema'` with whatever python3 is first on PATH;
  # the CycloneDX check resolves its $refs offline through `referencing` (jsonschema >= 4.18).
  if ! python3 -c 'import jsonschema, referencing' 2>/dev/null; then
    echo "Installing the jsonschema Python package" >&2
    python3 -m pip install --quiet 'jsonschema>=4.18' 2>/dev/null \
      || { $sudo apt-get install -y -qq python3-jsonschema >/dev/null; }
  fi
fi
