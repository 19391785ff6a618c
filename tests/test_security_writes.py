"""Safe writes for every file podlint writes (``--fix``, ``--write-baseline``, ``.podlint_cache/``,
``--output``): atomic replacement, the original permission bits kept, never through a symbolic link
that leads out of the working folder, never over a file that changed since it was read."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from podlint.fixing import apply as fixing
from podlint.fixing import safe_write
from tests.hostile_support import GOOD_POD, Run, assert_handled, run_podlint

FIXABLE_POD = json.loads(json.dumps(GOOD_POD))
FIXABLE_POD["containers"][0]["image"]["kind"] = "docker"  # enum-case: a safe fix to "DOCKER"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[Path]:
    return list(folder.rglob(".podlint-*.tmp"))


# ---- the atomic writer -------------------------------------------------------------------------


def test_replacement_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "pod.json"
    target.write_text("old")
    target.chmod(0o640)
    safe_write.write_text_atomic(str(target), "new")
    assert target.read_text() == "new"
    assert _mode(target) == 0o640
    assert not _leftovers(tmp_path)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        safe_write.write_text_atomic(str(tmp_path / "new.json"), "{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.json") == 0o640


def test_a_failed_write_leaves_the_original_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pod.json"
    target.write_text("original")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        safe_write.write_text_atomic(str(target), "new content")
    assert target.read_text() == "original"
    assert not _leftovers(tmp_path)


def test_a_link_inside_the_folder_is_written_through_and_kept(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    safe_write.write_text_atomic(str(tmp_path / "link.json"), "new", confine_to=str(tmp_path))
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "real.json").read_text() == "new"


@pytest.mark.parametrize("via", ["file-link", "folder-link"])
def test_a_link_out_of_the_folder_is_refused(via: str, tmp_path: Path) -> None:
    work, outside = tmp_path / "work", tmp_path / "outside"
    work.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("precious")
    if via == "file-link":
        (work / "report.json").symlink_to(outside / "victim.txt")
        path = work / "report.json"
    else:
        (work / "reports").symlink_to(outside)
        path = work / "reports" / "victim.txt"
    with pytest.raises(safe_write.UnsafeWriteError, match="symbolic link"):
        safe_write.write_text_atomic(str(path), "overwritten", confine_to=str(work))
    assert (outside / "victim.txt").read_text() == "precious"
    # A path named outside on purpose is the user's choice, not a link's.
    safe_write.write_text_atomic(str(outside / "chosen.txt"), "ok", confine_to=str(work))
    assert (outside / "chosen.txt").read_text() == "ok"


# ---- through the command line ------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "pod.json").write_text(json.dumps(FIXABLE_POD, indent=2) + "\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "victim.txt").write_text("precious")
    return folder


def _refused(run: Run) -> None:
    assert run.code == 2, run.stderr
    assert "symbolic link" in run.stderr
    assert run.stderr.count("\n") == 1


def test_output_keeps_the_mode_and_refuses_a_link_out(work: Path) -> None:
    report = work / "report.json"
    report.write_text("")
    report.chmod(0o600)
    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "--output", "report.json", "pod.json"], work
    )
    assert_handled(run)
    assert json.loads(report.read_text())["diagnostics"]
    assert _mode(report) == 0o600
    report.unlink()
    report.symlink_to(work.parent / "outside" / "victim.txt")
    _refused(
        run_podlint(
            ["check", "--no-cache", "--format", "json", "--output", "report.json", "pod.json"], work
        )
    )
    assert (work.parent / "outside" / "victim.txt").read_text() == "precious"


def test_write_baseline_keeps_the_mode_and_refuses_a_link_out(work: Path) -> None:
    baseline = work / "baseline.json"
    baseline.write_text("{}")
    baseline.chmod(0o640)
    run = run_podlint(
        ["check", "--no-cache", "--write-baseline", "baseline.json", "pod.json"], work
    )
    assert run.code in (0, 1), run.stderr
    assert "findings" in json.loads(baseline.read_text())
    assert _mode(baseline) == 0o640
    baseline.unlink()
    baseline.symlink_to(work.parent / "outside" / "victim.txt")
    _refused(
        run_podlint(["check", "--no-cache", "--write-baseline", "baseline.json", "pod.json"], work)
    )
    assert (work.parent / "outside" / "victim.txt").read_text() == "precious"


def test_cache_is_written_atomically_inside_the_folder(work: Path) -> None:
    for _ in range(2):
        assert_handled(run_podlint(["check", "--format", "json", "pod.json"], work))
    cache = work / ".podlint_cache"
    assert list(cache.glob("results-*.sqlite3"))
    assert (cache / ".gitignore").exists()
    assert not _leftovers(work)


def test_a_cache_folder_linked_out_of_the_working_folder_is_never_used(work: Path) -> None:
    outside = work.parent / "outside"
    (work / ".podlint_cache").symlink_to(outside)
    first = run_podlint(["check", "--format", "json", "pod.json"], work)
    second = run_podlint(["check", "--format", "json", "pod.json"], work)
    assert_handled(first)
    assert second.stdout == first.stdout
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_cache_files_linked_out_of_the_folder_are_never_written(work: Path) -> None:
    outside = work.parent / "outside"
    cache = work / ".podlint_cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(outside / "gitignore-target")  # dangling, pointing out
    assert_handled(run_podlint(["check", "--format", "json", "pod.json"], work))
    results = list(cache.glob("results-*.sqlite3"))
    assert results
    for result in results:  # now point the real cache file out of the folder
        result.unlink()
        result.symlink_to(outside / "victim.txt")
    (outside / "victim.txt").write_text("precious")
    assert_handled(run_podlint(["check", "--format", "json", "pod.json"], work))
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    assert (outside / "victim.txt").read_text() == "precious"


def test_fix_keeps_the_mode_and_skips_a_link_out(work: Path) -> None:
    pod = work / "pod.json"
    pod.chmod(0o640)
    run = run_podlint(["check", "--no-cache", "--fix", "pod.json"], work)
    assert run.code in (0, 1), run.stderr
    assert '"DOCKER"' in pod.read_text()
    assert _mode(pod) == 0o640
    assert not _leftovers(work)
    victim = work.parent / "outside" / "pod.json"
    victim.write_text(json.dumps(FIXABLE_POD))
    pod.unlink()
    pod.symlink_to(victim)
    run = run_podlint(["check", "--no-cache", "--fix", "."], work)
    assert "Traceback" not in run.stderr
    assert '"docker"' in victim.read_text()  # not fixed through the link


def test_fix_never_overwrites_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    pod = tmp_path / "pod.json"
    pod.write_text("edited by someone else")
    assert not fixing._write_if_unchanged(str(pod), b"what podlint read", b"fixed")
    assert pod.read_text() == "edited by someone else"
    assert fixing._write_if_unchanged(str(pod), b"edited by someone else", b"fixed")
    assert pod.read_text() == "fixed"
