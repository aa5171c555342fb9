#!/usr/bin/env bash
# tests/audit/run.sh [NEWSARC]: builds the sample site (content/, site.json,
# templates/, assets/ of this repo) with NEWSARC (default build/newsarc) into a
# temp folder and audits it with the shared ../shared/tools/site-audit.sh:
# W3C Nu, linkchecker, hyperlink, axe, Lighthouse, sitemap/Atom schemas.
# On top of that audit's own pass/fail it requires
#   - Lighthouse accessibility >= 95 and SEO >= 90 on the home page and an article,
#   - no page wider than a 390 px phone screen (tests/audit/phone_overflow.js).
# Installs the audit tools first when they are missing (Debian + npm, needs root).
#
# Environment: AXE_MAX (pages axe checks, default: all), TOOLS_WORK (npm tools,
# default ~/.cache/site-audit), KEEP=1 keeps the site and reports, MIN_A11Y, MIN_SEO.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AUDIT="$REPO/../shared/tools/site-audit.sh"
NEWSARC="$(realpath -m "${1:-$REPO/build/newsarc}")"
TOOLS_WORK="${TOOLS_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/site-audit}"
NM="$TOOLS_WORK/node_modules"
MIN_A11Y="${MIN_A11Y:-95}"
MIN_SEO="${MIN_SEO:-90}"

[ -x "$AUDIT" ] || { echo "run.sh: no audit script at $AUDIT" >&2; exit 2; }
[ -x "$NEWSARC" ] || { echo "run.sh: no newsarc binary at $NEWSARC" >&2; exit 2; }

tools_missing() {
  local need
  for need in java node python3 /usr/bin/chromium linkchecker xmllint; do
    command -v "$need" >/dev/null || return 0
  done
  for need in vnu-jar/build/dist/vnu.jar playwright-core axe-core lighthouse hyperlink; do
    [ -e "$NM/$need" ] || return 0
  done
  return 1
}

if tools_missing; then
  echo "run.sh: installing the audit tools (site-audit.sh --install)"
  TOOLS_WORK="$TOOLS_WORK" "$AUDIT" --install
fi

WORK="$(mktemp -d /tmp/newsarc-audit.XXXXXX)"
chmod 755 "$WORK"  # linkchecker drops root to 'nobody' and reads its config in $REPORTS
# shellcheck disable=SC2317  # called by the trap
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT
SITE="$WORK/site"
REPORTS="$WORK/reports"
mkdir -p "$SITE" "$REPORTS"

echo "run.sh: building the sample site with $NEWSARC"
(cd "$REPO" && "$NEWSARC" build --out "$SITE")

# Lighthouse's "article" page: the newest article linked from the home page.
ARTICLE="$(grep -o 'href="articles/[^"]*/index.html"' "$SITE/index.html" || true)"
ARTICLE="${ARTICLE%%$'\n'*}" && ARTICLE="${ARTICLE#href=\"}" && ARTICLE="${ARTICLE%\"}"
[ -n "$ARTICLE" ] || { echo "run.sh: no article link on the home page" >&2; exit 1; }

status=0
TOOLS_WORK="$TOOLS_WORK" REPORT_DIR="$REPORTS" ARTICLE="$ARTICLE" AXE_MAX="${AXE_MAX:-100000}" \
  "$AUDIT" "$SITE" || status=1

# site-audit.sh reports the Lighthouse scores but does not gate on them.
python3 - "$REPORTS" "$MIN_A11Y" "$MIN_SEO" <<'EOF' || status=1
import json, sys
reports, min_a11y, min_seo = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ok = True
for name in ("home", "article"):
    try:
        cats = json.load(open(f"{reports}/lighthouse-{name}.json"))["categories"]
        score = {k: round((c["score"] or 0) * 100) for k, c in cats.items()}
    except (OSError, ValueError, KeyError) as e:
        print(f"lighthouse {name}: no usable report ({e})"); ok = False; continue
    good = score["accessibility"] >= min_a11y and score["seo"] >= min_seo
    ok &= good
    print(f"lighthouse {name}: performance {score['performance']} accessibility "
          f"{score['accessibility']} best-practices {score['best-practices']} seo {score['seo']}"
          + ("" if good else f"  FAIL (need accessibility >= {min_a11y}, seo >= {min_seo})"))
sys.exit(0 if ok else 1)
EOF

(cd "$SITE" && find . -name '*.html' | sed 's|^\./||' | sort) >"$REPORTS/phone-pages.txt"
BASE="file://$SITE" PAGES="$REPORTS/phone-pages.txt" NODE_PATH="$NM" \
  node "$REPO/tests/audit/phone_overflow.js" | tail -20 || status=1

[ "${KEEP:-0}" = 1 ] && echo "run.sh: site in $SITE, reports in $REPORTS"
echo "run.sh: $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
