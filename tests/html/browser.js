// browser.js — opens HTML reports in headless Chromium (Debian's chromium, driven by
// playwright-core from tests/package.json) and checks them against the JSON report of the
// same run. Used by check_browser.sh (CTest html_browser) and bench/html_load.sh.
//   node browser.js check REPORT.html REPORT.json SHOT.png   counts equal, no console error
//   node browser.js hostile REPORT.html                      nothing of the names runs
//   node browser.js time REPORT.html                         load time in ms, on stdout
'use strict';
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'node_modules', 'playwright-core'));
const fs = require('fs');

const CHROMIUM = process.env.MB_CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exitCode = 1;
}

function eq(what, got, want) {
  if (got !== want) fail(`${what}: the page has ${got}, the JSON report ${want}`);
}

async function open(file) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push('page error: ' + e));
  page.on('dialog', async (d) => { problems.push('a dialog opened: ' + d.message()); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push('a request went out: ' + r.url()); });
  const t0 = Date.now();
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
  const ms = Date.now() - t0;
  return { browser, page, problems, ms };
}

async function check(html, jsonFile, shot) {
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  const { browser, page, problems } = await open(html);
  const v = json.verdicts;
  const rules = new Set(v.map((x) => x.rule)), regions = new Set(v.map((x) => x.region));
  const got = await page.evaluate(() => {
    const num = (sel) => Number((document.querySelector(sel) || {}).textContent);
    const counts = {};
    for (const e of document.querySelectorAll('#counts .count')) counts[e.dataset.status] = Number(e.textContent);
    return {
      targets: document.querySelectorAll('section.target').length,
      targetCount: num('#target-count'),
      regionCount: num('#region-count'),
      verdictCount: num('#verdict-count'),
      counts,
      matrixRows: document.querySelectorAll('#matrix tbody tr').length,
      matrixCells: document.querySelectorAll('#matrix tbody td[title]').length,
      figureBadges: document.querySelectorAll('figure.region figcaption .badge').length,
      figures: document.querySelectorAll('figure.region').length,
      svgs: document.querySelectorAll('figure.region svg').length,
      scripts: document.querySelectorAll('script').length,
    };
  });
  eq('targets (sections)', got.targets, rules.size);
  eq('targets (header)', got.targetCount, rules.size);
  eq('regions', got.regionCount, regions.size);
  eq('verdicts', got.verdictCount, v.length);
  for (const [s, n] of Object.entries(json.counts)) eq(`${s} count`, got.counts[s] || 0, n);
  if (regions.size <= 500) {
    eq('matrix rows', got.matrixRows, regions.size);
    eq('matrix cells', got.matrixCells, v.length);
  }
  if (regions.size <= 12) eq('badges in the charts', got.figureBadges, v.length);
  eq('a chart per figure', got.svgs, got.figures);
  eq('script elements', got.scripts, 0);
  for (const p of problems) fail(p);
  if (shot) {
    // a whole page taller than Chromium can capture at once: its first screens
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: shot, fullPage: h <= 12000, clip: h > 12000 ? { x: 0, y: 0, width: 1200, height: 12000 } : undefined });
  }
  await browser.close();
  if (!process.exitCode) console.log(`ok ${html}: ${rules.size} targets, ${regions.size} regions, ${v.length} verdicts`);
}

// Names that are markup must arrive as text, and nothing may run.
async function hostile(html) {
  const { browser, page, problems } = await open(html);
  const got = await page.evaluate(() => ({
    title: document.title,
    h1: document.querySelector('h1').textContent,
    phrase: document.querySelector('blockquote.phrase').textContent,
    regions: [...document.querySelectorAll('#matrix tbody th')].map((e) => e.textContent),
    elements: [...document.querySelectorAll('script, img, iframe, object, embed, body style')].length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  const plan = '<script>alert(1)</script> & "quoted" plan';
  eq('title', got.title, plan);
  eq('heading', got.h1, plan);
  eq('phrase', got.phrase, '"><script>alert(3)</script>');
  eq('region names', JSON.stringify(got.regions.sort()), JSON.stringify(['<U+202E>evil<U+202C>', '<img src=x onerror=alert(2)>'].sort()));
  eq('script, img, iframe, object, embed or style elements', got.elements, 0);
  eq('elements with an on... attribute', got.handlers, 0);
  for (const p of problems) fail(p);
  await browser.close();
  if (!process.exitCode) console.log(`ok ${html}: every hostile name is text`);
}

async function time(html) {
  const { browser, page, problems, ms } = await open(html);
  const n = await page.evaluate(() => document.querySelectorAll('*').length);
  for (const p of problems) fail(p);
  await browser.close();
  console.log(`${ms} ms to load, ${n} elements`);
}

// A failure anywhere ends the run: no browser is left open.
const [cmd, a, b, c] = process.argv.slice(2);
const run = cmd === 'check' ? check(a, b, c) : cmd === 'hostile' ? hostile(a) : cmd === 'time' ? time(a) : null;
if (!run) { console.error('usage: node browser.js check|hostile|time REPORT.html [REPORT.json [SHOT.png]]'); process.exit(2); }
run.catch((e) => fail(String((e && e.stack) || e))).finally(() => process.exit(process.exitCode || 0));
