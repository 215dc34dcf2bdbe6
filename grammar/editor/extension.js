// extension.js — starts `mubiao lsp` for .mb files (the language server does the rest).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

exports.activate = (context) => {
  const command = vscode.workspace.getConfiguration('mubiao').get('path') || 'mubiao';
  client = new LanguageClient('mubiao', 'mubiao', { command, args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'mubiao' }] });
  client.start();
  context.subscriptions.push(client);
};

exports.deactivate = () => client && client.stop();
