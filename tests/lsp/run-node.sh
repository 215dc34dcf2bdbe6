#!/usr/bin/env bash
# run-node.sh FILE... — run node's test runner on the given test files; fails (never skips)
# when node or the npm clients (tests/node_modules, from 'cd tests && npm ci') are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v node >/dev/null || { echo "run-node: node not found (./dev.sh deps installs nodejs)" >&2; exit 1; }
[ -d "$here/node_modules/vscode-languageserver-protocol" ] && [ -d "$here/node_modules/vscode-textmate" ] ||
  { echo "run-node: the npm clients are not installed: run 'cd tests && npm ci'" >&2; exit 1; }
exec node --test "$@"
