"""Suggested pod data, written in the syntax of the file it is suggested for.

A help text says ``Add {0} to `scaling`.`` and carries the data (key ``kind``, value ``"fixed"``);
this module, called by the locate stage, makes that ``Add `"kind": "fixed"` to `scaling`.`` for a
JSON file and ``Add `kind: fixed` to `scaling`.`` for a YAML file. Rules stay ignorant of the file
type (one direction: rules give data, the locate stage formats it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from podlint.diagnostics import Snippet


def render_snippet(snippet: Snippet, source_format: str) -> str:
    """One snippet as the user would type it in a ``source_format`` (``json``/``yaml``) file."""
    if source_format == "yaml":
        from podlint.fixing.edits import render_yaml_value  # only for findings with snippets

        value = render_yaml_value(snippet.value)
        key = None if snippet.key is None else render_yaml_value(snippet.key, flow=True)
    else:
        # One line, spaced the way people write JSON by hand: {"cpus": 0.1, "mem": 64}.
        value = json.dumps(snippet.value, ensure_ascii=False, separators=(", ", ": "))
        key = None if snippet.key is None else json.dumps(snippet.key, ensure_ascii=False)
    return value if key is None else f"{key}: {value}"


def render_help(help_text: str, snippets: Sequence[Snippet], source_format: str) -> str:
    """``help_text`` with its ``{0}``, ``{1}``, … replaced by the rendered snippets, in backticks."""
    out = help_text
    for index, snippet in enumerate(snippets):
        out = out.replace(f"{{{index}}}", f"`{render_snippet(snippet, source_format)}`")
    return out
