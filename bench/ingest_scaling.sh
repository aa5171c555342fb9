#!/usr/bin/env bash
# Ingest time against page size for pathological pages: a linear ingester
# shows a ratio near 2.0 each time the page doubles. Usage:
#   bench/ingest_scaling.sh [path/to/newsarc]     (default: build/newsarc)
# Prints a Markdown table; times are the best of 3 runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
newsarc=${1:-$here/../build/newsarc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

best_of_3() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1 ms
    t0=$(date +%s%N)
    "$newsarc" ingest --json "$1" >/dev/null 2>&1
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

echo "| page kind | lines | ms (best of 3) | ratio to half the lines |"
echo "|---|---|---|---|"
for kind in noblank dupes columns bylines; do
  prev=""
  for lines in 5000 10000 20000 40000; do
    python3 "$here/pathological_pages.py" "$kind" "$lines" "$work/$kind-$lines.txt"
    ms=$(best_of_3 "$work/$kind-$lines.txt")
    ratio="-"
    if [ -n "$prev" ] && [ "$prev" -gt 0 ]; then
      ratio=$(python3 -c "print(f'{$ms/$prev:.2f}')")
    fi
    echo "| $kind | $lines | $ms | $ratio |"
    prev=$ms
  done
done
