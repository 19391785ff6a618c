"""``--jobs``: out of range is a usage error (exit 2), and a huge value is capped, not obeyed."""

from __future__ import annotations

import pytest

from podlint import runner
from podlint.cli import main


@pytest.mark.parametrize("value", ["-1", "-100", "two", "1.5"])
def test_jobs_out_of_range_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", f"--jobs={value}", "examples/web.json"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_a_huge_jobs_value_starts_at_most_twice_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    from concurrent import futures

    real = futures.ProcessPoolExecutor

    def recording(*args: object, max_workers: int, **kwargs: object) -> object:
        started.append(max_workers)
        return real(*args, max_workers=max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(futures, "ProcessPoolExecutor", recording)
    monkeypatch.setattr(runner, "CHUNK", 1)
    assert main(["check", "--no-cache", "-q", "--jobs", "1000", "examples/"]) in (0, 1)
    assert started
    assert started[0] <= runner.max_jobs()


@pytest.mark.parametrize("keep_text", [True, False])
def test_workers_send_the_text_back_only_when_asked(keep_text: bool) -> None:
    from podlint.config.discovery import ConfigResolver
    from podlint.discover import Target
    from podlint.engine import Linter
    from podlint.plugins import make_plugin_manager

    _, registry = make_plugin_manager()
    resolver = ConfigResolver(registry, config_file=None, overrides={}, isolated=True)
    targets = [Target("examples/checkout.json", explicit=True)] * 4
    serial = list(runner.run(Linter(registry), resolver.settings_for, targets, 1))
    pooled = list(
        runner.run(Linter(registry), resolver.settings_for, targets, 2, keep_text=keep_text)
    )
    assert [r.diagnostics for r in pooled] == [r.diagnostics for r in serial]
    assert all(r.diagnostics for r in pooled)  # a file with findings keeps its text when asked
    assert all((r.text is not None) is keep_text for r in pooled)
