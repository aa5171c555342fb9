// newsarc search: the query side of the static index that newsarc writes under
// search/ (layout in src/render/search.h). Plain JavaScript, no dependencies.
//
// The core (folding, terms, hashing, shard decoding, ranking) is pure and is
// also loaded by node in tests/browser; it follows src/render/search_terms.cc
// rule for rule, and tests/search_cases.json is checked against both. The page
// part runs on search/index.html: it reads ?q=&year=&district=&official=&sort=
// &page= from the URL, writes them back on each search, and sets all text
// through textContent.
(function (global) {
  "use strict";

  // ---- folding and terms (same rules as render/search_terms.cc) ------------

  // Non-ASCII code points that split runs of indexable characters.
  var SEPARATORS = [
    [0x80, 0xbf], [0xd7, 0xd7], [0xf7, 0xf7], [0x2000, 0x2bff], [0x3000, 0x303f],
    [0xe000, 0xf8ff], [0xfe10, 0xfe6f], [0xff00, 0xffff], [0x1f000, 0x1ffff],
    [0xe0000, 0x10ffff]
  ];

  function isHan(c) {
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2fa1f) ||
      (c >= 0x30000 && c <= 0x323af);
  }
  function isHanLike(c) { return isHan(c) || c === 0x3007; }
  function isIndexable(c) {
    if (c < 0x80) {
      return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    }
    if (isHanLike(c)) return true;
    for (var i = 0; i < SEPARATORS.length; i++) {
      if (c >= SEPARATORS[i][0] && c <= SEPARATORS[i][1]) return false;
    }
    return true;
  }
  function cp(ch) { return ch.codePointAt(0); }

  // search/t2s.json -> Map from a traditional character to its simplified one.
  function makeT2s(table) {
    var map = new Map();
    var from = Array.from(table.from), to = Array.from(table.to);
    for (var i = 0; i < from.length && i < to.length; i++) map.set(from[i], to[i]);
    return map;
  }

  // One code point, folded: NFKC, traditional -> simplified, lower case.
  function foldChar(ch, t2s) {
    if (cp(ch) < 0x80) return ch.toLowerCase();
    var out = "";
    for (var c of ch.normalize("NFKC")) out += (t2s && t2s.get(c)) || c;
    return out.toLowerCase();
  }

  // Folds `s` code point by code point. `start[k]`/`end[k]` give the span of
  // `s` (UTF-16 offsets) that folded UTF-16 unit k came from, for highlighting.
  function foldWithMap(s, t2s) {
    var text = "", start = [], end = [], at = 0;
    for (var ch of s) {
      var f = foldChar(ch, t2s);
      for (var k = 0; k < f.length; k++) { start.push(at); end.push(at + ch.length); }
      text += f;
      at += ch.length;
    }
    return { text: text, start: start, end: end };
  }
  function fold(s, t2s) { return foldWithMap(s, t2s).text; }

  // A query, folded and split at whitespace.
  function splitQuery(query, t2s) {
    return fold(query, t2s).split(/[\u0000-\u0020]+/).filter(function (t) { return t; });
  }

  // The index terms whose postings are intersected for one folded query term.
  function queryTerms(term) {
    var chars = Array.from(term), out = [];
    function add(i, n) {
      var t = chars.slice(i, i + n).join("");
      if (out.indexOf(t) < 0) out.push(t);
    }
    var i = 0;
    while (i < chars.length) {
      while (i < chars.length && !isIndexable(cp(chars[i]))) i++;
      var begin = i;
      while (i < chars.length && isIndexable(cp(chars[i]))) i++;
      var length = i - begin;
      if (length === 1 && isHanLike(cp(chars[begin]))) add(begin, 1);
      if (length < 2) continue;
      var step = length <= 5 ? 1 : 2;  // longer runs: a covering subset of bigrams
      for (var j = begin; j + 1 < i; j += step) add(j, 2);
      if (step === 2 && length % 2 === 1) add(i - 2, 2);
    }
    return out;
  }

  // True when the postings of queryTerms(term) are exactly the documents
  // containing `term`, so no look at the text is needed.
  function isExact(term) {
    var chars = Array.from(term);
    if (!chars.every(function (c) { return isIndexable(cp(c)); })) return false;
    return chars.length === 2 || (chars.length === 1 && isHanLike(cp(chars[0])));
  }

  var encoder = new TextEncoder();
  function fnv1a(s) {
    var bytes = encoder.encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return h >>> 0;
  }
  function shardOf(term, shards) { return shards <= 1 ? 0 : fnv1a(term) % shards; }

  // ---- shards --------------------------------------------------------------

  var CODED_INFO = [0x18, 0x28, 0x38];  // posting codes 0-2: body text, 1-3 times

  // Decodes a shard: Map term -> {docs: Uint32Array, info: Uint8Array}.
  function decodeShard(buffer) {
    var b = new Uint8Array(buffer), pos = 4, decoder = new TextDecoder();
    function varint() {
      var v = 0, mul = 1, x;
      do { x = b[pos++]; v += (x & 0x7f) * mul; mul *= 128; } while (x >= 0x80 && pos < b.length);
      return v;
    }
    if (decoder.decode(b.subarray(0, 4)) !== "NSX2") throw new Error("not a search shard");
    var terms = new Map(), count = varint();
    for (var t = 0; t < count; t++) {
      var length = varint(), term = decoder.decode(b.subarray(pos, pos + length));
      pos += length;
      var n = varint(), bytes = varint(), end = pos + bytes;
      var docs = new Uint32Array(n), info = new Uint8Array(n), doc = 0;
      for (var k = 0; k < n; k++) {
        var v = varint(), code = v % 4;  // doc delta * 4 + code (search.h)
        doc += (v - code) / 4;
        docs[k] = doc;
        info[k] = code === 3 ? b[pos++] : CODED_INFO[code];
      }
      pos = end;
      terms.set(term, { docs: docs, info: info });
    }
    return terms;
  }

  var EMPTY = { docs: new Uint32Array(0), info: new Uint8Array(0) };

  // Intersection of postings: the field masks are and-ed (the fields where
  // every bigram occurs), the counts take the minimum.
  function intersect(a, b) {
    var docs = [], info = [], i = 0, j = 0;
    while (i < a.docs.length && j < b.docs.length) {
      if (a.docs[i] < b.docs[j]) i++;
      else if (a.docs[i] > b.docs[j]) j++;
      else {
        var x = a.info[i], y = b.info[j];
        docs.push(a.docs[i]);
        info.push((x & y & 0x0f) | Math.min(x & 0xf0, y & 0xf0));
        i++; j++;
      }
    }
    return { docs: docs, info: info };
  }

  // Titles, officials and districts weigh more than body text.
  function weight(info) {
    return (info & 1 ? 8 : 0) + (info & 2 ? 6 : 0) + (info & 4 ? 5 : 0) + (info & 8 ? 1 : 0) +
      (info >> 4) * 0.2;
  }

  function yearOf(manifest, doc) {
    var years = manifest.years;
    for (var i = 0; i < years.length; i++) {
      if (doc >= years[i].first && doc < years[i].first + years[i].count) return years[i].year;
    }
    return 0;
  }

  // ---- the engine: fetches what a query needs, ranks, verifies --------------

  // `base` is the URL of the search/ folder; `fetchFn` defaults to fetch.
  function Engine(base, fetchFn) {
    this.base = base;
    this.fetchFn = fetchFn || global.fetch.bind(global);
    this.bytes = 0;  // bytes fetched so far (bench/search_bench.sh reads it)
    this.files = new Map();
  }

  Engine.prototype.get = function (path, kind) {
    var self = this;
    if (!self.files.has(path)) {
      // The manifest is revalidated; the files it names carry its version.
      var url = self.base + path + (self.manifest ? "?v=" + self.manifest.version : "");
      var init = self.manifest ? {} : { cache: "no-cache" };
      self.files.set(path, self.fetchFn(url, init).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.arrayBuffer();
      }).then(function (buf) {
        self.bytes += buf.byteLength;
        return kind === "bin" ? decodeShard(buf) : JSON.parse(new TextDecoder().decode(buf));
      }).catch(function (err) {
        self.files.delete(path);  // the next search tries again
        throw err;
      }));
    }
    return self.files.get(path);
  };

  Engine.prototype.load = function () {
    var self = this;
    if (!self.loading) {
      self.loading = self.get("manifest.json").then(function (m) { self.manifest = m; return m; });
    }
    return self.loading;
  };

  Engine.prototype.loadT2s = function (query) {
    var self = this;
    if (!/[\u3400-\u9fff]/.test(query)) return Promise.resolve(self.t2s || null);
    return self.get("t2s.json").then(function (t) { return (self.t2s = self.t2s || makeT2s(t)); });
  };

  Engine.prototype.postings = function (term) {
    var path = "shards/" + shardOf(term, this.manifest.shards) + ".bin";
    return this.get(path, "bin").then(function (shard) { return shard.get(term) || EMPTY; });
  };

  // Chunks count documents from the oldest (see src/render/search.h), so
  // that a new day's articles change the last chunks only.
  Engine.prototype.chunkItem = function (kind, doc, chunk) {
    var r = this.manifest.documents - 1 - doc;
    return this.get(kind + "/" + Math.floor(r / chunk) + ".json").then(function (items) {
      return items[r % chunk];
    });
  };

  Engine.prototype.text = function (doc) {
    return this.chunkItem("text", doc, this.manifest.textChunk);
  };

  Engine.prototype.meta = function (doc) {
    return this.chunkItem("meta", doc, this.manifest.chunk);
  };

  // Candidates of one query term with their info bytes.
  Engine.prototype.termPostings = function (keys) {
    return Promise.all(keys.map(this.postings, this)).then(function (lists) {
      return lists.reduce(intersect);
    });
  };

  // Runs a query: {status, terms, candidates[{doc, score}], yearCounts,
  // verified[], exact}. status: "ok" | "empty" (no query) | "short" (nothing
  // indexable in it).
  Engine.prototype.search = function (query, options) {
    var self = this, opts = options || {};
    return self.load().then(function () { return self.loadT2s(query); }).then(function (t2s) {
      var terms = splitQuery(query, t2s).map(function (t) {
        return { text: t, keys: queryTerms(t), exact: isExact(t) };
      });
      if (!terms.length) return { status: "empty", terms: terms };
      var keyed = terms.filter(function (t) { return t.keys.length; });
      if (!keyed.length) return { status: "short", terms: terms };
      var facets = [];
      if (opts.district) facets.push(["d:" + opts.district]);
      if (opts.official) facets.push(["o:" + opts.official]);
      var lists = keyed.map(function (t) { return t.keys; }).concat(facets);
      return Promise.all(lists.map(self.termPostings, self)).then(function (postings) {
        return self.rank(terms, keyed, postings, opts);
      });
    });
  };

  Engine.prototype.rank = function (terms, keyed, postings, opts) {
    var self = this, scores = new Map(), all = postings[0];
    for (var p = 1; p < postings.length; p++) all = intersect(all, postings[p]);
    all.docs.forEach(function (doc) { scores.set(doc, 0); });
    keyed.forEach(function (t, k) {
      var list = postings[k];
      for (var i = 0; i < list.docs.length; i++) {
        if (scores.has(list.docs[i])) scores.set(list.docs[i], scores.get(list.docs[i]) + weight(list.info[i]));
      }
    });
    var yearCounts = new Map(), candidates = [];
    scores.forEach(function (score, doc) {
      var year = yearOf(self.manifest, doc);
      yearCounts.set(year, (yearCounts.get(year) || 0) + 1);
      if (opts.year === undefined || opts.year === "" || String(year) === String(opts.year)) {
        candidates.push({ doc: doc, score: score });
      }
    });
    candidates.sort(function (a, b) {  // ties: doc order, newest first
      if (opts.sort === "newest") return a.doc - b.doc;
      if (opts.sort === "oldest") return b.doc - a.doc;
      return b.score - a.score || a.doc - b.doc;
    });
    var exact = terms.every(function (t) { return t.exact; });
    return { status: "ok", terms: terms, candidates: candidates, yearCounts: yearCounts,
      exact: exact, verified: [], checked: 0 };
  };

  function joined(text) { return text.f.join("\n"); }

  // True when the document's text holds every query term.
  Engine.prototype.holds = function (result, doc) {
    var self = this;
    return self.text(doc).then(function (text) {
      var folded = fold(joined(text), self.t2s);
      return result.terms.every(function (t) { return t.exact || folded.indexOf(t.text) >= 0; });
    });
  };

  // Verifies candidates in rank order until `count` are known to match.
  Engine.prototype.verifyUpTo = function (result, count) {
    var self = this;
    if (result.exact) {
      result.verified = result.candidates;
      result.checked = result.candidates.length;
      return Promise.resolve(result);
    }
    if (result.verified.length >= count || result.checked >= result.candidates.length) {
      return Promise.resolve(result);
    }
    // A few left over are checked too, so small result sets get exact counts.
    var size = Math.max(count - result.verified.length, 4);
    if (result.candidates.length - result.checked - size <= 6) size += 6;
    var batch = result.candidates.slice(result.checked, result.checked + size);
    result.checked += batch.length;
    return Promise.all(batch.map(function (c) { return self.holds(result, c.doc); })).then(function (ok) {
      batch.forEach(function (c, i) { if (ok[i]) result.verified.push(c); });
      return self.verifyUpTo(result, count);
    });
  };

  // The items of page `page` (0-based): {doc, meta, text, snippet}.
  Engine.prototype.page = function (result, page, size) {
    var self = this;
    return self.verifyUpTo(result, (page + 1) * size).then(function () {
      var shown = result.verified.slice(page * size, (page + 1) * size);
      return Promise.all(shown.map(function (c) {
        return Promise.all([self.meta(c.doc), self.text(c.doc)]).then(function (mt) {
          return { doc: c.doc, meta: mt[0], text: mt[1], snippet: snippet(mt[1], result.terms, self.t2s) };
        });
      }));
    });
  };

  // The estimated total: exact once every candidate has been checked.
  function total(result) {
    var unchecked = result.candidates.length - result.checked;
    return { count: result.verified.length + unchecked, exact: result.exact || unchecked === 0 };
  }

  // ---- snippets --------------------------------------------------------------

  // Ranges [start, end) of `s` (original offsets) where a term occurs.
  function matches(s, terms, t2s) {
    var f = foldWithMap(s, t2s), ranges = [];
    terms.forEach(function (t) {
      if (!t.text) return;
      for (var at = f.text.indexOf(t.text); at >= 0; at = f.text.indexOf(t.text, at + 1)) {
        ranges.push([f.start[at], f.end[at + t.text.length - 1]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  // A window of the body around the first match: {text, marks: [[s, e]]}.
  function snippet(text, terms, t2s) {
    var body = text.f.slice(text.b).join(" ") || text.f[0] || "";
    var ranges = matches(body, terms, t2s), before = 30, length = 110;
    var from = ranges.length ? Math.max(0, ranges[0][0] - before) : 0;
    var to = Math.min(body.length, from + length);
    var marks = ranges.filter(function (r) { return r[0] >= from && r[1] <= to; })
      .map(function (r) { return [r[0] - from, r[1] - from]; });
    return { text: body.slice(from, to), marks: marks, before: from > 0, after: to < body.length };
  }

  var core = {
    isIndexable: isIndexable, isHanLike: isHanLike, makeT2s: makeT2s, fold: fold,
    foldWithMap: foldWithMap, splitQuery: splitQuery, queryTerms: queryTerms, isExact: isExact,
    fnv1a: fnv1a, shardOf: shardOf, decodeShard: decodeShard, matches: matches,
    snippet: snippet, total: total, Engine: Engine
  };
  global.NewsarcSearch = core;
  if (typeof module !== "undefined" && module.exports) module.exports = core;
  if (typeof document === "undefined" || !document.currentScript) return;

  // ---- the page ------------------------------------------------------------

  var PAGE_SIZE = 10;
  var FACETS = ["year", "district", "official", "sort"];
  var SORTS = [["relevance", "相关度"], ["newest", "最新在前"], ["oldest", "最早在前"]];
  var siteRoot = new URL("../", document.currentScript.src).href;  // search.js is in assets/

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Appends `s` to `parent` with the ranges in `marks` wrapped in <mark>.
  function appendMarked(parent, s, marks) {
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] > at) parent.appendChild(document.createTextNode(s.slice(at, m[0])));
      parent.appendChild(el("mark", "", s.slice(m[0], m[1])));
      at = m[1];
    });
    if (at < s.length) parent.appendChild(document.createTextNode(s.slice(at)));
  }

  function readState(search) {
    var p = new URLSearchParams(search);
    var page = parseInt(p.get("page") || "1", 10);
    return {
      q: p.get("q") || "", year: p.get("year") || "", district: p.get("district") || "",
      official: p.get("official") || "", sort: p.get("sort") || "relevance",
      page: page > 0 ? page : 1
    };
  }

  function stateUrl(state) {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    FACETS.forEach(function (k) {
      if (state[k] && !(k === "sort" && state[k] === "relevance")) p.set(k, state[k]);
    });
    if (state.page > 1) p.set("page", String(state.page));
    var query = p.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function facetSelect(id, label, name, options) {
    var wrap = el("div", "search-facet");
    var l = el("label", "", label);
    l.htmlFor = id;
    var s = el("select");
    s.id = id;
    s.name = name;
    options.forEach(function (o) {
      var option = el("option", "", o[1]);
      option.value = o[0];
      s.appendChild(option);
    });
    wrap.appendChild(l);
    wrap.appendChild(s);
    return { wrap: wrap, select: s };
  }

  function yearLabel(year) { return year === 0 ? "日期不详" : year + "年"; }

  // The facet form: inside #search-facets when the template has one, else
  // inserted before #results.
  function buildFacets(ui, manifest) {
    var form = el("form", "search-facets");
    form.setAttribute("aria-label", "筛选与排序");
    var years = [["", "全部年份"]];
    manifest.years.forEach(function (y) { years.push([String(y.year), yearLabel(y.year)]); });
    var districts = [["", "全部地区"]].concat(manifest.districts.map(function (d) { return [d.name, d.name]; }));
    var officials = [["", "全部人物"]].concat(manifest.officials.map(function (o) { return [o.name, o.name]; }));
    ui.selects = {
      year: facetSelect("facet-year", "年份", "year", years),
      district: facetSelect("facet-district", "地区", "district", districts),
      official: facetSelect("facet-official", "人物", "official", officials),
      sort: facetSelect("facet-sort", "排序", "sort", SORTS)
    };
    FACETS.forEach(function (k) {
      form.appendChild(ui.selects[k].wrap);
      ui.selects[k].select.addEventListener("change", function () {
        var state = Object.assign({}, ui.state, { page: 1 });
        state[k] = ui.selects[k].select.value;
        go(ui, state);
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var slot = document.getElementById("search-facets");
    if (slot) slot.appendChild(form);
    else ui.results.parentNode.insertBefore(form, ui.results);
  }

  function syncControls(ui, state) {
    if (ui.input) ui.input.value = state.q;
    if (!ui.selects) return;
    FACETS.forEach(function (k) {
      var s = ui.selects[k].select;
      if (state[k] && !Array.from(s.options).some(function (o) { return o.value === state[k]; })) {
        var extra = el("option", "", k === "year" ? yearLabel(Number(state[k])) : state[k]);
        extra.value = state[k];
        s.appendChild(extra);
      }
      s.value = state[k] || (k === "sort" ? "relevance" : "");
    });
  }

  function showMessage(ui, text, className) {
    ui.results.replaceChildren(el("p", className || "search-status", text));
  }

  function resultItem(item, terms, t2s) {
    var li = el("li", "search-result");
    var h = el("h2", "search-result-title");
    var a = el("a");
    a.href = siteRoot + item.meta.u;
    appendMarked(a, item.meta.t, core.matches(item.meta.t, terms, t2s));
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "article-meta");
    var time = el("time", "", item.meta.d);
    if (item.meta.i) time.dateTime = item.meta.i;
    meta.appendChild(time);
    if (item.meta.ds.length) meta.appendChild(document.createTextNode(" · " + item.meta.ds.join("、")));
    li.appendChild(meta);
    var p = el("p", "search-snippet");
    if (item.snippet.before) p.appendChild(document.createTextNode("…"));
    appendMarked(p, item.snippet.text, item.snippet.marks);
    if (item.snippet.after) p.appendChild(document.createTextNode("…"));
    li.appendChild(p);
    return li;
  }

  function pageLink(ui, label, page, rel) {
    var state = Object.assign({}, ui.state, { page: page });
    var a = el("a", "", label);
    a.href = stateUrl(state);
    a.rel = rel;
    a.addEventListener("click", function (e) { e.preventDefault(); go(ui, state, true); });
    var li = el("li");
    li.appendChild(a);
    return li;
  }

  function pagination(ui, count, exact) {
    var pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
    var nav = el("nav", "pagination");
    nav.setAttribute("aria-label", "搜索结果分页");
    nav.appendChild(el("p", "", "第 " + ui.state.page + " 页，共" + (exact ? " " : "约 ") + pages + " 页"));
    var ul = el("ul");
    if (ui.state.page > 1) ul.appendChild(pageLink(ui, "上一页", ui.state.page - 1, "prev"));
    if (ui.state.page < pages) ul.appendChild(pageLink(ui, "下一页", ui.state.page + 1, "next"));
    nav.appendChild(ul);
    return nav;
  }

  function updateYearCounts(ui, result) {
    Array.from(ui.selects.year.select.options).forEach(function (o) {
      if (!o.value) return;
      var n = result.yearCounts.get(Number(o.value)) || 0;
      o.textContent = yearLabel(Number(o.value)) + "（" + n + "）";
    });
  }

  function showResults(ui, result, items, focus) {
    var t = core.total(result), q = ui.state.q.trim();
    updateYearCounts(ui, result);
    if (!items.length && t.count > 0) {
      showMessage(ui, "第 " + ui.state.page + " 页没有结果。");
      ui.results.appendChild(pagination(ui, t.count, t.exact));
      return;
    }
    if (!items.length) {
      var filtered = ui.state.year || ui.state.district || ui.state.official;
      showMessage(ui, "没有找到与“" + q + "”相关的报道。" + (filtered ? "可以去掉筛选条件再试。" : ""), "search-status search-empty");
      return;
    }
    var status = el("p", "search-status", (t.exact ? "找到 " : "找到约 ") + t.count + " 篇与“" + q + "”相关的报道");
    status.tabIndex = -1;
    var list = el("ol", "search-results");
    list.start = (ui.state.page - 1) * PAGE_SIZE + 1;
    items.forEach(function (item) { list.appendChild(resultItem(item, result.terms, ui.engine.t2s)); });
    ui.results.replaceChildren(status, list, pagination(ui, t.count, t.exact));
    if (focus) status.focus();
  }

  // Shows the results of ui.state; a newer search makes an older one's answer moot.
  function run(ui, focus) {
    var state = ui.state, seq = ++ui.seq;
    syncControls(ui, state);
    document.title = (state.q ? state.q + " - " : "") + ui.title;
    if (!state.q.trim()) { showMessage(ui, "请输入要搜索的标题、人名或地区。"); return; }
    showMessage(ui, "正在搜索…");
    var options = { year: state.year, district: state.district, official: state.official, sort: state.sort };
    ui.engine.search(state.q, options).then(function (result) {
      if (seq !== ui.seq) return null;
      if (result.status === "short") {
        showMessage(ui, "检索词太短：请输入至少一个汉字或两个字母、数字。", "search-status search-empty");
        return null;
      }
      return ui.engine.page(result, state.page - 1, PAGE_SIZE).then(function (items) {
        if (seq === ui.seq) showResults(ui, result, items, focus);
      });
    }).catch(function (err) {
      if (seq === ui.seq) showMessage(ui, "搜索索引加载失败：" + err.message, "search-status search-error");
    });
  }

  function go(ui, state, focus) {
    ui.state = state;
    history.pushState(null, "", stateUrl(state));
    run(ui, focus);
  }

  function start() {
    var results = document.getElementById("results");
    if (!results) return;
    var ui = {
      results: results, input: document.getElementById("q"), seq: 0, title: document.title,
      engine: new Engine(new URL("search/", siteRoot).href), state: readState(location.search)
    };
    var form = ui.input && ui.input.form;
    if (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        go(ui, Object.assign({}, ui.state, { q: ui.input.value, page: 1 }));
      });
    }
    window.addEventListener("popstate", function () {
      ui.state = readState(location.search);
      run(ui);
    });
    ui.engine.load().then(function (manifest) {
      buildFacets(ui, manifest);
      run(ui);
    }).catch(function (err) {
      showMessage(ui, "搜索索引加载失败：" + err.message, "search-status search-error");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
