"""Built-in output formats, registered through the same hook a third-party formatter uses."""

from __future__ import annotations

import importlib

from podlint.formatters.base import Formatter
from podlint.hookspecs import hookimpl

# format name -> module:class; imported on use, so a run pays only for the formats it prints.
BUILTIN_FORMATS: dict[str, str] = {
    "text": "podlint.formatters.text:TextFormatter",
    "json": "podlint.formatters.json_format:JsonFormatter",
    "concise": "podlint.formatters.concise:ConciseFormatter",
    "sarif": "podlint.formatters.sarif:SarifFormatter",
    "github": "podlint.formatters.github:GithubFormatter",
    "gitlab": "podlint.formatters.gitlab:GitlabFormatter",
    "junit": "podlint.formatters.junit:JunitFormatter",
}


class _Lazy:
    """Resolves a formatter class on first use."""

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def __call__(self, **kwargs: object) -> Formatter:
        module, _, cls = self.spec.partition(":")
        formatter: type[Formatter] = getattr(importlib.import_module(module), cls)
        return formatter(**kwargs)  # type: ignore[arg-type]


@hookimpl
def podlint_formatters() -> dict[str, object]:
    return {name: _Lazy(spec) for name, spec in BUILTIN_FORMATS.items()}
