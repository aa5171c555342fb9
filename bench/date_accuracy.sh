#!/usr/bin/env bash
# Metadata accuracy on the synthetic benchmark corpus: generates N raw pages
# with ../shared/bench/gen_corpus.py (layout YYYY/MM/<id>.txt, a dateline
# "本报讯 M月D日，…" whose lead names the districts and officials), ingests them
# and compares the records with the generator's truth. Usage:
#   bench/date_accuracy.sh [path/to/newsarc] [N]   (defaults: build/newsarc, 10000)
# Prints, as a Markdown table, the share of articles whose
#   date       equals the truth exactly (target >= 99 %);
#   districts  include every district of the truth (the body paragraphs are
#              sampled from real pages and name other districts too);
#   officials  include every official of the truth by name, and by name + post;
#   one record the page became exactly one record (segmentation, not metadata).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
newsarc=$(realpath "${1:-$here/../build/newsarc}")
n=${2:-10000}
shared=${NEWSARC_SHARED:-$here/../../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$shared/bench/gen_corpus.py" "$n" --format raw --out "$work/corpus" \
  --truth "$work/truth.jsonl" 2>/dev/null

# A gazetteer whose canonical names are the generator's, so the truth needs no
# mapping; the zone aliases are those the sampled paragraphs print.
cat >"$work/site.json" <<'EOF'
{"districts": [
  {"name": "郑州高新区", "aliases": ["高新区", "郑州高新"]},
  {"name": "经开区", "aliases": ["郑州经开区", "郑州经济技术开发区"]},
  {"name": "郑东新区"}, {"name": "金水区"}, {"name": "中原区"}, {"name": "二七区"},
  {"name": "管城回族区"}, {"name": "惠济区"}, {"name": "上街区"}, {"name": "航空港区"},
  {"name": "枫杨办事处", "parent": "郑州高新区"}, {"name": "沟赵办事处", "parent": "郑州高新区"},
  {"name": "梧桐办事处", "parent": "郑州高新区"}, {"name": "石佛办事处", "parent": "郑州高新区"},
  {"name": "潮河办事处", "parent": "经开区"}
]}
EOF

start=$(date +%s%N)
(cd "$work" && "$newsarc" ingest --json --quiet corpus >records.json)
ms=$((($(date +%s%N) - start) / 1000000))

python3 - "$work/truth.jsonl" "$work/records.json" "$ms" <<'EOF'
import json, sys

truth = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)
        truth[t["path"]] = t
records = json.load(open(sys.argv[2], encoding="utf-8"))
by_path = {}
for r in records:
    path = r["source"]["path"].replace("\\", "/")
    key = "/".join(path.split("/")[-3:])
    by_path.setdefault(key, []).append(r)

counts = {"date": 0, "districts": 0, "officials": 0, "posts": 0, "one record": 0}
misses = {k: [] for k in counts}
for path, t in truth.items():
    recs = by_path.get(path, [])
    # Metadata is judged on the record that holds the lead ("本报讯 …"); whether
    # the page became one record is counted apart.
    leads = [x for x in recs if any("本报讯" in p for p in x.get("paragraphs") or [])]
    r = (leads or recs or [{}])[0]
    checks = {
        "one record": len(recs) == 1,
        "date": r.get("date") == t["date"],
        "districts": set(t["districts"]) <= set(r.get("districts") or []),
        "officials": {o["name"] for o in t["officials"]}
        <= {o["name"] for o in r.get("officials") or []},
        "posts": all(any(o["name"] == p["name"] and o["post"] in p["titles"]
                         for p in r.get("officials") or [])
                     for o in t["officials"]),
    }
    for k, ok in checks.items():
        counts[k] += ok
        if not ok and len(misses[k]) < 3:
            misses[k].append(path)

n = len(truth)
print(f"{n} articles ingested in {sys.argv[3]} ms\n")
print("| field | matches | share |")
print("|---|---|---|")
for k in ("date", "districts", "officials", "posts", "one record"):
    print(f"| {k} | {counts[k]}/{n} | {100 * counts[k] / n:.2f} % |")
for k, paths in misses.items():
    if paths:
        print(f"\nfirst {k} misses: {', '.join(paths)}", file=sys.stderr)
EOF
