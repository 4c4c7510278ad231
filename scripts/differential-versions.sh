#!/usr/bin/env bash
# Compares scout-report's version ordering with the ecosystems' own tools on every version pair of
# the project's test data and advisories (scripts/differential/collect-pairs.py), and fails on any
# disagreement that scripts/differential/allowed.tsv does not list with a reason.
#
#   scripts/install-deps.sh differential    # the tools, once (dpkg, python3-rpm, node-semver, ruby,
#                                           #   php-composer-semver, libmaven3-core-java + a JDK)
#   swift build --product scout-report
#   scripts/differential-versions.sh                      # every authority
#   scripts/differential-versions.sh --without-java       # all but Maven (no JRE needed)
#   scripts/differential-versions.sh --skip-missing       # leave out authorities not installed
#   SCOUT_REPORT=path/to/scout-report scripts/differential-versions.sh
#
# apk and NuGet have no Debian tool; their orderings are tested against apk-tools' and NuGet's own
# vectors in Tests/VersionsTests instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/scripts/differential"
binary="${SCOUT_REPORT:-$root/.build/debug/scout-report}"
python=/usr/bin/python3   # Debian's, which python3-rpm and python3-packaging install into
schemes=(dpkg rpm semver rubygems packagist pep440 maven)
skip_missing=0
for arg in "$@"; do
  case "$arg" in
    --without-java) schemes=("${schemes[@]/maven}") ;;
    --skip-missing) skip_missing=1 ;;
    *) echo "Unknown option '$arg'; use --without-java or --skip-missing." >&2; exit 64 ;;
  esac
done
[ -x "$binary" ] || { echo "Failed to find scout-report at '$binary': build it with 'swift build --product scout-report' or set SCOUT_REPORT." >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$here/collect-pairs.py" "$root" > "$work/pairs.tsv"

# Prints the authority's command for a scheme, or nothing when its tool is not installed.
authority() {
  case "$1" in
    dpkg) command -v dpkg >/dev/null && echo "$here/dpkg-compare.sh" ;;
    rpm) "$python" -c 'import rpm' 2>/dev/null && echo "$python $here/rpm-compare.py" ;;
    pep440) "$python" -c 'import packaging' 2>/dev/null && echo "$python $here/pep440-compare.py" ;;
    semver) [ -d /usr/share/nodejs/semver ] && command -v node >/dev/null && echo "env NODE_PATH=/usr/share/nodejs node $here/semver-compare.js" ;;
    rubygems) command -v ruby >/dev/null && echo "ruby $here/rubygems-compare.rb" ;;
    packagist) [ -f /usr/share/php/Composer/Semver/autoload.php ] && command -v php >/dev/null && echo "php $here/composer-compare.php" ;;
    maven)
      jar=/usr/share/java/maven3-artifact.jar
      if [ -f "$jar" ] && command -v javac >/dev/null; then
        javac -d "$work" -cp "$jar" "$here/MavenCompare.java" && echo "java -cp $work:$jar MavenCompare"
      fi ;;
  esac
  return 0
}

status=0
for scheme in "${schemes[@]}"; do
  [ -n "$scheme" ] || continue
  command="$(authority "$scheme")"
  if [ -z "$command" ]; then
    if [ "$skip_missing" = 1 ]; then echo "$scheme: skipped, its tool is not installed"; continue; fi
    echo "Failed to run the $scheme authority: its tool is not installed; run 'scripts/install-deps.sh differential' or pass --skip-missing." >&2
    exit 1
  fi
  awk -F'\t' -v s="$scheme" '$1 == s { print $2 "\t" $3 }' "$work/pairs.tsv" > "$work/$scheme.in"
  "$binary" compare-versions --scheme "$scheme" < "$work/$scheme.in" > "$work/$scheme.ours"
  $command < "$work/$scheme.in" > "$work/$scheme.theirs"
  "$python" "$here/compare.py" "$scheme" "$work/$scheme.ours" "$work/$scheme.theirs" "$here/allowed.tsv" || status=1
done
exit $status
