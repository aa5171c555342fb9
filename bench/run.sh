#!/usr/bin/env bash
# newsarc against Hugo on the same synthetic archive, in the same run, plus
# the floors (reading every source, copying the output) and newsarc's
# incremental rebuilds. Not a test: it prints numbers and ratios.
#
# Usage:   bench/run.sh [N ...]                (default: 1000 10000 100000)
# Needs:   a built newsarc (NEWSARC=path, default build-perf/newsarc),
#          apt-get install -y hugo time; python3.
# Env:     WORK=/tmp/bench   corpora, sites and outputs (never in the repo)
#          RUNS=k            runs per measurement (default 3 up to 10,000, else 1)
#          JOBS=2            newsarc --jobs
#          HUGO_MAX=N        skip Hugo above N articles (default: no limit)
# Output:  one row per (N, case) appended to $WORK/results.tsv, and a table on stdout.
#
# Cases (whole-process wall time and peak RSS from /usr/bin/time -v, median of
# the runs, warm page cache for everyone):
#   hugo       OUT moved aside (untimed); hugo --quiet --source shared/bench/hugo-site ...
#   clean      OUT, its spare and .newsarc-cache moved aside (untimed); newsarc build --jobs $JOBS
#   nochange   newsarc build again, nothing changed
#   firstedit  the first rebuild after clean, one source edited (links every file once)
#   onearticle one source file's body edited (a "，" becomes "、"), then build
#   template   the article template changed (a comment appended), then build
#   newday     a day's issue added (20 articles dated a new day after the
#              newest, a further day each run), then build: the daily change
#   cat        every source file read: find -print0 | xargs -0 cat
#   cp         cp -r of newsarc's output
#
# Before anything is measured, the machine's free memory is touched once
# (WARM=0 skips it). On a freshly booted virtual machine, the first touch of
# each page of guest memory traps to the hypervisor: writing 18 GiB to
# /dev/shm ran at 416 MB/s on such a machine. Until every page has been
# touched once, whichever program first gets such pages (Hugo's 8 GiB, or
# newsarc's 2 MiB huge pages) pays for it, and the run measures the host.
# The guest gives free memory back to the host after a while (free page
# reporting), so this evens out the start of a run, not every build.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$REPO/../shared/bench" && pwd)
WORK=${WORK:-/tmp/bench}
NEWSARC=${NEWSARC:-$REPO/build-perf/newsarc}
JOBS=${JOBS:-2}
RES=$WORK/results.tsv
NS=("$@"); [ ${#NS[@]} -gt 0 ] || NS=(1000 10000 100000)
mkdir -p "$WORK"

# A command that fails (a full disk, a crash) stops the run: its time is not
# a measurement of the case.
timed() {  # CMD... -> WALL (s), RSS (KiB)
  local log status=0; log=$(mktemp)
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.err" || status=$?
  if [ "$status" -ne 0 ]; then
    head -n 20 "$log.err" >&2
    echo "bench: exit status $status from: $*" >&2
    exit 1
  fi
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  RSS=$(awk -F': ' '/Maximum resident set size/{print $2}' "$log")
  rm -f "$log" "$log.err"
}
# Old outputs are moved aside (instant) and deleted at the end: removing a
# tree of 100k files takes minutes on a busy disk and would dominate the run.
TRASH=$WORK/trash; mkdir -p "$TRASH"
discard() { for d in "$@"; do [ -e "$d" ] && mv "$d" "$(mktemp -d "$TRASH/x.XXXXXX")/"; done; true; }
# Every run of a case moves its outputs to $TRASH, which is emptied only at
# the end, so the run needs room for them all: about 17 times the sources'
# disk usage per run (newsarc's folder with its spare and cache, Hugo's, the
# copy: 24 GB for 3 runs at 100 000, whose sources take 0.49 GB), plus 14 times
# for the outputs kept live. Stops before measuring rather than fill the disk
# halfway through, where a failing copy would pass for a fast one
# (SPACE_CHECK=0 skips).
check_space() {  # RAW_DIR RUNS
  [ "${SPACE_CHECK:-1}" = 1 ] || return 0
  local src_kib need_kib free_kib
  src_kib=$(du -sk "$1" | cut -f1)
  need_kib=$((src_kib * (17 * $2 + 14)))
  free_kib=$(df -Pk "$WORK" | awk 'NR==2{print $4}')
  if [ "$free_kib" -lt "$need_kib" ]; then
    echo "bench: N=$N with $2 runs needs about $((need_kib >> 20)) GiB free in $WORK," \
      "$((free_kib >> 20)) GiB are (old outputs to delete: $TRASH). Free some space or use fewer RUNS." >&2
    exit 1
  fi
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME RUNS PREP CMD...: PREP (a shell snippet, untimed) before each run
measure() {
  local name=$1 runs=$2 prep=$3; shift 3
  local walls=() rss=0
  for i in $(seq "$runs"); do
    eval "$prep"
    timed "$@"
    walls+=("$WALL"); [ "$RSS" -gt "$rss" ] && rss=$RSS
    echo "  N=$N $name run $i: ${WALL}s, $((RSS / 1024)) MiB (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
  local med; med=$(printf '%s\n' "${walls[@]}" | median)
  printf '%s\t%s\t%s\t%s\t%s\n' "$N" "$name" "$runs" "$med" "$((rss / 1024))" >> "$RES"
  eval "T_$name=$med; M_$name=$((rss / 1024))"
}

# make_site, edit_one
source "$REPO/bench/common.sh"

# A day's issue: 20 sources of year $2 - 1 copied into raw/$2/01/, their
# datelines moved to January $3 (the run number, so each run adds a new day).
add_day() {
  python3 - "$1" "$2" "$3" <<'EOF'
import pathlib, re, sys
raw, year, day = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sources = sorted((raw / str(year - 1)).glob("*/*.txt"))[:20]
out = raw / str(year) / "01"
out.mkdir(parents=True, exist_ok=True)
for k, src in enumerate(sources):
    text = src.read_text(encoding="utf-8")
    text = re.sub(r"本报讯\s*\d{1,2}月\d{1,2}日", f"本报讯 1月{day}日", text, count=1)
    (out / f"day{day:02d}-{k:02d}.txt").write_text(text, encoding="utf-8")
EOF
}

# Touches about 90% of the available memory a page at a time, then frees it.
warm_memory() {
  python3 - <<'EOF2'
import mmap
avail = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemAvailable"))
size = avail * 1024 * 9 // 10 // (1 << 20) * (1 << 20)
m = mmap.mmap(-1, size)
page = b"\1" * 4096
for at in range(0, size, 1 << 20):
    m[at:at + (1 << 20)] = page * 256
m.close()
EOF2
}
if [ "${WARM:-1}" = 1 ]; then
  start=$(date +%s.%N); warm_memory
  echo "memory warmed in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s" >&2
fi

[ -f "$RES" ] || printf 'N\tcase\truns\twall_s\tpeak_rss_mib\n' > "$RES"
hugo version | head -1; "$NEWSARC" --version 2>/dev/null || true
echo "nproc=$(nproc) jobs=$JOBS"

for N in "${NS[@]}"; do
  C=$WORK/c$N
  for f in raw hugo; do
    [ -d "$C/$f" ] || nice python3 "$SHARED/gen_corpus.py" "$N" --format $f --out "$C/$f" >&2
  done
  R=${RUNS:-$([ "$N" -le 10000 ] && echo 3 || echo 1)}
  check_space "$C/raw" "$R"
  SITE=$C/site; OUT=$C/out-newsarc; HOUT=$C/out-hugo
  make_site "$SITE" "$C/raw"
  NA=("$NEWSARC" build --root "$SITE" --templates override --out "$OUT" --jobs "$JOBS" -q)

  if [ -z "${HUGO_MAX:-}" ] || [ "$N" -le "$HUGO_MAX" ]; then
    measure hugo "$R" 'discard "$HOUT"' hugo --quiet --source "$SHARED/hugo-site" \
      --contentDir "$C/hugo/content" --destination "$HOUT"
    HUGO_PAGES=$(find "$HOUT" -type f -name '*.html' ! -path '*/page/1/index.html' | wc -l)
    discard "$HOUT"
  else
    T_hugo=NA; M_hugo=NA; HUGO_PAGES=NA
  fi
  measure clean "$R" 'discard "$OUT" "$OUT.newsarc-spare" "$SITE/.newsarc-cache"' "${NA[@]}"
  measure nochange "$R" ':' "${NA[@]}"
  ONE=$(find "$C/raw" -name '*.txt' | sort | sed -n "$((N / 2))p")
  # The first rebuild after a clean one links every file into a new folder
  # once; from then on the old site is kept as the spare folder and updated.
  measure firstedit 1 'edit_one "$ONE"' "${NA[@]}"
  measure onearticle "$R" 'edit_one "$ONE"' "${NA[@]}"
  # Before the template case, whose two builds would leave the spare folder
  # with every article page to bring back.
  NEWYEAR=$(($(ls "$C/raw" | grep -E '^[0-9]{4}$' | sort -n | tail -1) + 1)); DAY=0
  measure newday "$R" 'DAY=$((DAY + 1)); add_day "$C/raw" "$NEWYEAR" "$DAY"' "${NA[@]}"
  rm -rf "${C:?}/raw/$NEWYEAR"
  "${NA[@]}" >/dev/null 2>&1 || true  # back to the corpus as generated
  measure template "$R" 'printf "<!-- %s -->\n" "$RANDOM" >> "$SITE/override/article.mustache"' \
    "${NA[@]}"
  cp "$REPO/templates/article.mustache" "$SITE/override/article.mustache"
  "${NA[@]}" >/dev/null 2>&1 || true  # back to the plain template
  measure cat "$R" ':' sh -c "find -L '$C/raw' -type f -print0 | xargs -0 cat >/dev/null"
  measure cp "$R" 'discard "$OUT.cp"' cp -r "$OUT" "$OUT.cp"
  discard "$OUT.cp"

  PAGES=$(find "$OUT" -type f -name '*.html' | wc -l)
  FILES=$(find "$OUT" -type f | wc -l)
  BYTES=$(du -sb "$OUT" | cut -f1)
  SRC=$(du -sbL "$C/raw" | cut -f1)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="NA"||b=="NA"||b==0) print "NA"; else printf "%.1f", a/b }'; }
  echo
  echo "### N = $N (jobs $JOBS, runs $R, load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| case | wall s | peak RSS MiB | pages/s | ratio |"
  echo "|---|---|---|---|---|"
  echo "| Hugo clean | $T_hugo | $M_hugo | $(ratio "$HUGO_PAGES" "$T_hugo") | Hugo/newsarc time $(ratio "$T_hugo" "$T_clean")x, RSS $(ratio "$M_hugo" "$M_clean")x |"
  echo "| newsarc clean | $T_clean | $M_clean | $(ratio "$PAGES" "$T_clean") | 1 |"
  echo "| newsarc no change | $T_nochange | $M_nochange | | clean/this $(ratio "$T_clean" "$T_nochange")x |"
  echo "| newsarc first rebuild after clean (one article) | $T_firstedit | $M_firstedit | | clean/this $(ratio "$T_clean" "$T_firstedit")x |"
  echo "| newsarc one article changed | $T_onearticle | $M_onearticle | | clean/this $(ratio "$T_clean" "$T_onearticle")x |"
  echo "| newsarc one template changed | $T_template | $M_template | | clean/this $(ratio "$T_clean" "$T_template")x |"
  echo "| newsarc a day's issue added (20 articles) | $T_newday | $M_newday | | clean/this $(ratio "$T_clean" "$T_newday")x |"
  echo "| floor: cat sources | $T_cat | | | newsarc/cat $(ratio "$T_clean" "$T_cat")x |"
  echo "| floor: cp -r output | $T_cp | | | newsarc/cp $(ratio "$T_clean" "$T_cp")x |"
  echo
  echo "newsarc: $PAGES HTML pages, $FILES files, $BYTES bytes of output from $SRC bytes of sources; Hugo: $HUGO_PAGES HTML pages (alias stubs excluded)"
done
echo "removing old outputs in $TRASH" >&2
nice rm -rf "$TRASH"
