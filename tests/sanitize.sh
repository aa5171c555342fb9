#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer
# (the NEWSARC_SANITIZE option) in build-asan/. Any report fails the run.
# Usage: tests/sanitize.sh [ctest arguments...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${NEWSARC_ASAN_DIR:-build-asan}

# GCC 12 with -fsanitize=address warns "may be used uninitialized" inside
# <regex> (included by cxxopts.hpp): a known false positive, kept visible but
# not fatal.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSARC_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS=-Wno-error=maybe-uninitialized
cmake --build "$build" -j "${NEWSARC_JOBS:-2}"

# ASan and LSan reports also go to files, one per process: a report from a
# process whose stderr a test captures, or whose exit status it does not check
# (a server stopped with a signal, a build killed on purpose), still fails the
# run. GCC 12's UBSan runtime ignores log_path: its reports stay on stderr and
# halt_on_error makes the process exit 1, which the tests see.
reports="$PWD/$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:log_path=$reports/asan
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
ctest --test-dir "$build" --output-on-failure -j "${NEWSARC_JOBS:-2}" "$@" || status=$?
if [ -n "$(ls -A "$reports")" ]; then
  echo "sanitizer reports:" >&2
  for f in "$reports"/*; do
    echo "== $f" >&2
    cat "$f" >&2
  done
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
