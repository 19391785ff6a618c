"""``podlint check --fix`` / ``--unsafe-fixes`` / ``--diff`` end to end, compared byte for byte."""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from podlint.cli import main

DATA = Path(__file__).resolve().parent / "data" / "fix"


def _copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copyfile(DATA / name, target)
    return target


def _check(*args: str) -> int:
    return main(["check", "--no-cache", "--no-show-source", *args])


@pytest.mark.parametrize("ext", ["json", "yaml"])
def test_fix_applies_safe_fixes_only(tmp_path: Path, ext: str) -> None:
    pod = _copy(tmp_path, f"web.{ext}")
    _check("--fix", str(pod))
    assert pod.read_bytes() == (DATA / f"web.fixed.{ext}").read_bytes()


@pytest.mark.parametrize("ext", ["json", "yaml"])
def test_unsafe_fixes_also_apply_unsafe_ones(tmp_path: Path, ext: str) -> None:
    pod = _copy(tmp_path, f"web.{ext}")
    code = _check("--fix", "--unsafe-fixes", str(pod))
    assert pod.read_bytes() == (DATA / f"web.unsafe-fixed.{ext}").read_bytes()
    # What is left after fixing is what is reported (the fixture has no error left).
    assert code == 0


def test_fix_reports_remaining_findings_and_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = _copy(tmp_path, "web.yaml")
    code = _check("--fix", str(pod))
    out = capsys.readouterr().out
    assert code == 1
    assert "(4 fix" in out
    assert "applied" in out
    assert "health-check-endpoint" in out  # unsafe: left for the user
    assert "pod-id-invalid" not in out  # fixed


@pytest.mark.parametrize("ext", ["json", "yaml"])
def test_diff_prints_a_diff_and_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ext: str
) -> None:
    pod = _copy(tmp_path, f"web.{ext}")
    before = pod.read_bytes()
    mtime = pod.stat().st_mtime_ns
    code = _check("--diff", "--unsafe-fixes", str(pod))
    captured = capsys.readouterr()
    assert pod.read_bytes() == before
    assert pod.stat().st_mtime_ns == mtime
    assert code == 1
    assert captured.out.startswith(f"--- {pod}\n+++ {pod}\n@@ ")
    assert '-  "id": "web",' in captured.out or "-id: web" in captured.out
    assert "would be applied" in captured.err


def test_diff_of_the_expected_result_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The diff, applied with a plain unified-diff reader, gives exactly the fixed file."""
    import difflib

    pod = _copy(tmp_path, "web.yaml")
    _check("--diff", str(pod))
    out = capsys.readouterr().out
    expected_diff = "".join(
        difflib.unified_diff(
            pod.read_text().splitlines(keepends=True),
            (DATA / "web.fixed.yaml").read_text().splitlines(keepends=True),
            fromfile=str(pod),
            tofile=str(pod),
        )
    )
    assert out.startswith(expected_diff)


def test_crlf_and_byte_order_mark_survive(tmp_path: Path) -> None:
    original = (DATA / "web.yaml").read_bytes().replace(b"\n", b"\r\n")
    pod = tmp_path / "web.yaml"
    pod.write_bytes(b"\xef\xbb\xbf" + original)
    _check("--fix", str(pod))
    expected = (DATA / "web.fixed.yaml").read_bytes().replace(b"\n", b"\r\n")
    assert pod.read_bytes() == b"\xef\xbb\xbf" + expected


def test_fix_keeps_the_file_mode(tmp_path: Path) -> None:
    pod = _copy(tmp_path, "web.json")
    os.chmod(pod, 0o640)
    _check("--fix", str(pod))
    assert stat.S_IMODE(pod.stat().st_mode) == 0o640
    assert pod.read_bytes() == (DATA / "web.fixed.json").read_bytes()


def test_a_file_with_a_syntax_error_is_never_fixed(tmp_path: Path) -> None:
    pod = tmp_path / "broken.json"
    text = '{"id": "web", "containers": [{"name": "a", "resources": {"cpus": 1, "mem": 32}},],}\n'
    pod.write_text(text)
    _check("--fix", "--unsafe-fixes", str(pod))
    assert pod.read_text() == text


def test_symlink_leaving_the_linted_folder_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    linted = tmp_path / "linted"
    outside.mkdir()
    linted.mkdir()
    real = _copy(outside, "web.json")
    (linted / "web.json").symlink_to(real)
    _check("--fix", str(linted))
    assert real.read_bytes() == (DATA / "web.json").read_bytes()
    assert "outside the folders being linted" in capsys.readouterr().err


def test_symlink_inside_the_folder_is_fixed_through_its_target(tmp_path: Path) -> None:
    real = _copy(tmp_path, "web.json", "real.json")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    _check("--fix", str(link))
    assert link.is_symlink()
    assert real.read_bytes() == (DATA / "web.fixed.json").read_bytes()


def test_file_changed_since_read_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from podlint.fixing import apply as fixing

    pod = _copy(tmp_path, "web.json")
    real_fix_text = fixing.fix_text

    def fix_then_edit(*args: object, **kwargs: object) -> fixing.FixOutcome:
        outcome = real_fix_text(*args, **kwargs)  # type: ignore[arg-type]
        pod.write_text("{}\n")  # an editor saved the file meanwhile
        return outcome

    monkeypatch.setattr(fixing, "fix_text", fix_then_edit)
    _check("--fix", str(pod))
    assert pod.read_text() == "{}\n"
    assert "changed while podlint was fixing it" in capsys.readouterr().err


def test_fixes_repeat_until_nothing_applies(tmp_path: Path) -> None:
    """Two removals in one list overlap; the second waits for the next round."""
    pod = tmp_path / "pod.json"
    pod.write_text(
        '{\n  "id": "/p",\n  "containers": [{"name": "a", "resources": {"cpus": 1, "mem": 32},\n'
        '    "endpoints": [{"name": "e", "protocol": ["tcp", "tcp", "tcp"]}]}]\n}\n'
    )
    _check("--fix", str(pod))
    assert '"protocol": ["tcp"]' in pod.read_text()


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (DATA / "web.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    _check("--fix", "--stdin-filename", "web.yaml", "-")
    captured = capsys.readouterr()
    assert captured.out == (DATA / "web.fixed.yaml").read_text()
    assert "health-check-endpoint" in captured.err


def test_stdin_diff(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    source = (DATA / "web.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    _check("--diff", "--stdin-filename", "web.json", "-")
    out = capsys.readouterr().out
    assert out.startswith("--- web.json\n+++ web.json\n")
    assert '+  "id": "/web",' in out


def test_fix_and_diff_exclude_each_other(tmp_path: Path) -> None:
    pod = _copy(tmp_path, "web.json")
    assert _check("--fix", "--diff", str(pod)) == 2
