"""The official YAML test suite as the judge of podlint's YAML reading.

Runs every case of yaml/yaml-test-suite through the loader when a copy is available (see
``tests/yaml_suite.py`` for where it is looked for), prints the figures (invalid YAML caught, valid
YAML accepted, crashes) and fails on any case that is not in the lists of known failures below, each
with its reason. A known failure that starts to pass is printed, so the lists can shrink.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from podlint.document import LoadResult
from podlint.loader import load, yaml_strict
from tests.yaml_suite import REJECTING_RULES, Case, find_suite, judge, read_cases

# Invalid YAML that libyaml's parser accepts. The rapidyaml check refuses all of them; these are
# known failures only where rapidyaml is not installed.
ACCEPTED_WITHOUT_RAPIDYAML = {
    # A comment must be preceded by white space; libyaml starts one after a quote or a bracket.
    "9JBA": "comment right after the end of a flow sequence",
    "CVW2": "comment right after a comma in a flow sequence",
    "SU5Z": "comment right after a double-quoted scalar",
    "X4QW": "comment right after a block scalar indicator",
    # Directives and document markers.
    "9HCY": "a directive after a document without '...' before it",
    "EB22": "a directive after a document without '...' before it",
    "RHX7": "a %YAML directive after a document without '...' before it",
    "MUS6/00": "a %YAML directive with a trailing comment without white space",
    "MUS6/01": "two %YAML directives",
    # Indentation and flow collections.
    "9C9N": "a flow sequence indented less than its key",
    "QB6E": "a multi-line quoted scalar indented less than its key",
    "S98Z": "a block scalar whose first lines are more indented than its content",
    "G5U8": "'-' items inside a flow sequence",
    "YJV2": "a lone '-' inside a flow sequence",
    "DK95/01": "a tab before a value continued on the next line",
    "Y79Y/003": "a tab before a '- ' item in a flow context",
    # Accepted by ruamel.yaml, which reads what libyaml refuses.
    "U99R": "a tag '!!str,' that runs into a ','",
}

# Valid YAML that both event parsers (libyaml, then ruamel.yaml) refuse, or that rapidyaml refuses.
KNOWN_VALID_REJECTED = {
    **dict.fromkeys(
        [
            *("6BCT", "6CA3", "A2M4", "Q5MG", "R4YG", "DK95/00", "DK95/03", "DK95/04"),
            "Y79Y/010",
        ],
        "a tab where YAML 1.2 allows one (separation white space, not indentation)",
    ),
    **dict.fromkeys(
        [
            *("5MUD", "9SA2", "CFD4", "K3WX", "NJ66", "UT92", "4MUZ/00", "4MUZ/01", "4MUZ/02"),
            "VJP3/01",
        ],
        "a flow-mapping key whose ':' is on the next line or right after a quoted key",
    ),
    "BEC7": "%YAML 1.3 (a YAML 1.2 reader should read it, with a warning)",
    "M7A3": "a bare document after '...' starting with '|' then a '%' line",
    **dict.fromkeys(["HWV9", "QT73"], "a stream of only '...' (alone or after a comment)"),
    "J3BT": "tabs in and around a block scalar (rapidyaml refuses them)",
}

# Cases whose data podlint reads differently from the suite's JSON, through the parser's reading.
KNOWN_VALUES_DIFFER = {
    "652Z": "'?foo' in a flow mapping (libyaml and ruamel.yaml read the key 'foo')",
    "HM87/01": "'?x' in a flow sequence (read as the mapping {x: null})",
    "Y2GN": "an anchor '&an:chor' (libyaml ends the anchor at ':')",
    "JEF9/02": "a kept ('|+') block scalar of only a line break at the end of the file",
    "L24T/01": "a kept ('|+') block scalar ending in spaces at the end of the file",
}


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    path, reason = find_suite()
    if path is None:
        pytest.skip(reason)
    found = read_cases(path)
    if not found:
        pytest.skip(f"no YAML test suite cases in {path}")
    return found


def _load(data: bytes, yaml_backend: str | None = None) -> LoadResult:
    return load(data, "case.yaml", yaml_backend=yaml_backend)


def test_the_yaml_test_suite(cases: list[Case], capsys: pytest.CaptureFixture[str]) -> None:
    verdicts = judge(cases, _load)
    known_accepted = {} if yaml_strict.available() else ACCEPTED_WITHOUT_RAPIDYAML
    fixed = sorted(
        (set(known_accepted) - set(verdicts.invalid_accepted))
        | (set(KNOWN_VALID_REJECTED) - set(verdicts.valid_rejected))
        | (set(KNOWN_VALUES_DIFFER) - set(verdicts.values_differ))
    )
    present = {case.id for case in cases}
    with capsys.disabled():
        print(f"\nYAML test suite ({len(cases)} cases): {verdicts.figures()}")
        if fixed and present >= set(fixed):
            print(f"known failures that now pass (remove them from the lists): {' '.join(fixed)}")
    assert verdicts.crashed == []
    assert sorted(set(verdicts.invalid_accepted) - set(known_accepted)) == []
    assert sorted(set(verdicts.valid_rejected) - set(KNOWN_VALID_REJECTED)) == []
    assert sorted(set(verdicts.values_differ) - set(KNOWN_VALUES_DIFFER)) == []


def _snapshot(result: LoadResult) -> Any:
    return (
        [(p.rule, p.span, p.document) for p in result.problems],
        [
            (d.index, d.data, d.extent, d.plain_scalars, d.recovered, d.table())
            for d in result.documents
        ],
    )


# Where the two parsers read the text differently (not podlint's composing).
PARSERS_DISAGREE = {"Y2GN": "libyaml ends the anchor '&an:chor' at ':'"}


def test_the_fallback_reader_gives_the_same_data_and_spans_on_the_suite(
    cases: list[Case],
) -> None:
    compared = 0
    for case in cases:
        fast = _load(case.yaml, "libyaml")
        fallback = _load(case.yaml, "ruamel")
        if any(p.rule in REJECTING_RULES for p in fast.problems + fallback.problems):
            continue
        compared += 1
        if case.id not in PARSERS_DISAGREE:
            assert repr(_snapshot(fast)) == repr(_snapshot(fallback)), case.id
    assert compared > 0


def test_the_suite_is_found_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests import yaml_suite

    monkeypatch.setenv(yaml_suite.ENVIRONMENT_VARIABLE, str(tmp_path))
    path, reason = find_suite()
    assert path is None
    assert yaml_suite.ENVIRONMENT_VARIABLE in reason
    case = tmp_path / "AB12"
    case.mkdir()
    (case / "in.yaml").write_text("[a\n", encoding="utf-8")
    (case / "error").write_text("", encoding="utf-8")
    good = tmp_path / "CD34" / "00"
    good.mkdir(parents=True)
    (good / "in.yaml").write_text("---\n---\na: 1\n", encoding="utf-8")
    (good / "in.json").write_text('null\n{"a": 1}\n', encoding="utf-8")
    assert find_suite() == (tmp_path, "")
    found = read_cases(tmp_path)
    assert [(c.id, c.invalid, c.json) for c in found] == [
        ("AB12", True, None),
        ("CD34/00", False, [None, {"a": 1}]),
    ]
    verdicts = judge(found, _load)
    assert verdicts.invalid_caught == ["AB12"]
    assert verdicts.valid_accepted == ["CD34/00"]
    assert verdicts.values_equal == ["CD34/00"]


def test_the_npm_package_layout_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import yaml_suite

    data = tmp_path / "data"
    data.mkdir()
    (data / "index.js").write_text("export {default as $AB12} from './AB12.js'\n", "utf-8")
    (data / "AB12.js").write_text(
        '// Generated file\n\nexport default {\n  "id": "AB12",\n  "cases": [\n'
        '    {"yaml": "a: [\\n", "fail": true},\n'
        '    {"yaml": "a: 1\\n", "json": "{\\"a\\": 1}"}\n  ]\n}\n',
        "utf-8",
    )
    monkeypatch.setenv(yaml_suite.ENVIRONMENT_VARIABLE, str(tmp_path))
    assert find_suite() == (tmp_path, "")
    found = read_cases(tmp_path)
    assert [(c.id, c.invalid, c.json) for c in found] == [
        ("AB12/00", True, None),
        ("AB12/01", False, [{"a": 1}]),
    ]
