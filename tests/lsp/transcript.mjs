// transcript.mjs — hover and completion on a seed plan, as docs/editors.md shows them:
//   node tests/lsp/transcript.mjs        (MB_BINARY: the mubiao to run; default build/mubiao)
// The test 'docs/editors.md shows what the server answers' compares that section with this.
import { readFileSync } from 'node:fs';
import { start, rules, lsp } from './client.mjs';

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
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await transcript({ after: () => {} }));
}
