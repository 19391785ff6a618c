"""The fast path (compiled validator, reference only when invalid) gives exactly the reference path's
findings: over every document of the corpus, in every version, and over generated variants."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from podlint.config.profile import SUPPORTED_VERSIONS
from podlint.schema import fast_problems, reference_problems
from podlint.schema.store import fast_is_valid
from tests.conftest import shared_path

MUTATIONS: list[Any] = [None, "", "x", "0.5", -1, 0, 1.5, 70000, 2**31, True, {}, [], ["x"], [{}]]


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except ValueError:
        from ruamel.yaml import YAML

        try:
            return YAML(typ="safe", pure=True).load(text)
        except Exception:
            return None


def corpus() -> list[tuple[str, Any]]:
    docs = []
    for folder in ("real", "docs", "seed"):
        for path in sorted(shared_path("corpus", folder).glob("*.json")):
            data = _load(path)
            if data is not None:
                docs.append((f"{folder}/{path.name}", data))
    return docs


def _pointers(data: Any, base: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [base] if base else []
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_pointers(v, (*base, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_pointers(v, (*base, i)))
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    doc = copy.deepcopy(data)
    node = doc
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value
    return doc


def _same(doc: Any, line: str, label: str) -> None:
    fast = fast_problems(doc, line)
    slow = reference_problems(doc, line)
    assert fast == slow, f"{label} ({line}): fast {fast} != reference {slow}"
    # Every rejected document gets at least one finding (a pod Marathon rejects must get an error).
    if fast_is_valid(doc, line) is False:
        assert slow, f"{label} ({line}) is invalid but no problem was reported"


@pytest.mark.parametrize("line", SUPPORTED_VERSIONS)
def test_fast_path_equals_reference_on_the_corpus(line: str) -> None:
    docs = corpus()
    assert len(docs) > 100
    for label, doc in docs:
        _same(doc, line, label)


def test_fast_path_equals_reference_on_variants() -> None:
    rng = random.Random(20240601)
    checked = 0
    for label, doc in corpus():
        if not isinstance(doc, dict):
            continue
        pointers = _pointers(doc)
        for path in rng.sample(pointers, min(12, len(pointers))):
            value = rng.choice(MUTATIONS)
            line = rng.choice(SUPPORTED_VERSIONS)
            _same(_set(doc, path, value), line, f"{label} {path}={value!r}")
            checked += 1
    assert checked > 1000
