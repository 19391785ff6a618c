"""``podlint check --fix`` / ``--diff``: apply the rendered fixes to files, round after round.

Edits are applied to the original text, so every byte outside the edited spans (comments, key order,
quoting, indentation, blank lines, CRLF line ends, a byte-order mark) stays as it was. After each round
the file is linted again, since one fix can make another finding appear or disappear; rounds stop when
no fix applies any more, or after :data:`MAX_ROUNDS`.

Standard input: ``--fix`` prints the fixed text (the whole document, changed or not) on standard
output, as ruff does, and the report goes to standard error; ``--diff`` prints the diff.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from podlint.diagnostics import Diagnostic, ResolvedFix, TextEdit
from podlint.engine import Linter
from podlint.plugins import Registry
from podlint.results import FileResult

# One fix can uncover another (a removed duplicate lets a second fix render); ten rounds is plenty,
# and bounds a pair of rules that would undo each other's fixes.
MAX_ROUNDS = 10

_UTF8_BOM = b"\xef\xbb\xbf"


# ---- pure helpers, shared with the language server ------------------------------------------------


def applicable(fix: ResolvedFix | None, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.applicability == "safe" or unsafe)


def _overlaps(edit: TextEdit, taken: Sequence[TextEdit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        # Two insertions at one point, or an insertion at the edge of a replaced range: the order
        # of the two texts would be a guess.
        if edit.start == other.start and (edit.start == edit.end or other.start == other.end):
            return True
    return False


def choose_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool) -> tuple[list[ResolvedFix], int]:
    """The fixes to apply in one round: in diagnostic order, each one whose edits overlap no edit
    already chosen (the rest wait for the next round). Also returns how many were deferred."""
    chosen: list[ResolvedFix] = []
    taken: list[TextEdit] = []
    deferred = 0
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    for d in sorted(diagnostics):
        fix = d.fix
        if fix is None or not applicable(fix, unsafe):
            continue
        key = tuple((e.start, e.end, e.replacement) for e in fix.edits)
        if key in seen:
            continue  # two findings offering the very same change: apply it once
        if any(_overlaps(e, taken) for e in fix.edits):
            deferred += 1
            continue
        seen.add(key)
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen, deferred


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (offsets refer to ``text``)."""
    out: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit at offset {edit.start}")
        out.append(text[position : edit.start])
        out.append(edit.replacement)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff of two texts, ``patch -p0`` style, marking a missing final newline."""
    lines = difflib.unified_diff(
        _split_lines(old), _split_lines(new), fromfile=path, tofile=path, lineterm="\n"
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _split_lines(text: str) -> list[str]:
    # Only LF ends a line here (CR stays in the line, as in git): str.splitlines would also split at
    # U+2028 and form feeds inside values and make a diff that does not apply.
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


# ---- the --fix / --diff driver ----------------------------------------------------------------


@dataclass
class FixOutcome:
    """What fixing one text did: the final text and lint result, and how many fixes went in."""

    text: str
    result: FileResult
    applied: int = 0
    rounds: int = 0
    notes: list[str] = field(default_factory=list)


def fix_text(
    linter: Linter,
    text: str,
    path: str,
    settings: Any,
    *,
    unsafe: bool,
    first: FileResult | None = None,
) -> FixOutcome:
    """Lint and fix ``text`` until no fix applies (at most :data:`MAX_ROUNDS` rounds)."""
    result = first if first is not None else _lint(linter, text, path, settings)
    outcome = FixOutcome(text, result)
    seen = {text}
    for _ in range(MAX_ROUNDS):
        if _has_syntax_error(linter, outcome.text, path, settings):
            outcome.notes.append("not fixed: the file has a syntax error; fix that first")
            break
        chosen, _ = choose_fixes(outcome.result.diagnostics, unsafe)
        if not chosen:
            break
        new_text = apply_edits(outcome.text, [e for f in chosen for e in f.edits])
        if new_text in seen:
            # The fixes lead back to an earlier text: two rules undo each other. Stop here.
            outcome.notes.append("stopped: the remaining fixes undo each other")
            break
        seen.add(new_text)
        outcome.text = new_text
        outcome.applied += len(chosen)
        outcome.rounds += 1
        outcome.result = _lint(linter, new_text, path, settings)
    else:
        if choose_fixes(outcome.result.diagnostics, unsafe)[0]:
            outcome.notes.append(f"stopped after {MAX_ROUNDS} rounds of fixes; run --fix again")
    return outcome


def _lint(linter: Linter, text: str, path: str, settings: Any) -> FileResult:
    return linter.lint_bytes(text.encode("utf-8"), path, settings, explicit=True)


def _has_syntax_error(linter: Linter, text: str, path: str, settings: Any) -> bool:
    """Whether the loader had to recover from a syntax error (whatever the rule selection says)."""
    loaded = linter.loader(text.encode("utf-8"), path, settings.max_file_size)
    if loaded.text is None:
        return True
    return any(p.rule == "syntax-error" for p in loaded.problems) or any(
        d.recovered for d in loaded.documents
    )


def apply_fixes(
    results: list[FileResult], registry: Registry, resolver: Any, args: Any
) -> tuple[list[FileResult], int]:
    """Apply fixes for ``--fix`` (write files) or ``--diff`` (print a diff, write nothing).

    Returns the results to report (for ``--fix``, what remains after fixing; for ``--diff``, the
    files as they are) and the number of fixes applied.
    """
    unsafe = bool(getattr(args, "unsafe_fixes", False))
    diff_only = bool(getattr(args, "diff", False))
    stdin = list(getattr(args, "paths", None) or []) == ["-"]
    linter = Linter(registry)
    roots = _linted_roots(list(getattr(args, "paths", None) or ["."]))
    out: list[FileResult] = []
    applied = 0
    would = 0
    if not diff_only and not stdin:
        from podlint.fixing.in_place import recover

        folders = {os.path.dirname(os.path.abspath(r.path)) for r in results if r.path[:1] != "<"}
        for note in recover(sorted(folders)):
            print(f"podlint: {note}", file=sys.stderr)
    for result in results:
        if stdin:
            fixed, count = _fix_stdin(
                linter, result, resolver, unsafe, diff_only, getattr(args, "stdin_buffer", None)
            )
            out.append(result if diff_only else fixed)
            applied += 0 if diff_only else count
            would += count
            if not diff_only:
                # The fixed text owns standard output; the report goes to standard error.
                args.report_to_stderr = True
            continue
        if result.skipped or result.path.startswith("<") or result.text is None:
            out.append(result)
            continue
        if not any(applicable(d.fix, unsafe) for d in result.diagnostics):
            out.append(result)
            continue
        fixed, count = _fix_file(linter, result, resolver, unsafe, diff_only, roots)
        out.append(fixed)
        applied += 0 if diff_only else count
        would += count
    if diff_only and would:
        print(f"podlint: {would} fix(es) would be applied (--diff writes nothing)", file=sys.stderr)
    return out, applied


def _fix_stdin(
    linter: Linter,
    result: FileResult,
    resolver: Any,
    unsafe: bool,
    diff_only: bool,
    buffer: Any = None,
) -> tuple[FileResult, int]:
    text = result.text
    if text is None:
        return result, 0
    settings = resolver.settings_for(result.path)
    outcome = fix_text(linter, text, result.path, settings, unsafe=unsafe, first=result)
    _print_notes(result.path, outcome.notes)
    if diff_only:
        sys.stdout.write(unified_diff(text, outcome.text, result.path))
        sys.stdout.flush()
    elif buffer is not None:
        # Bytes, not text: the buffer's encoding and byte-order mark come back as they went in.
        bom = _UTF8_BOM if buffer.data.startswith(_UTF8_BOM) else b""
        buffer.answer(bom + outcome.text.encode("utf-8"))
    else:
        sys.stdout.write(outcome.text)
        sys.stdout.flush()
    return outcome.result, outcome.applied


def _fix_file(
    linter: Linter,
    result: FileResult,
    resolver: Any,
    unsafe: bool,
    diff_only: bool,
    roots: list[str],
) -> tuple[FileResult, int]:
    path = result.path
    settings = resolver.settings_for(path)
    if not diff_only:
        refused = _refuse_write(path, roots)
        if refused:
            _warn(path, f"not fixed: {refused}")
            return result, 0
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        _warn(path, f"not fixed: cannot read it again: {exc.strerror or exc}")
        return result, 0
    bom = data.startswith(_UTF8_BOM)
    try:
        text = data[len(_UTF8_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        return result, 0
    # The file may have changed between linting and now: then lint what is there.
    first = result if text == result.text else None
    outcome = fix_text(linter, text, path, settings, unsafe=unsafe, first=first)
    _print_notes(path, outcome.notes)
    if outcome.text == text:
        return outcome.result, 0
    if diff_only:
        sys.stdout.write(unified_diff(text, outcome.text, path))
        sys.stdout.flush()
        return _for_report(first or _lint(linter, text, path, settings), text), outcome.applied
    new_data = (_UTF8_BOM if bom else b"") + outcome.text.encode("utf-8")
    if not _write_if_unchanged(path, data, new_data):
        return _for_report(first or _lint(linter, text, path, settings), text), 0
    return _for_report(outcome.result, outcome.text), outcome.applied


def _for_report(result: FileResult, text: str) -> FileResult:
    result.text = text if result.diagnostics else None
    return result


def _write_if_unchanged(path: str, original: bytes, new_data: bytes) -> bool:
    """Rewrite the file in place, unless it changed since it was read (an editor saved it, say)."""
    from podlint.fixing.in_place import FixRefused, rewrite

    try:
        rewrite(path, original, new_data)
    except FixRefused as exc:
        _warn(path, f"not fixed: {exc}")
        return False
    except OSError as exc:
        _warn(path, f"not fixed: cannot write it: {exc.strerror or exc}")
        return False
    return True


def _linted_roots(paths: list[str]) -> list[str]:
    """The real folders being linted: a folder argument itself, a file argument's folder."""
    roots = []
    for p in paths:
        folder = p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
        roots.append(os.path.realpath(folder))
    return roots


def _refuse_write(path: str, roots: list[str]) -> str | None:
    """Why ``path`` must not be written, or None: a link out of the linted folders is left alone."""
    real = os.path.realpath(path)
    for root in roots:
        try:
            if os.path.commonpath([real, root]) == root:
                return None
        except ValueError:  # different drives
            continue
    return f"it is a symbolic link to {real}, outside the folders being linted"


def _print_notes(path: str, notes: list[str]) -> None:
    for note in notes:
        _warn(path, note)


def _warn(path: str, message: str) -> None:
    print(f"podlint: {path}: {message}", file=sys.stderr)
