#!/usr/bin/env bash
# smoke.sh — Neovim (Debian's neovim 0.7) drives `mubiao lsp` headless (tests/nvim/smoke.lua).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v nvim >/dev/null || { echo "nvim-smoke: nvim not found (./dev.sh deps installs neovim)" >&2; exit 1; }
export MB_SOURCE_DIR=${MB_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
out=$(nvim --headless --clean -n -u NONE -c "luafile $here/smoke.lua" 2>&1 </dev/null) || { echo "$out" >&2; exit 1; }
echo "$out"
grep -q '^nvim-smoke: ok' <<<"$out"
