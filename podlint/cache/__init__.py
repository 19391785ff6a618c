"""The results cache (``.podlint_cache/``): unchanged files are not linted again.

:mod:`podlint.cache.run` decides hits and misses, :mod:`podlint.cache.store` keeps the entries in
SQLite, :mod:`podlint.cache.keys` says what an entry is keyed by and :mod:`podlint.cache.codec`
reads an entry back without trusting it; :mod:`podlint.cache.rule_record` remembers which packages
the rules come from, so that a run answered whole from the cache need not collect them.
"""

from __future__ import annotations

from podlint.cache.run import CACHE_DIR, cached_run, clean

__all__ = ["CACHE_DIR", "cached_run", "clean"]
