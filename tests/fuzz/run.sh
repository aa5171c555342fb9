#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz/ with clang-14 (AddressSanitizer
# and UndefinedBehaviorSanitizer on) and runs each for SECONDS (default 60),
# one after another, from the seed corpus in tests/fuzz/corpus/<target>/.
# New inputs go to build-fuzz/fuzz-work/<target>/corpus; a crash stops the run
# with the reproducer in build-fuzz/fuzz-work/<target>/crashes/ (re-run it with
# build-fuzz/tests/fuzz/fuzz_<target> FILE).
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (targets: decode page front_matter markdown)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode page front_matter markdown)
build=${NEWSARC_FUZZ_DIR:-build-fuzz}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="${NEWSARC_FUZZ_CXX:-clang++-14}" -DNEWSARC_FUZZ=ON -DNEWSARC_TESTS=OFF
cmake --build "$build" -j "${NEWSARC_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

for target in "${targets[@]}"; do
  work="$build/fuzz-work/$target"
  mkdir -p "$work/corpus" "$work/crashes"
  echo "== fuzz_$target for ${seconds}s"
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -dict=tests/fuzz/newsarc.dict \
    -artifact_prefix="$work/crashes/" "$work/corpus" "tests/fuzz/corpus/$target"
done
