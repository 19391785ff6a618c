"""The rule API: what a built-in or third-party rule is, and what it is given.

A rule is a subclass of :class:`Rule` with class attributes that describe it and a :meth:`Rule.check`
method that receives the pod as plain data and yields :class:`~podlint.diagnostics.Finding` objects.
Its class docstring is its documentation, with the fixed headings ``What it does``, ``Why is this
bad``, ``Example``, ``Use instead``, ``Options`` and ``References``; ``podlint explain`` and the rule
reference read it. The examples are pods that the test suite lints (``podlint.rule_docs`` says how an
example names the cluster it assumes).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from podlint.diagnostics import Finding, Severity
from podlint.profile import ClusterProfile, MarathonVersion

DOC_HEADINGS: tuple[str, ...] = (
    "What it does",
    "Why is this bad",
    "Example",
    "Use instead",
    "Options",
    "References",
)

DOCS_URL = "https://github.com/podlint/podlint/blob/main/docs/rules.md#{name}"

T = TypeVar("T")


@dataclass(frozen=True)
class NoOptions:
    """Rules without options use this."""


@dataclass
class Context:
    """What a rule may know besides the pod: the cluster profile, its options, the source format."""

    profile: ClusterProfile
    options: Any = field(default_factory=NoOptions)
    # "json" or "yaml"; rules about YAML typing need it.
    source_format: str = "json"
    # For YAML: pointer -> the scalar's source text, for plain scalars that did not resolve to a string.
    plain_scalars: dict[str, str] = field(default_factory=dict)
    # Shared per-document memo, so several rules can reuse one expensive computation.
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> MarathonVersion:
        return self.profile.marathon_version

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self.memo:
            self.memo[key] = compute()
        value: T = self.memo[key]
        return value


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ""
    # The Marathon checks this rule mirrors: keys of ``podlint.marathon_checks.CHECKS``, whose
    # messages, versions and sources the rule's References quote.
    marathon_rules: ClassVar[tuple[str, ...]] = ()
    # Cluster profile settings the verdict depends on.
    settings: ClassVar[tuple[str, ...]] = ()
    # Policy rules are off until configured.
    policy: ClassVar[bool] = False
    # A rule that is off unless selected by name, code or prefix (``extend_select``), for checks
    # whose finding does not hold on every cluster.
    default_enabled: ClassVar[bool] = True
    # A rule about the pod as a whole (not one node of it) may report at the document itself; every
    # other rule points at the narrowest node at fault, never at the document's opening brace.
    whole_document: ClassVar[bool] = False
    # A dataclass describing the rule's options (typed, with defaults).
    options: ClassVar[type] = NoOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.getdoc(cls) or ""

    @classmethod
    def url(cls) -> str:
        return DOCS_URL.format(name=cls.name)

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field[Any]]:
        return (
            list(dataclasses.fields(cls.options)) if dataclasses.is_dataclass(cls.options) else []
        )


# ---- small helpers rules share: reading plain data defensively -------------------------------------
# Rules run on documents the schema layer may have rejected; they must skip what they cannot read.


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def containers(pod: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, container) for every container that is a mapping."""
    for i, c in enumerate(as_list(pod.get("containers"))):
        if isinstance(c, dict):
            yield i, c


class PipelineRule(Rule):
    """A rule whose findings the pipeline itself produces (loading, identifying, plugins).

    It exists so that these findings have a code, a name and documentation, and can be selected,
    ignored and suppressed like any other.
    """

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return ()
