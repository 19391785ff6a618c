"""Bounded cost: time and memory grow with the input, never with its square, and reports stay bounded.

The class: anything a file can repeat — unknown keys, duplicate keys, findings — at a size where
quadratic work would take minutes or gigabytes. Each file is linted in its own process under the hard
limits of ``hostile_support`` (1 GiB of address space, 20 s of CPU), which quadratic work at these
sizes exceeds by far, and the report must say what it found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile_support import GOOD_POD, assert_handled, run_podlint

N = 100_000


def _pod_with(extra: dict[str, object]) -> dict[str, object]:
    return {**GOOD_POD, **extra}


def _json_duplicates(n: int) -> str:
    members = ", ".join(f'"dup": {i}' for i in range(n))
    return '{"id": "/web", ' + members + "}"


def _yaml_duplicates(n: int) -> str:
    return "id: /web\n" + "".join(f"dup: {i}\n" for i in range(n))


CASES = {
    "unknown keys at the top": lambda: json.dumps(
        _pod_with({f"unknown{i:06d}": i for i in range(N)})
    ),
    "unknown keys in a container": lambda: json.dumps(
        {
            **GOOD_POD,
            "containers": [{**GOOD_POD["containers"][0], **{f"k{i}": i for i in range(N)}}],
        }
    ),
    "duplicate keys, JSON": lambda: _json_duplicates(N),
    "duplicate keys, YAML": lambda: _yaml_duplicates(N),
    "many containers with a finding each": lambda: json.dumps(
        {
            "id": "/web",
            "containers": [
                {
                    "name": f"c{i}",
                    "resources": {"cpus": "1", "mem": 64},
                    "image": {"kind": "DOCKER", "id": "x:1"},
                }
                for i in range(20_000)
            ],
        }
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_repetition_costs_linear_time_and_bounded_output(tmp_path: Path, case: str) -> None:
    suffix = ".yaml" if "YAML" in case else ".json"
    pod = tmp_path / f"pod{suffix}"
    pod.write_text(CASES[case]())
    (tmp_path / ".podlint.yaml").write_text("max_file_size: 50000000\n")
    run = run_podlint(["check", "--no-cache", "--format", "json", pod.name], tmp_path)
    assert_handled(run)
    diagnostics = run.diagnostics()
    # Reports are bounded too: the first findings, then one that counts the rest.
    assert 0 < len(diagnostics) <= 1_001
    if len(diagnostics) == 1_001:
        last = diagnostics[-1]
        assert last["name"] == "too-many-findings"
        assert "more findings in this file are not shown" in last["message"]


def test_truncation_keeps_the_worst_severity(tmp_path: Path) -> None:
    """The count stands for the findings it hides: their worst severity, so the exit code holds."""
    containers = [
        {
            "name": f"c{i}",
            "resources": {"cpus": 1, "mem": 64},
            "image": {"kind": "DOCKER", "id": "x:1"},
            "unknownKey": True,
        }
        for i in range(1_200)
    ]
    # The last container's error sorts after a thousand warnings.
    containers[-1]["resources"] = {"cpus": "one", "mem": 64}
    pod = tmp_path / "pod.json"
    pod.write_text(json.dumps({"id": "/web", "containers": containers}, indent=1))
    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "--fail-on", "error", pod.name], tmp_path
    )
    assert run.code == 1
    last = run.diagnostics()[-1]
    assert last["name"] == "too-many-findings"
    assert last["severity"] == "error"
    assert "1 errors" in last["message"] or "1 error" in last["message"]
