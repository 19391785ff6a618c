"""``podlint rules`` and ``podlint explain``: read the rule classes and their docstrings."""

from __future__ import annotations

import dataclasses
import difflib
import json
from typing import Any

from podlint.exit_status import EXIT_OK, UsageError
from podlint.marathon_checks import checks_of
from podlint.plugins import make_plugin_manager
from podlint.rule import Rule


def rule_record(rule: type[Rule], plugin: str) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "summary": rule.summary,
        "policy": rule.policy,
        "default_enabled": rule.default_enabled and not rule.policy,
        "marathon_errors": [
            {"message": c.message, "path": c.path, "versions": c.versions, "source": c.url}
            for c in checks_of(rule.marathon_rules)
        ],
        "settings": list(rule.settings),
        "options": [
            {"name": f.name, "type": str(f.type), "default": _default(f)}
            for f in rule.option_fields()
        ],
        "plugin": plugin,
        "url": rule.url(),
    }


def _default(f: dataclasses.Field[Any]) -> object:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def list_rules(fmt: str) -> int:
    """Every rule the installed plugins provide, built-in or not, on by default or not."""
    _, registry = make_plugin_manager()
    rules = sorted(registry.rules.values(), key=lambda r: r.code)
    if fmt == "json":
        records = [rule_record(r, registry.owner.get(r.name, "?")) for r in rules]
        print(json.dumps({"version": 1, "rules": records}, indent=2, default=str))
        return EXIT_OK
    for r in rules:
        owner = registry.owner.get(r.name, "?")
        tag = " [policy, off until configured]" if r.policy else ""
        if not r.policy and not r.default_enabled:
            tag = " [off by default]"
        if not owner.startswith("builtin"):
            tag += f" [plugin {owner}]"
        print(f"{r.code:6} {r.name:34} {r.severity.value:8} {r.summary}{tag}")
    return EXIT_OK


def explain(name: str) -> int:
    _, registry = make_plugin_manager()
    rule = registry.lookup(name)
    if rule is None:
        close = difflib.get_close_matches(name, [*registry.rules, *registry.by_code], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UsageError(f"unknown rule {name!r}{hint} (see `podlint rules`)")
    header = f"{rule.code} {rule.name} ({rule.severity.value})"
    meta = []
    if rule.settings:
        meta.append("Depends on: " + ", ".join(f"cluster.{s}" for s in rule.settings))
    if rule.policy:
        meta.append("Policy rule: off until configured under `rules:`")
    elif not rule.default_enabled:
        meta.append(f"Off by default: turn it on with `extend_select: [{rule.name}]`")
    print(header)
    print("=" * len(header))
    for line in meta:
        print(line)
    if meta:
        print()
    print(rule.doc())
    return EXIT_OK
