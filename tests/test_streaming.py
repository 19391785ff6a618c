"""Findings print while the run goes on, in the finished report's order, holding one text at a time."""

from __future__ import annotations

import io
import itertools
import random
import sys
from pathlib import Path

import pytest

from podlint import runner
from podlint.cli import main
from podlint.diagnostics import Diagnostic, Severity, Span
from podlint.results import FileResult
from podlint.streaming import OrderedStream


def _diag(path: str, line: int, code: str = "PL101") -> Diagnostic:
    return Diagnostic(path, code, "type", Severity.ERROR, f"at {line}", "", Span(line, 1, line, 2))


def _results(paths: list[str], rng: random.Random) -> list[FileResult]:
    out = []
    for path in paths:
        lines = sorted(rng.sample(range(1, 30), rng.randrange(4)))
        out.append(FileResult(path, [_diag(path, n) for n in lines], text=f"text of {path}"))
    return out


def _stream(paths: list[str], results: list[FileResult]) -> list[tuple[Diagnostic, str | None]]:
    written: list[tuple[Diagnostic, str | None]] = []
    stream = OrderedStream(paths, lambda d, s: written.append((d, s)), lambda r: r.text)
    for result in results:
        stream.add(result)
    stream.finish()
    return written


def test_any_target_order_prints_the_sorted_report() -> None:
    rng = random.Random(7)
    names = ["a/b.json", "a/b/c.json", "a-b.json", "a.json", "b.yaml", "a/b.json"]
    for _ in range(300):
        paths = rng.sample(names, rng.randrange(1, len(names) + 1))
        results = _results(paths, rng)
        written = _stream(paths, results)
        expected = sorted(d for r in results for d in r.diagnostics)
        assert [d for d, _ in written] == expected
        assert all(source == f"text of {d.file}" for d, source in written)


def test_sorted_targets_print_each_file_before_the_next_arrives() -> None:
    paths = [f"pods/{i:03d}.json" for i in range(50)]
    results = _results(paths, random.Random(1))
    written: list[Diagnostic] = []
    stream = OrderedStream(paths, lambda d, _: written.append(d), lambda r: r.text)
    for k, result in enumerate(results):
        stream.add(result)
        # No later file sorts before this one: its findings are out at once, its text dropped.
        assert written == sorted(d for r in results[: k + 1] for d in r.diagnostics)
        assert stream._texts == {}
    stream.finish()
    assert written == sorted(d for r in results for d in r.diagnostics)
    assert stream._texts == {}


def test_nothing_is_printed_until_a_file_is_linted() -> None:
    written: list[Diagnostic] = []
    stream = OrderedStream(["x.json"], lambda d, _: written.append(d))
    stream.add(FileResult("<plugins>", [_diag("<plugin p>", 1)]))
    stream.add(FileResult("x.json", [], skipped="not a pod"))
    stream.finish()
    assert written == []
    linted = OrderedStream(["x.json"], lambda d, _: written.append(d))
    linted.add(FileResult("<plugins>", [_diag("<plugin p>", 1)]))
    linted.add(FileResult("x.json", [_diag("x.json", 3)]))
    linted.finish()
    assert [d.file for d in written] == ["<plugin p>", "x.json"]


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_the_cli_prints_findings_before_the_run_ends(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(6):
        (tmp_path / f"pod{i}.json").write_text(
            '{"id": "/web", "containers": [{"name": "Bad_Name", "resources": {"cpus": 1, "mem": 32}}]}'
        )
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    seen: list[int] = []
    lint_target = runner.lint_target

    def spy(*args: object, **kwargs: object) -> FileResult:
        seen.append(len(out.getvalue()))  # what was printed when this file started
        result = lint_target(*args, **kwargs)  # type: ignore[arg-type]
        assert result.text is not None
        return result

    monkeypatch.setattr(runner, "lint_target", spy)
    code = main(["check", "--no-cache", "--isolated", "--format", fmt, str(tmp_path)])
    assert code == 1
    assert seen[0] == 0
    assert all(earlier < later for earlier, later in itertools.pairwise(seen[1:]))
    assert "pod5.json" in out.getvalue()


def test_findings_in_any_order_within_a_file_print_sorted_and_stable() -> None:
    rng = random.Random(3)
    for _ in range(300):
        paths = rng.sample(["a.json", "b.json", "c.json", "a/b.json"], rng.randrange(1, 5))
        if rng.random() < 0.5:
            paths.sort()
        results = []
        for path in paths:
            # Equal sort keys too: they keep the order they came in, as the heap's sequence does.
            found = [_diag(path, rng.randrange(1, 4), rng.choice(["PL1", "PL2"])) for _ in range(5)]
            if rng.random() < 0.5:
                found.sort()
            results.append(FileResult(path, found, text=f"text of {path}"))
        written = [d for d, _ in _stream(paths, results)]
        expected = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)
        assert [id(d) for d in written] == [id(d) for d in expected]
