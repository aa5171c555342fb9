// The query side of assets/search.js against tests/search_cases.json, the
// table the C++ index is tested with (tests/render/search_index_test.cc), so
// the two foldings cannot drift. Needs SITE_DIR: a built site (for t2s.json).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const search = require("../../assets/search.js");

const repo = path.resolve(__dirname, "../..");
const table = JSON.parse(fs.readFileSync(path.join(repo, "tests/search_cases.json"), "utf8"));
const siteDir = process.env.SITE_DIR || path.join(repo, "public");
const t2s = search.makeT2s(JSON.parse(fs.readFileSync(path.join(siteDir, "search/t2s.json"), "utf8")));

test("the shared table has cases", () => {
  assert.ok(table.cases.length >= 20);
});

for (const c of table.cases) {
  test(`case: ${c.name} (${c.query})`, () => {
    const terms = search.splitQuery(c.query, t2s);
    assert.deepEqual(terms, c.folded);
    assert.deepEqual(terms.map(search.queryTerms), c.terms);
    assert.deepEqual(terms.map(search.isExact), c.exact);
  });
}

test("FNV-1a hashes match the C++ ones", () => {
  for (const h of table.hashes) assert.equal(search.fnv1a(h.term), h.fnv1a, h.term);
});

test("without the table, traditional characters stay", () => {
  assert.deepEqual(search.splitQuery("張紅軍", null), ["張紅軍"]);
});

test("highlight ranges map folded matches back to the original text", () => {
  const text = "本报讯 張紅軍在ＡＢＣ论坛上讲话";
  const ranges = search.matches(text, [{ text: "张红军" }, { text: "abc" }], t2s);
  assert.deepEqual(ranges.map(([s, e]) => text.slice(s, e)), ["張紅軍", "ＡＢＣ"]);
});

test("a snippet is cut around the first match of the body", () => {
  const body = "甲".repeat(200) + "目标词" + "乙".repeat(200);
  const s = search.snippet({ f: ["标题", body], b: 1 }, [{ text: "目标词" }], t2s);
  assert.ok(s.before && s.after);
  assert.equal(s.marks.length, 1);
  assert.equal(s.text.slice(s.marks[0][0], s.marks[0][1]), "目标词");
});

test("decodeShard reads the shards of the built site", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(siteDir, "search/manifest.json"), "utf8"));
  let terms = 0;
  for (let n = 0; n < manifest.shards; n++) {
    const bytes = fs.readFileSync(path.join(siteDir, `search/shards/${n}.bin`));
    const shard = search.decodeShard(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    for (const [term, postings] of shard) {
      assert.equal(search.shardOf(term, manifest.shards), n, term);
      for (let i = 1; i < postings.docs.length; i++) assert.ok(postings.docs[i] > postings.docs[i - 1]);
      assert.ok(postings.docs.every((d) => d < manifest.documents));
    }
    terms += shard.size;
  }
  assert.ok(terms > 100);
});
