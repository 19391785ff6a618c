"""`podlint lsp` driven by a real LSP client: pytest-lsp, built on the same pygls as the server.

pytest-lsp checks every message against the capabilities the client announced (a server that sends
what a client cannot take fails the test), so each test runs with the capabilities recorded from
real editors: VS Code, Neovim 0.7 and 0.11, and Emacs 29 (eglot).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.workspace import PositionCodec, TextDocument
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.conftest import REPO

EDITORS = ["visual-studio-code", "neovim@v0.7.0", "neovim@v0.11.0", "emacs@v29.1"]

# The health check names `htp`; the container declares `http`. The label before it on the same line
# holds an astral character (two UTF-16 code units) and an accented one (one unit, two UTF-8 bytes),
# so a column counted in code points or in bytes lands elsewhere.
POD_YAML = """\
id: /web
containers:
  - name: app
    resources: {cpus: 1, mem: 128}
    image: {kind: DOCKER, id: nginx}
    endpoints:
      - {name: http, containerPort: 80, protocol: [tcp]}
    healthCheck: {http: {path: "/caf\u00e9\U0001f600", endpoint: htp}}
networks:
  - mode: container/bridge
"""
FINDING_LINE = 7

POD_JSON = """{
  "id": "/web",
  "containers": [
    {
      "name": "app",
      "resources": {"cpus": 1, "mem": 128},
      "image": {"kind": "DOCKER", "id": "nginx"},
      "endpoints": [{"name": "http", "containerPort": 80, "protocol": ["tcp"]}]
    }
  ],
  "networks": [{"mode": "container/bridge"}]
}
"""


class RecordingClient(LanguageClient):
    """pytest-lsp's client, also keeping every publishDiagnostics with its document version and
    the position encoding the server chose."""

    published: list[types.PublishDiagnosticsParams]
    encoding: str


def _make_client() -> LanguageClient:
    client = RecordingClient(converter_factory=pytest_lsp.client.default_converter)
    client.published = []

    def record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "podlint", "lsp"], client_factory=_make_client
)


async def _initialize(client: LanguageClient, editor: str, root: Path) -> None:
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="pods")],
        )
    )
    assert result.server_info is not None
    assert result.server_info.name == "podlint"
    # The server takes the client's first choice of position encoding; UTF-16 when it offers none.
    offered = client.capabilities and client.capabilities.general
    wanted = ((offered and offered.position_encodings) or ["utf-16"])[0]
    assert result.capabilities.position_encoding == wanted
    assert isinstance(client, RecordingClient)
    client.encoding = wanted


async def _shutdown(client: LanguageClient) -> None:
    server = client._server
    if server is not None and server.returncode is None:
        await client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client with VS Code's capabilities."""
    await _initialize(lsp_client, "visual-studio-code", tmp_path)
    yield
    await _shutdown(lsp_client)


@pytest_lsp.fixture(config=SERVER, params=EDITORS)
async def editor(
    lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[None]:
    """A client with the capabilities of each editor in turn."""
    await _initialize(lsp_client, request.param, tmp_path)
    yield
    await _shutdown(lsp_client)


async def _published(
    client: LanguageClient, uri: str, version: int | None, timeout: float = 20.0, after: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` at ``version`` (among the messages from ``after`` on)."""
    assert isinstance(client, RecordingClient)
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in client.published[after:]:
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            seen = [(p.uri, p.version) for p in client.published]
            raise AssertionError(f"no diagnostics for {uri} version {version}; got {seen}")
        await asyncio.sleep(0.02)


def _open(client: LanguageClient, path: Path, text: str, language: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _apply(client: LanguageClient, text: str, uri: str, edit: types.WorkspaceEdit | None) -> str:
    """Apply a workspace edit as an editor does, in the columns of the negotiated encoding."""
    assert edit is not None
    edits: list[Any] = []
    if edit.document_changes:
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            edits.extend(change.edits)
    else:
        assert edit.changes is not None
        edits.extend(edit.changes[uri])
    assert isinstance(client, RecordingClient)
    document = TextDocument(uri, text, position_codec=PositionCodec(client.encoding))
    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        document.apply_change(
            types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
        )
    return document.source


def _column(client: LanguageClient, text: str) -> int:
    """The length of ``text`` in the negotiated encoding's code units."""
    assert isinstance(client, RecordingClient)
    if client.encoding == "utf-8":
        return len(text.encode("utf-8"))
    if client.encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_diagnostics_on_open_in_the_clients_columns(
    editor: LanguageClient, tmp_path: Path
) -> None:
    """UTF-16 for VS Code, Neovim 0.7 and Emacs; UTF-8, which it prefers, for Neovim 0.11."""
    client = editor
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    (finding,) = await _published(client, uri, 1)
    line = POD_YAML.splitlines()[FINDING_LINE]
    start = line.index("htp")
    assert finding.code == "PL301"
    assert finding.source == "podlint"
    assert finding.severity == types.DiagnosticSeverity.Error
    assert finding.range == types.Range(
        start=types.Position(FINDING_LINE, _column(client, line[:start])),
        end=types.Position(FINDING_LINE, _column(client, line[: start + 3])),
    )
    # UTF-16 counts the emoji twice; UTF-8 counts the é twice and the emoji four times.
    expected = {"utf-16": start + 1, "utf-8": start + 4, "utf-32": start}
    assert isinstance(client, RecordingClient)
    assert finding.range.start.character == expected[client.encoding]
    assert finding.code_description is not None
    assert finding.code_description.href.endswith("#health-check-endpoint")


@pytest.mark.asyncio
async def test_diagnostics_follow_changes(client: LanguageClient, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "web.json", POD_JSON, "json")
    assert await _published(client, uri, 1) == []
    broken = POD_JSON.replace('"id": "/web"', '"id": "web"')
    _change(client, uri, 2, broken)
    (finding,) = await _published(client, uri, 2)
    assert finding.code == "PL201"
    assert finding.range.start == types.Position(1, 8)
    _change(client, uri, 3, POD_JSON)
    assert await _published(client, uri, 3) == []


@pytest.mark.asyncio
async def test_quick_fix_fixes(editor: LanguageClient, tmp_path: Path) -> None:
    """Each editor gets edits it can apply (Neovim 0.7 takes no versioned document changes)."""
    client = editor
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    (finding,) = await _published(client, uri, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    (fix,) = [
        a
        for a in actions
        if isinstance(a, types.CodeAction) and "http" in a.title and "Disable" not in a.title
    ]
    assert fix.kind == types.CodeActionKind.QuickFix, titles
    fixed = _apply(client, POD_YAML, uri, fix.edit)
    assert fixed == POD_YAML.replace("endpoint: htp", "endpoint: http")
    _change(client, uri, 2, fixed)
    assert await _published(client, uri, 2) == []


@pytest.mark.asyncio
async def test_fix_all_source_action(client: LanguageClient, tmp_path: Path) -> None:
    broken = POD_JSON.replace('"id": "/web"', '"id": "web"').replace('["tcp"]', '"tcp"')
    uri = _open(client, tmp_path / "web.json", broken, "json")
    assert {d.code for d in await _published(client, uri, 1)} == {"PL201", "PL101"}
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert actions is not None
    (fix_all,) = actions
    assert isinstance(fix_all, types.CodeAction)
    assert fix_all.kind == "source.fixAll.podlint"
    assert _apply(client, broken, uri, fix_all.edit) == POD_JSON


@pytest.mark.asyncio
async def test_a_file_that_is_not_a_pod_stays_silent(
    client: LanguageClient, tmp_path: Path
) -> None:
    package = (REPO / "editors" / "vscode" / "package.json").read_text("utf-8")
    uri = _open(client, tmp_path / "package.json", package, "json")
    assert await _published(client, uri, 1) == []
    compose = "services:\n  web:\n    image: nginx\n"
    other = _open(client, tmp_path / "compose.yaml", compose, "yaml")
    assert await _published(client, other, 1) == []
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(1, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not actions
    assert client.messages == []


@pytest.mark.asyncio
async def test_configuration_changed_on_disk_relints(
    client: LanguageClient, tmp_path: Path
) -> None:
    """VS Code reports a changed pyproject.toml with didChangeWatchedFiles, never with didSave."""
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    (finding,) = await _published(client, uri, 1)
    assert finding.code == "PL301"
    assert isinstance(client, RecordingClient)
    seen = len(client.published)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.podlint.rules]\nhealth-check-endpoint = {severity = "off"}\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert await _published(client, uri, 1, after=seen) == []


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_the_server(client: LanguageClient, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    await _published(client, uri, 1)
    await client.shutdown_session()
    server = client._server
    assert server is not None
    assert await asyncio.wait_for(server.wait(), 10) == 0
