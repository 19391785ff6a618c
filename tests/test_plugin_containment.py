"""A plugin's failure stays the plugin's: reported by name, and the run goes on with every built-in
finding. The class: every way Python code can end, hang or corrupt a run — at import, in a hook, in
a rule — each through a real installed plugin and the real command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podlint import watchdog
from tests.hostile_support import GOOD_POD, assert_handled, clean_env, run_podlint, write_plugin

needs_timer = pytest.mark.skipif(
    not watchdog.available(),
    reason="plugin code can be interrupted only with POSIX interval timers",
)

# A built-in finding (an unknown key) that must survive whatever the plugin does.
POD = {**GOOD_POD, "lables": {"a": "b"}}

_RULE = """
from podlint import hookimpl
from podlint.rule import Rule


class Misbehaves(Rule):
    \"\"\"Misbehaves on purpose.\"\"\"

    code = "AA001"  # sorts first: runs before every built-in rule
    name = "misbehaves"
    summary = "misbehaves"

    def check(self, pod, ctx):
{body}
        return iter(())


@hookimpl
def podlint_rules():
    return [Misbehaves]
"""

IN_RULE = {
    "sys.exit": "        import sys; sys.exit(7)",
    "SystemExit(0)": "        raise SystemExit(0)",
    "os._exit": "        import os; os._exit(0)",
    "os.abort": "        import os; os.abort()",
    "KeyError": "        raise KeyError('x')",
    "deletes the pod's keys": "        pod.clear()",
    "renames the unknown key": "        pod['labels'] = pod.pop('lables')",
    "mutates nested data": "        pod['containers'].clear()",
}

AT_IMPORT = {
    "sys.exit": "import sys; sys.exit(9)",
    "os._exit": "import os; os._exit(0)",
    "SyntaxError": "def broken(:\n",
}

IN_HOOK = {
    "sys.exit": "import sys; sys.exit(3)",
    "os._exit": "import os; os._exit(0)",
}


def _run(tmp_path: Path, module_source: str, *, timeout_env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    write_plugin(site, "contained_plugin", module_source, dist="contained-plugin")
    repo = tmp_path / "repo"
    repo.mkdir(exist_ok=True)
    (repo / "pod.json").write_text(json.dumps(POD))
    env = clean_env(PYTHONPATH=str(site), **(timeout_env or {}))
    return run_podlint(["check", "--no-cache", "--format", "json", "pod.json"], repo, env=env)


def _check(run) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    assert_handled(run)
    diagnostics = run.diagnostics()
    names = [d["name"] for d in diagnostics]
    assert "unknown-key" in names, names  # the built-in rules saw the pod as it was read
    return diagnostics


@pytest.mark.parametrize("case", sorted(IN_RULE))
def test_a_misbehaving_rule_is_named_and_the_run_goes_on(tmp_path: Path, case: str) -> None:
    run = _run(tmp_path, _RULE.format(body=IN_RULE[case]))
    diagnostics = _check(run)
    errors = [d for d in diagnostics if d["name"] == "rule-error"]
    if case.startswith(("deletes", "renames", "mutates")):
        assert not errors  # changing its own copy is not an error; it just cannot harm others
        return
    assert errors, diagnostics
    assert "misbehaves" in errors[0]["message"]
    assert "contained-plugin" in errors[0]["message"]


@pytest.mark.parametrize("case", sorted(AT_IMPORT))
def test_a_plugin_that_fails_at_import_is_named(tmp_path: Path, case: str) -> None:
    run = _run(tmp_path, AT_IMPORT[case] + "\n" + _RULE.format(body="        pass"))
    diagnostics = _check(run)
    problems = [d for d in diagnostics if d["name"] == "plugin-error"]
    assert problems, diagnostics
    assert "contained-plugin" in problems[0]["message"] + problems[0]["file"]


@pytest.mark.parametrize("case", sorted(IN_HOOK))
def test_a_hook_that_ends_the_process_is_named(tmp_path: Path, case: str) -> None:
    source = (
        f"from podlint import hookimpl\n\n@hookimpl\ndef podlint_rules():\n    {IN_HOOK[case]}\n"
    )
    diagnostics = _check(_run(tmp_path, source))
    assert any(d["name"] == "plugin-error" for d in diagnostics), diagnostics


@needs_timer
@pytest.mark.parametrize("where", ["import", "hook"])
def test_a_plugin_that_hangs_is_stopped_and_named(tmp_path: Path, where: str) -> None:
    hang = "import time; time.sleep(3600)"
    source = (
        f"{hang}\n" + _RULE.format(body="        pass")
        if where == "import"
        else (f"from podlint import hookimpl\n\n@hookimpl\ndef podlint_rules():\n    {hang}\n")
    )
    site = tmp_path / "site"
    write_plugin(site, "contained_plugin", source, dist="contained-plugin")
    (tmp_path / "short.py").write_text(
        "import sys\nfrom podlint import plugins\nfrom podlint.cli import main\n"
        "plugins.PLUGIN_TIME_LIMIT = 0.5\nsys.exit(main(sys.argv[1:]))\n"
    )
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pod.json").write_text(json.dumps(POD))
    import sys

    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "pod.json"],
        repo,
        env=clean_env(PYTHONPATH=str(site)),
        python=[sys.executable, str(tmp_path / "short.py")],
    )
    diagnostics = _check(run)
    problems = [d["message"] for d in diagnostics if d["name"] == "plugin-error"]
    assert problems, diagnostics
    assert "stopped" in problems[0]


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "rules" / "fixtures"


def test_built_in_rules_never_change_the_pod() -> None:
    """Built-in rules read the document itself (no copy, for speed): none may change it."""
    import copy

    from podlint.config.settings import Settings
    from podlint.document import LoadResult
    from podlint.engine import Linter, _default_loader
    from podlint.plugins import make_plugin_manager

    _, registry = make_plugin_manager(third_party=False)
    snapshots: list[tuple[object, object]] = []

    def remembering_loader(data: bytes, filename: str, max_bytes: int) -> LoadResult:
        loaded = _default_loader(data, filename, max_bytes)
        for doc in loaded.documents:
            snapshots.append((doc.data, copy.deepcopy(doc.data)))
        return loaded

    linter = Linter(registry, loader=remembering_loader)
    settings = Settings()
    files = sorted(FIXTURES.rglob("*.json")) + sorted(FIXTURES.rglob("*.yaml"))
    if SHARED.is_dir():
        files += sorted(SHARED.rglob("*.json")) + sorted(SHARED.rglob("*.yaml"))
    files = [f for f in files if not f.name.endswith((".profile.json", ".options.json"))]
    assert len(files) > 100
    for path in files:
        linter.lint_bytes(path.read_bytes(), str(path), settings)
    changed = [i for i, (live, before) in enumerate(snapshots) if live != before]
    assert not changed


# ---- a worker process killed outright -------------------------------------------------------------

_KILLS_ITS_PROCESS = """
import os
import signal

from podlint import hookimpl
from podlint.rule import Rule


class KillsItsProcess(Rule):
    \"\"\"Ends its own process with SIGKILL on one pod: nothing in the process can catch that.\"\"\"

    code = "AA002"
    name = "kills-its-process"
    summary = "kills its process"

    def check(self, pod, ctx):
        if pod.get("id") == "/kill/me":
            os.kill(os.getpid(), signal.SIGKILL)
        return iter(())


@hookimpl
def podlint_rules():
    return [KillsItsProcess]
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX signals")
def test_a_worker_killed_outright_costs_one_file_not_the_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_plugin(site, "killer_plugin", _KILLS_ITS_PROCESS, dist="killer-plugin")
    repo = tmp_path / "repo"
    repo.mkdir()
    # Three chunks of work for a pool of two workers; the victim sits in the middle chunk.
    for i in range(250):
        pod = {**POD, "id": "/kill/me" if i == 120 else f"/shop/pod{i}"}
        (repo / f"pod{i:03}.json").write_text(json.dumps(pod))
    env = clean_env(PYTHONPATH=str(site))
    run = run_podlint(
        ["check", "--no-cache", "--jobs", "2", "--format", "json", "."], repo, env=env
    )
    assert_handled(run)
    assert run.code == 1
    diagnostics = json.loads(run.stdout)["diagnostics"]
    died = [d for d in diagnostics if d["code"] == "PL901"]
    assert [d["file"] for d in died] == ["./pod120.json"]
    assert "was killed by SIGKILL" in died[0]["message"]
    # Every other file, before and after the victim, still has its built-in finding.
    unknown = {d["file"] for d in diagnostics if d["name"] == "unknown-key"}
    assert unknown == {f"./pod{i:03}.json" for i in range(250) if i != 120}
