"""``podlint lsp``: a language server over standard input/output for JSON and YAML pod files.

What an editor gets:

* diagnostics when a document is opened or saved, and 300 ms after the last change while typing,
  with exact ranges and the rule code linking to its documentation;
* quick fixes for every fix a finding carries (safe ones marked preferred), in YAML a quick fix that
  adds ``# podlint: disable=<rule>`` at the end of the line, and a ``source.fixAll.podlint`` action
  that applies every safe fix (what ``podlint check --fix`` would do);
* configuration found per document exactly as on the command line (``.podlint.yaml`` or
  ``pyproject.toml`` from the document's folder upwards); saving one of them re-lints open documents.

Documents that are not pods produce nothing (no ``not-a-pod``: every JSON file would get it).

Linting runs on one worker thread so the server keeps answering while a large file is linted; a
result that arrives for an outdated version of a document is dropped.

Positions: podlint spans are 1-based with code-point columns; LSP positions are 0-based with columns
in the negotiated encoding (UTF-16 code units unless the client offers another).
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path, uri_scheme

from podlint import __version__
from podlint.diagnostics import Diagnostic, Severity, Span, TextEdit

DEBOUNCE_SECONDS = 0.3
SOURCE = "podlint"
# Findings an editor must not show: a JSON or YAML file that is not a pod is not a problem there.
HIDDEN_RULES = frozenset({"not-a-pod"})
CONFIG_FILES = frozenset({".podlint.yaml", ".podlint.yml", "pyproject.toml"})
FIX_ALL_KIND = "source.fixAll.podlint"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DISABLE_COMMENT = re.compile(r"#\s*podlint:\s*disable=[\w\-]+(?:\s*,\s*[\w\-]+)*")


# ---- positions ------------------------------------------------------------------------------------


class PositionConverter:
    """podlint spans (1-based, code points) <-> LSP positions (0-based, the client's code units)."""

    def __init__(self, text: str, encoding: str | None) -> None:
        self.lines = _LINE_BREAK.split(text)
        self.encoding = encoding or lsp.PositionEncodingKind.Utf16

    def units(self, prefix: str) -> int:
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(prefix)
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(prefix.encode("utf-8", "surrogatepass"))
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, line: int, column: int) -> lsp.Position:
        """The LSP position of 1-based ``line``/``column`` (clamped into the text)."""
        index = min(max(line, 1), len(self.lines)) - 1
        text = self.lines[index]
        if line > len(self.lines):
            return lsp.Position(index, self.units(text))
        return lsp.Position(index, self.units(text[: max(column - 1, 0)]))

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(
            self.position(span.line, span.column), self.position(span.end_line, span.end_column)
        )

    def line_end(self, line: int) -> lsp.Position:
        """The end of 0-based ``line`` (before its line break)."""
        return lsp.Position(line, self.units(self.lines[line]))


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    start_a, end_a = (a.start.line, a.start.character), (a.end.line, a.end.character)
    start_b, end_b = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return start_a <= end_b and start_b <= end_a


# ---- the server -----------------------------------------------------------------------------------


@dataclass
class LintedDocument:
    """The findings of one version of one open document."""

    uri: str
    version: int | None
    text: str
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


class PodlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("podlint", __version__)
        self.linted: dict[str, LintedDocument] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # One worker: lints run in order, off the event loop, and share one engine.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="podlint-lint")
        self.options: dict[str, Any] = {}
        self._engine: tuple[Any, Any, Any] | None = None  # (registry, linter, resolver)
        self._shown_errors: set[str] = set()
        self._outbox: list[tuple[lsp.MessageType, str]] = []
        self._head: Any = None  # podlint.previous.head.HeadVersions, made on first lint

    # -- the engine (built and used on the worker thread only) ----------------------------------

    def engine(self) -> tuple[Any, Any, Any]:
        if self._engine is None:
            from podlint.config.discovery import ConfigResolver
            from podlint.engine import Linter
            from podlint.plugins import make_plugin_manager

            _, registry = make_plugin_manager()
            resolver = ConfigResolver(
                registry,
                config_file=self.options.get("config"),
                overrides=dict(self.options.get("settings") or {}),
                isolated=bool(self.options.get("isolated")),
            )
            self._engine = (registry, Linter(registry), resolver)
        return self._engine

    def reset_engine(self) -> None:
        """Configuration changed: read it again on the next lint."""
        self.worker.submit(self._drop_engine)

    def _drop_engine(self) -> None:
        self._engine = None

    def path_for(self, uri: str, language_id: str | None) -> str:
        if uri_scheme(uri) == "file":
            path = to_fs_path(uri)
            if path:
                return path
        # An unsaved buffer: name it by its language so the loader reads the right format, in the
        # workspace folder so its configuration applies.
        root = self.workspace.root_path or os.getcwd()
        ext = "yaml" if (language_id or "").startswith("yaml") else "json"
        return os.path.join(root, f"untitled.{ext}")

    def lint_sync(self, uri: str, version: int | None, text: str, path: str) -> LintedDocument:
        """Lint on the worker thread; configuration problems become one message, not a crash."""
        from podlint.config.settings import SettingsError

        linted = LintedDocument(uri, version, text, path)
        try:
            _, linter, resolver = self.engine()
            settings = resolver.settings_for(path)
            data = text.encode("utf-8")
            # Update rules: the buffer against the file at HEAD, when the workspace is in git.
            linter.previous = self.previous_version(path, data)
            try:
                result = linter.lint_bytes(data, path, settings, explicit=False)
            finally:
                linter.previous = None
        except (SettingsError, OSError) as exc:
            self._report_once(f"podlint: configuration for {path}: {exc}", lsp.MessageType.Error)
            return linted
        except Exception as exc:  # a bug must not take the editor's server down
            self._report_once(
                f"podlint: internal error while linting {path}: {type(exc).__name__}: {exc}",
                lsp.MessageType.Error,
            )
            return linted
        linted.diagnostics = [d for d in result.diagnostics if d.name not in HIDDEN_RULES]
        return linted

    def previous_version(self, path: str, data: bytes) -> Any:
        if self._head is None:
            from podlint.previous.head import HeadVersions

            self._head = HeadVersions()
        return self._head.for_buffer(path, data)

    def _report_once(self, message: str, kind: lsp.MessageType) -> None:
        # Called on the worker thread: queue it; the event loop sends it (see flush_messages).
        if message not in self._shown_errors:
            self._shown_errors.add(message)
            self._outbox.append((kind, message))

    def flush_messages(self) -> None:
        while self._outbox:
            kind, message = self._outbox.pop(0)
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    # -- scheduling (event loop) -----------------------------------------------------------------

    def open_document(self, uri: str) -> Any:
        return self.workspace.text_documents.get(unquote(uri))

    def schedule(self, uri: str, delay: float) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        task = asyncio.current_task()
        try:
            if delay:
                await asyncio.sleep(delay)
            linted = await self.lint_current(uri)
            if linted is not None:
                self.publish(linted)
        except asyncio.CancelledError:
            pass
        finally:
            if self.pending.get(uri) is task:
                del self.pending[uri]

    async def lint_current(self, uri: str) -> LintedDocument | None:
        """The findings of the document's current version (linted now unless known)."""
        doc = self.open_document(uri)
        if doc is None:
            return None
        known = self.linted.get(uri)
        if known is not None and known.version == doc.version and known.text == doc.source:
            return known
        text, version = doc.source, doc.version
        path = self.path_for(uri, doc.language_id)
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self.worker, self.lint_sync, uri, version, text, path)
        self.flush_messages()
        current = self.open_document(uri)
        if current is None or current.version != version or current.source != text:
            return None  # edited meanwhile: a newer lint is on its way
        self.linted[uri] = linted
        return linted

    def publish(self, linted: LintedDocument) -> None:
        converter = self.converter(linted.text)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=linted.uri,
                version=linted.version,
                diagnostics=[self.to_lsp(d, converter) for d in linted.diagnostics],
            )
        )

    def clear(self, uri: str) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    # -- conversions -------------------------------------------------------------------------------

    def converter(self, text: str) -> PositionConverter:
        return PositionConverter(text, self.workspace.position_encoding)

    @staticmethod
    def to_lsp(d: Diagnostic, converter: PositionConverter) -> lsp.Diagnostic:
        message = d.message if not d.help else f"{d.message}\nhelp: {d.help}"
        return lsp.Diagnostic(
            range=converter.range(d.span),
            message=message,
            severity=_SEVERITY[d.severity],
            code=d.code,
            code_description=lsp.CodeDescription(href=d.url) if d.url else None,
            source=SOURCE,
            data={"name": d.name, "pointer": d.pointer},
        )

    def workspace_edit(
        self, uri: str, version: int | None, edits: Sequence[lsp.TextEdit]
    ) -> lsp.WorkspaceEdit:
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        if versioned:
            # The client refuses the edit when the document changed since it was computed.
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        edits=list(edits),
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={uri: list(edits)})

    @staticmethod
    def text_edits(edits: Sequence[TextEdit], converter: PositionConverter) -> list[lsp.TextEdit]:
        return [lsp.TextEdit(range=converter.range(e.span), new_text=e.replacement) for e in edits]

    # -- code actions ------------------------------------------------------------------------------

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        linted = await self.lint_current(uri)
        if linted is None:
            return []
        only = params.context.only
        converter = self.converter(linted.text)
        actions: list[lsp.CodeAction] = []
        if _wanted(lsp.CodeActionKind.QuickFix, only):
            for d in linted.diagnostics:
                lsp_diag = self.to_lsp(d, converter)
                if not _overlaps(lsp_diag.range, params.range):
                    continue
                if d.fix is not None and d.fix.edits:
                    unsafe = d.fix.applicability == "unsafe"
                    actions.append(
                        lsp.CodeAction(
                            title=f"{d.fix.description} ({d.code}"
                            + (", unsafe: check the result)" if unsafe else ")"),
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[lsp_diag],
                            is_preferred=not unsafe,
                            edit=self.workspace_edit(
                                uri, linted.version, self.text_edits(d.fix.edits, converter)
                            ),
                        )
                    )
                if linted.path.endswith((".yaml", ".yml")) or _looks_yaml(linted.text):
                    actions.append(self._disable_action(d, lsp_diag, linted, converter))
        if _wanted(FIX_ALL_KIND, only) and only is not None:
            fix_all = await self._fix_all_action(linted, converter)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def _disable_action(
        self,
        d: Diagnostic,
        lsp_diag: lsp.Diagnostic,
        linted: LintedDocument,
        converter: PositionConverter,
    ) -> lsp.CodeAction:
        line = lsp_diag.range.start.line
        text = converter.lines[line]
        existing = _DISABLE_COMMENT.search(text)
        if existing is not None:
            # Extend the comment already there: "# podlint: disable=a" -> "# podlint: disable=a,b".
            at = lsp.Position(line, converter.units(text[: existing.end()]))
            edit = lsp.TextEdit(range=lsp.Range(at, at), new_text=f",{d.name}")
        else:
            at = converter.line_end(line)
            edit = lsp.TextEdit(range=lsp.Range(at, at), new_text=f"  # podlint: disable={d.name}")
        return lsp.CodeAction(
            title=f"Disable {d.name} ({d.code}) for this line",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[lsp_diag],
            edit=self.workspace_edit(linted.uri, linted.version, [edit]),
        )

    async def _fix_all_action(
        self, linted: LintedDocument, converter: PositionConverter
    ) -> lsp.CodeAction | None:
        from podlint.fixing.apply import applicable

        if not any(applicable(d.fix, unsafe=False) for d in linted.diagnostics):
            return None
        loop = asyncio.get_running_loop()
        new_text = await loop.run_in_executor(self.worker, self._fix_all_sync, linted)
        self.flush_messages()
        if new_text is None or new_text == linted.text:
            return None
        from podlint.loader.lines import LineIndex

        start, old_end, new_end = changed_lines(linted.text, new_text)
        span = LineIndex(linted.text).span(start, old_end)
        edit = lsp.TextEdit(range=converter.range(span), new_text=new_text[start:new_end])
        return lsp.CodeAction(
            title="podlint: apply all safe fixes",
            kind=FIX_ALL_KIND,
            edit=self.workspace_edit(linted.uri, linted.version, [edit]),
        )

    def _fix_all_sync(self, linted: LintedDocument) -> str | None:
        from podlint.fixing.apply import fix_text

        try:
            _, linter, resolver = self.engine()
            settings = resolver.settings_for(linted.path)
            return fix_text(linter, linted.text, linted.path, settings, unsafe=False).text
        except Exception as exc:
            self._report_once(f"podlint: could not apply fixes: {exc}", lsp.MessageType.Warning)
            return None

    def stop(self) -> None:
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.worker.shutdown(wait=False, cancel_futures=True)


def changed_lines(old: str, new: str) -> tuple[int, int, int]:
    """The whole lines that differ: (start, end in ``old``, end in ``new``).

    One edit over the changed region keeps the editor's folds, marks and cursor elsewhere; whole
    lines keep the edit from starting between the CR and LF of a line break.
    """
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    prefix = old.rfind("\n", 0, prefix) + 1
    suffix = 0
    limit -= prefix
    while suffix < limit and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    while suffix and old[len(old) - suffix - 1] != "\n":
        suffix -= 1
    return prefix, len(old) - suffix, len(new) - suffix


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Code action kinds are hierarchical: asking for ``source`` includes ``source.fixAll.x``."""
    if only is None:
        return True
    return any(kind == o or kind.startswith(o + ".") for o in only)


def _looks_yaml(text: str) -> bool:
    return not text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


# ---- wiring ---------------------------------------------------------------------------------------


def _is_config(uri: str) -> bool:
    return os.path.basename(to_fs_path(uri) or "") in CONFIG_FILES


def _reload_configuration(ls: PodlintServer) -> None:
    ls.reset_engine()
    ls.linted.clear()
    for open_uri in list(ls.workspace.text_documents):
        ls.schedule(open_uri, 0)


def build_server() -> PodlintServer:
    server = PodlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: PodlintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            ls.options = options

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PodlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PodlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: PodlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            _reload_configuration(ls)
            return
        ls.schedule(uri, 0)

    # VS Code's client (and others) report configuration files changed on disk, including
    # pyproject.toml, which is never open as a JSON or YAML document.
    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: PodlintServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            _reload_configuration(ls)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PodlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(ls: PodlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return await ls.code_actions(params)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: PodlintServer, *_: Any) -> None:
        ls.stop()

    return server


def serve() -> int:
    """Run the language server on standard input/output until the client says exit."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Standard output carries the protocol; anything printed by accident goes to standard error.
    sys.stdout = sys.stderr
    server = build_server()
    try:
        server.start_io(stdin, stdout)
    finally:
        server.stop()
    # LSP: exit code 0 after a shutdown request, 1 when the client exits without one.
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
