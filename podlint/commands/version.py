"""``podlint --version``: podlint's version and every plugin's."""

from __future__ import annotations

from podlint import __version__
from podlint.exit_status import EXIT_OK


def print_version() -> int:
    from podlint.plugins import make_plugin_manager

    _, registry = make_plugin_manager()
    print(f"podlint {__version__}")
    for p in registry.plugins:
        kind = "built-in" if p.builtin else "plugin"
        print(f"  {kind} {p.name}: {p.distribution} {p.version}")
    for problem in registry.problems:
        print(f"  broken plugin {problem.plugin}: {problem.message}")
    return EXIT_OK
