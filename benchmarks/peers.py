"""The peer tools, installed on first use into their own virtual environment.

They live apart from podlint's environment so that neither can change what the other imports.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "peers-requirements.txt"
VENV_DIR = HERE / ".venv-peers"


@dataclass(frozen=True)
class Peers:
    check_jsonschema: Path
    yamllint: Path
    versions: dict[str, str]


def _version(executable: Path) -> str:
    try:
        out = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return "unknown"
    return (
        (out.stdout or out.stderr).strip().splitlines()[0]
        if (out.stdout or out.stderr)
        else "unknown"
    )


def ensure_peers(venv_dir: Path = VENV_DIR, requirements: Path = REQUIREMENTS) -> Peers:
    """Create ``venv_dir`` and pip-install the pinned peers unless they are already there."""
    bindir = venv_dir / "bin"
    tools = (bindir / "check-jsonschema", bindir / "yamllint")
    stamp = venv_dir / ".requirements"
    wanted = requirements.read_text(encoding="utf-8")
    current = stamp.read_text(encoding="utf-8") if stamp.exists() else None
    if not all(tool.exists() for tool in tools) or current != wanted:
        print(f"installing peers into {venv_dir} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
        subprocess.run(
            [str(bindir / "python"), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
            check=True,
        )
        stamp.write_text(wanted, encoding="utf-8")
    return Peers(
        check_jsonschema=tools[0],
        yamllint=tools[1],
        versions={tool.name: _version(tool) for tool in tools},
    )


# yamllint's own "relaxed" preset: style problems become warnings (exit code 0), while every rule
# still runs, so yamllint does its full parse-and-check pass over every file.
YAMLLINT_CONFIG = "extends: relaxed\n"
