"""``--format text`` (the default): each finding with its source line, a caret underline and help.

Modelled on ruff's and actionlint's full output::

    pods/web.json:14:23: error PL301 health check probes endpoint `htp`, … (health-check-endpoint)
       |
    14 |         "http": {"endpoint": "htp", "path": "/ping"}
       |                              ^^^^^
       = help: did you mean `http`?
"""

from __future__ import annotations

from collections import Counter

from podlint.diagnostics import Diagnostic, Severity
from podlint.formatters.base import Formatter
from podlint.formatters.terminal import inline, snippet_line
from podlint.results import Report

_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD, _DIM, _BLUE, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[1;34m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class TextFormatter(Formatter):
    name = "text"
    description = "human-readable findings with source snippets (default)"
    quiet = False
    statistics = False
    # The last text split into lines, with its lines.
    _split: tuple[str, list[str]] | None = None

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    streams = True

    @property
    def needs_source(self) -> bool:
        return self.show_source

    def format(self, report: Report) -> str:
        return self.format_streamed(report)

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        out = [self._header(diagnostic)]
        if self.show_source:
            out.extend(self._snippet(diagnostic, source))
        if diagnostic.help:
            out.append(f"   {self._c(_BLUE, '=')} help: {inline(diagnostic.help)}")
        if self.show_source or diagnostic.help:
            out.append("")
        return "\n".join(out) + "\n"

    def tail(self, report: Report) -> str:
        out: list[str] = []
        if self.statistics:
            out.extend(self._statistics(report.diagnostics))
        if not self.quiet:
            out.append(self._summary(report))
        return "".join(line + "\n" for line in out)

    def _header(self, d: Diagnostic) -> str:
        location = self._c(_BOLD, f"{inline(d.file)}:{d.span.line}:{d.span.column}:")
        severity = self._c(_COLORS[d.severity], d.severity.value)
        code, message, name = inline(d.code), inline(d.message), inline(d.name)
        return (
            f"{location} {severity} {self._c(_BOLD, code)} {message} {self._c(_DIM, f'({name})')}"
        )

    def _lines(self, text: str) -> list[str]:
        # A file's findings come one after another with the same text: split it once.
        if self._split is not None and self._split[0] is text:
            return self._split[1]
        lines = text.splitlines()
        self._split = (text, lines)
        return lines

    def _snippet(self, d: Diagnostic, text: str | None) -> list[str]:
        if text is None:
            return []
        lines = self._lines(text)
        if not 1 <= d.span.line <= len(lines):
            return []
        line = snippet_line(lines[d.span.line - 1])
        if len(line) > 200:  # minified JSON: show the part around the finding
            start = max(0, d.span.column - 60)
            shown = line[start : start + 140]
            col = d.span.column - start
        else:
            shown, col = line, d.span.column
        end_col = d.span.end_column if d.span.end_line == d.span.line else len(shown) + 1
        width = max(1, min(end_col, len(shown) + 1) - col)
        gutter = " " * len(str(d.span.line))
        bar = self._c(_BLUE, "|")
        carets = self._c(_COLORS[d.severity], "^" * width)
        return [
            f"{gutter} {bar}",
            f"{self._c(_BLUE, str(d.span.line))} {bar} {shown}",
            f"{gutter} {bar} {' ' * (col - 1)}{carets}",
        ]

    def _statistics(self, diagnostics: list[Diagnostic]) -> list[str]:
        counts = Counter((d.code, d.name) for d in diagnostics)
        return [
            f"{n:6d}  {inline(code)}  {inline(name)}" for (code, name), n in counts.most_common()
        ] + [""]

    def _summary(self, report: Report) -> str:
        s = report.summary
        total = s.errors + s.warnings + s.infos
        checked = _plural(s.files, "file")
        extra = []
        if s.skipped:
            extra.append(f"{s.skipped} skipped as not pods")
        if s.suppressed:
            extra.append(f"{s.suppressed} suppressed")
        if s.baselined:
            extra.append(f"{s.baselined} known in the baseline")
        if s.fixed:
            extra.append(f"{s.fixed} fix{'' if s.fixed == 1 else 'es'} applied")
        tail = f" ({', '.join(extra)})" if extra else ""
        if total == 0:
            return self._c(_BOLD, f"All good: {checked} checked, no problems found{tail}.")
        parts = []
        for n, word in ((s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")):
            if n:
                parts.append(_plural(n, word) if word != "info" else f"{n} info")
        fixable = ""
        safe = s.fixable - s.unsafe_fixable
        if safe:
            fixable += f"\n{safe} fixable with `podlint check --fix`."
        if s.unsafe_fixable:
            more = " more" if safe else ""
            fixable += (
                f"\n{s.unsafe_fixable}{more} fixable with `podlint check --fix --unsafe-fixes` "
                "(review them: they change what Marathon does)."
            )
        return (
            self._c(
                _BOLD, f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {checked}{tail}."
            )
            + fixable
        )
