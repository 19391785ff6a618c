"""How the benchmark finds and calls podlint, detecting which flags the CLI has.

The CLI contract (DESIGN.md): ``podlint check --format json [--exit-zero] PATHS``, optional
``--jobs N`` and ``--no-cache``, and ``podlint schema --marathon-version V`` printing the JSON Schema.
Anything missing is reported and the comparisons that need it are skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_VERSION = "1.10"


@dataclass(frozen=True)
class Podlint:
    base: tuple[str, ...]
    version: str
    exit_zero: bool
    no_cache: bool
    jobs: bool

    def check(
        self, paths: list[str], *, cache: bool = False, jobs: int | None = None
    ) -> tuple[str, ...]:
        """``podlint check`` on ``paths``; the cache is off unless asked for (a cold, fair run)."""
        argv = [*self.base, "check", "--format", "json"]
        if self.exit_zero:
            argv.append("--exit-zero")
        if not cache and self.no_cache:
            argv.append("--no-cache")
        if jobs is not None and self.jobs:
            argv += ["--jobs", str(jobs)]
        return (*argv, *paths)


def default_command() -> tuple[str, ...]:
    """The ``podlint`` script next to this interpreter, else ``python -m podlint``."""
    script = shutil.which("podlint", path=str(Path(sys.executable).parent))
    return (script,) if script else (sys.executable, "-m", "podlint")


def _has_flag(help_text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help_text) is not None


def detect(base: tuple[str, ...], env: Mapping[str, str]) -> tuple[Podlint | None, str]:
    """Ask ``podlint check --help`` what it supports; return (None, reason) when it cannot run."""
    try:
        proc = subprocess.run(
            [*base, "check", "--help"],
            capture_output=True,
            text=True,
            env=dict(env),
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"`{' '.join(base)} check --help` could not run: {exc}"
    if proc.returncode != 0 or "--format" not in proc.stdout + proc.stderr:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"`podlint check --help` failed (exit code {proc.returncode}: {tail[0]})"
    help_text = proc.stdout + proc.stderr
    version = subprocess.run(
        [*base, "--version"],
        capture_output=True,
        text=True,
        env=dict(env),
        timeout=120,
        check=False,
    )
    return (
        Podlint(
            base=base,
            # The first line: later ones list plugins.
            version=_first_line(version.stdout) if version.returncode == 0 else "unknown",
            exit_zero=_has_flag(help_text, "--exit-zero"),
            no_cache=_has_flag(help_text, "--no-cache"),
            jobs=_has_flag(help_text, "--jobs"),
        ),
        "",
    )


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def _schema_candidates() -> list[Path]:
    """Schema files already generated into ``schemas/``, the one for 1.10 first."""
    found = sorted((REPO / "schemas").rglob("*.json"))
    wanted = re.compile(r"1[._-]?10(?!\d)")
    return [p for p in found if wanted.search(p.name)]


def export_schema(
    base: tuple[str, ...] | None, dest: Path, env: Mapping[str, str]
) -> tuple[Path | None, str]:
    """Write podlint's Marathon 1.10 pod schema to ``dest`` for check-jsonschema.

    Returns the schema path (or None) and a note saying where it came from.
    """
    if base is not None:
        proc = subprocess.run(
            [*base, "schema", "--marathon-version", SCHEMA_VERSION],
            capture_output=True,
            text=True,
            env=dict(env),
            timeout=120,
            check=False,
        )
        if proc.returncode == 0 and proc.stdout.lstrip().startswith("{"):
            dest.write_text(proc.stdout, encoding="utf-8")
            return dest, f"`podlint schema --marathon-version {SCHEMA_VERSION}`"
    candidates = _schema_candidates()
    if candidates:
        dest.write_bytes(candidates[0].read_bytes())
        return (
            dest,
            f"`schemas/{candidates[0].relative_to(REPO / 'schemas')}` (no `podlint schema` yet)",
        )
    return None, (
        "no schema: `podlint schema --marathon-version 1.10` is not available and `schemas/` holds "
        "no generated 1.10 schema, so the check-jsonschema comparisons were skipped"
    )
