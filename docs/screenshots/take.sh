#!/usr/bin/env bash
# Retakes the README's screenshots of the sample site with headless Chromium
# (Debian: chromium, fonts-noto-cjk). From the repository root:
#   docs/screenshots/take.sh [NEWSARC]      (default: build/newsarc)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
newsarc="${1:-build/newsarc}"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
"$newsarc" build --quiet --out "$site/public"

# shot NAME WIDTH HEIGHT PAGE: one viewport, no scrollbars, 1 px per CSS px.
shot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --window-size="$2,$3" \
    --screenshot="docs/screenshots/$1.png" "file://$site/public/$4" >/dev/null 2>&1
}
shot home 1280 900 index.html
shot article 1280 1000 articles/articles-jinshui-lift-retrofit/index.html
shot article-phone 390 844 articles/articles-jinshui-lift-retrofit/index.html
ls -l docs/screenshots/*.png
