"""The pipeline for one file: load -> identify -> check -> locate -> filter.

Rules see plain data and say *where* by JSON Pointer; this module turns every finding into a located
:class:`~podlint.diagnostics.Diagnostic` in one place, and keeps a broken rule from taking the run down.
"""

from __future__ import annotations

import copy
import dataclasses
import fnmatch
import functools
import itertools
import os
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from podlint import suppressions
from podlint.config.settings import ActiveRule, Settings, active_rules
from podlint.containment import describe, no_process_exit, private_copy
from podlint.diagnostics import Diagnostic, Finding, Previous, Severity, Snippet, Span
from podlint.document import Document, LoadResult
from podlint.identify import describe_non_pod, is_pod
from podlint.plugins import BUILTIN_PLUGINS, Registry
from podlint.results import FileResult
from podlint.rule import Context, PipelineRule, Rule, UpdateRule
from podlint.watchdog import RuleTimeout, Watchdog

if TYPE_CHECKING:  # update checks are rare: their model loads only when a run has them
    from podlint.previous.model import Match, PreviousPod, PreviousVersions

# A rule that takes longer than this on one document is reported (it still completes).
RULE_TIME_BUDGET = 2.0
# A rule still running after this long on one document is interrupted, where the platform allows
# (podlint.watchdog), so a rule that never returns cannot hang the run.
RULE_TIME_LIMIT = 10.0
# More findings than this from one rule on one document is a runaway generator, not a verdict.
# A file reports at most this many findings, then one that counts the rest: reports, terminals and
# editors stay usable, and a file of 200,000 duplicate keys costs what its first findings cost.
MAX_FINDINGS_PER_FILE = 1_000
# One rule on one document: past the file's limit its findings would not be shown anyway.
MAX_FINDINGS_PER_RULE = MAX_FINDINGS_PER_FILE
# Messages quote values from the file; a multi-megabyte name must not make a multi-megabyte report.
MAX_MESSAGE_CHARS = 2_000

Loader = Callable[[bytes, str, int], LoadResult]
# A pod rule ready to run: its selection entry, its instance, its plugin (None when built in) and
# how a report names it.
Checker = tuple[ActiveRule, Rule, "str | None", str]


def _default_loader(data: bytes, filename: str, max_bytes: int) -> LoadResult:
    from podlint.loader import load

    return load(data, filename, max_bytes=max_bytes)


@dataclass
class Linter:
    """Lints files with one registry; settings may differ per file (configuration is per folder)."""

    registry: Registry
    loader: Loader = _default_loader
    _active: dict[int, tuple[Settings, list[ActiveRule]]] = field(default_factory=dict)
    _instances: dict[int, tuple[list[ActiveRule], list[Checker]]] = field(default_factory=dict)
    _names: dict[int, tuple[list[ActiveRule], dict[str, ActiveRule]]] = field(default_factory=dict)
    _update_instances: dict[int, tuple[list[ActiveRule], list[tuple[ActiveRule, UpdateRule]]]] = (
        field(default_factory=dict)
    )
    _who_cache: dict[type[Rule], str] = field(default_factory=dict)
    # Previous versions of pods (--since, --previous, the language server): update rules run on
    # the pods that have one.
    previous: PreviousVersions | None = None

    def active(self, settings: Settings) -> list[ActiveRule]:
        cached = self._active.get(id(settings))
        if cached is None or cached[0] is not settings:
            cached = (settings, active_rules(settings, self.registry.rules))
            self._active[id(settings)] = cached
        return cached[1]

    def _by_name(self, active: list[ActiveRule]) -> dict[str, ActiveRule]:
        """The selected rules by name, worked out once per rule set (not once per file)."""
        cached = self._names.get(id(active))
        if cached is None or cached[0] is not active:
            cached = (active, {a.rule.name: a for a in active})
            self._names[id(active)] = cached
        return cached[1]

    def _checkers(self, active: list[ActiveRule]) -> list[Checker]:
        """The rules that check pods (not the pipeline's own), instantiated once per rule set,
        each with its plugin (None when built in) and the words that name it in a report."""
        cached = self._instances.get(id(active))
        if cached is None or cached[0] is not active:
            checkers = [
                (a, a.rule(), self._third_party(a), self._who(a.rule))
                for a in active
                if not issubclass(a.rule, PipelineRule | UpdateRule)
            ]
            cached = (active, checkers)
            self._instances[id(active)] = cached
        return cached[1]

    def lint_bytes(
        self, data: bytes, path: str, settings: Settings, *, explicit: bool = True
    ) -> FileResult:
        active = self.active(settings)
        by_name = self._by_name(active)
        try:
            loaded = self.loader(data, path, settings.max_file_size)
        except Exception as exc:  # the loader promises not to raise; if it does, say so, once
            span = Span(1, 1, 1, 1)
            diag = self._pipeline_diag(
                by_name, "syntax-error", path, f"podlint could not read this file: {exc}", span, ""
            )
            return FileResult(path, [diag] if diag else [], None, transient=True)
        documents = loaded.documents
        pod_docs = [d for d in documents if is_pod(d.data)]

        if not explicit and not pod_docs:
            # A walked file that is plainly not a pod: skipped, unless it was meant to be one.
            looks_meant = _mentions_containers(loaded.text, data)
            if not loaded.problems or not looks_meant:
                reason = describe_non_pod(documents[0].data) if documents else "no document"
                return FileResult(path, [], loaded.text, skipped=reason)

        diagnostics: list[Diagnostic] = []
        # Rules that crashed, were stopped or were slow on this run: the result is not cached.
        troubles: list[str] = []
        for problem in loaded.problems:
            diag = self._pipeline_diag(
                by_name,
                problem.rule,
                path,
                problem.message,
                problem.span,
                "",
                problem.help,
                document=problem.document or 0,
            )
            if diag is not None:
                diagnostics.append(diag)

        previous_key = _previous_key(path) if self.previous is not None else None
        for doc in documents:
            if not is_pod(doc.data):
                if explicit or len(pod_docs) > 0:
                    diag = self._pipeline_diag(
                        by_name,
                        "not-a-pod",
                        path,
                        describe_non_pod(doc.data),
                        doc.extent,
                        "",
                        "Lint it with a tool for its kind, or exclude this file: podlint checks "
                        "Marathon pod definitions (`/v2/pods`).",
                        document=doc.index,
                    )
                    if diag is not None:
                        diagnostics.append(diag)
                continue
            with Watchdog(RULE_TIME_LIMIT) as watchdog:
                diagnostics.extend(
                    self._check_pod(
                        doc, path, loaded.text, settings, active, by_name, watchdog, troubles
                    )
                )
                match = (
                    self.previous.match(previous_key, doc.data)
                    if self.previous is not None and previous_key is not None
                    else None
                )
                if match is not None:
                    diagnostics.extend(
                        self._check_update(
                            match,
                            doc,
                            path,
                            loaded.text,
                            settings,
                            active,
                            by_name,
                            watchdog,
                            troubles,
                        )
                    )

        diagnostics = self._per_file_ignores(diagnostics, path, settings)
        suppressed = 0
        if settings.inline_suppressions:
            before = len(diagnostics)
            diagnostics = suppressions.apply(
                diagnostics,
                text=loaded.text,
                documents=documents,
                settings=settings,
                active=active,
                registry=self.registry,
                path=path,
            )
            unused = sum(1 for d in diagnostics if d.name == "unused-suppression")
            suppressed = max(0, before - (len(diagnostics) - unused))
        diagnostics.sort()
        if len(diagnostics) > MAX_FINDINGS_PER_FILE:
            diagnostics = self._truncate(diagnostics, by_name, path)
        return FileResult(
            path,
            diagnostics,
            loaded.text,
            pods=len(pod_docs),
            suppressed=suppressed,
            transient=bool(troubles),
        )

    def _truncate(
        self, diagnostics: list[Diagnostic], by_name: dict[str, ActiveRule], path: str
    ) -> list[Diagnostic]:
        kept, rest = diagnostics[:MAX_FINDINGS_PER_FILE], diagnostics[MAX_FINDINGS_PER_FILE:]
        worst = max(rest, key=lambda d: d.severity.rank).severity
        counts = ", ".join(
            f"{n} {word}"
            for n, word in (
                (sum(d.severity is Severity.ERROR for d in rest), "errors"),
                (sum(d.severity is Severity.WARNING for d in rest), "warnings"),
                (sum(d.severity is Severity.INFO for d in rest), "info"),
            )
            if n
        )
        first = rest[0]
        note = self._pipeline_diag(
            by_name,
            "too-many-findings",
            path,
            f"{len(rest)} more findings in this file are not shown ({counts}): podlint reports at "
            f"most {MAX_FINDINGS_PER_FILE} per file",
            first.span,
            first.pointer,
            "Fix the findings shown (often one cause repeated), then run podlint again.",
            document=first.document,
        )
        if note is None:
            return kept
        return [*kept, dataclasses.replace(note, severity=worst)]

    # -- stages ---------------------------------------------------------------------------------

    def _check_pod(
        self,
        doc: Document,
        path: str,
        text: str | None,
        settings: Settings,
        active: list[ActiveRule],
        by_name: dict[str, ActiveRule],
        watchdog: Watchdog,
        troubles: list[str],
    ) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        # One context per document; only the options change from rule to rule.
        ctx = Context(
            profile=settings.profile,
            source_format=doc.format,
            plain_scalars=doc.plain_scalars,
        )
        data = doc.data

        def rule_error(message: str, severity: Severity | None = None) -> None:
            troubles.append(message)
            out.extend(self._rule_error(by_name, path, doc, message, severity))

        copies: dict[str, Any] = {}
        for entry, rule, plugin, who in self._checkers(active):
            ctx.options = entry.options
            if plugin is not None:
                # Each plugin reads its own copy: a rule that changes the pod cannot change what
                # the built-in rules, or other plugins, see.
                if plugin not in copies:
                    copies[plugin] = private_copy(data)
                self._run_rule(
                    entry, functools.partial(rule.check, copies[plugin], ctx), doc, path, text,
                    watchdog, out, rule_error, third_party=True,
                )  # fmt: skip
                continue
            # A built-in rule: the steps of ``_run_rule`` inlined, since this runs for every rule
            # on every pod and most rules find nothing.
            started = watchdog.start()
            try:
                findings = list(itertools.islice(rule.check(data, ctx), MAX_FINDINGS_PER_RULE + 1))
            except BaseException as exc:
                watchdog.stop()
                if isinstance(exc, KeyboardInterrupt):
                    raise
                _report_failure(exc, who, rule_error)
                continue
            watchdog.stop()
            elapsed = time.monotonic() - started
            if elapsed > RULE_TIME_BUDGET or findings:
                self._take(entry, who, elapsed, findings, doc, path, text, out, rule_error)
        return out

    def _third_party(self, entry: ActiveRule) -> str | None:
        """The plugin of a rule that is not built in, or None for a built-in rule."""
        plugin = self.registry.owner.get(entry.rule.name, "")
        return None if plugin in BUILTIN_PLUGINS else plugin

    def _check_update(
        self,
        match: Match,
        doc: Document,
        path: str,
        text: str | None,
        settings: Settings,
        active: list[ActiveRule],
        by_name: dict[str, ActiveRule],
        watchdog: Watchdog,
        troubles: list[str],
    ) -> list[Diagnostic]:
        """Update rules on (previous, current); their findings carry the previous value."""
        out: list[Diagnostic] = []
        ctx = Context(
            profile=settings.profile,
            source_format=doc.format,
            plain_scalars=doc.plain_scalars,
            id_changed=match.id_changed,
        )
        before = copy.deepcopy(match.previous.data)  # rules must not change it; nor can they
        current = doc.data

        def rule_error(message: str, severity: Severity | None = None) -> None:
            troubles.append(message)
            out.extend(self._rule_error(by_name, path, doc, message, severity))

        for entry, rule in self._update_checkers(active):
            ctx.options = entry.options
            third_party = self._third_party(entry) is not None
            rule_current = private_copy(current) if third_party else current
            self._run_rule(
                entry, functools.partial(rule.check_update, before, rule_current, ctx), doc, path,
                text, watchdog, out, rule_error, match.previous, third_party=third_party,
            )  # fmt: skip
        return out

    def _update_checkers(self, active: list[ActiveRule]) -> list[tuple[ActiveRule, UpdateRule]]:
        cached = self._update_instances.get(id(active))
        if cached is None or cached[0] is not active:
            checkers = [(a, a.rule()) for a in active if issubclass(a.rule, UpdateRule)]
            cached = (active, checkers)
            self._update_instances[id(active)] = cached
        return cached[1]

    def _run_rule(
        self,
        entry: ActiveRule,
        call: Callable[[], Iterable[Finding]],
        doc: Document,
        path: str,
        text: str | None,
        watchdog: Watchdog,
        out: list[Diagnostic],
        rule_error: Callable[..., None],
        previous: PreviousPod | None = None,
        *,
        third_party: bool = False,
    ) -> None:
        """Run one rule on one document, bounded in time and findings; place its findings."""
        who = self._who(entry.rule)
        started = time.monotonic()
        try:
            watchdog.start()
            try:
                with no_process_exit() if third_party else nullcontext():
                    # A bounded read: a generator that never stops must not exhaust memory.
                    findings = list(itertools.islice(call(), MAX_FINDINGS_PER_RULE + 1))
            finally:
                watchdog.stop()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit too: a plugin does not end the run
            _report_failure(exc, who, rule_error)
            return
        elapsed = time.monotonic() - started
        self._take(entry, who, elapsed, findings, doc, path, text, out, rule_error, previous)

    def _take(
        self,
        entry: ActiveRule,
        who: str,
        elapsed: float,
        findings: list[Any],
        doc: Document,
        path: str,
        text: str | None,
        out: list[Diagnostic],
        rule_error: Callable[..., None],
        previous: PreviousPod | None = None,
    ) -> None:
        """Check what one rule returned on one document (in time, bounded) and place its findings."""
        if elapsed > RULE_TIME_BUDGET:
            # Its verdict is complete: slowness is a note about this run (a loaded machine, a
            # slow rule), never a reason for the pod to fail.
            rule_error(
                f"{who} took {elapsed:.1f} s on this document, over its budget of "
                f"{RULE_TIME_BUDGET:.0f} s; its findings are complete (a note about this run, "
                "not about the pod)",
                Severity.INFO,
            )
        if len(findings) > MAX_FINDINGS_PER_RULE:
            del findings[MAX_FINDINGS_PER_RULE:]
            rule_error(
                f"{who} reported more than {MAX_FINDINGS_PER_RULE} findings on this "
                "document; only the first ones are shown"
            )
        for finding in findings:
            if not _well_formed(finding):
                rule_error(
                    f"{who} returned {_short(finding)}, which is not a Finding (or not a "
                    "well-formed one); it was ignored"
                )
                continue
            try:
                diag = self._locate(doc, path, text, entry, finding)
            except Exception as exc:  # a fix the renderer cannot apply, say
                rule_error(
                    f"{who} returned a finding podlint could not place "
                    f"({type(exc).__name__}: {_short(exc)}); it was ignored"
                )
                continue
            if previous is not None:
                diag = dataclasses.replace(
                    diag, previous=Previous(finding.previous, previous.source, previous.pod_id)
                )
            out.append(diag)

    def _locate(
        self, doc: Document, path: str, text: str | None, entry: ActiveRule, finding: Finding
    ) -> Diagnostic:
        try:
            span, _ = doc.locate(finding.where or finding.pointer, finding.target)
        except ValueError:  # a malformed pointer from a rule: fall back to the document
            span = doc.extent
        resolved = None
        if finding.fix is not None and text is not None and not doc.recovered:
            from podlint.fixing import edits  # only for findings with a fix: keeps start-up light

            resolved = edits.render_fix(doc, text, finding.fix)
        help_text = finding.help
        if help_text is not None and finding.snippets:
            from podlint.snippets import render_help  # only for findings that suggest data

            help_text = render_help(help_text, finding.snippets, doc.format)
        return Diagnostic(
            file=path,
            code=entry.rule.code,
            name=entry.rule.name,
            severity=entry.severity,
            message=_clip(finding.message),
            pointer=finding.pointer,
            span=span,
            help=_clip(help_text) if help_text is not None else None,
            url=entry.rule.url(),
            fix=resolved,
            document=doc.index,
        )

    def _who(self, rule_cls: type[Rule]) -> str:
        """``rule CODE name (plugin X)``, built once per rule class: this runs per rule per pod."""
        who = self._who_cache.get(rule_cls)
        if who is None:
            who = f"rule {rule_cls.code} {rule_cls.name} ({self._owner(rule_cls.name)})"
            self._who_cache[rule_cls] = who
        return who

    def _owner(self, rule_name: str) -> str:
        return f"plugin {self.registry.owner.get(rule_name, '?')}"

    def _rule_error(
        self,
        by_name: dict[str, ActiveRule],
        path: str,
        doc: Document,
        message: str,
        severity: Severity | None = None,
    ) -> Iterable[Diagnostic]:
        diag = self._pipeline_diag(
            by_name, "rule-error", path, message, doc.extent, "", document=doc.index
        )
        if diag is not None and severity is not None:
            diag = dataclasses.replace(diag, severity=severity)
        if diag is not None:
            yield diag

    def _pipeline_diag(
        self,
        by_name: dict[str, ActiveRule],
        rule_name: str,
        path: str,
        message: str,
        span: Span,
        pointer: str,
        help: str | None = None,
        *,
        document: int = 0,
    ) -> Diagnostic | None:
        entry = by_name.get(rule_name)
        if entry is None:
            rule = self.registry.rules.get(rule_name)
            if rule is not None:
                return None  # known but not selected
            # An unknown pipeline rule name (a loader bug): still report, as a syntax error.
            return Diagnostic(
                path, "PL001", "syntax-error", Severity.ERROR, _clip(message), pointer, span, help
            )
        return Diagnostic(
            file=path,
            code=entry.rule.code,
            name=entry.rule.name,
            severity=entry.severity,
            message=_clip(message),
            pointer=pointer,
            span=span,
            help=help,
            url=entry.rule.url(),
            document=document,
        )

    @staticmethod
    def _per_file_ignores(
        diagnostics: list[Diagnostic], path: str, settings: Settings
    ) -> list[Diagnostic]:
        if not settings.per_file_ignores or not diagnostics:
            return diagnostics
        base = os.path.dirname(settings.config_file) if settings.config_file else os.getcwd()
        rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        ignored: set[str] = set()
        for pattern, selectors in settings.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
                ignored.update(selectors)
        if not ignored:
            return diagnostics
        return [
            d
            for d in diagnostics
            if not any(s in (d.name, d.code) or s == "ALL" or d.code.startswith(s) for s in ignored)
        ]


def _report_failure(exc: BaseException, who: str, rule_error: Callable[..., None]) -> None:
    """Report a rule that raised (SystemExit too: a plugin does not end the run) or was stopped."""
    if isinstance(exc, RuleTimeout):
        rule_error(
            f"{who} was stopped after {RULE_TIME_LIMIT:.0f} s on this document, "
            "its time limit; the other rules still ran"
        )
        return
    message = (
        describe(exc)
        if isinstance(exc, SystemExit)
        else f"raised {type(exc).__name__}: {_short(exc)}"
    )
    rule_error(f"{who} {message}; the other rules still ran")


def _previous_key(path: str) -> str | None:
    """How PreviousVersions knows a linted file; None for standard input without a name."""
    if path == "-" or path.startswith("<"):
        return None
    from podlint.previous.sources import key

    return key(path)


def _mentions_containers(text: str | None, data: bytes) -> bool:
    """Whether a walked file that is not a readable pod was meant to be one.

    Without text (too large, not UTF-8) the bytes are searched, in UTF-8 and UTF-16.
    """
    if text is not None:
        return "containers" in text
    return any(
        "containers".encode(encoding) in data for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    )


def _well_formed(finding: object) -> bool:
    """A Finding whose text fields are text: anything else would break a formatter later."""
    return (
        isinstance(finding, Finding)
        and isinstance(finding.pointer, str)
        and isinstance(finding.message, str)
        and (finding.help is None or isinstance(finding.help, str))
        and finding.target in ("value", "key", "member")
        and isinstance(finding.snippets, tuple)
        and all(isinstance(s, Snippet) for s in finding.snippets)
    )


def _clip(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return (
        f"{text[: MAX_MESSAGE_CHARS - 40]}… ({len(text) - MAX_MESSAGE_CHARS + 40} more characters)"
    )


def _short(value: object, limit: int = 200) -> str:
    """``repr``/``str`` of something a plugin handed over, never raising and never huge."""
    try:
        text = str(value) if isinstance(value, BaseException) else repr(value)
    except Exception as exc:  # a __repr__ that raises, or an int too long to print
        text = f"<{type(value).__name__} that cannot be shown: {type(exc).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
