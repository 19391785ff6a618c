"""Plugins that misbehave in every way the engine must survive."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from podlint import hookimpl
from podlint.diagnostics import Finding
from podlint.rule import Context, Rule


class Raises(Rule):
    """Raises on every pod."""

    code = "XB001"
    name = "always-raises"
    summary = "raises"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        raise RuntimeError("boom")


class Garbage(Rule):
    """Returns things that are not findings."""

    code = "XB002"
    name = "returns-garbage"
    summary = "garbage"

    def check(self, pod: dict[str, Any], ctx: Context) -> Any:
        return ["not a finding", 42]


class Slow(Rule):
    """Takes longer than the per-rule budget."""

    code = "XB003"
    name = "very-slow"
    summary = "slow"
    delay = 0.0

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        time.sleep(self.delay)
        return iter(())


class Clash(Rule):
    """Takes a code that a built-in rule already has."""

    code = "PL301"
    name = "clashing-rule"
    summary = "clash"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        return iter(())


@hookimpl
def podlint_rules() -> list[type[Rule]]:
    return [Raises, Garbage, Slow, Clash]


class HookRaises:
    @hookimpl
    def podlint_rules(self) -> list[type[Rule]]:
        raise ValueError("hook exploded")


hook_raises = HookRaises()
