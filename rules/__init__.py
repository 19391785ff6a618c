"""The built-in rules of podlint, one module per rule.

Every ``Rule`` subclass defined in a public module of this package is a built-in rule; the package is
registered under the ``podlint`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

import importlib
import pkgutil

from podlint.hookspecs import hookimpl
from podlint.rule import Rule


def rule_modules() -> list[str]:
    return sorted(
        f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")
    )


@hookimpl
def podlint_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for module_name in rule_modules():
        module = importlib.import_module(module_name)
        # vars() rather than inspect.getmembers: the same classes in the same (name) order, at a
        # fraction of the cost (this runs for every rule module on every start).
        for _, obj in sorted(vars(module).items()):
            if (
                isinstance(obj, type)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and "code" in obj.__dict__
            ):
                found.append(obj)
    return found
