#!/usr/bin/env bash
# The installed package, with no source tree to fall back on: builds the .deb
# with CPack, installs it with apt-get, then in a temp folder runs
# `newsarc new`, `newsarc build` and a short `newsarc serve` fetched with curl.
# Fails on any error. Needs root (apt-get). CI calls it after the build:
#   tests/install/run.sh [BUILD_DIR]     (default: build)
# The package is removed again at the end unless it was installed before.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
export DEBIAN_FRONTEND=noninteractive

fail() {
  echo "tests/install/run.sh: $*" >&2
  exit 1
}

# dpkg-shlibdeps and file compute the package's Depends; curl talks to serve.
if ! command -v dpkg-shlibdeps >/dev/null || ! command -v file >/dev/null ||
  ! command -v curl >/dev/null; then
  apt-get update
  apt-get install -y dpkg-dev file curl
fi

cmake --build "$build" --target newsarc
rm -f "$build"/newsarc_*.deb
(cd "$build" && cpack -G DEB)
debs=("$build"/newsarc_*_*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  fail "expected one newsarc_*.deb in $build"
fi
dpkg-deb --field "${debs[0]}" Depends | grep -q 'libicu' || fail "Depends was not computed"

was_installed=no
if dpkg-query -W -f='${Status}' newsarc 2>/dev/null | grep -q 'ok installed'; then
  was_installed=yes
fi
work="$(mktemp -d)"
server=""
cleanup() {
  cd /
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
  if [ "$was_installed" = no ]; then apt-get remove -y newsarc >/dev/null || true; fi
}
trap cleanup EXIT

apt-get install -y --reinstall "${debs[0]}"

# From here on nothing may come from the source tree.
cd "$work"
export NEWSARC_NO_SOURCE_FALLBACK=1
[ "$(command -v newsarc)" = /usr/bin/newsarc ] || fail "newsarc is not /usr/bin/newsarc"
newsarc version --verbose | tee version.txt
grep -qx 'data dir: /usr/share/newsarc' version.txt || fail "the data dir is not /usr/share/newsarc"

newsarc new s
diff -r /usr/share/newsarc/templates s/templates || fail "new did not copy the installed templates"
diff -r /usr/share/newsarc/assets s/assets || fail "new did not copy the installed assets"
(cd s && newsarc build)
[ -s s/public/index.html ] || fail "build wrote no public/index.html"
[ -s s/public/assets/style.css ] || fail "build wrote no public/assets/style.css"
if grep -rq '__newsarc' s/public; then fail "build wrote serve's live-reload script"; fi
built="$(cd s/public && find . -type f -print0 | sort -z | xargs -0 sha256sum)"

# A short serve: any free port, read from its first line; stopped with SIGTERM.
# The output files exist before the server starts, so polling them cannot fail.
: >serve.out
: >serve.err
(cd s && exec newsarc serve --port 0 >"$work/serve.out" 2>"$work/serve.err") &
server=$!
port=""
for _ in $(seq 150); do
  port="$(sed -n 's|^Serving at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' serve.out)"
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
[ -n "$port" ] || fail "serve did not start: $(cat serve.out serve.err)"
curl -fsS "http://127.0.0.1:$port/" -o served.html || fail "curl / failed"
grep -q '/__newsarc/live.js' served.html || fail "the served page has no live-reload script"
curl -fsS "http://127.0.0.1:$port/assets/style.css" -o /dev/null || fail "curl style.css failed"
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
[ "$status" -eq 0 ] || fail "serve exited $status after SIGTERM: $(cat serve.err)"
grep -q '^Stopped\.' serve.out || fail "serve did not say it stopped"
[ "$(cd s/public && find . -type f -print0 | sort -z | xargs -0 sha256sum)" = "$built" ] ||
  fail "serve changed public/"

# The theme is found beside the binary wherever it is installed, not at the
# prefix it was configured with.
cmake --install "$build" --prefix "$work/elsewhere" >/dev/null
"$work/elsewhere/bin/newsarc" version --verbose >elsewhere.txt
grep -qx "data dir: $work/elsewhere/share/newsarc" elsewhere.txt ||
  fail "an install under another prefix does not find its theme: $(cat elsewhere.txt)"
(cd s && rm -rf public && "$work/elsewhere/bin/newsarc" build --quiet)
[ -s s/public/index.html ] || fail "the relocated binary built no public/index.html"

echo "tests/install/run.sh: the installed package works"
