// lsp.test.mjs — `mubiao lsp` driven by a real LSP client (node --test tests/lsp/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { start, rules, lsp, source, uriOf, binary } from './client.mjs';

const line = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle));

test('lifecycle: initialize announces incremental sync and UTF-16; shutdown and exit give 0', async (t) => {
  const s = await start(t);
  assert.equal(s.init.capabilities.textDocumentSync.change, 2);
  assert.equal(s.init.capabilities.positionEncoding, 'utf-16');
  assert.equal(s.init.serverInfo.name, 'mubiao');
  assert.equal(await s.stop(), 0);
});

test('diagnostics: a seed plan with its import is clean; an edit into an error and back', async (t) => {
  const s = await start(t);
  const path = rules('nantong_2018.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  assert.deepEqual(await s.diagnostics(uri, 1), []);
  // NT01's subject rd_gdp (defined in catalogue.mb) misspelt: after 28 UTF-16 units of
  // 'target NT01 "研发投入占比超过全省平均": '
  const l = line(text, 'target NT01 ');
  const at = text.split('\n')[l].indexOf('rd_gdp');
  assert.equal(at, 28);
  s.change(uri, 2, [{ range: { start: { line: l, character: at }, end: { line: l, character: at + 6 } }, text: 'rd_gdpx' }]);
  const d = await s.diagnostics(uri, 2);
  assert.equal(d.length, 1);
  assert.equal(d[0].code, 'MB2001');
  assert.equal(d[0].severity, lsp.DiagnosticSeverity.Error);
  assert.deepEqual(d[0].range, { start: { line: l, character: 28 }, end: { line: l, character: 35 } });
  assert.match(d[0].message, /did you mean 'rd_gdp'/);
  s.change(uri, 3, [{ range: { start: { line: l, character: at }, end: { line: l, character: at + 7 } }, text: 'rd_gdp' }]);
  assert.deepEqual(await s.diagnostics(uri, 3), []);
  assert.equal(await s.stop(), 0);
});

test('a problem in an imported file: on the import that leads to it, with its place as related information', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mubiao-lsp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.mb'), 'indicator a "甲" unit 家 higher;\n');
  writeFileSync(join(dir, 'b.mb'), 'import "c.mb";\n');
  // c.mb: a derived indicator over one that does not exist, on its second line
  writeFileSync(join(dir, 'c.mb'), '# 丙\nindicator c "丙" unit 家 higher = a + 𠀀nope;\n');
  const plan = 'import "a.mb";\nimport "b.mb";\ntarget T "t": a >= 1 by 2020 phrase "达到1家";\n';
  const s = await start(t);
  const uri = s.open(join(dir, 'plan.mb'), plan);
  const d = await s.diagnostics(uri, 1);
  const undef = d.filter((x) => x.code === 'MB2001');
  assert.equal(undef.length, 1, JSON.stringify(d));
  assert.equal(undef[0].range.start.line, 1, 'shown on import "b.mb", which leads to c.mb');
  assert.match(undef[0].message, /^in c\.mb:2:\d+: undefined indicator/);
  const [rel] = undef[0].relatedInformation;
  assert.equal(rel.location.uri, uriOf(join(dir, 'c.mb')));
  // '𠀀nope' starts after 'indicator c "丙" unit 家 higher = a + ' (36 UTF-16 units)
  assert.deepEqual(rel.location.range, { start: { line: 1, character: 36 }, end: { line: 1, character: 42 } });
  assert.equal(await s.stop(), 0);
});

test('positions: columns in UTF-16 code units past CJK and a character outside the BMP', async (t) => {
  const s = await start(t);
  // '𠀀' is two UTF-16 units (four UTF-8 bytes), '指' one (three bytes).
  const text = 'indicator a "指标𠀀" unit 家 higher;\ntarget T1 "𠀀𠀀": nope >= 1 by 2020 phrase "p";\n';
  const uri = s.open('/nonexistent/dir/pos.mb', text);
  const d = await s.diagnostics('file:///nonexistent/dir/pos.mb', 1);
  assert.equal(uri, 'file:///nonexistent/dir/pos.mb');
  const undef = d.find((x) => x.code === 'MB2001');
  assert.ok(undef, JSON.stringify(d));
  // 'target T1 "𠀀𠀀": ' is 10 + 1 + 4 + 1 + 1 + 1 = 18 units; 'nope' is 4 more
  assert.deepEqual(undef.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 22 } });
  // an incremental edit addressed in UTF-16: replace 'nope' by 'a'
  s.change(uri, 2, [{ range: undef.range, text: 'a' }]);
  assert.deepEqual(await s.diagnostics(uri, 2), []);
  assert.equal(await s.stop(), 0);
});

test('robustness: malformed JSON, unknown methods and unopened files get errors, not a crash', async (t) => {
  const s = await start(t);
  await assert.rejects(s.conn.sendRequest('mubiao/noSuchMethod', {}), (e) => e.code === -32601);
  // raw bytes past the client library: a body that is not JSON
  s.child.stdin.write('Content-Length: 9\r\n\r\n{"id":1,]');
  const r = await s.conn.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri: 'file:///not/open.mb' }, position: { line: 0, character: 0 },
  }).catch((e) => e);
  assert.ok(r === null || r.code === -32601, String(r));
  assert.equal(await s.stop(), 0);
});

test('debounce: twenty quick changes are checked once, after the last (counted in publications)', async (t) => {
  // a delay longer than the test: nothing is published until a request needs the analysis,
  // so the count does not depend on how fast the machine is
  const s = await start(t, { diagnosticsDelayMs: 3600000 });
  const path = rules('haizhou_2015.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  assert.deepEqual(await s.diagnostics(uri, 1), []); // a document just opened: at once
  const end = { line: text.split('\n').length - 1, character: 0 };
  const typed = '# 二十个字符的注释，一个一个地输入进来了。';
  for (let i = 0; i < 20; i++) {
    const at = { line: end.line, character: i };
    s.change(uri, 2 + i, [{ range: { start: at, end: at }, text: typed[i] }]);
    // a pause between keystrokes: a round trip the server answers without analysing, after
    // which no message is waiting (without the delay, each change would be checked here)
    assert.equal(await s.conn.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: 'file:///not/open.mb' }, position: { line: 0, character: 0 } }), null);
  }
  const syms = await s.conn.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(syms.length > 0);
  assert.deepEqual(await s.diagnostics(uri, 21), []);
  assert.deepEqual(s.published.get(uri).map((p) => p.version), [1, 21]);
  // without a delay a change is published as soon as no further message is waiting
  assert.equal(await s.stop(), 0);
  const q = await start(t, { diagnosticsDelayMs: 0 });
  const uri2 = q.open(path, text);
  await q.diagnostics(uri2, 1);
  q.change(uri2, 2, [{ range: { start: end, end }, text: 'target ;' }]);
  assert.equal((await q.diagnostics(uri2, 2))[0].code, 'MB1001');
  assert.equal(await q.stop(), 0);
});

// Applies LSP text edits (UTF-16 positions, as JavaScript strings count) to text.
const applyEdits = (text, edits) => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p) => Math.min(starts[p.line] + p.character, text.length);
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)))
    text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  return text;
};

test('quick fixes: did you mean, a missing ;, the strictness the phrase asks for — each applied leaves no diagnostic', async (t) => {
  const s = await start(t, { diagnosticsDelayMs: 0 });
  const path = rules('nantong_2018.mb');
  const orig = readFileSync(path, 'utf8');
  const uri = s.open(path, orig);
  assert.deepEqual(await s.diagnostics(uri, 1), []);
  let version = 1;
  const cases = [
    // NT01's subject misspelt (an id: the nearest id of the catalogue)
    [orig.replace('rd_gdp > region', 'rd_gdpp > region'), 'MB2001', "Replace 'rd_gdpp' with 'rd_gdp'"],
    // a printed name one character off (the nearest NFKC printed name, quoted)
    [orig.replace('rd_gdp > region', '"全社会研发经费支出占地区生产总值比例" > region'), 'MB2001',
      "Replace '\"全社会研发经费支出占地区生产总值比例\"' with '\"全社会研发经费支出占地区生产总值比重\"'",
      orig.replace('rd_gdp > region', '"全社会研发经费支出占地区生产总值比重" > region')],
    // NT01 without its ';' (the error is on NT02's line; the fix goes after NT01's source)
    [orig.replace('source "市统计局";\n\ntarget NT02', 'source "市统计局"\n\ntarget NT02'), 'MB1001', "Insert ';'"],
    // NT02 says 达到2.74%: '>' is one strictness too many
    [orig.replace('rd_gdp >= 2.74%', 'rd_gdp > 2.74%'), 'MB4014', "Replace '>' with '>='"],
  ];
  for (const [broken, code, title, want = orig] of cases) {
    assert.notEqual(broken, orig);
    s.change(uri, ++version, [{ text: broken }]);
    const d = (await s.diagnostics(uri, version)).filter((x) => x.code === code);
    assert.equal(d.length, 1, `${code}: ${JSON.stringify(d)}`);
    const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: d[0].range, context: { diagnostics: d } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [a] = actions;
    assert.equal(a.kind, lsp.CodeActionKind.QuickFix);
    assert.equal(a.title, title);
    assert.equal(a.diagnostics[0].code, code);
    const fixed = applyEdits(broken, a.edit.changes[uri]);
    assert.equal(fixed, want, `${code}: the fix mends the plan`);
    s.change(uri, ++version, [{ text: fixed }]);
    assert.deepEqual(await s.diagnostics(uri, version), []);
  }
  // no fix where none is known, and none outside the range asked about
  const none = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
  assert.deepEqual(none, []);
  assert.equal(await s.stop(), 0);
});

test('quick fixes of the phrase check: aspiration for 争取, the deadline the phrase names', async (t) => {
  const s = await start(t, { diagnosticsDelayMs: 0 });
  let version = 1;
  const cases = [
    // CZ09 says 争取 (an aspiration): the attribute is added at the end of the statement
    ['changzhou_2018.mb', (o) => o.replace('by 2018 aspiration\n  phrase "争取省', 'by 2018\n  phrase "争取省'), 'MB4025',
      "Insert ' aspiration'", (o) => o.replace('by 2018 aspiration\n  phrase "争取省“双创人才”(创新类)7名";',
        'by 2018\n  phrase "争取省“双创人才”(创新类)7名" aspiration;')],
    // NJ007 says 到2024年: a deadline of 2023 goes back to the phrase's one year
    ['nanjing_2022_2024.mb', (o) => o.replace('>= 180 家 by 2024', '>= 180 家 by 2023'), 'MB4023',
      "Replace '2023' with '2024'", (o) => o],
  ];
  for (const [file, breakIt, code, title, wantOf] of cases) {
    const path = rules(file);
    const orig = readFileSync(path, 'utf8');
    const broken = breakIt(orig);
    assert.notEqual(broken, orig);
    const uri = s.open(path, broken, ++version);
    const d = (await s.diagnostics(uri, version)).filter((x) => x.code === code);
    assert.equal(d.length, 1, `${code}: ${JSON.stringify(d)}`);
    const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: d[0].range, context: { diagnostics: d } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [a] = actions;
    assert.equal(a.kind, lsp.CodeActionKind.QuickFix);
    assert.equal(a.title, title);
    assert.equal(a.diagnostics[0].code, code);
    const fixed = applyEdits(broken, a.edit.changes[uri]);
    assert.equal(fixed, wantOf(orig), `${code}: the fix mends the plan`);
    s.change(uri, ++version, [{ text: fixed }]);
    assert.deepEqual(await s.diagnostics(uri, version), []);
  }
  assert.equal(await s.stop(), 0);
});

// The position of the first occurrence of needle on the line holding `on`, in UTF-16 units.
const posOf = (text, on, needle = on) => {
  const l = line(text, on);
  return { line: l, character: text.split('\n')[l].indexOf(needle) + 1 };
};

test('hover: an indicator, a target in words, a quantity in the indicator unit, a plan', async (t) => {
  const s = await start(t);
  const path = rules('jiangyin_2018_2020.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  assert.deepEqual(await s.diagnostics(uri, 1), []);
  const hover = async (on, needle) => {
    const h = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: posOf(text, on, needle) });
    return h && h.contents.value;
  };
  const ind = await hover('target JY03 ', 'tech_tax_relief');
  assert.match(ind, /^\*\*企业享受科技税收优惠减免额\*\* \(`tech_tax_relief`\)/);
  assert.match(ind, /unit: 亿元 · higher is better/);
  assert.match(ind, /defined in catalogue\.mb:\d+/);
  const tgt = await hover('target JY03 ', 'JY03');
  assert.match(tgt, /met when 企业享受科技税收优惠减免额 ≥ 3\.5 亿元 in 2019/);
  assert.match(tgt, /> 企业享受税收减免/);
  const about = await hover('target JY08 ', 'JY08');
  assert.match(about, /met when 高新技术产业产值占规模以上工业产值比重 ≥ 54% in 2020 \(criterion: ≥ 54 \(55 ±1\)\)/);
  const qty = await hover('target JY03 ', '3.0亿元');
  assert.match(qty, /^`3\.0亿元` = 3 亿元/);
  assert.match(qty, /1 亿元 = 100,000,000 元/);
  const plan = await hover('plan jiangyin', 'jiangyin');
  assert.match(plan, /^\*\*plan jiangyin_hitech_2018\*\*/);
  assert.equal(await hover('# ', '#'), null);
  assert.equal(await s.stop(), 0);
});

test('hover: a target relative to a base year and to another region', async (t) => {
  const s = await start(t);
  for (const [file, on, want] of [
    ['haizhou_2015.mb', 'target HZ12 ', /met when 高新技术企业数 in 2015 ≥ 2 × its value in 2013/],
    ['nantong_2018.mb', 'target NT01 ', /met when 全社会研发经费支出占地区生产总值比重 in 2018 > its value for 江苏省/],
    ['nanjing_2022_2024.mb', 'target NJ012 ', /in 2024 ≤ 0\.8 × its value in 2021/],
  ]) {
    const text = readFileSync(rules(file), 'utf8');
    const uri = s.open(rules(file), text);
    await s.diagnostics(uri, 1);
    const h = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: posOf(text, on, 'target') });
    assert.match(h.contents.value, want);
  }
  assert.equal(await s.stop(), 0);
});

test('hover: a target with the base value its plan prints', async (t) => {
  const s = await start(t);
  const path = join(source, 'tests/data/printed.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  assert.deepEqual(await s.diagnostics(uri, 1), []);
  const h = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: posOf(text, 'target B1 ', 'B1') });
  assert.match(h.contents.value, /printed base: 56\.7% in 2020 \(used when the submission lacks 2020\)/);
  const plain = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: posOf(text, 'indicator hte ', 'hte') });
  assert.doesNotMatch(plain.contents.value, /printed base/);
  assert.equal(await s.stop(), 0);
});

test('completion: indicator ids and printed names from the import, units, keywords, regions', async (t) => {
  const s = await start(t);
  const path = rules('nantong_2018.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  await s.diagnostics(uri, 1);
  const end = { line: text.split('\n').length - 1, character: 0 };
  const r = await s.conn.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: end });
  const by = (label) => r.items.filter((i) => i.label === label);
  const id = by('rd_gdp')[0];
  assert.equal(id.kind, lsp.CompletionItemKind.Variable);
  assert.equal(id.detail, '全社会研发经费支出占地区生产总值比重 · %');
  assert.match(id.filterText, /全社会研发经费/); // typing Chinese finds the id
  const name = by('全社会研发经费支出占地区生产总值比重')[0];
  assert.equal(name.insertText, '"全社会研发经费支出占地区生产总值比重"');
  assert.equal(name.detail, 'rd_gdp');
  assert.ok(by('家').length && by('亿元').length, 'units');
  assert.equal(by('region')[0].kind, lsp.CompletionItemKind.Keyword);
  assert.equal(by('南通市')[0].insertText, '"南通市"');
  // every keyword offered is one of the scanner's
  const lexer = readFileSync(`${source}/grammar/lexer.l`, 'utf8');
  for (const k of r.items.filter((i) => i.kind === lsp.CompletionItemKind.Keyword))
    assert.ok(lexer.includes(`"${k.label}" `), k.label);
  // after an opening quote, names go in without quotes and keywords are not offered
  const l = text.split('\n').length;
  s.change(uri, 2, [{ range: { start: end, end }, text: 'target X: "全社' }]);
  const r2 = await s.conn.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: { line: l - 1, character: 13 } });
  assert.equal(r2.items.find((i) => i.label === '全社会研发经费支出占地区生产总值比重').insertText, undefined);
  assert.ok(!r2.items.some((i) => i.kind === lsp.CompletionItemKind.Keyword));
  assert.equal(await s.stop(), 0);
});

test('definition across an import, references in open plans, document symbols', async (t) => {
  const s = await start(t);
  const nt = readFileSync(rules('nantong_2018.mb'), 'utf8');
  const cz = readFileSync(rules('changzhou_2018.mb'), 'utf8');
  const ntUri = s.open(rules('nantong_2018.mb'), nt);
  const czUri = s.open(rules('changzhou_2018.mb'), cz);
  await s.diagnostics(ntUri, 1);
  await s.diagnostics(czUri, 1);
  const at = posOf(nt, 'target NT02 ', 'rd_gdp');
  const def = await s.conn.sendRequest(lsp.DefinitionRequest.type, { textDocument: { uri: ntUri }, position: at });
  const cat = readFileSync(rules('catalogue.mb'), 'utf8');
  assert.equal(def.uri, uriOf(rules('catalogue.mb')));
  assert.equal(def.range.start.line, line(cat, 'indicator rd_gdp '));
  const imp = await s.conn.sendRequest(lsp.DefinitionRequest.type, { textDocument: { uri: ntUri }, position: posOf(nt, 'import "catalogue.mb"', 'catalogue') });
  assert.equal(imp.uri, uriOf(rules('catalogue.mb')));
  const refs = await s.conn.sendRequest(lsp.ReferencesRequest.type, { textDocument: { uri: ntUri }, position: at, context: { includeDeclaration: true } });
  const count = (txt) => txt.split('\n').filter((l) => /^target .*: rd_gdp /.test(l)).length;
  assert.equal(refs.filter((r) => r.uri === ntUri).length, count(nt));
  assert.equal(refs.filter((r) => r.uri === czUri).length, count(cz));
  assert.equal(refs.filter((r) => r.uri === def.uri).length, 1 + (cat.match(/[ (]rd_gdp[ );]/g) ?? []).length - 1);
  const syms = await s.conn.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri: ntUri } });
  const nt02 = syms.find((x) => x.name === 'NT02');
  assert.equal(nt02.detail, '研发投入占比');
  assert.equal(nt02.selectionRange.start.line, line(nt, 'target NT02 '));
  assert.equal(nt02.selectionRange.start.character, 7);
  assert.equal(syms.filter((x) => x.kind === lsp.SymbolKind.Event).length, nt.split('\n').filter((l) => l.startsWith('target ')).length);
  assert.equal(syms.find((x) => x.kind === lsp.SymbolKind.Namespace).name, 'nantong_2018');
  assert.equal(await s.stop(), 0);
});

test('formatting: the canonical layout of mubiao fmt, nothing for a formatted file, an error for a broken one', async (t) => {
  const s = await start(t);
  const path = rules('haizhou_2015.mb');
  const text = readFileSync(path, 'utf8');
  const uri = s.open(path, text);
  const fmt = () => s.conn.sendRequest(lsp.DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(await fmt(), []); // the seed plans are in the canonical layout
  const l = line(text, 'target HZ12 ');
  const orig = text.split('\n')[l];
  s.change(uri, 2, [{ range: { start: { line: l, character: 0 }, end: { line: l, character: orig.length } }, text: orig.replace(/ /g, '   ') }]);
  const edits = await fmt();
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, text);
  s.change(uri, 3, [{ range: { start: { line: l, character: 0 }, end: { line: l, character: 0 } }, text: 'target ;' }]);
  await assert.rejects(fmt(), (e) => /syntax errors/.test(e.message));
  assert.equal(await s.stop(), 0);
});

test('range formatting: only the statements the range touches, in the layout of mubiao fmt', async (t) => {
  const s = await start(t, { diagnosticsDelayMs: 0 });
  const path = rules('haizhou_2015.mb');
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const uri = s.open(path, text);
  await s.diagnostics(uri, 1);
  // two targets spread out; a range on the second touches only it
  const l1 = line(text, 'target HZ12 '), l2 = lines.findIndex((x, i) => i > l1 && x.startsWith('target '));
  assert.ok(l2 > l1);
  const spread = lines.map((x, i) => (i === l1 || i === l2 ? x.replace(/ /g, '   ') : x)).join('\n');
  s.change(uri, 2, [{ text: spread }]);
  const fmt = (l) => s.conn.sendRequest(lsp.DocumentRangeFormattingRequest.type, {
    textDocument: { uri }, range: { start: { line: l, character: 2 }, end: { line: l, character: 5 } },
    options: { tabSize: 2, insertSpaces: true } });
  const edits = await fmt(l2);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].range.start.line, l2);
  const once = applyEdits(spread, edits);
  assert.equal(once.split('\n')[l2], lines[l2], 'the second target is formatted');
  assert.equal(once.split('\n')[l1], spread.split('\n')[l1], 'the first is left as it was');
  s.change(uri, 3, [{ text: once }]);
  const twice = applyEdits(once, await fmt(l1));
  assert.equal(twice, text);
  s.change(uri, 4, [{ text: twice }]);
  assert.deepEqual(await fmt(l1), [], 'nothing to do on a formatted statement');
  assert.equal(await s.stop(), 0);
});

test('workspace symbols: plans, indicators and targets of the open plans and their imports, each file once', async (t) => {
  const s = await start(t);
  const nt = s.open(rules('nantong_2018.mb'));
  const cz = s.open(rules('changzhou_2018.mb'));
  await s.diagnostics(nt, 1);
  await s.diagnostics(cz, 1);
  const q = (query) => s.conn.sendRequest(lsp.WorkspaceSymbolRequest.type, { query });
  const rd = await q('rd_gdp');
  const cat = rd.filter((x) => x.name === 'rd_gdp');
  assert.equal(cat.length, 1, 'the catalogue both plans import is listed once');
  assert.equal(cat[0].location.uri, uriOf(rules('catalogue.mb')));
  assert.equal(cat[0].kind, lsp.SymbolKind.Variable);
  assert.equal(cat[0].containerName, '全社会研发经费支出占地区生产总值比重');
  const nt02 = (await q('NT02')).find((x) => x.name === 'NT02');
  assert.equal(nt02.location.uri, nt);
  assert.equal(nt02.containerName, '研发投入占比');
  const byName = await q('研发投入占比');
  assert.ok(byName.some((x) => x.name === 'NT02'), 'a label finds its target');
  const all = await q('');
  const plans = all.filter((x) => x.kind === lsp.SymbolKind.Namespace).map((x) => x.name).sort();
  assert.deepEqual(plans, ['changzhou_2018', 'nantong_2018']);
  assert.equal(await s.stop(), 0);
});

test('code lens: the verdict of each target per region on the configured submission, as mubiao eval gives it', async (t) => {
  const path = rules('haizhou_2015.mb');
  const data = `${source}/examples/haizhou_2015/submission.csv`;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const s = await start(t, { submission: data });
  const uri = s.open(path, text);
  await s.diagnostics(uri, 1);
  const lenses = await s.conn.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri } });
  const ev = JSON.parse(execFileSync(binary, ['eval', path, '--data', data, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' }));
  assert.ok(ev.verdicts.length > 0);
  // one lens per target and deadline, on the target's id; its title names each verdict
  const byRule = new Map();
  for (const l of lenses) {
    const id = lines[l.range.start.line].match(/^target (\S+)/)[1];
    assert.equal(lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), id);
    if (!byRule.has(id)) byRule.set(id, []);
    byRule.get(id).push(l.command.title);
  }
  for (const v of ev.verdicts) {
    const titles = byRule.get(v.rule) ?? [];
    const title = titles.find((x) => x.startsWith(`${v.year}:`));
    assert.ok(title, `${v.rule} ${v.year}: ${JSON.stringify(titles)}`);
    assert.ok(title.includes(` ${v.region} ${v.status}`), `${v.rule} ${v.year} ${v.region} ${v.status}: ${title}`);
  }
  assert.equal(lenses.length, new Set(ev.verdicts.map((v) => `${v.rule} ${v.year}`)).size);
  // inlay hints with the submission: the value a multiple of the base comes to, per region,
  // as eval's target for that region
  const hints = await s.conn.sendRequest(lsp.InlayHintRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
  const regional = hints.filter((h) => / \(base .* in \d{4}\)$/.test(h.label));
  assert.ok(regional.length > 0, JSON.stringify(hints));
  for (const h of regional) {
    const id = lines[h.position.line].match(/^target (\S+)/)[1];
    const v = ev.verdicts.find((x) => x.rule === id && h.label.startsWith(`${x.region} `));
    assert.ok(v, h.label);
    assert.match(h.label, new RegExp(`^${v.region} [≥>≤<] ${v.target}( |$)`));
  }
  assert.equal(await s.stop(), 0);
  // without a submission (none configured, no submission.csv beside the plan): no lenses
  const q = await start(t);
  const uri2 = q.open(path, text);
  await q.diagnostics(uri2, 1);
  assert.deepEqual(await q.conn.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: uri2 } }), []);
  // a setting sent later applies to the next request
  q.conn.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: { mubiao: { submission: data } } });
  assert.equal((await q.conn.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: uri2 } })).length, lenses.length);
  assert.equal(await q.stop(), 0);
});

test('inlay hints: the yearly growth a multiple of the base needs, the factor an annual growth comes to', async (t) => {
  const s = await start(t);
  const text = [
    'indicator firms "高新技术企业数" unit 家 higher;',
    'plan p { name "p" region "海州区" base 2013 deadline 2015 }',
    'target T1 "翻一番": firms >= 2 × base 2013 by 2015 phrase "在2013年基础上实现翻一番";',
    'target T2 "年均增长": firms annual growth >= 15% from 2013 by 2018 phrase "年均增长15%";',
    'target T3 "达到": firms >= 1140 by 2015 phrase "达到1140家";',
    '',
  ].join('\n');
  const uri = s.open('/nonexistent/hints.mb', text);
  const d = await s.diagnostics('file:///nonexistent/hints.mb', 1);
  assert.deepEqual(d.filter((x) => x.severity === 1), []);
  const hints = await s.conn.sendRequest(lsp.InlayHintRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } } });
  const at = (l) => hints.filter((h) => h.position.line === l).map((h) => h.label);
  // ×2 in two years: √2 − 1 = 41.4 % a year; 1.15^5 = 2.011
  assert.deepEqual(at(2), [`+${((Math.SQRT2 - 1) * 100).toFixed(1)}%/year over 2013–2015`]);
  assert.deepEqual(at(3), [`×${(1.15 ** 5).toFixed(3)} of 2013 by 2018`]);
  assert.deepEqual(at(4), []);
  assert.equal(await s.stop(), 0);
});

test('docs/editors.md shows what the server answers (tests/lsp/transcript.mjs)', async (t) => {
  const { transcript } = await import('./transcript.mjs');
  const want = await transcript(t);
  const doc = readFileSync(`${source}/docs/editors.md`, 'utf8');
  assert.ok(doc.includes(want), `docs/editors.md should hold:\n${want}`);
});
