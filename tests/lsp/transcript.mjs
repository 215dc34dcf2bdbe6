// transcript.mjs — hover and completion on a seed plan, as docs/editors.md shows them:
//   node tests/lsp/transcript.mjs        (MB_BINARY: the mubiao to run; default build/mubiao)
// The test 'docs/editors.md shows what the server answers' compares that section with this.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { start, rules, lsp, source } from './client.mjs';

const path = rules('jiangyin_2018_2020.mb');

export async function transcript(t) {
  const s = await start(t);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const uri = s.open(path, text);
  await s.diagnostics(uri, 1);
  const out = [];
  const at = (on, needle) => {
    const l = lines.findIndex((x) => x.includes(on));
    return { line: l, character: lines[l].indexOf(needle) + 1 };
  };
  for (const [on, needle] of [['target JY03 ', 'JY03'], ['target JY03 ', 'tech_tax_relief'], ['target JY03 ', '3.0亿元'], ['target JY08 ', 'JY08']]) {
    const p = at(on, needle);
    const h = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: p });
    out.push(`hover at ${p.line + 1}:${p.character + 1} (on \`${needle}\` in \`${lines[p.line].trim()}\`):`, '', '```text', h.contents.value.trim(), '```', '');
  }
  // completion in a new target after '研发', as an analyst types the indicator's name
  const end = { line: lines.length - 1, character: 0 };
  s.change(uri, 2, [{ range: { start: end, end }, text: 'target JY99: 研发' }]);
  const c = await s.conn.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri }, position: { line: end.line, character: 15 } });
  const hits = c.items.filter((i) => (i.filterText ?? i.label).includes('研发'));
  out.push(`completion at ${end.line + 1}:16 after \`target JY99: 研发\` (${c.items.length} items; those whose filter text holds 研发):`, '', '```text');
  for (const i of hits) out.push(`${i.label}  [${Object.keys(lsp.CompletionItemKind).find((k) => lsp.CompletionItemKind[k] === i.kind)}]  ${i.detail ?? ''}${i.insertText ? `  inserts ${i.insertText}` : ''}`);
  out.push('```');
  await s.stop();
  out.push('', ...await more(t));
  return out.join('\n');
}

// Code lenses with the example submission, inlay hints, and a quick fix.
async function more(t) {
  const out = [];
  const s = await start(t, { submission: resolve(source, 'examples/jiangyin_2018_2020/submission.csv'), diagnosticsDelayMs: 0 });
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const uri = s.open(path, text);
  await s.diagnostics(uri, 1);
  const lenses = await s.conn.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri } });
  out.push(`code lenses with \`initializationOptions: {"submission": "examples/jiangyin_2018_2020/submission.csv"}\` (${lenses.length} lenses; the first five):`, '', '```text');
  for (const l of lenses.slice(0, 5)) out.push(`${l.range.start.line + 1}:${l.range.start.character + 1} ${lines[l.range.start.line].match(/^target (\S+)/)[1]}  ${l.command.title}`);
  out.push('```', '');
  // a quick fix: JY03's subject misspelt
  const l = lines.findIndex((x) => x.startsWith('target JY03 '));
  const c = lines[l].indexOf('tech_tax_relief');
  s.change(uri, 2, [{ range: { start: { line: l, character: c }, end: { line: l, character: c + 15 } }, text: 'tech_tax_relif' }]);
  const d = (await s.diagnostics(uri, 2)).find((x) => x.code === 'MB2001');
  const [a] = await s.conn.sendRequest(lsp.CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const e = a.edit.changes[uri][0];
  out.push(`quick fix after changing \`tech_tax_relief\` on line ${l + 1} to \`tech_tax_relif\`:`, '', '```text',
    `${d.code} ${d.message}`, `${a.kind}: ${a.title}  (${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.character + 1} → ${e.newText})`, '```', '');
  await s.stop();
  // inlay hints on the plan with targets relative to a base year
  const hz = rules('haizhou_2015.mb');
  const q = await start(t);
  const hzText = readFileSync(hz, 'utf8');
  const hzLines = hzText.split('\n');
  const hzUri = q.open(hz, hzText);
  await q.diagnostics(hzUri, 1);
  const hints = await q.conn.sendRequest(lsp.InlayHintRequest.type, { textDocument: { uri: hzUri }, range: { start: { line: 0, character: 0 }, end: { line: hzLines.length, character: 0 } } });
  out.push(`inlay hints on \`rules/haizhou_2015.mb\`:`, '', '```text');
  for (const h of hints) out.push(`${h.position.line + 1}:${h.position.character + 1} after \`${hzLines[h.position.line].slice(0, h.position.character).trim()}\`  ${h.label}`);
  out.push('```');
  await q.stop();
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await transcript({ after: () => {} }));
}
