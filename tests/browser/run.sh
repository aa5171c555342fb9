#!/usr/bin/env bash
# Browser tests of search: builds the sample site (content/, site.json of the
# repo) with newsarc into a temp folder, serves it on a loopback port with
# python3's http.server, and runs cases.test.js and search.test.js in Debian's
# Chromium through playwright-core. Installs what is missing (chromium,
# fonts-noto-cjk, nodejs/npm from Debian; npm ci here).
#
# Usage: tests/browser/run.sh [path/to/newsarc]      (default: build/newsarc)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
newsarc=$(realpath "${1:-$repo/build/newsarc}")

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$@"
}
command -v chromium >/dev/null || apt_install chromium fonts-noto-cjk
[ -d /usr/share/fonts/opentype/noto ] || apt_install fonts-noto-cjk
command -v npm >/dev/null || apt_install nodejs npm

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$repo" && "$newsarc" build --quiet --out "$work/public")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" \
    2>/dev/null && break
  sleep 0.1
done

cd "$here"
SITE_DIR="$work/public" SITE_URL="http://127.0.0.1:$port/" CHROMIUM=$(command -v chromium) \
  node --test cases.test.js search.test.js
