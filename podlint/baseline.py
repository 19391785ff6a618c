"""Baselines: record today's findings, then report only new ones.

A baseline file is JSON, written sorted and with stable formatting so it diffs well in review::

    {
      "podlint_baseline": 1,
      "findings": [
        {"file": "pods/web.yaml", "rule": "pod-user-empty", "code": "PL203", "pointer": "/user",
         "count": 1, "message": "…"}
      ]
    }

A finding matches a recorded one by file, rule and JSON Pointer — never by line, so edits elsewhere
in the file do not bring recorded findings back. ``count`` says how many findings share that key (two
containers' identical findings, or the same finding in two documents of one file); more than
``count`` findings at a key are new. ``file`` is relative to the baseline file's folder, with ``/``
separators, so the baseline works from any working directory and on any OS. The rule matches by
name or by code, so a renamed rule keeps its baseline. ``message`` is for the reader only.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from typing import Any

from podlint.diagnostics import Diagnostic
from podlint.results import FileResult

FORMAT_KEY = "podlint_baseline"
FORMAT_VERSION = 1


def _normalise(path: str, base: str) -> str:
    """``path`` as the baseline stores it: relative to ``base``, ``/``-separated, no ``./``."""
    if path == "-" or (path.startswith("<") and path.endswith(">")):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return os.path.normpath(rel).replace(os.sep, "/")


def _base(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def _key(d: Diagnostic, base: str) -> tuple[str, str, str, str]:
    return (_normalise(d.file, base), d.name, d.code, d.pointer)


def baseline_data(baseline_path: str, results: list[FileResult]) -> dict[str, Any]:
    """The baseline document for ``results`` (what :func:`write_baseline` writes)."""
    base = _base(baseline_path)
    counts: Counter[tuple[str, str, str, str]] = Counter()
    messages: dict[tuple[str, str, str, str], str] = {}
    for result in results:
        for d in sorted(result.diagnostics):
            key = _key(d, base)
            counts[key] += 1
            messages.setdefault(key, d.message)
    findings = [
        {
            "file": file,
            "rule": name,
            "code": code,
            "pointer": pointer,
            "count": counts[(file, name, code, pointer)],
            "message": messages[(file, name, code, pointer)],
        }
        for (file, name, code, pointer) in sorted(counts)
    ]
    return {FORMAT_KEY: FORMAT_VERSION, "findings": findings}


def write_baseline(path: str, results: list[FileResult]) -> None:
    """Record every finding of ``results`` in ``path`` (atomically). Raises OSError."""
    from podlint.fixing.safe_write import write_text_atomic

    data = baseline_data(path, results)
    text = json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    write_text_atomic(path, text, confine_to=os.getcwd())


# A baseline of a million findings is a few hundred megabytes; anything larger is not one.
MAX_BASELINE_BYTES = 512 * 1024 * 1024


def _read_regular_file(path: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of sane size; raises ValueError otherwise.

    Opened without blocking and checked on the open descriptor: a FIFO in place of the baseline
    would wait forever for a writer, and a device such as /dev/zero never ends.
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError("is a folder, not a baseline file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(
                "is not a regular file (a pipe or a device?); podlint reads only files"
            )
        if st.st_size > MAX_BASELINE_BYTES:
            raise ValueError(
                f"is {st.st_size} bytes, more than any baseline ({MAX_BASELINE_BYTES} at most)"
            )
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_BASELINE_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_baseline(path: str) -> list[dict[str, Any]]:
    """The recorded findings of ``path``. Raises OSError, or ValueError for a malformed file."""
    raw = _read_regular_file(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not a podlint baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise ValueError("not a podlint baseline (JSON nested too deeply)") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise ValueError(
            f"not a podlint baseline (no {FORMAT_KEY!r} key; write one with --write-baseline)"
        )
    if data[FORMAT_KEY] != FORMAT_VERSION:
        raise ValueError(
            f"baseline format {data[FORMAT_KEY]!r} is not supported (this podlint reads "
            f"{FORMAT_VERSION}); write it again with --write-baseline"
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ValueError("baseline 'findings' must be a list")
    for i, item in enumerate(findings):
        if not isinstance(item, dict):
            raise ValueError(f"baseline finding #{i + 1} is not an object")
        for name in ("file", "pointer"):
            if not isinstance(item.get(name), str):
                raise ValueError(f"baseline finding #{i + 1} has no string {name!r}")
        for name in ("rule", "code"):
            if item.get(name) is not None and not isinstance(item[name], str):
                raise ValueError(f"baseline finding #{i + 1}: {name!r} must be a string")
        if not isinstance(item.get("rule"), str) and not isinstance(item.get("code"), str):
            raise ValueError(f"baseline finding #{i + 1} names no rule")
        count = item.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"baseline finding #{i + 1}: count must be a positive integer")
    return findings


def filter_baseline(path: str, results: list[FileResult]) -> tuple[list[FileResult], int]:
    """Drop findings recorded in the baseline ``path``; return the rest and how many were dropped.

    Raises OSError when the file cannot be read and ValueError when it is not a baseline.
    """
    base = _base(path)
    # (file, pointer) -> [remaining count, rule name, code] per recorded entry
    budget: dict[tuple[str, str], list[list[Any]]] = {}
    for item in read_baseline(path):
        file = item["file"].replace("\\", "/")
        budget.setdefault((file, item["pointer"]), []).append(
            [int(item.get("count", 1)), item.get("rule"), item.get("code")]
        )
    dropped = 0
    out: list[FileResult] = []
    for result in results:
        kept: list[Diagnostic] = []
        for d in result.diagnostics:
            entries = budget.get((_normalise(d.file, base), d.pointer), [])
            entry = next(
                (e for e in entries if e[0] > 0 and (e[1] == d.name or e[2] == d.code)), None
            )
            if entry is None:
                kept.append(d)
            else:
                entry[0] -= 1
                dropped += 1
        out.append(
            dataclasses.replace(result, diagnostics=kept)
            if len(kept) != len(result.diagnostics)
            else result
        )
    return out, dropped
