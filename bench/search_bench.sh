#!/usr/bin/env bash
# Static search on a generated archive: newsarc's own index (search/, written
# during `newsarc build`) beside Pagefind run on the same built site, in the
# same run. Reports index size and build time, then per query: bytes fetched
# (index data, and what gzip on the host would make of it), query time to the
# first 10 results with their metadata and snippets, and hit counts, measured
# in Debian's Chromium (playwright-core) with a cold cache for every query.
#
# Usage: bench/search_bench.sh [path/to/newsarc] [N]   (default build/newsarc, 10000)
# Env:   WORK=dir   keep the corpus, sites and results there (default: temp, removed)
#        RUNS=k     cold runs per query and engine; the median is reported (default 3)
# Needs python3, node/npm and chromium (tests/browser/run.sh installs them); it
# runs `npm ci` in tests/browser (playwright-core) and installs pagefind into WORK.
# Ratios are only meaningful within one run: the machine is shared and noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
newsarc=$(realpath "${1:-$repo/build/newsarc}")
n=${2:-10000}
runs=${RUNS:-3}
pagefind_version=1.6.0
if [ -n "${WORK:-}" ]; then work=$WORK; mkdir -p "$work"; else work=$(mktemp -d); fi
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "${WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

seconds() { python3 -c "import time; print(time.monotonic())"; }

# ---- corpus, site, Pagefind --------------------------------------------------
[ -d "$work/raw" ] || python3 "$repo/../shared/bench/gen_corpus.py" "$n" --format raw --out "$work/raw" >/dev/null
rm -rf "$work/public"
t0=$(seconds)
(cd "$repo" && "$newsarc" build --quiet --content "$work/raw" --out "$work/public") || true
t1=$(seconds)
if [ ! -f "$work/public/search/manifest.json" ]; then
  echo "newsarc wrote no search/manifest.json: is search::add_search_index called in render_site?" >&2
  exit 1
fi
[ -x "$work/npm/node_modules/.bin/pagefind" ] ||
  npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error "pagefind@$pagefind_version"
t2=$(seconds)
"$work/npm/node_modules/.bin/pagefind" --site "$work/public" --glob "articles/**/*.html" >"$work/pagefind.log"
t3=$(seconds)
(cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)

# ---- sizes ---------------------------------------------------------------------
python3 - "$work/public" "$t0" "$t1" "$t2" "$t3" <<'EOF'
import gzip, json, os, sys
site, t0, t1, t2, t3 = sys.argv[1], *map(float, sys.argv[2:])
def walk(d):
    for root, _, files in os.walk(d):
        for f in files:
            yield os.path.join(root, f)
def size(paths):
    paths = list(paths)
    raw = sum(os.path.getsize(p) for p in paths)
    gz = sum(len(gzip.compress(open(p, "rb").read(), 6)) for p in paths)
    return len(paths), raw, gz
m = json.load(open(f"{site}/search/manifest.json"))
print(f"\n## Index ({m['documents']} articles, {m['shards']} shards)\n")
print(f"newsarc build (whole site, index included): {t1 - t0:.1f} s; pagefind indexing alone: {t3 - t2:.1f} s\n")
print("| part | files | MB | MB gzip -6 |\n|---|---|---|---|")
rows = [("newsarc " + k, [p for p in walk(f"{site}/search") if p[len(site) + 8:].startswith(k)])
        for k in ("manifest.json", "t2s.json", "shards/", "meta/", "text/")]
rows.append(("newsarc total", list(walk(f"{site}/search"))))
rows.append(("pagefind total", list(walk(f"{site}/pagefind"))))
for name, paths in rows:
    files, raw, gz = size(paths)
    print(f"| {name} | {files} | {raw / 1e6:.2f} | {gz / 1e6:.2f} |")
EOF

# ---- queries in Chromium -----------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >"$work/server.log" 2>&1 &
server=$!
sleep 1

cat >"$work/measure.js" <<'EOF'
// Runs each query RUNS times per engine, each in a fresh browser context.
"use strict";
const fs = require("fs");
const zlib = require("zlib");
const { chromium } = require("playwright-core");
const [base, site, runs] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const manifest = JSON.parse(fs.readFileSync(`${site}/search/manifest.json`, "utf8"));
const top = manifest.officials;
const queries = [
  ["1 term, common district", manifest.districts[0].name],
  ["1 term, official", top[0].name],
  ["1 term, rarer official", top[Math.min(60, top.length - 1)].name],
  ["1 term, one character", "党"],
  ["1 term, 6-character phrase", "高质量党建引领"],
  ["2 terms", `${manifest.districts[0].name} 党建`],
  ["2 terms, official + district", `${top[0].name} ${manifest.districts[1].name}`],
  ["2 terms", "智能 产业"],
  ["1 term, no hits", "鲸鱼飞过沙漠"],
];

const engines = {
  newsarc: {
    prefix: "/search/",
    async run(page, q) {
      await page.addScriptTag({ url: `${base}assets/search.js` });
      return page.evaluate(async (q) => {
        const S = window.NewsarcSearch;
        const e = new S.Engine(new URL("search/", location.href).href);
        const t0 = performance.now();
        const r = await e.search(q);
        const items = r.status === "ok" ? await e.page(r, 0, 10) : [];
        const total = r.status === "ok" ? S.total(r) : { count: 0, exact: true };
        return { ms: performance.now() - t0, hits: (total.exact ? "" : "~") + total.count, shown: items.length };
      }, q);
    },
  },
  pagefind: {
    prefix: "/pagefind/",
    async run(page, q) {
      return page.evaluate(async (q) => {
        const t0 = performance.now();
        const pf = await import("/pagefind/pagefind.js");
        const s = await pf.search(q);
        const items = await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
        return { ms: performance.now() - t0, hits: String(s.results.length), shown: items.length };
      }, q);
    },
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The exact answer: articles whose text holds every term (from records.json).
const texts = JSON.parse(fs.readFileSync(`${site}/records.json`, "utf8")).map((r) =>
  [r.display_title, r.subtitle || "", ...r.officials.map((o) => o.name), ...r.districts,
    ...r.body.map((b) => b.text), ...r.captions, ...r.reporters, ...r.correspondents,
    ...r.authors, ...r.photo_credits].join("\n"));
const substringHits = (q) => texts.filter((t) => q.split(" ").every((w) => t.includes(w))).length;

async function once(browser, engine, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}index.html`);
  const bodies = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(engine.prefix) || path.endsWith("/search.js")) bodies.push(r.body().then((b) => [path, b]));
  });
  const result = await engine.run(page, q);
  const files = await Promise.all(bodies);
  await context.close();
  const code = (p) => /\.(js|wasm)$|wasm\./.test(p);
  let data = 0, gz = 0, codeBytes = 0;
  for (const [p, b] of files) {
    if (code(p)) { codeBytes += b.length; continue; }
    data += b.length;
    gz += p.startsWith("/pagefind/") ? b.length : zlib.gzipSync(b, { level: 6 }).length;  // Pagefind's files are gzipped already
  }
  return { ...result, data, gz, code: codeBytes, requests: files.length };
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  console.log("\n## Queries (median of " + runs + " cold runs; kB = 1000 bytes)\n");
  console.log("hits: as each engine reports them (~: newsarc's estimate before checking every candidate's text);");
  console.log("exact: articles whose title, people, districts, body or credits contain every term.\n");
  console.log("| query | exact | engine | hits | index data kB | as gzip kB | code kB | requests | ms |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const [label, q] of queries) {
    const exact = substringHits(q);
    for (const [name, engine] of Object.entries(engines)) {
      const rs = [];
      for (let i = 0; i < runs; i++) rs.push(await once(browser, engine, q));
      const r = rs[0];
      const kb = (x) => (x / 1000).toFixed(1);
      console.log(`| ${label}: ${q} | ${exact} | ${name} | ${r.hits} | ${kb(r.data)} | ${kb(r.gz)} | ${kb(r.code)} | ${r.requests} | ${median(rs.map((x) => x.ms)).toFixed(0)} |`);
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
EOF
NODE_PATH="$repo/tests/browser/node_modules" CHROMIUM=$(command -v chromium) \
  node "$work/measure.js" "http://127.0.0.1:$port/" "$work/public" "$runs"
