"""Lost bytes: a fix never loses what the user had.

Three classes, each with inputs of its own:
- ``--fix -``: standard output is the buffer, fixed or untouched, whatever goes wrong;
- ``--fix`` on a file keeps the file what it is (inode, mode, owner, hard links, extended
  attributes), refuses what it must not write, and survives a crash through its journal;
- an editor saving while podlint fixes: its save is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from podlint.cli import main
from podlint.fixing import in_place

DATA = Path(__file__).resolve().parent / "data" / "fix"
FIXABLE = (DATA / "web.json").read_bytes()
FIXED = (DATA / "web.fixed.json").read_bytes()


def _run_stdin(
    data: bytes, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "podlint", "check", "--no-cache", *args, "--fix", "-"],
        input=data,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


# --- --fix - : the buffer always comes back ------------------------------------------------------

UNTOUCHED = {
    "invalid UTF-8": b'{"id": "/web\xff\xfe", "containers": []}',
    "NUL byte": b'{"id": "/web"}\x00\n',
    "UTF-16 with BOM": '{"id": "/web"}'.encode("utf-16"),
    "UTF-16 without BOM": '{"id": "/web"}'.encode("utf-16-le"),
    "syntax error": b'{"id": "/web",, }',
    "YAML syntax error": b"id: /web\ncontainers: [\n",
    "empty": b"",
    "not a pod": b'{"apiVersion": "v1", "kind": "Pod"}',
    "lone surrogate escape": b'{"id": "/web\\udfff"}',
}


@pytest.mark.parametrize("name", sorted(UNTOUCHED))
def test_fix_stdin_returns_the_buffer_untouched_when_it_cannot_fix(name: str) -> None:
    data = UNTOUCHED[name]
    run = _run_stdin(data, "--stdin-filename", "pod.json")
    assert run.stdout == data
    assert b"Traceback" not in run.stderr


def test_fix_stdin_returns_an_oversized_buffer_whole(tmp_path: Path) -> None:
    (tmp_path / ".podlint.yaml").write_text("max_file_size: 1024\n")
    data = b'{"id": "/web", "labels": {"x": "' + b"a" * 50_000 + b'"}}'
    run = _run_stdin(data, "--stdin-filename", "pod.json", cwd=tmp_path)
    assert run.stdout == data


def test_fix_stdin_returns_the_buffer_after_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / ".podlint.yaml").write_text("selcet: [PL1]\n")
    run = _run_stdin(FIXABLE, "--stdin-filename", "pod.json", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == FIXABLE


def test_fix_stdin_prints_the_fixed_buffer_with_its_byte_order_mark() -> None:
    run = _run_stdin(b"\xef\xbb\xbf" + FIXABLE, "--stdin-filename", "pod.json")
    assert run.stdout == b"\xef\xbb\xbf" + FIXED


def test_fix_stdin_fixes_a_clean_run() -> None:
    assert _run_stdin(FIXABLE, "--stdin-filename", "pod.json").stdout == FIXED


# --- --fix on a file keeps its identity ---------------------------------------------------------


def _fix(path: Path) -> int:
    return main(["check", "--no-cache", "--no-show-source", "--fix", str(path)])


def test_fix_keeps_inode_mode_and_hard_links(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    pod.chmod(0o640)
    link = tmp_path / "also-web.json"
    os.link(pod, link)
    before = pod.stat()
    _fix(pod)
    after = pod.stat()
    assert pod.read_bytes() == FIXED
    assert link.read_bytes() == FIXED  # the other name sees the fix: still one file
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert stat.S_IMODE(after.st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_owner(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    os.chown(pod, 12345, 23456)
    _fix(pod)
    st = pod.stat()
    assert pod.read_bytes() == FIXED
    assert (st.st_uid, st.st_gid) == (12345, 23456)


def test_fix_keeps_extended_attributes(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    try:
        os.setxattr(pod, "user.podlint-test", b"kept")
    except (OSError, AttributeError) as exc:
        pytest.skip(f"no user extended attributes on this file system: {exc}")
    _fix(pod)
    assert pod.read_bytes() == FIXED
    assert os.getxattr(pod, "user.podlint-test") == b"kept"


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_fix_refuses_a_read_only_file(
    tmp_path: Path, mode: int, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    pod.chmod(mode)
    try:
        _fix(pod)
    finally:
        pod.chmod(0o644)
    assert pod.read_bytes() == FIXABLE
    assert "read-only" in capsys.readouterr().err


def test_fix_through_a_link_inside_the_tree_writes_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(FIXABLE)
    (tmp_path / "alias.json").symlink_to(real.name)
    _fix(tmp_path / "alias.json")
    assert (tmp_path / "alias.json").is_symlink()
    assert real.read_bytes() == FIXED


# --- crash safety: the journal -------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _journal(target: Path, old: bytes, new: bytes, pid: int) -> Path:
    path = in_place._write_journal(str(target), old, new)
    moved = Path(
        path.replace(f".{os.getpid()}{in_place.JOURNAL_SUFFIX}", f".{pid}{in_place.JOURNAL_SUFFIX}")
    )
    os.replace(path, moved)
    return moved


TORN = {
    "write never started": lambda old, new: old,
    "half the new text over the old": lambda old, new: new[: len(new) // 2] + old[len(new) // 2 :],
    "new text written, not truncated": lambda old, new: new + old[len(new) :],
    "all written": lambda old, new: new,
}


@pytest.mark.parametrize("state", sorted(TORN))
def test_an_interrupted_fix_is_finished_or_dropped(tmp_path: Path, state: str) -> None:
    old = FIXABLE + b" " * 64  # longer than the fixed text: truncation matters
    new = FIXED
    pod = tmp_path / "web.json"
    pod.write_bytes(TORN[state](old, new))
    journal = _journal(pod, old, new, _dead_pid())
    in_place.recover([str(tmp_path)])
    assert not journal.exists()
    expected = old if state == "write never started" else new
    assert pod.read_bytes() == expected


def test_recovery_never_overwrites_a_later_edit(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(b'{"id": "/edited-since"}\n')
    journal = _journal(pod, FIXABLE, FIXED, _dead_pid())
    in_place.recover([str(tmp_path)])
    assert pod.read_bytes() == b'{"id": "/edited-since"}\n'
    assert not journal.exists()


def test_recovery_leaves_a_running_fix_alone(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXED[:10])
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        journal = _journal(pod, FIXABLE, FIXED, sleeper.pid)
        in_place.recover([str(tmp_path)])
        assert journal.exists()
        assert pod.read_bytes() == FIXED[:10]
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.parametrize("junk", [b"", b"not json\n", b'{"target": "web.json"}\n', b"\xff" * 100])
def test_a_damaged_journal_is_dropped_without_touching_the_file(
    tmp_path: Path, junk: bytes
) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    journal = tmp_path / f".podlint-web.json.{_dead_pid()}{in_place.JOURNAL_SUFFIX}"
    journal.write_bytes(junk)
    in_place.recover([str(tmp_path)])
    assert pod.read_bytes() == FIXABLE
    assert not journal.exists()


@pytest.mark.slow
def test_sigkill_during_a_fix_run_loses_nothing(tmp_path: Path) -> None:
    """Kill a fix run at many moments; afterwards every file is the old or the fixed text."""
    for i in range(200):
        (tmp_path / f"web{i:03d}.json").write_bytes(FIXABLE)
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "podlint", "check", "--no-cache", "--fix", "-q", str(tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.kill()
        proc.wait()
        subprocess.run(
            [sys.executable, "-m", "podlint", "check", "--no-cache", "--fix", "-q", str(tmp_path)],
            capture_output=True,
            timeout=300,
            check=False,
        )
        for pod in tmp_path.glob("web*.json"):
            assert pod.read_bytes() == FIXED, pod
        assert not list(tmp_path.glob(f"*{in_place.JOURNAL_SUFFIX}"))
        for pod in tmp_path.glob("web*.json"):
            pod.write_bytes(FIXABLE)


# --- an editor saving during the fix -------------------------------------------------------------


def _leases_work(folder: Path) -> bool:
    try:
        import fcntl

        probe = folder / "lease-probe"
        probe.write_bytes(b"x")
        fd = os.open(probe, os.O_RDWR)
        try:
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        finally:
            os.close(fd)
            probe.unlink()
        return True
    except (ImportError, AttributeError, OSError):
        return False


EDITOR = """
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_TRUNC)
os.write(fd, b"EDITOR SAVED THIS")
os.close(fd)
"""


def test_an_editor_saving_in_place_during_the_write_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not _leases_work(tmp_path):
        pytest.skip(
            "this platform or file system offers no file leases (see podlint/fixing/in_place.py)"
        )
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    editors: list[subprocess.Popen[bytes]] = []
    real_journal = in_place._write_journal

    def journal_then_editor_saves(real: str, old: bytes, new: bytes) -> str:
        # The comparison is done; an editor saves now, in place, before podlint writes.
        editors.append(subprocess.Popen([sys.executable, "-c", EDITOR, real]))
        time.sleep(0.5)
        return real_journal(real, old, new)

    monkeypatch.setattr(in_place, "_write_journal", journal_then_editor_saves)
    in_place.rewrite(str(pod), FIXABLE, FIXED)
    assert editors[0].wait(timeout=60) == 0
    assert pod.read_bytes() == b"EDITOR SAVED THIS"


def test_an_editor_saving_by_rename_during_the_write_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(FIXABLE)
    real_journal = in_place._write_journal

    def journal_then_editor_renames(real: str, old: bytes, new: bytes) -> str:
        fd, tmp = tempfile.mkstemp(dir=tmp_path)
        os.write(fd, b"EDITOR SAVED THIS")
        os.close(fd)
        os.replace(tmp, real)
        return real_journal(real, old, new)

    monkeypatch.setattr(in_place, "_write_journal", journal_then_editor_renames)
    with pytest.raises(in_place.FixRefused, match="replaced"):
        in_place.rewrite(str(pod), FIXABLE, FIXED)
    assert pod.read_bytes() == b"EDITOR SAVED THIS"


def test_a_file_changed_before_the_write_is_left_alone(tmp_path: Path) -> None:
    pod = tmp_path / "web.json"
    pod.write_bytes(b'{"id": "/changed"}')
    with pytest.raises(in_place.FixRefused, match="changed"):
        in_place.rewrite(str(pod), FIXABLE, FIXED)
    assert pod.read_bytes() == b'{"id": "/changed"}'


def test_journals_are_not_linted_or_left_behind(tmp_path: Path) -> None:
    for i in range(5):
        shutil.copyfile(DATA / "web.json", tmp_path / f"w{i}.json")
    _fix(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"w{i}.json" for i in range(5)]
