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

from podlint.config.profile import ClusterProfile, MarathonVersion
from podlint.diagnostics import Finding, Severity

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
    # Update rules: the previous pod was paired with this one although its id changed (pods are
    # otherwise matched by id; see podlint.previous.model).
    id_changed: bool = False

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


class UpdateRule(Rule):
    """A rule about a *change*: it compares a pod with its previous version.

    Update rules are collected by the same ``podlint_rules`` hook as every other rule; they run only
    when a pod has a previous version (``podlint check --since REF`` or ``--previous FILE``, and in
    the language server against the file at ``HEAD``). :meth:`check_update` receives the previous
    and the current pod as plain data, which it must not modify, and yields findings by pointer into
    the *current* pod, each with ``Finding.previous`` set to the previous value it compares with.

    The docstring's ``Example`` holds two code blocks, the previous version then the current one;
    ``Use instead`` holds a current version (compared with the Example's previous one) or a pair.
    """

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return ()

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterable[Finding]:
        raise NotImplementedError


class PipelineRule(Rule):
    """A rule whose findings the pipeline itself produces (loading, identifying, plugins).

    It exists so that these findings have a code, a name and documentation, and can be selected,
    ignored and suppressed like any other.
    """

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterable[Finding]:
        return ()
