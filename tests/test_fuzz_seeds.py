"""The fuzzing seeds (``fuzz/make_seeds.py``) go through the whole pipeline in every output format
without a traceback: the hostile shapes they hold stay handled between fuzzing campaigns."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from podlint.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "fuzz" / "make_seeds.py"


def _samples() -> dict[str, tuple[int, str]]:
    spec = importlib.util.spec_from_file_location("make_seeds", SEEDS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    samples: dict[str, tuple[int, str]] = module._SAMPLES
    return samples


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab", "concise"])
def test_every_seed_is_handled_in_every_format(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, (_, text) in _samples().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code = main(["check", "--no-cache", "--format", fmt, str(tmp_path)])
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    assert "internal error" not in out.err
    if fmt == "json":
        assert json.loads(out.out)["diagnostics"]
