"""`podlint lsp` in Neovim: the editor's own LSP client (``vim.lsp.start_client``), headless.

Neovim opens a broken pod, shows the finding in ``vim.diagnostic``, applies the quick fix through
its own workspace-edit code, opens a JSON file that is not a pod, and shuts the server down. The
Lua side (tests/editors/nvim_client.lua) records what it saw; this file checks it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

NVIM = shutil.which("nvim")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        NVIM is None,
        reason="Neovim is not installed (nvim not on PATH; e.g. apt-get install neovim)",
    ),
]

# The health check names `htp`; the container declares `http`. Before it on the same line: an
# accented letter and an emoji, which UTF-8 bytes, UTF-16 units and code points count differently.
POD_YAML = """\
id: /web
containers:
  - name: app
    resources: {cpus: 1, mem: 128}
    image: {kind: DOCKER, id: nginx}
    endpoints:
      - {name: http, containerPort: 80, protocol: [tcp]}
    healthCheck: {http: {path: "/caf\u00e9\U0001f600", endpoint: htp}}
networks:
  - mode: container/bridge
"""


def _nvim_version() -> str:
    assert NVIM is not None
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=True)
    return first.stdout.splitlines()[0]


def _run_neovim(tmp_path: Path) -> dict[str, Any]:
    assert NVIM is not None
    pod = tmp_path / "web.yaml"
    pod.write_text(POD_YAML, encoding="utf-8")
    other = tmp_path / "package.json"
    other.write_text('{"name": "shop", "version": "1.0.0"}\n', encoding="utf-8")
    result = tmp_path / "result.json"
    env = {
        **os.environ,
        "PODLINT_CMD": json.dumps([sys.executable, "-m", "podlint", "lsp"]),
        "PODLINT_POD": str(pod),
        "PODLINT_OTHER": str(other),
        "PODLINT_OUT": str(result),
        # Neovim's own state (logs, shada) stays in the test's folder.
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    script = REPO / "tests" / "editors" / "nvim_client.lua"
    proc = subprocess.run(
        [NVIM, "--headless", "--clean", "-n", "-c", f"luafile {script}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.exists(), f"Neovim wrote no result: {proc.stdout}\n{proc.stderr}"
    data: dict[str, Any] = json.loads(result.read_text("utf-8"))
    assert "error" not in data, f"{_nvim_version()}: {data['error']}\n{proc.stderr}"
    return data


def test_neovim_sees_fixes_and_shuts_down_the_server(tmp_path: Path) -> None:
    seen = _run_neovim(tmp_path)

    # Opened: one finding, at the bytes of `htp` (vim.diagnostic holds byte columns, converted from
    # the columns the server sent in the encoding the two agreed on).
    (finding,) = seen["opened"]
    line = POD_YAML.splitlines()[7]
    start = len(line[: line.index("htp")].encode("utf-8"))
    assert (finding["lnum"], finding["col"], finding["end_col"]) == (7, start, start + 3)
    assert finding["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert finding["source"] == "podlint"
    assert "no endpoint `htp`" in finding["message"]
    assert seen["offset_encoding"] in ("utf-8", "utf-16", "utf-32")

    # The quick fix, applied by Neovim's own code, renames the endpoint, and the finding clears.
    assert any(re.match(r"Disable health-check-endpoint", t) for t in seen["actions"])
    assert "\n".join(seen["fixed_lines"]) + "\n" == POD_YAML.replace("htp}", "http}")
    assert seen["after_fix"] == 0

    # The file that is not a pod: published, and empty.
    assert seen["other"] == 0

    # shutdown, then exit: status 0.
    assert seen["exit_code"] == 0
