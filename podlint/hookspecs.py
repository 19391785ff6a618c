"""The hooks a podlint plugin implements.

A plugin is a module (or object) registered under the ``podlint`` entry-point group; podlint's own rules
and formatters register the same way. Implement the hooks with ``podlint.hookimpl``::

    from podlint import hookimpl

    @hookimpl
    def podlint_rules():
        return [MyRule]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from podlint.formatters.base import Formatter
    from podlint.rule import Rule

PROJECT = "podlint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def podlint_rules() -> list[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides."""


@hookspec
def podlint_formatters() -> dict[str, type[Formatter]]:  # type: ignore[empty-body]
    """Return output formats this plugin provides, by ``--format`` name."""
