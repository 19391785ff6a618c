"""No network, no code execution: podlint, linting hostile files under hostile configuration, never opens
a socket, starts a process, loads native code through ctypes, unpickles, or compiles or imports code
from the linted folder.

podlint runs in a subprocess under an interpreter audit hook (PEP 578) that ends the process at once
(``os._exit``, which no ``except`` can swallow) on any forbidden event. ``--jobs 1`` keeps the run in
one process, so ``os.fork`` is forbidden too.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import pytest

from tests.hostile_support import GOOD_POD, Run, clean_env, run_podlint

MARKER = "HOSTILE-MARKER-7f3a"
VIOLATION = 99

_AUDIT_WRAPPER = r"""
import os
import sys

LINTED = os.path.realpath(sys.argv[1])
MARKER = sys.argv[2]
ARGS = sys.argv[3:]
BANNED = (
    "socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
    "os.forkpty", "pty.", "ctypes.", "pickle.find_class", "urllib.Request", "http.client.",
    "ftplib.", "smtplib.", "webbrowser.", "os.startfile",
)


# Bound now: while plugin code runs, podlint makes os._exit raise instead (podlint.containment),
# and the audit must end the process for real.
_real_exit = os._exit


def violation(message):
    os.write(2, f"AUDIT VIOLATION: {message}\n".encode("utf-8", "replace"))
    _real_exit(99)


def inside(path):
    if not os.path.isabs(path):  # "<string>", "<frozen ...>": generated code, not a file
        return False
    try:
        real = os.path.realpath(path)
    except (TypeError, ValueError):
        return False
    return real == LINTED or real.startswith(LINTED + os.sep)


def hook(event, args):
    if event.startswith(BANNED):
        violation(f"{event} {args!r:.300}")
    elif event == "compile":
        source, filename = args[0], args[1]
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        if isinstance(source, str) and MARKER in source:
            violation(f"compile of text from a linted file: {filename!r}")
        if isinstance(filename, (str, bytes)) and inside(os.fsdecode(filename)):
            violation(f"compile of {filename!r}")
    elif event == "exec":
        filename = getattr(args[0], "co_filename", "")
        if filename and inside(filename):
            violation(f"exec of code from {filename!r}")
    elif event == "import":
        filename = args[1]
        if filename and inside(filename):
            violation(f"import of {args[0]!r} from {filename!r}")


sys.addaudithook(hook)
from podlint.cli import main

code = main(ARGS)
for entry in sys.path:
    if inside(os.path.abspath(entry or ".")):
        violation(f"sys.path holds {entry!r}")
sys.exit(code)
"""

_PICKLE_BOMB = pickle.dumps(  # what a poisoned cache file could hold: unpickling runs os.system
    type("Evil", (), {"__reduce__": lambda self: (__import__("os").system, (f"touch {MARKER}",))})()
)


def _hostile_repo(repo: Path) -> None:
    repo.mkdir(parents=True)
    (repo / "good.json").write_text(json.dumps(GOOD_POD))
    (repo / "tags.yaml").write_text(
        f"# {MARKER}\n"
        "id: !!python/object/apply:os.system ['touch PWNED']\n"
        "containers: !!python/object/new:subprocess.Popen [['touch', 'PWNED']]\n"
        "labels: !!python/name:builtins.exec\n"
        f'user: !!python/object/apply:builtins.eval [\'__import__("os").system("touch PWNED") # {MARKER}\']\n'
    )
    (repo / "code.json").write_text(
        json.dumps({"id": f"__import__('os').system('touch PWNED') # {MARKER}", "containers": []})
    )
    (repo / "plugin.py").write_text(f"import os; os.system('touch PWNED')  # {MARKER}\n")
    (repo / "podlint_plugins.py").write_text(f"import os; os.system('touch PWNED')  # {MARKER}\n")
    (repo / "http.yaml").write_text(
        "id: /x\ncontainers:\n- name: c\n  artifacts: [{uri: 'http://127.0.0.1:9/x.tgz'}]\n"
        "  image: {kind: DOCKER, id: 'registry.invalid:5000/x:1'}\n"
    )


def _run(repo: Path, args: list[str], tmp_path: Path) -> Run:
    wrapper = tmp_path / "tools" / "audited.py"
    wrapper.parent.mkdir(exist_ok=True)
    wrapper.write_text(_AUDIT_WRAPPER)
    return run_podlint(
        args, repo, env=clean_env(), python=[sys.executable, str(wrapper), str(repo), MARKER]
    )


def _assert_clean(run: Run, repo: Path) -> None:
    assert run.code != VIOLATION, run.stderr[-3000:]
    assert "AUDIT VIOLATION" not in run.stderr, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert not list(repo.rglob("PWNED"))
    assert not list(repo.rglob(MARKER))


def test_the_audit_hook_catches_what_it_should(tmp_path: Path) -> None:
    """The wrapper itself works: a plugin that opens a socket is stopped."""
    repo = tmp_path / "repo"
    _hostile_repo(repo)
    site = tmp_path / "site"
    site.mkdir()
    (site / "netplugin.py").write_text("import socket\nsocket.socket().close()\n")
    info = site / "netplugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: netplugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[podlint]\nnet = netplugin\n")
    wrapper = tmp_path / "tools" / "audited.py"
    wrapper.parent.mkdir()
    wrapper.write_text(_AUDIT_WRAPPER)
    run = run_podlint(
        ["check", "--no-cache", "--jobs", "1", "good.json"],
        repo,
        env=clean_env(PYTHONPATH=str(site)),
        python=[sys.executable, str(wrapper), str(repo), MARKER],
    )
    assert run.code == VIOLATION
    assert "socket." in run.stderr


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_linting_hostile_files_runs_nothing_and_opens_no_connection(
    fmt: str, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    _hostile_repo(repo)
    (repo / ".podlint.yaml").write_text(
        f"# {MARKER}\n"
        "select: &sel [ALL]\n"
        "extend_select: *sel\n"
        "per_file_ignores:\n  'plugin*.py': [ALL]\n"
        "cluster:\n  networks: [dcos]\n  features: [secrets]\n"
    )
    # First run fills the cache; then every cache file is replaced by a pickle bomb and read again.
    first = _run(repo, ["check", "--jobs", "1", "--format", fmt, "."], tmp_path)
    _assert_clean(first, repo)
    assert first.code == 1
    caches = list((repo / ".podlint_cache").glob("results-*.sqlite3"))
    assert caches
    for cache in caches:
        cache.write_bytes(_PICKLE_BOMB)
    second = _run(repo, ["check", "--jobs", "1", "--format", fmt, "."], tmp_path)
    _assert_clean(second, repo)
    assert second.stdout == first.stdout  # the poisoned cache was a miss, nothing else


@pytest.mark.parametrize(
    "config",
    [
        "select: !!python/object/apply:os.system ['touch PWNED']\n",
        "rules: !!python/name:builtins.exec\n",
        "[tool.podlint]\nselect = ['ALL']\n",  # TOML content under a YAML name
        "extend: plugin.py\n",  # another "configuration" that is really code
        "extend: /dev/zero\n",
        "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nselect: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
    ],
    ids=["python-tag", "python-name", "toml-in-yaml", "extend-python", "extend-device", "aliases"],
)
def test_hostile_configuration_runs_nothing(config: str, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _hostile_repo(repo)
    (repo / ".podlint.yaml").write_text(f"# {MARKER}\n{config}")
    run = _run(repo, ["check", "--no-cache", "--jobs", "1", "--format", "json", "."], tmp_path)
    _assert_clean(run, repo)
    assert run.code == 2  # a configuration error: one line, exit code 2
    assert run.stderr.startswith("podlint: error:")
    assert run.stderr.count("\n") == 1
