// client.mjs — starts `mubiao lsp` and talks to it through the protocol client library
// editors use (vscode-languageserver-protocol), so framing, ids and message shapes are
// checked by a real client, not by the server's own idea of them.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lsp from 'vscode-languageserver-protocol/node.js';

export const source = process.env.MB_SOURCE_DIR ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const binary = process.env.MB_BINARY ?? resolve(source, 'build/mubiao');
export const uriOf = (p) => pathToFileURL(p).href;
export const rules = (name) => resolve(source, 'rules', name);

// t: the test, so a failing test does not leave the server running; options: the
// server's initializationOptions.
export async function start(t, options = undefined) {
  const child = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill(); });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const conn = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  // every publishDiagnostics, by uri, in order; waiters for a version
  const published = new Map();
  const waiters = [];
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    if (!published.has(p.uri)) published.set(p.uri, []);
    published.get(p.uri).push(p);
    for (const w of waiters.splice(0)) if (!w(p)) waiters.push(w);
  });
  conn.listen();
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  const init = await conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: uriOf(source), capabilities: {}, initializationOptions: options,
  });
  conn.sendNotification(lsp.InitializedNotification.type, {});
  return {
    conn, child, init, exited, published, stderr: () => stderr,
    // The diagnostics of uri at exactly this version.
    diagnostics(uri, version) {
      const seen = (published.get(uri) ?? []).find((p) => p.version === version);
      if (seen) return Promise.resolve(seen.diagnostics);
      return new Promise((res) => waiters.push((p) => {
        if (p.uri !== uri || p.version !== version) return false;
        res(p.diagnostics);
        return true;
      }));
    },
    open(path, text = readFileSync(path, 'utf8'), version = 1) {
      const uri = uriOf(path);
      conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'mubiao', version, text },
      });
      return uri;
    },
    change(uri, version, contentChanges) {
      conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version }, contentChanges,
      });
    },
    async stop() {
      await conn.sendRequest(lsp.ShutdownRequest.type);
      conn.sendNotification(lsp.ExitNotification.type);
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
}

export { lsp };
