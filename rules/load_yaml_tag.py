"""Rule PL007 ``yaml-tag``: a YAML tag that podlint does not apply."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class YamlTag(PipelineRule):
    """A YAML tag that podlint does not apply.

    What it does
    ------------
    Reports explicit YAML tags other than the core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
    `!!map`, `!!seq`), such as `!!python/object` or local `!ref` tags. podlint reads the value as if it were
    untagged and never constructs objects from tags.

    Why is this bad
    ---------------
    A pod converted to JSON for Marathon has no tags: whatever the tag meant to one tool is lost or
    differs in another, and tags such as `!!python/object/apply` run code in unsafe YAML loaders.

    Example
    -------
    (No self-contained example: see the description above.)

    Use instead
    -----------
    (See the description above.)

    Options
    -------
    None.

    References
    ----------
    YAML 1.2, chapter 10.3 (core schema tags).
    """

    code = "PL007"
    name = "yaml-tag"
    severity = Severity.WARNING
    summary = "A YAML tag that podlint does not apply"
