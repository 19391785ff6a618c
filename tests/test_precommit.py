"""The pre-commit hooks: their manifest, the repository's own configuration, and the ``podlint`` hook
run through real pre-commit (``pre-commit try-repo``) against a throw-away git repository.

The slow test needs ``git`` and network access to PyPI: pre-commit builds the hook's environment with
pip from this repository's packaging metadata, exactly as it does for users.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

# Folders never part of the hook repository (mirrors .gitignore, for copies made without git).
_NOT_SOURCES = {".git", ".venv", "build", "dist", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                ".podlint_cache", ".hypothesis", "__pycache__", "node_modules"}  # fmt: skip


def _pod(pod_id: str, **container: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "main",
        "resources": {"cpus": 0.5, "mem": 128},
        "exec": {"command": {"shell": "./serve"}},
    }
    return {"id": pod_id, "containers": [{**base, **container}]}


# Marathon rejects it: the health check probes an endpoint the container does not declare.
BROKEN_POD = _pod(
    "/shop/web",
    endpoints=[{"name": "http", "hostPort": 0}],
    healthCheck={"http": {"endpoint": "htp", "path": "/health"}},
)
CLEAN_POD = _pod("/shop/worker")
# Accepted; its only finding (`docker` for `DOCKER`) has a safe fix.
STYLE_POD = _pod("/shop/style", image={"kind": "docker", "id": "nginx:1.25.3"})


def _pre_commit(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _manifest() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(
        (REPO / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    return hooks


# ---- fast checks -------------------------------------------------------------------------------


def test_manifest_is_valid() -> None:
    proc = _pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_repository_config_is_valid() -> None:
    proc = _pre_commit("validate-config", ".pre-commit-config.yaml", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hook_definitions() -> None:
    hooks = {h["id"]: h for h in _manifest()}
    assert set(hooks) == {"podlint", "podlint-fix", "podlint-update"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["json", "yaml"]
        assert hook["require_serial"] is True
        assert hook["entry"].startswith("podlint check")
        # pre-commit names every JSON/YAML file; files that are not pods must not fail the hook.
        assert "--skip-non-pods" in hook["entry"].split()
    assert "--fix" in hooks["podlint-fix"]["entry"].split()
    assert "--fix" not in hooks["podlint"]["entry"].split()
    # Staged content against the commit it will follow (see test_update_hook_checks_staged_content).
    assert hooks["podlint-update"]["entry"].split()[-2:] == ["--since", "HEAD"]


def test_repository_config_lints_the_examples() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "podlint"} <= set(hooks)
    podlint = hooks["podlint"]
    # Like the other local hooks, from the development environment (.venv).
    assert podlint["language"] == "system"
    assert podlint["entry"].startswith(".venv/bin/podlint check")
    assert podlint["files"] == "^examples/"


# ---- through real pre-commit -------------------------------------------------------------------


def _source_files() -> list[str]:
    """The files of the working tree a commit would hold (tracked and new, ignored ones left out)."""
    if (REPO / ".git").exists() and shutil.which("git"):
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO, capture_output=True, check=True,
        ).stdout.decode()  # fmt: skip
        return [p for p in out.split("\0") if p and (REPO / p).is_file()]
    files = []
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in _NOT_SOURCES and not d.endswith(".egg-info")]
        for name in filenames:
            files.append(os.path.relpath(os.path.join(dirpath, name), REPO))
    return files


def _git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "podlint tests",
        "GIT_AUTHOR_EMAIL": "tests@podlint.invalid",
        "GIT_COMMITTER_NAME": "podlint tests",
        "GIT_COMMITTER_EMAIL": "tests@podlint.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True)


def _commit_all(folder: Path) -> None:
    _git("init", "-q", cwd=folder)
    _git("add", "-A", cwd=folder)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot", cwd=folder)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree committed to a fresh repository.

    ``try-repo`` on the checkout itself would add only *tracked* files to its shadow commit; a
    snapshot holds new files too, and is what a fresh clone of the commit will look like.
    """
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("podlint-hook-repo")
    for rel in _source_files():
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    _commit_all(repo)
    return repo


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's repository: a broken pod, a clean one, and JSON that is not a pod at all."""
    folder = tmp_path_factory.mktemp("project")
    (folder / "pods").mkdir()
    (folder / "pods" / "broken.json").write_text(json.dumps(BROKEN_POD, indent=2) + "\n", "utf-8")
    (folder / "pods" / "clean.json").write_text(json.dumps(CLEAN_POD, indent=2) + "\n", "utf-8")
    (folder / "package.json").write_text('{"name": "shop", "version": "1.0.0"}\n', "utf-8")
    (folder / "pods" / "style.json").write_text(json.dumps(STYLE_POD, indent=2) + "\n", "utf-8")
    _commit_all(folder)
    return folder


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # A private pre-commit store: hook environments are built from this tree, not reused from
    # the developer's cache.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODLINT_", "GITHUB_"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["NO_COLOR"] = "1"
    return env


def _try_repo(
    hook_repo: Path, project: Path, env: dict[str, str], hook: str, *files: str
) -> subprocess.CompletedProcess[str]:
    proc = _pre_commit(
        "try-repo", str(hook_repo), hook, "--verbose", "--color", "never", "--files", *files,
        cwd=project, env=env,
    )  # fmt: skip
    if "CalledProcessError" in proc.stdout + proc.stderr and "pip" in proc.stdout + proc.stderr:
        pytest.fail(
            "pre-commit could not build the hook environment (it needs PyPI):\n"
            + proc.stdout[-3000:]
            + proc.stderr[-3000:]
        )
    return proc


@pytest.mark.slow
def test_hook_fails_on_a_broken_pod(
    hook_repo: Path, project: Path, pre_commit_env: dict[str, str]
) -> None:
    proc = _try_repo(hook_repo, project, pre_commit_env, "podlint", "pods/broken.json")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "pods/broken.json:" in output
    assert "PL301" in output
    assert "Failed" in output


@pytest.mark.slow
def test_hook_passes_a_clean_pod_and_skips_other_json(
    hook_repo: Path, project: Path, pre_commit_env: dict[str, str]
) -> None:
    proc = _try_repo(
        hook_repo, project, pre_commit_env, "podlint", "pods/clean.json", "package.json"
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output
    assert "not-a-pod" not in output


@pytest.mark.slow
def test_hook_passes_when_only_non_pods_are_staged(
    hook_repo: Path, project: Path, pre_commit_env: dict[str, str]
) -> None:
    proc = _try_repo(hook_repo, project, pre_commit_env, "podlint", "package.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_fix_hook_rewrites_the_file(
    hook_repo: Path, project: Path, pre_commit_env: dict[str, str]
) -> None:
    proc = _try_repo(hook_repo, project, pre_commit_env, "podlint-fix", "pods/style.json")
    output = proc.stdout + proc.stderr
    # pre-commit fails a hook that changed files, so the fix is reviewed before it is committed.
    assert proc.returncode == 1, output
    assert "files were modified by this hook" in output
    assert '"kind": "DOCKER"' in (project / "pods" / "style.json").read_text("utf-8")


@pytest.mark.slow
def test_update_hook_checks_staged_content(
    hook_repo: Path, tmp_path: Path, pre_commit_env: dict[str, str]
) -> None:
    """``podlint-update`` sees what is staged, not the working tree: pre-commit stashes unstaged
    changes before it runs hooks on staged files, so ``--since HEAD`` compares the commit being
    made with its parent."""
    resident = {
        "id": "/data/db",
        "role": "data",
        "containers": [
            {"name": "db", "resources": {"cpus": 1, "mem": 512},
             "exec": {"command": {"shell": "./db"}},
             "volumeMounts": [{"name": "data", "mountPath": "data"}]}
        ],
        "volumes": [{"name": "data", "persistent": {"size": 512}}],
        "networks": [{"mode": "host"}],
    }  # fmt: skip
    folder = tmp_path / "resident"
    (folder / "pods").mkdir(parents=True)
    pod_file = folder / "pods" / "db.json"
    pod_file.write_text(json.dumps(resident, indent=2) + "\n", "utf-8")
    _commit_all(folder)

    def run_hook() -> subprocess.CompletedProcess[str]:
        return _pre_commit(
            "try-repo", str(hook_repo), "podlint-update", "--verbose", "--color", "never",
            cwd=folder, env=pre_commit_env,
        )  # fmt: skip

    # Staged: 2 cpus (Marathon refuses it); unstaged on top: back to 1 cpus.
    changed = json.loads(json.dumps(resident))
    changed["containers"][0]["resources"]["cpus"] = 2
    pod_file.write_text(json.dumps(changed, indent=2) + "\n", "utf-8")
    _git("add", "pods/db.json", cwd=folder)
    pod_file.write_text(json.dumps(resident, indent=2) + "\n", "utf-8")
    proc = run_hook()
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "PL602" in output, output
    assert "1.1 → 2.1" in output
    # The unstaged change is back in place afterwards.
    assert json.loads(pod_file.read_text("utf-8")) == resident

    # Staged: an accepted change (more instances); unstaged: the refused one. The hook passes.
    scaled = {**resident, "scaling": {"kind": "fixed", "instances": 2}}
    pod_file.write_text(json.dumps(scaled, indent=2) + "\n", "utf-8")
    _git("add", "pods/db.json", cwd=folder)
    pod_file.write_text(json.dumps({**changed, "scaling": scaled["scaling"]}, indent=2), "utf-8")
    proc = run_hook()
    assert proc.returncode == 0, proc.stdout + proc.stderr
