"""Inline suppressions: ``# podlint: disable=...`` comments in YAML, ``podlint.disable`` pod labels.

Three forms, each naming rules by name or code, separated by commas:

- ``# podlint: disable=<rule>[,<rule>…]`` at the end of a YAML line suppresses those rules' findings
  on that line; alone on a line, it suppresses them on the next line that holds YAML (not a blank or
  another comment);
- ``# podlint: disable-file=<rule>[,…]`` anywhere in a YAML file suppresses them in the whole file;
- the pod label ``"podlint.disable": "<rule>,<rule>"`` suppresses them for that pod (JSON has no
  comments; the label works in YAML too).

A suppression that suppresses nothing is reported as ``unused-suppression`` (like ruff's RUF100): a
rule that had no finding there, an unknown rule name, or a directive that podlint cannot read; its
removal is a safe fix (an unknown name or an unreadable directive: unsafe, it meant something). A
rule that is not enabled here is reported apart, as "non-enabled": the organisation's CI may run
with it on, where the suppression works, so removing it is only ever an unsafe fix.
``--no-inline-suppressions`` skips this module altogether.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from podlint.config.settings import ActiveRule, Settings
from podlint.diagnostics import Diagnostic, Fix, FixOp, ResolvedFix, Span, TextEdit
from podlint.document import Document
from podlint.records import Record

LABEL = "podlint.disable"
LABEL_POINTER = "/labels/podlint.disable"
UNUSED_RULE = "unused-suppression"
MARKER = "podlint:"

# `# podlint: <word>[=<rules>]`; anything after a second `#` is a remark, not a rule.
_DIRECTIVE = re.compile(r"#\s*podlint:\s*(?P<kind>[A-Za-z_-]*)\s*(?:=(?P<rules>[^#\r\n]*))?")
_KINDS = {"disable": "line", "disable-file": "file"}

Kind = Literal["line", "file", "pod"]


class _Token(Record):
    """One rule named in a directive."""

    _fields = ("text", "start", "end", "rule", "used")

    def __init__(
        self,
        text: str,
        # Offsets of the name in the file text (comments) for fixes; None for labels.
        start: int | None = None,
        end: int | None = None,
        rule: Any = None,
        used: bool = False,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.rule = rule
        self.used = used


class _Directive(Record):
    _fields = (
        "kind",
        "tokens",
        "span",
        "pointer",
        "target_line",
        "document",
        "problem",
        "remove_start",
        "remove_end",
        "doc",
        "text",
    )
    _shown = tuple(f for f in _fields if f != "doc")

    def __init__(
        self,
        kind: Kind,
        tokens: list[_Token],
        span: Span,
        pointer: str = "",
        # line directives: the line whose findings they suppress
        target_line: int = 0,
        # pod labels: the document they belong to
        document: int = 0,
        problem: str | None = None,
        # Comments: offsets of the text a removal deletes (the comment, or its whole line).
        remove_start: int = 0,
        remove_end: int = 0,
        doc: Document | None = None,
        text: str = "",
    ) -> None:
        self.kind = kind
        self.tokens = tokens
        self.span = span
        self.pointer = pointer
        self.target_line = target_line
        self.document = document
        self.problem = problem
        self.remove_start = remove_start
        self.remove_end = remove_end
        self.doc = doc
        self.text = text


def apply(
    diagnostics: list[Diagnostic],
    *,
    text: str | None,
    documents: list[Document],
    settings: Settings,
    active: list[ActiveRule],
    registry: Any,
    path: str,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add ``unused-suppression`` findings for suppressions that did nothing."""
    directives = _label_directives(documents)
    if text is not None and MARKER in text and _is_yaml(documents, path):
        directives += _comment_directives(text)
    if not directives:
        return diagnostics
    for directive in directives:
        for token in directive.tokens:
            token.rule = _lookup(registry, token.text)

    kept = [d for d in diagnostics if not _suppressed(d, directives, skip_unused_rule=True)]

    by_name = {a.rule.name: a for a in active}
    unused_entry = by_name.get(UNUSED_RULE)
    if unused_entry is None:
        return kept
    reports = _unused(directives, by_name, registry, path, unused_entry, text, own=False)
    # `disable-file=unused-suppression` (or a label naming it) silences these reports too...
    kept += [d for d in reports if not _suppressed(d, directives, skip_unused_rule=False)]
    # ...and is itself reported when there was nothing to silence.
    kept += _unused(directives, by_name, registry, path, unused_entry, text, own=True)
    return kept


# ---- finding directives ---------------------------------------------------------------------------


def _is_yaml(documents: list[Document], path: str) -> bool:
    if documents:
        return documents[0].format == "yaml"
    return path.lower().endswith((".yaml", ".yml"))


def _label_directives(documents: list[Document]) -> list[_Directive]:
    found: list[_Directive] = []
    for doc in documents:
        labels = doc.data.get("labels") if isinstance(doc.data, dict) else None
        value = labels.get(LABEL) if isinstance(labels, dict) else None
        if not isinstance(value, str):
            continue
        span, _ = doc.locate(LABEL_POINTER)
        tokens = [_Token(t.strip()) for t in value.split(",") if t.strip()]
        problem = None if tokens else f'the label "{LABEL}" names no rule'
        found.append(
            _Directive(
                "pod",
                tokens,
                span,
                pointer=LABEL_POINTER,
                document=doc.index,
                problem=problem,
                doc=doc,
                text=value,
            )
        )
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return starts


def _in_quotes(before: str) -> bool:
    """Is a ``#`` after ``before`` inside a quoted YAML scalar? (good enough for one line)"""
    return before.count('"') - before.count('\\"') & 1 == 1 or before.count("'") & 1 == 1


def _comment_directives(text: str) -> list[_Directive]:
    found: list[_Directive] = []
    starts = _line_starts(text)
    lines = text.split("\n")
    pending: list[_Directive] = []  # stand-alone line directives waiting for the next YAML line
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if pending and stripped and not stripped.startswith("#"):
            for d in pending:
                d.target_line = number
            pending = []
        if MARKER not in line:
            continue
        for match in _DIRECTIVE.finditer(line):
            col = match.start()
            before = line[:col]
            if (before and not before[-1].isspace()) or _in_quotes(before):
                continue  # `#` inside a scalar, not a comment
            directive = _parse_comment(match, text, starts[number - 1], number, line)
            if directive.kind == "line":
                if before.strip():
                    directive.target_line = number
                else:
                    pending.append(directive)
            found.append(directive)
    return found


def _parse_comment(
    match: re.Match[str], text: str, line_start: int, number: int, line: str
) -> _Directive:
    kind_word = match.group("kind")
    rules_text = match.group("rules")
    col = match.start()
    end_col = len(line.rstrip())
    span = Span(number, col + 1, number, end_col + 1)
    kind: Kind = "file" if _KINDS.get(kind_word) == "file" else "line"
    tokens: list[_Token] = []
    problem = None
    if kind_word not in _KINDS:
        import difflib  # only for a did-you-mean

        close = difflib.get_close_matches(kind_word, list(_KINDS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problem = (
            f"podlint does not understand the directive {match.group(0).strip()!r}{hint} "
            "(use `# podlint: disable=<rule>` or `# podlint: disable-file=<rule>`)"
        )
    elif rules_text is None or not rules_text.strip():
        problem = (
            f"`# podlint: {kind_word}` names no rule; suppressing everything is not supported "
            f"(write `# podlint: {kind_word}=<rule>[,<rule>…]`)"
        )
    else:
        base = line_start + match.start("rules")
        for m in re.finditer(r"[^,\s]+", rules_text):
            tokens.append(_Token(m.group(0), base + m.start(), base + m.end()))
    only_comment = not line[:col].strip()
    if only_comment:
        remove_start = line_start
        remove_end = min(line_start + len(line) + 1, len(text))
        if text[remove_end - 1 : remove_end] != "\n":  # last line without newline
            remove_end = line_start + len(line)
    else:
        remove_start = line_start + len(line[:col].rstrip())
        remove_end = line_start + end_col
    return _Directive(
        kind,
        tokens,
        span,
        problem=problem,
        remove_start=remove_start,
        remove_end=remove_end,
        text=line[col:end_col],
    )


# ---- matching -------------------------------------------------------------------------------------


def _lookup(registry: Any, name: str) -> Any:
    lookup = getattr(registry, "lookup", None)
    if callable(lookup):
        return lookup(name)
    rules = getattr(registry, "rules", {}) or {}
    return rules.get(name) or next((r for r in rules.values() if r.code == name), None)


def _applies(directive: _Directive, diag: Diagnostic) -> bool:
    if directive.kind == "file":
        return True
    if directive.kind == "pod":
        return diag.document == directive.document
    return diag.span.line == directive.target_line


def _suppressed(diag: Diagnostic, directives: list[_Directive], *, skip_unused_rule: bool) -> bool:
    hit = False
    for directive in directives:
        if not _applies(directive, diag):
            continue
        for token in directive.tokens:
            rule = token.rule
            if rule is None:
                continue
            if skip_unused_rule and rule.name == UNUSED_RULE:
                continue
            if rule.name == diag.name or rule.code == diag.code:
                token.used = True
                hit = True
    return hit


# ---- reporting suppressions that did nothing ------------------------------------------------------


def _where(directive: _Directive) -> str:
    if directive.kind == "file":
        return "in this file"
    if directive.kind == "pod":
        return "in this pod"
    return f"on line {directive.target_line}" if directive.target_line else "on the next line"


def _unused(
    directives: list[_Directive],
    by_name: dict[str, ActiveRule],
    registry: Any,
    path: str,
    entry: ActiveRule,
    text: str | None,
    *,
    own: bool,
) -> list[Diagnostic]:
    """Reports for directives that did nothing; ``own`` selects the tokens naming this very rule."""
    return list(_unused_iter(directives, by_name, registry, path, entry, text, own))


def _unused_iter(
    directives: list[_Directive],
    by_name: dict[str, ActiveRule],
    registry: Any,
    path: str,
    entry: ActiveRule,
    text: str | None,
    own: bool,
) -> Iterable[Diagnostic]:
    known = sorted(
        {
            *getattr(registry, "rules", {}),
            *(r.code for r in getattr(registry, "rules", {}).values()),
        }
    )
    for directive in directives:
        if directive.problem is not None:
            if own:
                continue
            yield _report(
                directive,
                entry,
                path,
                directive.problem,
                _help_remove(directive),
                _removal_fix(directive, None, text, safe=False),
            )
            continue
        for token in directive.tokens:
            rule = token.rule
            if token.used or own != (rule is not None and rule.name == UNUSED_RULE):
                continue
            if rule is None:
                import difflib  # only for a did-you-mean

                close = difflib.get_close_matches(token.text, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                message = f"unknown rule {token.text!r} in a podlint suppression{hint}"
                help_text = "Name rules as `podlint rules` lists them (name or code), or remove it."
            elif rule.name not in by_name:
                # Not "unused": another configuration (the organisation's CI, say) may enable the
                # rule, and there the suppression does its job.
                message = (
                    f"suppression names {rule.name} ({rule.code}), which is not enabled in this "
                    "configuration (non-enabled); keep it if another configuration, such as "
                    "CI's, enables the rule"
                )
                help_text = (
                    f"If no configuration enables `{rule.name}`, remove `{token.text}` from the "
                    "suppression (an unsafe fix: `--fix --unsafe-fixes`)."
                )
            else:
                message = (
                    f"unused suppression: {rule.name} ({rule.code}) reports nothing "
                    f"{_where(directive)}"
                )
                help_text = f"Remove `{token.text}` from the suppression; the finding is gone."
            yield _report(
                directive,
                entry,
                path,
                message,
                help_text,
                # A misspelt name meant to suppress something, or a rule enabled elsewhere:
                # removing it is the user's call.
                _removal_fix(
                    directive, token, text, safe=rule is not None and rule.name in by_name
                ),
            )


def _help_remove(directive: _Directive) -> str:
    if directive.kind == "pod":
        return f"Fix or remove the `{LABEL}` label."
    return "Fix or remove the comment."


def _report(
    directive: _Directive,
    entry: ActiveRule,
    path: str,
    message: str,
    help_text: str,
    fix: ResolvedFix | None,
) -> Diagnostic:
    return Diagnostic(
        file=path,
        code=entry.rule.code,
        name=entry.rule.name,
        severity=entry.severity,
        message=message,
        pointer=directive.pointer,
        span=directive.span,
        help=help_text,
        url=entry.rule.url(),
        fix=fix,
        document=directive.document,
    )


def _removal_fix(
    directive: _Directive, token: _Token | None, text: str | None, *, safe: bool = True
) -> ResolvedFix | None:
    """Remove ``token`` from its directive, or the whole directive when nothing in it is used."""
    if text is None:
        return None
    applicability: Literal["safe", "unsafe"] = "safe" if safe else "unsafe"
    used = [t for t in directive.tokens if t.used]
    if directive.kind == "pod":
        if directive.doc is None:
            return None
        from podlint.fixing import edits

        if token is None or not used:
            ops: tuple[FixOp, ...] = (FixOp("remove", LABEL_POINTER),)
        else:
            remaining = ",".join(t.text for t in directive.tokens if t is not token)
            ops = (FixOp("replace", LABEL_POINTER, remaining),)
        return edits.render_fix(
            directive.doc, text, Fix("remove the unused suppression", applicability, ops)
        )
    starts = _line_starts(text)
    if token is None or not used:
        start, end = directive.remove_start, directive.remove_end
        return ResolvedFix(
            "remove the unused podlint comment",
            applicability,
            (TextEdit(start, end, "", _span_of(starts, start, end)),),
        )
    if token.start is None or token.end is None:
        return None
    start, end = token.start, token.end
    # Take one neighbouring comma (and spaces) with the name, so the list stays well formed.
    after = re.match(r"\s*,\s*", text[end:])
    if after:
        end += after.end()
    else:
        before = re.search(r"\s*,\s*$", text[:start])
        if before:
            start = before.start()
    return ResolvedFix(
        f"remove {token.text} from the suppression",
        applicability,
        (TextEdit(start, end, "", _span_of(starts, start, end)),),
    )


def _span_of(starts: list[int], start: int, end: int) -> Span:
    import bisect

    line = bisect.bisect_right(starts, start)
    end_line = bisect.bisect_right(starts, end)
    return Span(line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)
