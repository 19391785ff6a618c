"""BLAKE2b without importing :mod:`hashlib`, which also loads OpenSSL (~2 ms of a one-file run)."""

from __future__ import annotations

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, on CPython and PyPy
except ImportError:  # pragma: no cover - another interpreter
    from hashlib import blake2b

__all__ = ["blake2b"]
