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
) -> list[Diagnostic]:
    linter = Linter(registry())
    result = linter.lint_bytes(
        text.encode("utf-8"), filename, settings_for_rule(rule, profile, options)
    )
    return result.diagnostics


def render(diagnostics: list[Diagnostic]) -> str:
    """One line per finding: ``line:col-end_line:end_col severity code name #pointer :: message``."""
    lines = [
        f"{d.span.line}:{d.span.column}-{d.span.end_line}:{d.span.end_column} "
        f"{d.severity.value} {d.code} {d.name} #{d.pointer} :: {d.message}"
        for d in diagnostics
    ]
    return "".join(line + "\n" for line in lines)


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
