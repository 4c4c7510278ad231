#!/usr/bin/env bash
# dpkg's answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when dpkg finds
# either version's syntax bad: `dpkg --compare-versions` exits 2, or answers with a "bad syntax"
# warning (a first character that is not a digit, a character outside the alphabet).
set -uo pipefail
while IFS=$'\t' read -r a b; do
  warning="$(dpkg --compare-versions "$a" lt "$b" 2>&1 >/dev/null)"; lt=$?
  if [ "$lt" -gt 1 ] || [[ "$warning" == *"bad syntax"* ]]; then r='!'
  elif [ "$lt" -eq 0 ]; then r=-1
  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then r=0
  else r=1
  fi
  printf '%s\t%s\t%s\n' "$a" "$b" "$r"
done
