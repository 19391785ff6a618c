-- Drives `podlint lsp` from Neovim's own LSP client (vim.lsp.start_client), headless, and writes
-- what an editor user would see to a JSON file for tests/test_lsp_neovim.py to check.
--
-- Environment: PODLINT_CMD (JSON list: the server command), PODLINT_POD (a broken pod),
-- PODLINT_OTHER (a JSON file that is not a pod), PODLINT_OUT (the JSON file to write).

local out = {}
local published = {}

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv("PODLINT_OUT"))
  vim.cmd("qall!")
end

local function fail(message)
  out.error = message
  finish()
end

local function lsp_diagnostics(bufnr)
  return published[vim.uri_from_bufnr(bufnr)]
end

local exit_code = nil
local start = vim.lsp.start_client or vim.lsp.start
local client_id = start({
  name = "podlint",
  cmd = vim.fn.json_decode(os.getenv("PODLINT_CMD")),
  root_dir = vim.fn.fnamemodify(os.getenv("PODLINT_POD"), ":h"),
  flags = { debounce_text_changes = 0 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      published[result.uri] = result.diagnostics
      return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
    end,
  },
  on_exit = function(code)
    exit_code = code
  end,
})
if not client_id then
  return fail("the client did not start")
end
local client = vim.lsp.get_client_by_id(client_id)

-- Open the broken pod: its diagnostics, as vim.diagnostic holds them (byte columns).
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PODLINT_POD")))
local pod = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(pod, client_id)
if not vim.wait(30000, function() return #vim.diagnostic.get(pod) > 0 end, 20) then
  return fail("no diagnostics after opening the pod")
end
out.offset_encoding = client.offset_encoding
out.opened = {}
for _, d in ipairs(vim.diagnostic.get(pod)) do
  table.insert(out.opened, {
    lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
    message = d.message, source = d.source,
  })
end

-- Ask for code actions on the finding and apply the fix that is not "Disable ...".
local finding = lsp_diagnostics(pod)[1]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(pod) },
  range = finding.range,
  context = { diagnostics = { finding } },
}
local replies = vim.lsp.buf_request_sync(pod, "textDocument/codeAction", params, 20000) or {}
out.actions = {}
local fix = nil
for _, reply in pairs(replies) do
  for _, action in ipairs(reply.result or {}) do
    table.insert(out.actions, action.title)
    if fix == nil and action.edit and not action.title:find("^Disable") then
      fix = action
    end
  end
end
if fix == nil then
  return fail("no fix among the code actions")
end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
out.fixed_lines = vim.api.nvim_buf_get_lines(pod, 0, -1, false)
-- The edit changed the buffer: the change goes to the server, which publishes again.
if not vim.wait(30000, function() return #vim.diagnostic.get(pod) == 0 end, 20) then
  return fail("diagnostics did not clear after the fix")
end
out.after_fix = #vim.diagnostic.get(pod)

-- A JSON file that is not a pod: the server answers with no diagnostics at all.
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PODLINT_OTHER")))
local other = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(other, client_id)
if not vim.wait(30000, function() return lsp_diagnostics(other) ~= nil end, 20) then
  return fail("nothing published for the file that is not a pod")
end
out.other = #lsp_diagnostics(other)

-- Shutdown: the client sends shutdown then exit; the server ends with status 0.
client.stop()
vim.wait(15000, function() return exit_code ~= nil end, 20)
out.exit_code = exit_code
finish()
