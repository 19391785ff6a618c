"""The pointer walk over clean JSON (``json_positions``) answers exactly what the reference table does.

The reference is the position-tracking scanner's full table (``Document.table()``); the walk must
give the same :class:`NodeSpans` for every member, None for every pointer the table lacks, and the
whole pipeline must report byte-identical findings with either. Compared over the benchmark's
generated pods, the shared corpus of real pods, the shared performance corpus (findings-heavy), and
random JSON written with every kind of whitespace.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import podlint.loader as loader_module
from podlint.document import Document
from podlint.loader import load
from podlint.loader.json_positions import JsonPositions
from tests.conftest import SHARED, shared_path
from tests.test_perf_equivalence import _comparable, _generated, _setup, _targets

PERF_SAMPLE = 300  # pods from the shared performance generator: about 4.5 findings each


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated(tmp_path_factory.mktemp("positions"))


@pytest.fixture(scope="module")
def perf_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    script = SHARED / "perf" / "gen_corpus.py"
    if not script.exists():
        pytest.skip("reference material not available: shared/perf/gen_corpus.py")
    out = tmp_path_factory.mktemp("perf-corpus")
    subprocess.run(
        [sys.executable, str(script), "--out", str(out), "--n", str(PERF_SAMPLE), "--seed", "1"],
        check=True,
        capture_output=True,
    )
    return out / "json"


def _root(which: str, generated: Path, perf_corpus: Any) -> Path:
    if which == "generated":
        return generated
    if which == "perf":
        return Path(perf_corpus)
    return shared_path("corpus")


def _json_documents(root: Path) -> Iterator[tuple[str, Document, str]]:
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".json"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                loaded = load(fh.read(), path)
            for doc in loaded.documents:
                if doc.lookup is not None:
                    assert loaded.text is not None
                    yield path, doc, loaded.text


def _missing_pointers(table: dict[str, Any]) -> list[str]:
    """Pointers near real ones that the table does not hold."""
    out = ["/no-such-key", "no-slash", "/", "//", "/~2", "/~"]
    for pointer in list(table)[:40]:
        out += [pointer + "/x", pointer + "/0", pointer + "/00", pointer + "/-", pointer + "/"]
        head, _, last = pointer.rpartition("/")
        if last.isdigit():
            out += [f"{head}/0{last}", f"{head}/{int(last) + 1000}", f"{head}/+{last}"]
        elif pointer:
            out += [f"{head}/{last}~2", f"{head}/{last.upper()}x"]
    return [p for p in out if p not in table]


def _check_document(path: str, doc: Document, text: str) -> int:
    walk = JsonPositions(text)
    reference = doc.table()
    for pointer, spans in reference.items():
        assert walk.node(pointer) == spans, (path, pointer)
    for pointer in _missing_pointers(reference):
        assert walk.node(pointer) is None, (path, pointer)
    # A second, fresh walk in reverse order: remembered ancestors must not change any answer.
    again = JsonPositions(text)
    for pointer in reversed(list(reference)):
        assert again.node(pointer) == reference[pointer], (path, pointer)
    return len(reference)


@pytest.mark.parametrize("which", ["generated", "shared", "perf"])
def test_every_member_matches_the_reference_table(
    which: str, generated: Path, request: pytest.FixtureRequest
) -> None:
    perf = request.getfixturevalue("perf_corpus") if which == "perf" else None
    root = _root(which, generated, perf)
    documents = members = 0
    for path, doc, text in _json_documents(root):
        members += _check_document(path, doc, text)
        documents += 1
    assert documents > 20
    assert members > 1000


@pytest.mark.parametrize("which", ["generated", "shared", "perf"])
def test_findings_are_identical_with_the_walk_and_the_table(
    which: str, generated: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from podlint.runner import run

    perf = request.getfixturevalue("perf_corpus") if which == "perf" else None
    root = _root(which, generated, perf)
    linter, resolver = _setup()
    targets = _targets(root, resolver)
    fast = list(run(linter, resolver.settings_for, targets, 1))
    monkeypatch.setattr(loader_module, "FAST_POSITIONS", False)
    reference = list(run(linter, resolver.settings_for, targets, 1))
    assert _comparable(fast) == _comparable(reference)
    assert sum(len(r.diagnostics) for r in fast) > 0


def _random_value(rng: random.Random, depth: int) -> Any:
    kind = rng.randrange(9 if depth < 5 else 6)
    if kind == 0:
        return rng.choice([True, False, None])
    if kind == 1:
        return rng.randint(-(10**12), 10**12)
    if kind == 2:
        return rng.choice([0.5, -1e-7, 3.25e21, 0.0])
    if kind in (3, 4, 5):
        return "".join(rng.choice('ab~/"\\\n\té€😀 ') for _ in range(rng.randrange(6)))
    if kind in (6, 7):
        return {
            "".join(rng.choice('k~/é"\\ ') for _ in range(rng.randrange(1, 4))) + str(i): (
                _random_value(rng, depth + 1)
            )
            for i in range(rng.randrange(5))
        }
    return [_random_value(rng, depth + 1) for _ in range(rng.randrange(5))]


def _respace(text: str, rng: random.Random, newline: str) -> str:
    """``text`` (compact JSON) with random whitespace between tokens, lines ending at ``newline``."""
    out: list[str] = []
    in_string = escaped = False
    for char in text:
        out.append(char)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[,:":
            out.append(rng.choice(["", " ", newline + "  ", "\t", newline]))
    return rng.choice(["", newline, " "]) + "".join(out) + rng.choice(["", newline, "  "])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_random_json_with_any_whitespace(newline: str) -> None:
    rng = random.Random(13)
    checked = 0
    for _ in range(300):
        value = {"top": _random_value(rng, 0), "list": [_random_value(rng, 3)]}
        compact = json.dumps(value, ensure_ascii=rng.random() < 0.5, separators=(",", ":"))
        text = _respace(compact, rng, newline)
        loaded = load(text.encode(), "random.json")
        [doc] = loaded.documents
        assert doc.lookup is not None, text
        checked += _check_document("random.json", doc, text)
    assert checked > 1500


def test_a_scalar_root_and_empty_containers() -> None:
    for text in ['  "just text"\n', "[]", "{}", "[[], {}, [{}]]", " 12.5e3 "]:
        [doc] = load(text.encode(), "x.json").documents
        _check_document("x.json", doc, text)


def test_the_document_answers_from_the_table_once_it_is_built() -> None:
    text = '{"a": {"b": [1, 2]}}'
    [doc] = load(text.encode(), "x.json").documents
    walked = doc.node("/a/b/1")
    table = doc.table()
    assert doc.node("/a/b/1") is table["/a/b/1"]
    assert walked == table["/a/b/1"]
    assert doc.locate("/a/missing") == (table["/a"].key, "/a")
