// phone_overflow.js: loads every HTML page of a served site at a phone's width
// (390 CSS px) in Debian chromium and lists the pages wider than the screen,
// with the widest element that sticks out. Exit 1 when any page overflows.
//   BASE=http://127.0.0.1:PORT PAGES=pages.txt NODE_PATH=.../node_modules node phone_overflow.js
const { chromium } = require('playwright-core');
const fs = require('fs');

const base = process.env.BASE;
const pages = fs.readFileSync(process.env.PAGES, 'utf8').split('\n').filter(Boolean);
const width = +(process.env.PHONE_WIDTH || 390);

function widest() {
  const limit = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 1 && (!worst || r.right > worst.right))
      worst = { right: Math.round(r.right), tag: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') };
  }
  return { scroll: document.documentElement.scrollWidth, limit, worst };
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  let bad = 0;
  for (const p of pages) {
    await page.goto(base + '/' + p);
    const r = await page.evaluate(widest);
    if (r.scroll > r.limit) {
      bad++;
      console.log(`${p}: ${r.scroll}px wide at ${r.limit}px` + (r.worst ? ` (${r.worst.tag} ends at ${r.worst.right}px)` : ''));
    }
  }
  await browser.close();
  console.log(`phone width ${width}px: ${bad} of ${pages.length} pages overflow`);
  process.exit(bad ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
