"""Reading a rule's docstring: its sections, and the examples with the cluster they assume.

A rule's ``Example`` and ``Use instead`` sections hold fenced ``json`` or ``yaml`` pods. When an
example is only right on a particular cluster, the section says so in a line of its own before the
block, written as the ``cluster:`` entry of a ``.podlint.yaml``::

    With `cluster: {features: [secrets], marathon_version: "1.9"}` in `.podlint.yaml`:

The line reads as plain text in ``podlint explain`` and the rule reference, and the test suite lints
every block after it with that cluster profile. The ``Options`` section may hold one ``yaml`` block
with the rule's options (``rules: {<name>: {...}}``), which the examples are linted with too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from podlint.rule import DOC_HEADINGS

FENCE = re.compile(r"^```(json|yaml)\n(.*?)^```", re.S | re.M)
CLUSTER_LINE = re.compile(r"^With `cluster: (\{.*\})` in `\.podlint\.yaml`[^`\n]*:\s*$", re.M)


@dataclass(frozen=True)
class DocExample:
    """One fenced example of a rule's documentation."""

    heading: str  # "Example" or "Use instead"
    lang: str  # "json" or "yaml"
    text: str
    # The ``cluster:`` settings the example assumes (empty: podlint's defaults).
    cluster: dict[str, Any] = field(default_factory=dict)


def sections(doc: str) -> dict[str, str]:
    """The body of each fixed heading (a heading line underlined with dashes)."""
    parts: dict[str, str] = {}
    current = None
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() in DOC_HEADINGS and set(nxt.strip()) == {"-"}:
            current = line.strip()
            parts[current] = ""
        elif current and set(line.strip()) != {"-"}:
            parts[current] += line + "\n"
    return parts


def _cluster(text: str) -> dict[str, Any]:
    import yaml

    loaded = yaml.safe_load(text)
    if not isinstance(loaded, dict):
        raise ValueError(f"the cluster line must hold a mapping, got {text!r}")
    return loaded


def examples(doc: str) -> list[DocExample]:
    """Every fenced block of ``Example`` and ``Use instead``, with the cluster line before it."""
    found: list[DocExample] = []
    parts = sections(doc)
    for heading in ("Example", "Use instead"):
        body = parts.get(heading, "")
        for block in FENCE.finditer(body):
            lines = CLUSTER_LINE.findall(body, 0, block.start())
            cluster = _cluster(lines[-1]) if lines else {}
            found.append(DocExample(heading, block.group(1), block.group(2), cluster))
    return found


def options(doc: str, rule_name: str) -> dict[str, Any] | None:
    """The rule's options from the first ``yaml`` block of ``Options``, without ``severity``."""
    import yaml

    blocks = FENCE.findall(sections(doc).get("Options", ""))
    if not blocks:
        return None
    loaded = yaml.safe_load(blocks[0][1])
    if isinstance(loaded, dict) and "rules" in loaded:
        loaded = loaded["rules"].get(rule_name, {})
    return {k: v for k, v in (loaded or {}).items() if k != "severity"}
