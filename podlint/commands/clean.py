"""``podlint clean``: remove podlint's cache below a folder."""

from __future__ import annotations


def run_clean(path: str) -> int:
    from podlint.cache import clean

    return clean(path)
