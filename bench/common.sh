# Shell functions bench/run.sh and bench/pair.sh share (sourced; needs $REPO).

# The newsarc site of corpus N: site.json with lists paginated like the Hugo
# site (paginate = 50), content -> the raw corpus, and a template folder that
# overrides article.mustache with an identical copy.
make_site() {
  local site=$1 raw=$2
  mkdir -p "$site/override"
  python3 - "$REPO/site.json" "$site/site.json" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1], encoding="utf-8"))
config["page_size"] = 50
json.dump(config, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF
  ln -sfn "$raw" "$site/content"
  cp "$REPO/templates/article.mustache" "$site/override/article.mustache"
}

# Swaps the first "，" of the body of one source for "、" (the next one on the
# next call: the corpus keeps the edits), so each onearticle run is one edited file.
edit_one() {
  python3 - "$1" <<'EOF'
import sys, pathlib
p = pathlib.Path(sys.argv[1]); t = p.read_text(encoding="utf-8")
head, sep, body = t.partition("\n\n")
body = body.replace("，", "、", 1) if "，" in body else body.replace("、", "，", 1)
p.write_text(head + sep + body, encoding="utf-8")
EOF
}
