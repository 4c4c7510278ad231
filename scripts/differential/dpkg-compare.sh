#!/usr/bin/env bash
# dpkg's answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when
# `dpkg --compare-versions` refuses either version (it exits 2 with "bad syntax").
set -uo pipefail
while IFS=$'\t' read -r a b; do
  dpkg --compare-versions "$a" lt "$b" 2>/dev/null; lt=$?
  if [ "$lt" -gt 1 ]; then r='!'
  elif [ "$lt" -eq 0 ]; then r=-1
  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then r=0
  else r=1
  fi
  printf '%s\t%s\t%s\n' "$a" "$b" "$r"
done
