-- smoke.lua — Neovim's own LSP client (0.7: vim.lsp.start_client) against `mubiao lsp`:
-- open a seed plan, wait for its (empty) diagnostics, hover on an indicator, misspell it and
-- see MB2001. Run headless by tests/nvim/smoke.sh; prints "nvim-smoke: ok" or exits 1.
-- The waits are bounded by work (a number of event-loop turns), never by a clock deadline.
local bin, src = os.getenv('MB_BINARY'), os.getenv('MB_SOURCE_DIR')
local function fail(msg) io.stderr:write('nvim-smoke: ' .. msg .. '\n'); vim.cmd('cquit 1') end

local published = {}
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(_, result)
  published[#published + 1] = result
end

vim.cmd('edit ' .. src .. '/rules/nantong_2018.mb')
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'mubiao', cmd = { bin, 'lsp' }, root_dir = src .. '/rules' })
if not id then fail('start_client failed') end
vim.lsp.buf_attach_client(buf, id)

local function wait_for(cond)
  for _ = 1, 200000 do
    if cond() then return true end
    vim.wait(1, function() return false end)
  end
  return false
end

if not wait_for(function() return #published >= 1 end) then fail('no diagnostics published') end
if #published[1].diagnostics ~= 0 then fail('diagnostics on a clean plan: ' .. vim.inspect(published[1])) end

-- hover on rd_gdp in NT02's line
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local row
for i, l in ipairs(lines) do if l:find('^target NT02 ') then row = i - 1 end end
local col = lines[row + 1]:find('rd_gdp', 1, true)
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = row, character = vim.str_utfindex(lines[row + 1], col) },
}, 600000)
local text = res and res[id] and res[id].result and res[id].result.contents.value or ''
if not text:find('全社会研发经费支出占地区生产总值比重', 1, true) then fail('hover: ' .. vim.inspect(res)) end

-- misspell it: the server hears the change and reports the undefined indicator
vim.api.nvim_buf_set_text(buf, row, col + 5, row, col + 5, { 'x' })
if not wait_for(function()
  local last = published[#published]
  return last and #last.diagnostics > 0
end) then fail('no diagnostic after the edit') end
local d = published[#published].diagnostics[1]
if d.code ~= 'MB2001' or d.range.start.line ~= row then fail('diagnostic: ' .. vim.inspect(d)) end

vim.lsp.stop_client(id)
io.stdout:write('nvim-smoke: ok\n')
vim.cmd('qall!')
