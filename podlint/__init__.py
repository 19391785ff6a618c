"""podlint: a linter and policy checker for Marathon pod definitions."""

__version__ = "0.1.0"

from podlint.hookspecs import hookimpl

__all__ = ["__version__", "hookimpl"]
