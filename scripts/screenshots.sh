#!/usr/bin/env bash
# Screenshots of every page kind of the example site at desktop (1440 px) and phone (390 px) width,
# into docs/screenshots/dashboard-KIND-WIDTH.png, with Debian's headless Chromium (as BrowserTests).
#   scripts/screenshots.sh [SITE]      (default site-example; run `make site-example` first)
# The Base images tab and the triage view need a fleet with base images and KEV, which the example
# lacks: dashboard-base-images-* and dashboard-images-triage-* come from the test fleet of
# Tests/TemplatesTests/DashboardTests.swift and are left as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-site-example}
command -v chromium >/dev/null 2>&1 || { echo "needs chromium (scripts/install-deps.sh test)" >&2; exit 1; }
first() { find "$site/$1" -name "$2" | sort | head -1; }
declare -A pages=(
    [images]="$site/index.html"
    [image]="$(first images '*.html')"
    [compare]="$(first repositories 'compare-*.html')"
    [repository]="$(first repositories '*.html')"
    [vulnerabilities]="$site/vulnerabilities.html"
    [vulnerability]="$(first vulnerabilities '*.html')"
    [packages]="$site/packages.html"
    [package]="$(first packages '*.html')"
    [runs]="$site/runs.html"
    [settings]="$site/settings.html"
)
[ -f "$site/teams.html" ] && pages[teams]="$site/teams.html"
mkdir -p docs/screenshots
for kind in "${!pages[@]}"; do
    page=$(cd "$(dirname "${pages[$kind]}")" && pwd)/$(basename "${pages[$kind]}")
    for size in 1440,1100 390,1400; do
        out="docs/screenshots/dashboard-$kind-${size%%,*}.png"
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
            --screenshot="$PWD/$out" "file://$page" >/dev/null 2>&1
        # Palette PNGs (Debian's pngquant, when installed): a quarter of the size, no visible change.
        if command -v pngquant >/dev/null 2>&1; then pngquant --force --skip-if-larger --ext .png --quality 80-95 "$out" || true; fi
        echo "$out"
    done
done
