"""``podlint lsp``: run the language server on standard input and output."""

from __future__ import annotations


def run_lsp() -> int:
    from podlint.lsp import serve

    return serve()
