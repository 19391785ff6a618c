"""The reference corpus (real pods, documentation pods, the seed page's examples): linted without a
crash, alone and all together, with every position inside its file; and the seed's known verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podlint.cli import main
from podlint.config.settings import Settings
from podlint.engine import Linter
from podlint.plugins import make_plugin_manager
from tests.conftest import SHARED, shared_path

CORPUS_DIRS = ("real", "docs", "seed")


def _corpus_files() -> list[Path]:
    root = SHARED / "corpus"
    if not root.is_dir():
        return []
    return sorted(
        p
        for d in CORPUS_DIRS
        for p in (root / d).glob("*")
        if p.suffix in (".json", ".yaml", ".yml")
    )


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(make_plugin_manager(third_party=False)[1])


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_lints_without_crash_and_positions_are_inside(linter: Linter, path: Path) -> None:
    result = linter.lint_bytes(path.read_bytes(), str(path), Settings(), explicit=True)
    text = path.read_bytes().decode("utf-8-sig")
    lines = _lines(text)
    for d in result.diagnostics:
        assert d.code != "PL901", f"a rule crashed: {d.message}"
        s = d.span
        assert 1 <= s.line <= len(lines), d
        assert (s.line, s.column) <= (s.end_line, s.end_column), d
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1, d
        assert s.end_line <= len(lines) + 1, d
        if s.end_line <= len(lines):
            assert s.end_column <= len(lines[s.end_line - 1]) + 1, d


def test_whole_corpus_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    root = shared_path("corpus")
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "2", str(root)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["summary"]["files"] >= 70
    assert not [d for d in out["diagnostics"] if d["code"] in ("PL900", "PL901")]


def _seed(name: str, linter: Linter, **settings: object) -> list[tuple[int, str, str, str]]:
    path = shared_path("corpus", "seed", name)
    result = linter.lint_bytes(path.read_bytes(), name, Settings(**settings), explicit=True)  # type: ignore[arg-type]
    return [(d.span.line, d.severity.value, d.name, d.message) for d in result.diagnostics]


def test_seed_executor_resources_unquoted_10mb(linter: Linter) -> None:
    found = _seed("01-executorResources.json", linter)
    syntax = [f for f in found if f[2] == "syntax-error"]
    assert syntax, found
    assert syntax[0][0] == 5
    assert "10mb" in syntax[0][3]


def test_seed_complete_pod_trailing_comma(linter: Linter) -> None:
    found = _seed("14-complete-pod.json", linter)
    syntax = [f for f in found if f[2] == "syntax-error"]
    assert [f[0] for f in syntax] == [56], found
    assert "trailing comma" in syntax[0][3]


@pytest.mark.parametrize(
    "name",
    [
        "02-secrets.json",
        "03-volumes-ephemeral.json",
        "04-volumeMounts.json",
        "05-volumes-host.json",
        "06-image.json",
    ],
)
def test_seed_fragments_are_not_pods(linter: Linter, name: str) -> None:
    found = _seed(name, linter)
    assert [f[2] for f in found] == ["not-a-pod"], found


@pytest.mark.parametrize(
    "name",
    [
        "00-quickstart-simplepod.json",
        "08-simplepod2.json",
        "10-with-ephemeral-vol.json",
        "11-pod-with-virtual-network.json",
        "12-pod-with-endpoint.json",
        "13-pod-with-healthcheck.json",
    ],
)
def test_seed_clean_examples_have_no_error(linter: Linter, name: str) -> None:
    found = _seed(name, linter)
    assert not [f for f in found if f[1] == "error"], found


def test_seed_complete_pod_once_mended(linter: Linter) -> None:
    path = shared_path("corpus", "seed", "14-complete-pod.json")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[55] = lines[55].replace('"http" ],', '"http" ]')  # the trailing comma of line 56
    result = linter.lint_bytes("".join(lines).encode(), "14-complete-pod.json", Settings())
    errors = {(d.name, d.pointer) for d in result.diagnostics if d.severity.value == "error"}
    names = {name for name, _ in errors}
    assert "syntax-error" not in names
    assert "unknown-volume-mount" in names  # the mount `env` of a volume named `etc`
    assert "endpoint-host-mode-ports" in names  # containerPort on a host network
    assert "health-check-timeout" in names  # timeoutSeconds 20 >= intervalSeconds 2
    messages = " ".join(d.message for d in result.diagnostics)
    assert "`env`" in messages
    assert "`etc`" in messages


def test_seed_private_image_needs_the_secrets_feature(linter: Linter) -> None:
    from podlint.config.profile import profile_from_mapping

    without = _seed("07-simple-pod.json", linter)
    assert [f for f in without if f[1] == "error"], without
    with_secrets = _seed(
        "07-simple-pod.json", linter, profile=profile_from_mapping({"features": ["secrets"]})
    )
    assert not [f for f in with_secrets if f[1] == "error"], with_secrets
