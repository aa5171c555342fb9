#!/usr/bin/env bash
# Two newsarc binaries on the same edits, in pairs: the way to tell whether a
# change made one edited article's rebuild faster on a shared, noisy machine.
# Not a test: it prints wall time, CPU time and peak RSS per build.
#
# Usage:   bench/pair.sh OLD_BINARY NEW_BINARY [ROUNDS] [N]   (defaults: 5 rounds, N = 100000)
# Needs:   the raw corpus of N articles in $WORK/cN/raw (bench/run.sh makes it), time, python3.
# Env:     WORK=/tmp/bench
#
# Each binary gets its own site folder ($WORK/pair-old, $WORK/pair-new) over the same corpus,
# a clean build and a first edited build (the first rebuild links every file once). Then each
# round edits one source (a "，" becomes "、", or back) and builds both folders, one right
# after the other, old first in odd rounds and new first in even ones. The edited sources get their bytes back at the end, and the old site
# folders of an earlier pair.sh run are deleted then (not before: see RESULTS.md on
# deleting output trees just before measuring).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(realpath "$1"); NEW=$(realpath "$2"); ROUNDS=${3:-5}; N=${4:-100000}
WORK=${WORK:-/tmp/bench}
RAW=$WORK/c$N/raw
[ -d "$RAW" ] || { echo "no corpus in $RAW: run bench/run.sh $N first" >&2; exit 2; }

# make_site, edit_one
source "$REPO/bench/common.sh"

build() {  # build NAME BINARY -> one line
  local site=$WORK/pair-$1
  printf '%s\t' "$1"
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB" \
    "$2" build --root "$site" --out "$site/out" --jobs 2 -q 2>&1 | tail -1
}

mapfile -t SOURCES < <(find -L "$RAW" -name '*.txt' | sort)
BACKUP=$(mktemp -d "$WORK/pair-backup.XXXXXX")
EDITED=()
edit() {  # edits a source (2.5 s old by the build, so its stat is trusted), its bytes kept
  local f=${SOURCES[$(((RANDOM * 32768 + RANDOM) % ${#SOURCES[@]}))]}
  cp -p "$f" "$BACKUP/${#EDITED[@]}"; EDITED+=("$f")
  edit_one "$f"; sleep 2.5
}
restore() {  # newest first, so a source edited twice gets its first bytes back
  for ((k = ${#EDITED[@]} - 1; k >= 0; --k)); do cp "$BACKUP/$k" "${EDITED[$k]}"; done
  rm -rf "$BACKUP"
}
trap restore EXIT

for side in old new; do
  [ -e "$WORK/pair-$side" ] && mv "$WORK/pair-$side" "$(mktemp -d "$WORK/pair-trash.XXXXXX")/"
  make_site "$WORK/pair-$side" "$RAW"
done
echo "setting up: clean builds, then a first edit" >&2
build old "$OLD" >/dev/null; build new "$NEW" >/dev/null
edit; build old "$OLD" >/dev/null; build new "$NEW" >/dev/null
for round in $(seq "$ROUNDS"); do
  edit
  # The order alternates (old first, then new first): the first build after
  # the edit's pause is the slower one here, see RESULTS.md, run 22.
  echo "round $round"
  if ((round % 2)); then build old "$OLD"; build new "$NEW"; else build new "$NEW"; build old "$OLD"; fi
done
nice rm -rf "$WORK"/pair-trash.*
echo "site folders left in $WORK/pair-old and $WORK/pair-new" >&2
