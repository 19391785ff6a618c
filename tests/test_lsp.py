"""`podlint lsp` driven as an editor drives it: a subprocess speaking framed JSON-RPC on stdio."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Message = dict[str, Any]


class LspClient:
    """Spawns ``python -m podlint lsp`` and speaks Content-Length framed JSON-RPC to it."""

    def __init__(self, cwd: Path, timeout: float = 20.0) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "podlint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.timeout = timeout
        self.messages: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- framing ---------------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.proc.stdin.flush()

    # -- messages --------------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        reply = self._wait(lambda m: m.get("id") == request_id and "method" not in m)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait_notification(self, method: str, where: Callable[[Any], bool] = lambda p: True) -> Any:
        for seen in self.notifications:
            if seen["method"] == method and where(seen["params"]):
                self.notifications.remove(seen)
                return seen["params"]
        message = self._wait(lambda m: m.get("method") == method and where(m.get("params")))
        return message["params"]

    def _wait(self, match: Callable[[Message], bool]) -> Message:
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching message from the language server")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError(f"the server closed its output: {self.stderr()}")
            if match(message):
                return message
            if "method" in message and "id" in message:
                # A request from the server (none expected): answer so it does not wait.
                self.send({"id": message["id"], "result": None})
            elif "method" in message:
                self.notifications.append(message)

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def utf16_column(line: str, code_points: int) -> int:
    return len(line[:code_points].encode("utf-16-le")) // 2


def offset_of(text: str, line: int, character: int) -> int:
    """Code-point offset of an LSP position (UTF-16 columns) in ``text`` (LF line ends)."""
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[:line])
    units = 0
    for i, ch in enumerate(lines[line]):
        if units >= character:
            return start + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(lines[line])


def apply_text_edits(text: str, edits: list[Message]) -> str:
    spans = []
    for e in edits:
        r = e["range"]
        start = offset_of(text, r["start"]["line"], r["start"]["character"])
        end = offset_of(text, r["end"]["line"], r["end"]["character"])
        spans.append((start, end, e["newText"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


# ---- the tests ------------------------------------------------------------------------------------

# The health check names `htp`; the container declares `http`. An astral character (two UTF-16 code
# units) sits before the finding on its line, so a code-point column would be off by one.
POD_YAML = """\
id: /web
containers:
  - name: app
    resources: {cpus: 1, mem: 128}
    image: {kind: DOCKER, id: nginx}
    endpoints:
      - {name: http, containerPort: 80, protocol: [tcp]}
    healthCheck:
      http: {path: "/\U0001f600", endpoint: htp}
networks:
  - mode: container/bridge
"""

POD_JSON = """{
  "id": "/web",
  "containers": [
    {
      "name": "app",
      "resources": {"cpus": 1, "mem": 128},
      "image": {"kind": "DOCKER", "id": "nginx"},
      "endpoints": [{"name": "http", "containerPort": 80, "protocol": ["tcp"]}],
      "healthCheck": {"http": {"endpoint": "htp", "path": "/"}}
    }
  ],
  "networks": [{"mode": "container/bridge"}]
}
"""

CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
        "codeAction": {
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}
            },
            "isPreferredSupport": True,
        },
        "synchronization": {"didSave": True},
    },
    "workspace": {"workspaceEdit": {"documentChanges": True}},
}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    c = LspClient(tmp_path)
    try:
        result = c.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": CAPABILITIES},
        )
        assert result["capabilities"]["codeActionProvider"]
        assert result["serverInfo"]["name"] == "podlint"
        c.notify("initialized", {})
        yield c
    finally:
        c.close()


def _open(client: LspClient, path: Path, text: str, language: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return uri


def _diagnostics(client: LspClient, uri: str, version: int) -> list[dict[str, Any]]:
    params = client.wait_notification(
        "textDocument/publishDiagnostics",
        lambda p: p["uri"] == uri and p.get("version") == version,
    )
    return list(params["diagnostics"])


def _shutdown(client: LspClient) -> None:
    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=10) == 0


def test_dangling_endpoint_round_trip(client: LspClient, tmp_path: Path) -> None:
    """initialize -> open -> diagnostic with the right range -> quick fix -> cleared -> exit."""
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    diagnostics = _diagnostics(client, uri, 1)
    (finding,) = [d for d in diagnostics if d["code"] == "PL301"]
    line_no = 8
    line = POD_YAML.split("\n")[line_no]
    start = line.index("htp")
    assert finding["range"] == {
        "start": {"line": line_no, "character": utf16_column(line, start)},
        "end": {"line": line_no, "character": utf16_column(line, start + 3)},
    }
    assert finding["range"]["start"]["character"] == start + 1  # the emoji counts twice
    assert finding["severity"] == 1
    assert finding["source"] == "podlint"
    assert finding["codeDescription"]["href"].endswith("#health-check-endpoint")
    assert diagnostics == [finding]  # nothing else is wrong with this pod

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": finding["range"],
            "context": {"diagnostics": [finding]},
        },
    )
    (fix,) = [a for a in actions if "http" in a["title"] and "Disable" not in a["title"]]
    assert fix["kind"] == "quickfix"
    (change,) = fix["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": 1}
    new_text = apply_text_edits(POD_YAML, change["edits"])
    assert new_text == POD_YAML.replace("endpoint: htp", "endpoint: http")

    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": new_text}]},
    )
    assert _diagnostics(client, uri, 2) == []
    _shutdown(client)


def test_json_quick_fix_and_preferred_safe_fix(client: LspClient, tmp_path: Path) -> None:
    text = POD_JSON.replace('"id": "/web"', '"id": "web"')
    uri = _open(client, tmp_path / "web.json", text, "json")
    diagnostics = _diagnostics(client, uri, 1)
    assert {d["code"] for d in diagnostics} == {"PL201", "PL301"}
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 14, "character": 0}}
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": everything, "context": {"diagnostics": []}},
    )
    by_code = {a["diagnostics"][0]["code"]: a for a in actions}
    assert by_code["PL201"].get("isPreferred") is True  # safe: make the id absolute
    assert not by_code["PL301"].get("isPreferred")  # unsafe: a did-you-mean
    assert not any("Disable" in a["title"] for a in actions)  # JSON has no comments
    for action in (by_code["PL201"], by_code["PL301"]):
        (change,) = action["edit"]["documentChanges"]
        text = apply_text_edits(text, change["edits"])
    assert text == POD_JSON.replace('"htp"', '"http"')
    _shutdown(client)


def test_yaml_disable_comment_action(client: LspClient, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    (finding,) = _diagnostics(client, uri, 1)
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": []}},
    )
    (disable,) = [a for a in actions if a["title"].startswith("Disable")]
    (change,) = disable["edit"]["documentChanges"]
    new_text = apply_text_edits(POD_YAML, change["edits"])
    assert "endpoint: htp}  # podlint: disable=health-check-endpoint\n" in new_text


def test_fix_all_source_action(client: LspClient, tmp_path: Path) -> None:
    text = POD_JSON.replace('"id": "/web"', '"id": "web"').replace('["tcp"]', '"tcp"')
    uri = _open(client, tmp_path / "web.json", text, "json")
    _diagnostics(client, uri, 1)
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    (fix_all,) = actions
    assert fix_all["kind"] == "source.fixAll.podlint"
    (change,) = fix_all["edit"]["documentChanges"]
    # Both safe fixes; the unsafe endpoint rename stays for the user.
    assert apply_text_edits(text, change["edits"]) == POD_JSON


def test_documents_that_are_not_pods_get_nothing(client: LspClient, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "package.json", '{"name": "x", "version": "1.0.0"}\n', "json")
    assert _diagnostics(client, uri, 1) == []
    broken = _open(client, tmp_path / "tsconfig.json", '{"compilerOptions": {,}\n', "json")
    assert _diagnostics(client, broken, 1) == []


def test_configuration_is_found_per_document(client: LspClient, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    (quiet / ".podlint.yaml").write_text("ignore: [health-check-endpoint]\n")
    loud = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    silenced = _open(client, quiet / "web.yaml", POD_YAML, "yaml")
    assert [d["code"] for d in _diagnostics(client, loud, 1)] == ["PL301"]
    assert _diagnostics(client, silenced, 1) == []


def test_typing_is_debounced_and_only_the_last_version_is_published(
    client: LspClient, tmp_path: Path
) -> None:
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    _diagnostics(client, uri, 1)
    for version in range(2, 7):
        text = POD_YAML.replace("htp", "h" * version)
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
    (finding,) = _diagnostics(client, uri, 6)
    assert "`hhhhhh`" in finding["message"]
    stale = [
        n
        for n in client.notifications
        if n["method"] == "textDocument/publishDiagnostics"
        and n["params"].get("version") in {2, 3, 4, 5}
    ]
    assert stale == []


def test_close_clears_diagnostics(client: LspClient, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "web.yaml", POD_YAML, "yaml")
    assert _diagnostics(client, uri, 1)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    params = client.wait_notification(
        "textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") is None
    )
    assert params["diagnostics"] == []


def test_exit_without_shutdown_is_exit_code_1(tmp_path: Path) -> None:
    c = LspClient(tmp_path)
    try:
        c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        c.notify("exit", None)
        assert c.proc.wait(timeout=10) == 1
    finally:
        c.close()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_buffer_is_compared_with_the_file_at_head(client: LspClient, tmp_path: Path) -> None:
    """In a git workspace, update rules compare the buffer with its file at HEAD; a new commit
    (HEAD moves) is seen at the next change."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@podlint.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@podlint.invalid"}  # fmt: skip

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=tmp_path, env=env, capture_output=True, check=True,
        )  # fmt: skip

    def pod(cpus: float) -> str:
        return json.dumps({
            "id": "/data/db", "role": "data",
            "containers": [{"name": "db", "resources": {"cpus": cpus, "mem": 512},
                            "exec": {"command": {"shell": "./db"}},
                            "volumeMounts": [{"name": "data", "mountPath": "data"}]}],
            "volumes": [{"name": "data", "persistent": {"size": 512}}],
            "networks": [{"mode": "host"}],
        }, indent=2)  # fmt: skip

    path = tmp_path / "db.json"
    path.write_text(pod(1), "utf-8")
    git("init", "-q")
    git("add", "db.json")
    git("commit", "-q", "-m", "first")

    def change(version: int, text: str) -> list[dict[str, Any]]:
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        return [d for d in _diagnostics(client, uri, version) if d["code"].startswith("PL6")]

    uri = _open(client, path, pod(2), "json")
    (finding,) = [d for d in _diagnostics(client, uri, 1) if d["code"].startswith("PL6")]
    assert finding["code"] == "PL602"
    assert "1.1 → 2.1" in finding["message"]
    assert change(2, pod(1)) == []
    # Commit 2 cpus: HEAD moved, so 2 cpus is now the previous version and 1 cpus the change.
    path.write_text(pod(2), "utf-8")
    git("commit", "-q", "-am", "more cpus")
    assert change(3, pod(2)) == []
    (finding,) = change(4, pod(1))
    assert "2.1 → 1.1" in finding["message"]
    _shutdown(client)
