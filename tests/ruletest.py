"""Helpers for rule tests: lint text with one rule selected, render findings as fixture lines."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import RuleSettings, Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from podlint.plugins import Registry, make_plugin_manager
from podlint.previous.model import PreviousPod, PreviousVersions
from podlint.previous.sources import for_one_file, load_pods

FIXTURES = Path(__file__).resolve().parent / "rules" / "fixtures"


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    return make_plugin_manager(third_party=False)[1]


def settings_for_rule(
    rule: str, profile: dict[str, Any] | None = None, options: dict[str, Any] | None = None
) -> Settings:
    """Only ``rule`` plus the loading rules (so a fixture with a typo cannot pass silently)."""
    return Settings(
        profile=profile_from_mapping(profile or {}),
        select=[rule, "PL0"],
        rules={rule: RuleSettings(options=options or {})},
        # Suppressions are off so fixtures lint as written; unused-suppression is about them.
        inline_suppressions=rule in ("unused-suppression", "PL902"),
    )


def lint_text(
    text: str,
    rule: str,
    *,
    filename: str = "pod.json",
    profile: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    previous: str | None = None,
) -> list[Diagnostic]:
    """Lint ``text``; with ``previous`` (the text of the previous version) update rules run too."""
    linter = Linter(registry())
    if previous is not None:
        linter.previous = previous_versions(previous, text, filename)
    result = linter.lint_bytes(
        text.encode("utf-8"), filename, settings_for_rule(rule, profile, options)
    )
    return result.diagnostics


def previous_versions(previous: str, current: str, filename: str) -> PreviousVersions:
    """The previous version of one file, as ``podlint check --previous`` would pair it."""
    before = load_pods(previous.encode("utf-8"), filename) or []
    now = load_pods(current.encode("utf-8"), filename) or []
    return for_one_file([PreviousPod(p, f"previous/{filename}") for p in before], filename, now)


def render(diagnostics: list[Diagnostic]) -> str:
    """One line per finding: ``line:col-end_line:end_col severity code name #pointer :: message``."""
    lines = [
        f"{d.span.line}:{d.span.column}-{d.span.end_line}:{d.span.end_column} "
        f"{d.severity.value} {d.code} {d.name} #{d.pointer} :: {d.message}"
        for d in diagnostics
    ]
    return "".join(line + "\n" for line in lines)


def previous_of(fixture: Path) -> str | None:
    """The previous version of an update rule's fixture: ``fail-x.previous.json`` beside ``fail-x.json``."""
    path = fixture.with_name(f"{fixture.stem}.previous{fixture.suffix}")
    return path.read_text(encoding="utf-8") if path.exists() else None


def sidecar(fixture: Path, kind: str) -> dict[str, Any] | None:
    """``fail-x.json.profile.json`` or ``fail-x.profile.json`` beside the fixture."""
    for name in (f"{fixture.name}.{kind}.json", f"{fixture.stem}.{kind}.json"):
        path = fixture.with_name(name)
        if path.exists():
            break
    else:
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data
