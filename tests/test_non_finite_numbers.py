"""Numbers Marathon cannot take: NaN and infinity (which JSON cannot carry), and literals beyond the
largest double (which overflow to infinity). Each is one error at the value, in JSON and YAML, in
any number-typed place, and nothing else is reported about it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podlint.cli import main

HUGE_INT = "9" * 400
LONGER_THAN_PYTHON_PRINTS = "7" * 5000

JSON_CASES = {
    "1e400": "1e400",
    "-1e400": "-1e400",
    "1.8e308": "1.8e308",
    "400-digit integer": HUGE_INT,
    "5000-digit integer": LONGER_THAN_PYTHON_PRINTS,
}
YAML_CASES = {".inf": ".inf", "-.Inf": "-.Inf", ".NaN": ".NaN", ".nan": ".nan", "1e400": "1e400"}
# Number-typed places of different schema types (number, integer, nested in arrays).
PLACES = {
    "cpus": ("/containers/0/resources/cpus", "containers[0].resources.cpus"),
    "instances": ("/scaling/instances", "scaling.instances"),
    "hostPort": ("/containers/0/endpoints/0/hostPort", "containers[0].endpoints[0].hostPort"),
}


def _json_pod(place: str, literal: str) -> str:
    values = {"cpus": "1", "instances": "1", "hostPort": "8080"}
    values[place] = literal
    return (
        '{{"id": "/web", "scaling": {{"kind": "fixed", "instances": {instances}}},'
        ' "networks": [{{"mode": "host"}}],'
        ' "containers": [{{"name": "web", "resources": {{"cpus": {cpus}, "mem": 64}},'
        ' "image": {{"kind": "DOCKER", "id": "nginx:1.25"}},'
        ' "endpoints": [{{"name": "http", "hostPort": {hostPort}}}]}}]}}'.format(**values)
    )


def _yaml_pod(place: str, literal: str) -> str:
    values = {"cpus": "1", "instances": "1", "hostPort": "8080"}
    values[place] = literal
    return (
        "id: /web\n"
        "scaling: {{kind: fixed, instances: {instances}}}\n"
        "networks: [{{mode: host}}]\n"
        "containers:\n"
        "  - name: web\n"
        "    resources: {{cpus: {cpus}, mem: 64}}\n"
        "    image: {{kind: DOCKER, id: 'nginx:1.25'}}\n"
        "    endpoints: [{{name: http, hostPort: {hostPort}}}]\n".format(**values)
    )


def _lint(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    main(["check", "--no-cache", "--format", "json", str(path)])
    diagnostics: list[dict[str, object]] = json.loads(capsys.readouterr().out)["diagnostics"]
    return diagnostics


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_json_numbers_beyond_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, place: str
) -> None:
    pod = tmp_path / "pod.json"
    text = _json_pod(place, JSON_CASES[case])
    pod.write_text(text)
    diagnostics = _lint(pod, capsys)
    assert len(diagnostics) == 1, diagnostics
    (d,) = diagnostics
    pointer, shown = PLACES[place]
    assert (d["severity"], d["pointer"]) == ("error", pointer)
    assert shown in str(d["message"])
    assert "overflows to infinity" in str(d["message"])
    # At the value itself.
    line = text.splitlines()[int(str(d["line"])) - 1]
    assert line[int(str(d["column"])) - 1 :].startswith(JSON_CASES[case][:20])


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_yaml_non_finite_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, place: str
) -> None:
    pod = tmp_path / "pod.yaml"
    text = _yaml_pod(place, YAML_CASES[case])
    pod.write_text(text)
    diagnostics = _lint(pod, capsys)
    assert len(diagnostics) == 1, diagnostics
    (d,) = diagnostics
    assert d["severity"] == "error"
    assert d["pointer"] == PLACES[place][0]
    assert f"`{YAML_CASES[case]}`" in str(d["message"])  # the literal as written
    line = text.splitlines()[int(str(d["line"])) - 1]
    assert line[int(str(d["column"])) - 1 :].startswith(YAML_CASES[case])


def test_ordinary_large_numbers_are_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "pod.json"
    pod.write_text(_json_pod("cpus", "1e300"))
    assert all("infinity" not in str(d["message"]) for d in _lint(pod, capsys))


def test_long_integers_are_shortened_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "pod.json"
    pod.write_text(_json_pod("instances", "9" * 60))
    (d,) = [d for d in _lint(pod, capsys) if d["pointer"] == "/scaling/instances"]
    assert "(60 digits)" in str(d["message"])
    assert "9" * 60 not in str(d["message"])
