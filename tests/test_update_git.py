"""``podlint check --since REF`` and ``--previous``, end to end, against real git repositories built
in temporary folders: commits, renames, deleted and added files, multi-document YAML, a pod moved
between files, shallow clones, and every error git can give."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from podlint.cli import main
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

_ENV = {
    "GIT_AUTHOR_NAME": "podlint tests",
    "GIT_AUTHOR_EMAIL": "tests@podlint.invalid",
    "GIT_COMMITTER_NAME": "podlint tests",
    "GIT_COMMITTER_EMAIL": "tests@podlint.invalid",
}


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, env={**os.environ, **_ENV}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return proc.stdout


def resident(pod_id: str = "/data/db", cpus: float = 1, **extra: Any) -> dict[str, Any]:
    pod: dict[str, Any] = {
        "id": pod_id,
        "role": "data",
        "containers": [
            {
                "name": "postgres",
                "resources": {"cpus": cpus, "mem": 1024},
                "exec": {"command": {"shell": "postgres"}},
                "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}],
            }
        ],
        "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
        "networks": [{"mode": "host"}],
    }
    pod.update(extra)
    return pod


def write(path: Path, pod: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(pod, indent=2) + "\n", "utf-8")


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    write(folder / "pods" / "db.json", resident())
    write(folder / "pods" / "web.json", {"id": "/web", "containers": [
        {"name": "web", "resources": {"cpus": 0.5, "mem": 128},
         "exec": {"command": {"shell": "./serve"}}}]})  # fmt: skip
    commit(folder, "first")
    return folder


def check(cwd: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    """Run ``podlint check --format json`` in ``cwd``: (exit code, parsed output, stderr)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(["check", "--no-cache", "--isolated", "--format", "json", *args])
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def updates(report: Any) -> list[dict[str, Any]]:
    return [d for d in report["diagnostics"] if d["name"].startswith("update-")]


# ---- where previous versions come from --------------------------------------------------------


def test_modified_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pods" / "db.json", resident(cpus=2))
    code, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    assert code == 1
    [finding] = updates(report)
    assert finding["code"] == "PL602"
    assert "1.1 → 2.1" in finding["message"]
    assert finding["pointer"] == "/containers/0/resources/cpus"
    assert finding["previous"] == {"value": 1.1, "source": "HEAD:pods/db.json", "id": "/data/db"}


def test_unchanged_files_and_plain_runs_have_no_update_findings(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    assert code == 0
    assert updates(report) == []
    write(repo / "pods" / "db.json", resident(cpus=2))
    code, report, _ = check(repo, capsys, "pods")
    assert code == 0
    assert updates(report) == []


def test_committed_change_against_an_older_revision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo / "pods" / "db.json", resident(cpus=2))
    commit(repo)
    _, report, _ = check(repo, capsys, "--since", "HEAD~1", "pods/db.json")
    assert [d["code"] for d in updates(report)] == ["PL602"]
    assert updates(report)[0]["previous"]["source"] == "HEAD~1:pods/db.json"


def test_renamed_file_is_followed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "mv", "pods/db.json", "pods/database.json")
    pod = resident()
    pod["volumes"][0]["persistent"]["size"] = 2048
    write(repo / "pods" / "database.json", pod)
    _, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    [finding] = updates(report)
    assert finding["code"] == "PL601"
    assert finding["file"].endswith("database.json")
    assert finding["previous"]["source"] == "HEAD:pods/db.json"
    assert finding["previous"]["value"] == 1024


def test_added_file_has_no_previous_version(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pods" / "cache.json", resident("/data/cache", cpus=4))
    code, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    assert updates(report) == []
    assert code == 0


def test_pod_moved_to_another_file_is_matched_by_id(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pods" / "db.json").unlink()
    write(repo / "pods" / "web.json", resident(cpus=3))
    _, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    [finding] = updates(report)
    assert finding["file"].endswith("web.json")
    assert finding["previous"]["source"] == "HEAD:pods/db.json"
    # Two pods are involved (one deleted, one replaced): no id change is guessed.
    assert finding["code"] == "PL602"


def test_multi_document_yaml_is_matched_by_id_not_position(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    docs = [{"id": "/web2", "containers": [{"name": "w", "resources": {"cpus": 1, "mem": 64},
             "exec": {"command": {"shell": "x"}}}]}, resident()]  # fmt: skip
    path = repo / "pods" / "all.yaml"
    path.write_text(yaml.safe_dump_all(docs, sort_keys=False), "utf-8")
    commit(repo)
    docs.reverse()
    docs[0]["containers"][0]["endpoints"] = [{"name": "pg", "hostPort": 5432}]
    path.write_text(yaml.safe_dump_all(docs, sort_keys=False), "utf-8")
    _, report, _ = check(repo, capsys, "--since", "HEAD", "pods/all.yaml")
    [finding] = updates(report)
    assert finding["code"] == "PL603"
    assert finding["document"] == 0
    assert finding["previous"] == {"value": [], "source": "HEAD:pods/all.yaml", "id": "/data/db"}


def test_changed_id_of_a_single_pod_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pods" / "db.json", resident("/data/postgres", cpus=2))
    _, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    # Another pod to Marathon: the id change is reported, the resident checks are not run.
    [finding] = updates(report)
    assert finding["code"] == "PL610"
    assert finding["severity"] == "warning"
    assert finding["previous"]["value"] == "/data/db"


def test_deleted_file_alone_reports_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pods" / "db.json").unlink()
    code, report, _ = check(repo, capsys, "--since", "HEAD", "pods")
    assert code == 0
    assert updates(report) == []


def test_standard_input_with_a_name(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    data = json.dumps(resident(cpus=2)).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    _, report, _ = check(repo, capsys, "--since", "HEAD", "--stdin-filename", "pods/db.json", "-")
    assert [d["code"] for d in updates(report)] == ["PL602"]


def test_sarif_carries_the_previous_value(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pods" / "db.json", resident(cpus=2))
    old = os.getcwd()
    os.chdir(repo)
    try:
        main(["check", "--no-cache", "--isolated", "--format", "sarif", "--since", "HEAD", "pods"])
    finally:
        os.chdir(old)
    sarif = json.loads(capsys.readouterr().out)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PL602"]
    assert results[0]["properties"]["previous"]["value"] == 1.1


def test_update_findings_are_never_cached(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pods" / "db.json", resident(cpus=2))
    old = os.getcwd()
    os.chdir(repo)
    try:
        main(["check", "--isolated", "--format", "json", "--since", "HEAD", "pods"])
        first = json.loads(capsys.readouterr().out)
        main(["check", "--isolated", "--format", "json", "pods"])
        second = json.loads(capsys.readouterr().out)
    finally:
        os.chdir(old)
    assert updates(first)
    assert not updates(second)


# ---- exported deployed definitions ------------------------------------------------------------


def _deployed(pod: dict[str, Any]) -> dict[str, Any]:
    """The shape `dcos marathon pod show` prints: defaults filled in, nulls, a version stamp."""
    shown = json.loads(json.dumps(pod))
    shown["version"] = "2024-05-01T10:00:00.000Z"
    shown["executorResources"] = {"cpus": 0.1, "mem": 32, "disk": 10}
    shown["scaling"] = {"kind": "fixed", "instances": 1, "maxInstances": None}
    shown["labels"] = {}
    shown["user"] = None
    for c in shown["containers"]:
        c["resources"].update({"disk": 0, "gpus": 0})
        c["healthCheck"] = None
    shown["scheduling"] = {"upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}}
    return shown


def test_previous_file_and_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "deployed" / "db.json", _deployed(resident()))
    # Same pod, defaults left out: nothing to report.
    code, report, _ = check(repo, capsys, "--previous", "deployed/db.json", "pods/db.json")
    assert code == 0
    assert updates(report) == []
    write(repo / "pods" / "db.json", resident(cpus=2))
    for source in ("deployed/db.json", "deployed"):
        _, report, _ = check(repo, capsys, "--previous", source, "pods")
        [finding] = updates(report)
        assert finding["code"] == "PL602"
        assert finding["previous"]["source"] == os.path.join("deployed", "db.json")


def test_previous_file_errors(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "broken.json").write_text("{", "utf-8")
    code, _, err = check(repo, capsys, "--previous", "broken.json", "pods")
    assert code == 2
    assert "not readable as JSON or YAML" in err
    code, _, err = check(repo, capsys, "--previous", "missing.json", "pods")
    assert code == 2
    assert "no such file or folder" in err


# ---- git errors: one line, exit 2 --------------------------------------------------------------


def test_not_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "plain" / "db.json", resident())
    code, _, err = check(tmp_path / "plain", capsys, "--since", "HEAD", "db.json")
    assert code == 2
    assert "is not in a git repository" in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(repo, capsys, "--since", "no-such-branch", "pods")
    assert code == 2
    assert "no-such-branch: unknown revision" in err
    code, _, err = check(repo, capsys, "--since", "--output=x", "pods")
    assert code == 2


def test_shallow_clone_without_the_revision(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo / "pods" / "db.json", resident(cpus=2))
    commit(repo)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    code, _, err = check(clone, capsys, "--since", first, "pods")
    assert code == 2
    assert "shallow clone" in err
    assert "fetch more history" in err
    assert "fetch-depth: 0" in err


def test_git_not_installed(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = check(repo, capsys, "--since", "HEAD", "pods")
    assert code == 2
    assert "git, which is not installed" in err


def test_paths_in_two_repositories(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    write(other / "db.json", resident())
    code, _, err = check(repo, capsys, "--since", "HEAD", "pods", str(other / "db.json"))
    assert code == 2
    assert "one git repository" in err


# ---- the README's section runs as written ------------------------------------------------------


def _readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text("utf-8")
    start = text.index(f"## {title}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_readme_update_examples(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    section = _readme_section("Update checks")
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    commands = [line.split("#")[0].split() for lang, body in blocks if lang == "sh"
                for line in body.splitlines() if line.strip()]  # fmt: skip
    ci = yaml.safe_load(blocks[1][1])
    hooks = yaml.safe_load(blocks[2][1])

    # A pull request: origin/main is the target branch, the clone has its full history.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    write(clone / "pods" / "db.json", resident(cpus=2))
    commit(clone)
    write(clone / "deployed" / "db.json", _deployed(resident()))
    for argv in commands:
        assert argv[:2] == ["podlint", "check"]
        code, report, err = check(clone, capsys, *argv[2:])
        assert code == 1, (argv, err)
        assert [d["code"] for d in updates(report)] == ["PL602"], argv

    assert ci[0]["with"] == {"fetch-depth": 0}
    runs = [step["run"].split() for step in ci if "run" in step and "podlint check" in step["run"]]
    assert runs
    for argv in runs:
        code, report, err = check(clone, capsys, *argv[2:])
        assert code == 1, err
        assert [d["code"] for d in updates(report)] == ["PL602"], argv

    manifest = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    used = {h["id"] for r in hooks["repos"] for h in r["hooks"]}
    assert "podlint-update" in used
    assert used <= manifest
