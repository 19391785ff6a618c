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
