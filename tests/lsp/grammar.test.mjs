// grammar.test.mjs — the TextMate grammar (grammar/editor/mubiao.tmLanguage.json) is valid
// JSON and, run by the engine VS Code uses (vscode-textmate with the Oniguruma regular
// expressions of vscode-oniguruma), tokenises the seed plans as the scanner reads them:
// every keyword of grammar/lexer.l outside strings and comments is a keyword, comments and
// strings are whole, numbers are numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { source } from './client.mjs';

const require = createRequire(import.meta.url);
const tm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const keywords = [...readFileSync(`${source}/grammar/lexer.l`, 'utf8').matchAll(/^"([a-z-]+)"\s+TOK\(KW_/gm)].map((m) => m[1]);

async function grammar() {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await onig.loadWASM(wasm);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new onig.OnigScanner(p),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async () => tm.parseRawGrammar(readFileSync(`${source}/grammar/editor/mubiao.tmLanguage.json`, 'utf8'), 'mubiao.tmLanguage.json'),
  });
  return registry.loadGrammar('source.mubiao');
}

function tokens(g, text) {
  let stack = tm.INITIAL;
  const out = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line });
    stack = r.ruleStack;
  }
  return out;
}

test('the grammar is valid JSON with the scope name editors look up', () => {
  const g = JSON.parse(readFileSync(`${source}/grammar/editor/mubiao.tmLanguage.json`, 'utf8'));
  assert.equal(g.scopeName, 'source.mubiao');
  assert.ok(keywords.length > 40, `keywords read from lexer.l: ${keywords.length}`);
});

test('every seed plan: keywords, comments, strings and numbers as the scanner reads them', async () => {
  const g = await grammar();
  const files = readdirSync(`${source}/rules`).filter((f) => f.endsWith('.mb'));
  assert.ok(files.length >= 5);
  const seen = new Set();
  for (const f of files) {
    for (const t of tokens(g, readFileSync(`${source}/rules/${f}`, 'utf8'))) {
      const s = t.scopes.join(' ');
      const word = t.text.trim();
      if (t.line.startsWith('#')) { assert.match(s, /comment\.line/, `${f}: ${t.line}`); continue; }
      if (/comment|string/.test(s)) continue;
      if (keywords.includes(word)) {
        assert.match(s, /keyword\./, `${f}: '${word}' in: ${t.line}`);
        seen.add(word);
      }
      if (/^\d+(\.\d+)?$/.test(word)) assert.match(s, /constant\.numeric|constant\.other\.date/, `${f}: ${word}`);
    }
  }
  for (const k of ['import', 'plan', 'indicator', 'target', 'by', 'about', 'within', 'higher', 'phrase'])
    assert.ok(seen.has(k), `keyword ${k} seen in the seeds`);
});

test('a line of the language: each part its scope', async () => {
  const g = await grammar();
  const t = tokens(g, 'target NT02 "研发投入占比": rd_gdp >= 2.74% by 2018 # 注\n');
  const scope = (text) => t.find((x) => x.text === text)?.scopes.at(-1);
  assert.equal(scope('target'), 'keyword.declaration.mubiao');
  assert.equal(scope('NT02'), 'entity.name.type.mubiao');
  assert.equal(scope('研发投入占比'), 'string.quoted.double.mubiao');
  assert.equal(scope('rd_gdp'), 'variable.other.indicator.mubiao');
  assert.equal(scope('>='), 'keyword.operator.mubiao');
  assert.equal(scope('2.74'), 'constant.numeric.mubiao');
  assert.equal(scope('%'), 'keyword.other.unit.mubiao');
  assert.equal(scope('by'), 'keyword.control.mubiao');
  assert.equal(scope('# 注'), 'comment.line.number-sign.mubiao');
});
