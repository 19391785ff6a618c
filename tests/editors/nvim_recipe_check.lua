-- Run after a documented Neovim recipe was loaded as the configuration: open the pod named by
-- PODLINT_POD, wait for its diagnostics and write them, with the attached clients' names, to
-- PODLINT_OUT as JSON.

local out = { diagnostics = {}, clients = {} }
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PODLINT_POD")))
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, source = d.source, message = d.message })
end
for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
  table.insert(out.clients, client.name)
end
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv("PODLINT_OUT"))
vim.cmd("qall!")
