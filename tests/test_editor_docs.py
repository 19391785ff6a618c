"""docs/editors.md: the editor recipes marked as tested run here; every recipe says whether it is.

The Neovim recipes run as Neovim's whole configuration (headless), on whichever Neovim is installed
when it is recent enough for them; each opens a broken pod and must show podlint's finding.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the backport podlint itself depends on there
    import tomli as tomllib

DOC = REPO / "docs" / "editors.md"
NVIM = shutil.which("nvim")

# One finding: the health check names `htp`; the container declares `http`.
BROKEN_POD = """\
id: /web
containers:
  - name: app
    resources: {cpus: 1, mem: 128}
    image: {kind: DOCKER, id: nginx}
    endpoints: [{name: http, containerPort: 80, protocol: [tcp]}]
    healthCheck: {http: {endpoint: htp}}
networks:
  - mode: container/bridge
"""


def _text() -> str:
    return DOC.read_text("utf-8")


def recipe(name: str) -> str:
    """The fenced block right after ``<!-- recipe: name -->``."""
    match = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```\w+\n(.*?)\n```", _text(), re.S)
    assert match, f"docs/editors.md has no recipe {name!r}"
    return match[1] + "\n"


def test_every_editor_recipe_says_whether_it_is_tested() -> None:
    section = _text().split("## The language server", 1)[1].split("\n## ", 1)[0]
    for heading, body in re.findall(r"^### ([^\n]+)\n(.*?)(?=^### |\Z)", section, re.S | re.M):
        if heading.startswith("Schema wiring"):
            continue
        assert re.search(r"\*(Tested|Untested)\b", body, re.I), f"{heading}: tested or not?"
    json_tools = _text().split("## Tools that read JSON output", 1)[1].split("\n## ", 1)[0]
    assert "*untested*" in json_tools


def test_helix_recipe_starts_podlint_lsp() -> None:
    config = tomllib.loads(recipe("helix"))
    assert config["language-server"]["podlint"] == {"command": "podlint", "args": ["lsp"]}
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert set(languages) == {"json", "yaml"}
    assert all("podlint" in servers for servers in languages.values())


def _nvim_version() -> tuple[int, int]:
    assert NVIM is not None
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"v(\d+)\.(\d+)", first.stdout)
    assert found, first.stdout
    return int(found[1]), int(found[2])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "minimum"), [("neovim-0.7", (0, 7)), ("neovim-0.8", (0, 8)), ("neovim-0.11", (0, 11))])  # fmt: skip
def test_neovim_recipe_shows_the_finding(
    name: str, minimum: tuple[int, int], tmp_path: Path
) -> None:
    if NVIM is None:
        pytest.skip("Neovim is not installed (nvim not on PATH; e.g. apt-get install neovim)")
    version = _nvim_version()
    if version < minimum:
        pytest.skip(
            f"the {name} recipe needs Neovim {minimum[0]}.{minimum[1]}, found {version[0]}.{version[1]}"
        )
    bin_dir = Path(sys.executable).parent
    if shutil.which("podlint", path=str(bin_dir)) is None:
        pytest.skip(f"no podlint command beside {sys.executable} for the recipe's `podlint lsp`")
    init = tmp_path / "init.lua"
    init.write_text(recipe(name), encoding="utf-8")
    pod = tmp_path / "web.yaml"
    pod.write_text(BROKEN_POD, encoding="utf-8")
    out = tmp_path / "seen.json"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PODLINT_POD": str(pod),
        "PODLINT_OUT": str(out),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    check = REPO / "tests" / "editors" / "nvim_recipe_check.lua"
    proc = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), "-c", f"luafile {check}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"Neovim wrote nothing: {proc.stdout}\n{proc.stderr}"
    seen = json.loads(out.read_text("utf-8"))
    assert seen["clients"] == ["podlint"], seen
    assert len(seen["diagnostics"]) == 1, seen
    (finding,) = seen["diagnostics"]
    assert finding["source"] == "podlint"
    assert (finding["lnum"], finding["col"]) == (6, BROKEN_POD.splitlines()[6].index("htp"))
    assert "no endpoint `htp`" in finding["message"]
