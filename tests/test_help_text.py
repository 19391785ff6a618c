"""Help texts: one style everywhere, suggestions in the file's own syntax, checked against their node.

Every help produced on the rule fixtures and the public corpora (for several Marathon lines) must be
a sentence (capital letter, full stop) with code in backticks: no bare quotes, JSON, camelCase field
names or command-line flags outside backticks. Every suggested value that says where it goes is
applied to the pod and must then be valid there by the schema.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import ActiveRule, RuleSettings, Settings
from podlint.diagnostics import Diagnostic, Finding, Snippet, split_pointer
from podlint.document import Document
from podlint.engine import Linter
from podlint.schema import reference_problems
from podlint.snippets import render_help, render_snippet
from tests.ruletest import FIXTURES, registry, sidecar

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
VERSIONS = ("1.4", "1.5", "1.10")
# The loader writes its own syntax-level help (JSON and YAML reading); these rules are about files
# that could not be read as a pod at all.
LOADER_RULES = {
    "syntax-error",
    "duplicate-key",
    "empty-file",
    "file-too-large",
    "invalid-encoding",
    "too-complex",
    "unreadable-file",
    "yaml-tag",
}

_CODE = re.compile(r"`[^`]*`")


def style_problems(text: str) -> list[str]:
    """What keeps ``text`` from the one help style (empty when it is fine)."""
    out = []
    if re.search(r"\{\d+\}", text):
        out.append("an unrendered snippet placeholder")
    if not (text[:1].isupper() or text[:1] in "`0123456789"):
        out.append("does not start with a capital letter")
    if not text.endswith("."):
        out.append("does not end with a full stop")
    bare = _CODE.sub("CODE", text)
    if '"' in bare:
        out.append("quotes outside backticks")
    if re.search(r"(^|[\s(])'[^'\s]+'", bare):
        out.append("single-quoted code")
    if re.search(r"\b[a-z]+[A-Z]\w*\b", bare):
        out.append("a field name outside backticks")
    if re.search(r"(^|\s)--[a-z]", bare):
        out.append("a command-line flag outside backticks")
    if re.search(r"\b[a-z]+_[a-z_]+\b", bare):
        out.append("a setting name outside backticks")
    if re.search(r"[{}\[\]]", bare):
        out.append("JSON outside backticks")
    return out


def test_style_checker_catches_the_old_style() -> None:
    assert style_problems('set "value" to a whole number such as "2"')
    assert style_problems("set maxLaunchDelay to a value of at least 0.0")
    assert style_problems('Write a list: ["tcp"].')
    assert style_problems("Add {0} to `scaling`.")
    assert style_problems("Set `timeoutSeconds` below 10") == ["does not end with a full stop"]
    assert style_problems('Add `"kind": "fixed"` to `scaling`.') == []


class _Recorder(Linter):
    """A linter that also keeps each finding with the document it was made on."""

    def __init__(self) -> None:
        super().__init__(registry())
        self.findings: list[tuple[Document, Finding]] = []

    def _locate(
        self, doc: Document, path: str, text: str | None, entry: ActiveRule, finding: Finding
    ) -> Diagnostic:
        self.findings.append((doc, finding))
        return super()._locate(doc, path, text, entry, finding)


def _inputs() -> list[tuple[Path, dict[str, Any], str | None, dict[str, Any] | None]]:
    """(file, profile, rule to switch on, its options) for every fixture and corpus file."""
    out = []
    for path in sorted(FIXTURES.glob("*/*")):
        if path.suffix in (".json", ".yaml", ".yml") and path.name.startswith(("fail-", "pass-")):
            if ".expected" in path.name or path.name.endswith((".profile.json", ".options.json")):
                continue
            out.append(
                (path, sidecar(path, "profile") or {}, path.parent.name, sidecar(path, "options"))
            )
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*")):
            if path.suffix in (".json", ".yaml", ".yml"):
                out.append((path, {}, None, None))
    return out


@pytest.fixture(scope="module")
def linted() -> tuple[list[Diagnostic], list[tuple[Document, Finding, str]]]:
    recorder = _Recorder()
    diagnostics: list[Diagnostic] = []
    findings: list[tuple[Document, Finding, str]] = []
    for path, profile, rule, options in _inputs():
        for version in VERSIONS:
            settings = Settings(
                profile=profile_from_mapping({**profile, "marathon_version": version}),
                extend_select=[rule] if rule else [],
                rules={rule: RuleSettings(options=options or {})} if rule else {},
            )
            recorder.findings = []
            result = recorder.lint_bytes(path.read_bytes(), str(path), settings)
            diagnostics.extend(result.diagnostics)
            findings.extend((doc, f, version) for doc, f in recorder.findings)
    return diagnostics, findings


def test_every_help_has_the_one_style(
    linted: tuple[list[Diagnostic], list[tuple[Document, Finding, str]]],
) -> None:
    diagnostics, _ = linted
    helps = {(d.code, d.help) for d in diagnostics if d.help and d.name not in LOADER_RULES}
    assert len(helps) > 100  # the sweep really sees the rules' help texts
    bad = sorted(
        f"{code}: {problems}: {text}"
        for code, text in helps
        if text and (problems := style_problems(text))
    )
    assert not bad, "help texts off the style:\n" + "\n".join(bad)


def _apply(pod: Any, snippet: Snippet) -> tuple[Any, str]:
    """``pod`` with the snippet's edit made, and the pointer of the edited value."""
    assert snippet.at is not None
    edited = copy.deepcopy(pod)
    tokens = split_pointer(snippet.at)
    if snippet.key is None:
        parent_tokens, last = tokens[:-1], tokens[-1] if tokens else None
    else:
        parent_tokens, last = tokens, snippet.key
    holder = edited
    for token in parent_tokens:
        holder = holder[int(token)] if isinstance(holder, list) else holder.setdefault(token, {})
    if last is None:
        return copy.deepcopy(snippet.value), ""
    if isinstance(holder, list):
        holder[int(last)] = copy.deepcopy(snippet.value)
    else:
        holder[last] = copy.deepcopy(snippet.value)
    target = snippet.at if snippet.key is None else f"{snippet.at}/{snippet.key}"
    return edited, target


def test_every_placed_suggestion_is_valid_where_it_goes(
    linted: tuple[list[Diagnostic], list[tuple[Document, Finding, str]]],
) -> None:
    _, findings = linted
    checked = 0
    bad = []
    seen: set[tuple[str, str, str]] = set()
    for doc, finding, version in findings:
        for snippet in finding.snippets:
            if snippet.at is None or not isinstance(doc.data, dict):
                continue
            key = (json.dumps(snippet.value), f"{snippet.at}/{snippet.key}", version)
            if key in seen:
                continue
            seen.add(key)
            edited, target = _apply(doc.data, snippet)
            left = [
                p
                for p in reference_problems(edited, version)
                if p.pointer == target or p.pointer.startswith(target + "/")
            ]
            checked += 1
            if left:
                bad.append(f"{finding.message}: {snippet} -> {left[0].message}")
    assert checked > 30
    assert not bad, "suggestions that are not valid where they go:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    ("snippet", "json_text", "yaml_text"),
    [
        (Snippet(7, "timeoutSeconds"), '"timeoutSeconds": 7', "timeoutSeconds: 7"),
        (Snippet("fixed", "kind"), '"kind": "fixed"', "kind: fixed"),
        (Snippet({"cpus": 0.1, "mem": 64}, "resources"), '"resources": {"cpus": 0.1, "mem": 64}',
         "resources: {cpus: 0.1, mem: 64}"),
        (Snippet(["tcp"]), '["tcp"]', "[tcp]"),
        (Snippet("yes"), '"yes"', '"yes"'),  # a YAML 1.1 boolean stays quoted
        (Snippet("0755"), '"0755"', '"0755"'),
        (Snippet([{"mode": "host"}], "networks"), '"networks": [{"mode": "host"}]',
         "networks: [{mode: host}]"),
    ],
)  # fmt: skip
def test_snippets_are_written_in_the_files_syntax(
    snippet: Snippet, json_text: str, yaml_text: str
) -> None:
    assert render_snippet(snippet, "json") == json_text
    assert render_snippet(snippet, "yaml") == yaml_text
    assert render_help("Add {0}.", (snippet,), "yaml") == f"Add `{yaml_text}`."


_HEALTH_CHECK_JSON = """{
  "id": "/web",
  "containers": [
    {
      "name": "web",
      "resources": {"cpus": 0.1, "mem": 64},
      "image": {"kind": "DOCKER", "id": "nginx:1.25"},
      "endpoints": [{"name": "http", "containerPort": 80}],
      "healthCheck": {"http": {"endpoint": "http"}, "intervalSeconds": 10}
    }
  ],
  "networks": [{"mode": "container/bridge"}]
}
"""

_HEALTH_CHECK_YAML = """id: /web
containers:
  - name: web
    resources: {cpus: 0.1, mem: 64}
    image: {kind: DOCKER, id: "nginx:1.25"}
    endpoints: [{name: http, containerPort: 80}]
    healthCheck:
      http: {endpoint: http}
      intervalSeconds: 10
networks: [{mode: container/bridge}]
"""


@pytest.mark.parametrize(
    ("filename", "text", "edit"),
    [
        ("pod.json", _HEALTH_CHECK_JSON, '`"timeoutSeconds": 5`'),
        ("pod.yaml", _HEALTH_CHECK_YAML, "`timeoutSeconds: 5`"),
    ],
)
def test_a_rule_suggestion_reaches_the_user_in_the_files_syntax(
    filename: str, text: str, edit: str
) -> None:
    result = Linter(registry()).lint_bytes(text.encode(), filename, Settings())
    (diag,) = [d for d in result.diagnostics if d.name == "health-check-timeout"]
    assert diag.help == (
        f"Set `intervalSeconds` above 20, or add a `timeoutSeconds` below 10, e.g. {edit}."
    )
