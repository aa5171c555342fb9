// Search on the built sample site, in Debian's Chromium driven by
// playwright-core. run.sh builds the site, serves it and sets:
//   SITE_URL  http://127.0.0.1:<port>/ (the site root)
//   SITE_DIR  the built folder (records.json is the ground truth)
//   CHROMIUM  the browser binary (default /usr/bin/chromium)
// Queries are taken from the site's own data (officials, reporters, district
// aliases in site.json), so the test follows the sample content.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const repo = path.resolve(__dirname, "../..");
const siteUrl = process.env.SITE_URL;
const siteDir = process.env.SITE_DIR;
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const records = readJson(path.join(siteDir, "records.json"));
const manifest = readJson(path.join(siteDir, "search/manifest.json"));
const config = readJson(path.join(repo, "site.json"));
const t2s = readJson(path.join(siteDir, "search/t2s.json"));

// The text a reader can find an article by, from the JSON export.
function recordText(r) {
  const credits = [r.reporters, r.correspondents, r.authors, r.photo_credits].flat();
  return [r.display_title, r.subtitle || "", ...r.officials.map((o) => o.name), ...r.districts,
    ...r.body.map((b) => b.text), ...r.captions, ...credits].join("\n");
}
const idsContaining = (s) => records.filter((r) => recordText(r).includes(s)).map((r) => r.id).sort();
const idsInDistrict = (d) => records.filter((r) => r.districts.includes(d)).map((r) => r.id).sort();

// Simplified -> one traditional form, from the site's own table.
const toTraditional = (() => {
  const from = Array.from(t2s.from), to = Array.from(t2s.to), back = new Map();
  to.forEach((s, i) => { if (!back.has(s)) back.set(s, from[i]); });
  return (s) => Array.from(s).map((c) => back.get(c) || c).join("");
})();
const toFullWidth = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
});
after(async () => { if (browser) await browser.close(); });

async function newPage() {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => { throw e; });
  return page;
}

// Waits until the results area shows an answer (not "正在搜索…").
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector("#results .search-status");
    return s && !s.textContent.startsWith("正在搜索");
  });
}

async function search(page, params) {
  await page.goto(`${siteUrl}search/index.html?${new URLSearchParams(params)}`);
  await settled(page);
}

const status = (page) => page.textContent("#results .search-status");
const idOf = (href) => decodeURIComponent(new URL(href).pathname.split("/").slice(-2, -1)[0]);

// Article ids of every result page, following the "下一页" links.
async function allResults(page) {
  const ids = [];
  for (;;) {
    const hrefs = await page.$$eval(".search-result-title a", (as) => as.map((a) => a.href));
    ids.push(...hrefs.map(idOf));
    const next = await page.$("a[rel=next]");
    if (!next) return ids;
    const previous = await page.evaluate(() => location.search);
    await next.click();
    await page.waitForFunction((s) => location.search !== s, previous);
    await settled(page);
  }
}

test("a person's name finds exactly the articles that contain it", async () => {
  const names = [manifest.officials[0].name, manifest.officials[1].name,
    records.find((r) => r.reporters.length).reporters[0]];
  const page = await newPage();
  for (const name of names) {
    const expected = idsContaining(name);
    assert.ok(expected.length >= 1, name);
    await search(page, { q: name });
    assert.deepEqual((await allResults(page)).sort(), expected, name);
  }
});

test("results show title, date, district and a highlighted snippet", async () => {
  const name = manifest.officials[0].name;
  const page = await newPage();
  await search(page, { q: name });
  assert.match(await status(page), new RegExp(`找到(约)? \\d+ 篇与“${name}”相关的报道`));
  const first = page.locator(".search-result").first();
  assert.ok((await first.locator(".search-result-title a").textContent()).length > 0);
  assert.match(await first.locator("time").getAttribute("datetime"), /^\d{4}/);
  assert.ok(await page.locator(".search-snippet mark").count() >= 1);
  assert.equal(await page.locator(".search-snippet mark").first().textContent(), name);
});

test("a district alias finds the district's articles", async () => {
  // An alias that is not part of the canonical name ("经开区" for 郑州经济技术开发区).
  const district = config.districts.find((d) =>
    d.aliases.some((a) => !d.name.includes(a)) && idsInDistrict(d.name).length > 0);
  assert.ok(district, "site.json has an alias that is not a substring of its district");
  const alias = district.aliases.find((a) => !district.name.includes(a));
  const page = await newPage();
  await search(page, { q: alias });
  const found = await allResults(page);
  for (const id of idsInDistrict(district.name)) assert.ok(found.includes(id), `${alias}: ${id}`);
});

test("traditional and full-width queries find what simplified and half-width ones do", async () => {
  const page = await newPage();
  const pairs = [
    [manifest.districts[0].name, toTraditional(manifest.districts[0].name)],
    [manifest.officials[1].name, toTraditional(manifest.officials[1].name)],
    ["2023年", toFullWidth("2023年")],
  ];
  for (const [plain, variant] of pairs) {
    assert.notEqual(plain, variant);
    await search(page, { q: plain });
    const expected = await allResults(page);
    assert.ok(expected.length > 0, plain);
    await search(page, { q: variant });
    assert.deepEqual(await allResults(page), expected, variant);
  }
});

test("typing a query and pressing Enter searches and updates the URL", async () => {
  const page = await newPage();
  await page.goto(`${siteUrl}index.html`);
  await page.fill("#q", manifest.officials[0].name);
  await page.press("#q", "Enter");
  await page.waitForURL(/search\/index\.html\?q=/);
  await settled(page);
  assert.ok(await page.locator(".search-result").count() > 0);
  await page.fill("#q", manifest.officials[1].name);
  await page.press("#q", "Enter");
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q,
    manifest.officials[1].name);
  await settled(page);
  assert.match(await status(page), new RegExp(manifest.officials[1].name));
});

test("facets narrow the results and are kept in the URL", async () => {
  const query = manifest.districts[0].name;
  const page = await newPage();
  await search(page, { q: query });
  const all = await allResults(page);
  // The year facet, from the keyboard: focus the select, pick the first year.
  await search(page, { q: query });
  await page.focus("#facet-year");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => new URLSearchParams(location.search).has("year"));
  await settled(page);
  const year = await page.$eval("#facet-year", (s) => s.value);
  const byYear = await allResults(page);
  assert.ok(byYear.length > 0 && byYear.length < all.length, `${byYear.length} of ${all.length}`);
  for (const id of byYear) assert.ok(records.find((r) => r.id === id).date.startsWith(year), id);
  // The official facet: only articles naming that official.
  const official = manifest.officials[0].name;
  await search(page, { q: query, official });
  assert.equal(await page.$eval("#facet-official", (s) => s.value), official);
  const byOfficial = await allResults(page);
  const expected = records.filter((r) => recordText(r).includes(query) &&
    r.officials.some((o) => o.name === official)).map((r) => r.id).sort();
  assert.deepEqual(byOfficial.sort(), expected);
  // Sorting by date: newest first.
  await search(page, { q: query, sort: "newest" });
  const dates = await page.$$eval(".search-result time", (ts) => ts.map((t) => t.dateTime));
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test("a query with no hits says so", async () => {
  const page = await newPage();
  await search(page, { q: "鲸鱼飞过沙漠" });
  assert.match(await status(page), /没有找到/);
  assert.equal(await page.locator(".search-result").count(), 0);
  await search(page, { q: manifest.districts[0].name, district: manifest.districts[1].name,
    official: manifest.officials[0].name, year: "1999" });
  assert.match(await status(page), /没有找到.*筛选条件/);
});
