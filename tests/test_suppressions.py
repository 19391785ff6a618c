"""Inline suppressions: YAML comments (line, line above, file), pod labels, and unused ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from podlint.cli import main
from podlint.config.settings import RuleSettings, Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from tests.ruletest import registry

ROOT = {"forbid-root-user": RuleSettings()}
# The rules these tests are about, plus the loading rules; other rules' findings would only distract.
SELECT = ["forbid-root-user", "pod-user-empty", "unused-suppression", "PL0"]


def lint(
    text: str,
    filename: str = "pod.yaml",
    *,
    select: list[str] | None = None,
    inline: bool = True,
    rules: dict[str, RuleSettings] | None = None,
) -> list[Diagnostic]:
    settings = Settings(
        select=SELECT if select is None else select,
        rules=ROOT if rules is None else rules,
        inline_suppressions=inline,
    )
    return Linter(registry()).lint_bytes(text.encode(), filename, settings).diagnostics


def names(diags: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.span.line, d.name) for d in diags]


YAML_POD = """\
id: /shop/web
user: root{trail}
containers:
  - name: web
    resources: {{cpus: 0.5, mem: 128}}
networks: [{{mode: host}}]
"""


def test_without_suppression_the_finding_is_reported() -> None:
    assert names(lint(YAML_POD.format(trail=""))) == [(2, "forbid-root-user")]


@pytest.mark.parametrize("rule", ["forbid-root-user", "PL504"])
def test_end_of_line_comment_by_name_or_code(rule: str) -> None:
    assert lint(YAML_POD.format(trail=f"  # podlint: disable={rule}")) == []


def test_comment_with_several_rules_and_a_remark() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=forbid-root-user, pod-user-empty # legacy")
    diags = lint(text)
    # forbid-root-user used; pod-user-empty named but had nothing to suppress on that line
    assert names(diags) == [(2, "unused-suppression")]
    assert "pod-user-empty (PL203) reports nothing on line 2" in diags[0].message


def test_comment_alone_on_the_line_above() -> None:
    text = "id: /shop/web\n# podlint: disable=forbid-root-user\n\n# why: legacy image\nuser: root\n"
    text += "containers:\n  - name: web\n    resources: {cpus: 0.5, mem: 128}\n"
    text += "networks: [{mode: host}]\n"
    assert lint(text) == []


def test_comment_on_the_line_above_covers_only_the_next_line() -> None:
    text = "# podlint: disable=forbid-root-user\nid: /shop/web\nuser: root\n"
    text += "containers:\n  - name: web\n    resources: {cpus: 0.5, mem: 128}\n"
    text += "networks: [{mode: host}]\n"
    diags = lint(text)
    assert names(diags) == [(1, "unused-suppression"), (3, "forbid-root-user")]
    assert "reports nothing on line 2" in diags[0].message


def test_comment_on_another_line_does_not_suppress() -> None:
    text = YAML_POD.format(trail="").replace(
        "id: /shop/web", "id: /shop/web  # podlint: disable=forbid-root-user"
    )
    assert names(lint(text)) == [(1, "unused-suppression"), (2, "forbid-root-user")]


def test_disable_file_anywhere() -> None:
    text = YAML_POD.format(trail="") + "# podlint: disable-file=PL504\n"
    assert lint(text) == []


def test_disable_file_covers_every_document_of_the_file() -> None:
    doc = YAML_POD.format(trail="")
    text = "# podlint: disable-file=forbid-root-user\n" + doc + "---\n" + doc
    assert lint(text) == []


def test_hash_inside_a_quoted_value_is_not_a_comment() -> None:
    text = YAML_POD.format(trail="").replace(
        "id: /shop/web",
        'id: /shop/web\nlabels: {note: "x # podlint: disable-file=forbid-root-user"}',
    )
    assert names(lint(text)) == [(3, "forbid-root-user")]


def json_pod(**extra: Any) -> str:
    pod = {
        "id": "/shop/web",
        "user": "root",
        "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128}}],
        "networks": [{"mode": "host"}],
    }
    pod.update(extra)
    return json.dumps(pod, indent=2)


def test_json_pod_label() -> None:
    assert lint(json_pod(labels={"podlint.disable": "forbid-root-user"}), "pod.json") == []
    assert lint(json_pod(labels={"podlint.disable": " PL504 , "}), "pod.json") == []


def test_json_has_no_comment_directives() -> None:
    text = json_pod(labels={"note": "# podlint: disable-file=forbid-root-user"})
    assert names(lint(text, "pod.json")) == [(3, "forbid-root-user")]


def test_label_suppresses_only_its_own_pod() -> None:
    first = YAML_POD.format(trail="").replace(
        "id: /shop/web", "id: /shop/a\nlabels: {podlint.disable: forbid-root-user}"
    )
    second = YAML_POD.format(trail="").replace("id: /shop/web", "id: /shop/b")
    diags = lint(first + "---\n" + second)
    assert [d.name for d in diags] == ["forbid-root-user"]
    assert diags[0].document == 1


def test_label_works_in_yaml_too() -> None:
    text = YAML_POD.format(trail="").replace(
        "id: /shop/web", "id: /shop/web\nlabels:\n  podlint.disable: PL504"
    )
    assert lint(text) == []


# ---- unused suppressions -----------------------------------------------------------------------------


def test_unused_label_is_reported_at_the_label() -> None:
    diags = lint(
        json_pod(user="nobody", labels={"podlint.disable": "forbid-root-user"}), "pod.json"
    )
    assert [d.name for d in diags] == ["unused-suppression"]
    assert diags[0].pointer == "/labels/podlint.disable"
    assert diags[0].severity.value == "warning"
    assert "forbid-root-user (PL504) reports nothing in this pod" in diags[0].message
    assert diags[0].help


def test_suppression_of_a_rule_that_is_not_enabled() -> None:
    diags = lint(YAML_POD.format(trail="  # podlint: disable=image-tag-pinned"))
    assert [d.name for d in diags] == ["forbid-root-user", "unused-suppression"]
    message = diags[1].message
    assert "names image-tag-pinned (PL503), which is not enabled in this configuration" in message
    assert "non-enabled" in message
    assert "unused" not in message
    assert diags[1].fix is not None
    assert diags[1].fix.applicability == "unsafe"


def test_suppression_that_suppresses_nothing_is_unused_and_safely_removable() -> None:
    # forbid-root-user is enabled and reports nothing on a pod without a root user.
    pod = YAML_POD.replace("user: root", "user: nobody")
    diags = lint(pod.format(trail="  # podlint: disable=forbid-root-user"))
    unused = [d for d in diags if d.name == "unused-suppression"]
    assert len(unused) == 1
    assert "unused suppression: forbid-root-user (PL504) reports nothing" in unused[0].message
    assert unused[0].fix is not None
    assert unused[0].fix.applicability == "safe"


def test_unknown_rule_in_a_suppression_says_unknown() -> None:
    diags = lint(YAML_POD.format(trail="  # podlint: disable=forbid-rot-user"))
    unused = [d for d in diags if d.name == "unused-suppression"]
    assert len(unused) == 1
    assert "unknown rule 'forbid-rot-user'" in unused[0].message
    assert "did you mean 'forbid-root-user'?" in unused[0].message
    assert "forbid-root-user" in [d.name for d in diags]  # nothing was suppressed


def test_unknown_rule_in_a_label() -> None:
    diags = lint(json_pod(labels={"podlint.disable": "forbid-root-user,nonsense"}), "pod.json")
    assert [d.name for d in diags] == ["unused-suppression"]
    assert "unknown rule 'nonsense'" in diags[0].message


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ("# podlint: disable", "names no rule"),
        ("# podlint: disable=", "names no rule"),
        ("# podlint: disabel=forbid-root-user", "did you mean 'disable'?"),
        ("# podlint: enable=forbid-root-user", "does not understand"),
    ],
)
def test_unreadable_directives_are_reported(comment: str, words: str) -> None:
    diags = lint(YAML_POD.format(trail="  " + comment))
    assert [d.name for d in diags] == ["forbid-root-user", "unused-suppression"]
    assert words in diags[1].message


def test_empty_label_is_reported() -> None:
    diags = lint(json_pod(user="nobody", labels={"podlint.disable": " , "}), "pod.json")
    assert [d.name for d in diags] == ["unused-suppression"]
    assert "names no rule" in diags[0].message


def test_unused_suppression_can_be_ignored() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=forbid-root-user,pod-user-empty")
    rules = {**ROOT, "unused-suppression": RuleSettings(off=True)}
    assert lint(text, rules=rules) == []


def test_disable_file_unused_suppression_silences_the_reports() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=pod-user-empty")
    text += "# podlint: disable-file=unused-suppression\n"
    assert names(lint(text)) == [(2, "forbid-root-user")]


def test_disable_file_unused_suppression_that_silences_nothing_is_reported() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=forbid-root-user")
    text += "# podlint: disable-file=unused-suppression\n"
    diags = lint(text)
    assert names(diags) == [(7, "unused-suppression")]
    assert "unused-suppression (PL902) reports nothing in this file" in diags[0].message


def test_fast_path_text_without_marker() -> None:
    assert names(lint(YAML_POD.format(trail="  # keep"))) == [(2, "forbid-root-user")]


# ---- forbidding suppressions (central teams) ---------------------------------------------------------


def test_inline_suppressions_off_ignores_every_form() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=forbid-root-user,nonsense")
    assert names(lint(text, inline=False)) == [(2, "forbid-root-user")]
    label = json_pod(labels={"podlint.disable": "forbid-root-user"})
    assert [d.name for d in lint(label, "pod.json", inline=False)] == ["forbid-root-user"]


def test_no_inline_suppressions_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".podlint.yaml").write_text("rules:\n  forbid-root-user:\n")
    (tmp_path / "web.yaml").write_text(
        YAML_POD.format(trail="  # podlint: disable=forbid-root-user")
    )
    only = ["--select", "forbid-root-user,unused-suppression"]
    assert main(["check", "--no-cache", *only, "web.yaml"]) == 0
    capsys.readouterr()
    assert main(["check", "--no-cache", *only, "--no-inline-suppressions", "web.yaml"]) == 1
    assert "forbid-root-user" in capsys.readouterr().out
    (tmp_path / ".podlint.yaml").write_text(
        "inline_suppressions: false\nrules:\n  forbid-root-user:\n"
    )
    assert main(["check", "--no-cache", *only, "web.yaml"]) == 1


# ---- fixes for unused suppressions -------------------------------------------------------------------


def apply_edits(text: str, diag: Diagnostic) -> str:
    assert diag.fix is not None
    for edit in sorted(diag.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def test_fix_removes_an_unused_trailing_comment() -> None:
    text = YAML_POD.format(trail="").replace(
        "id: /shop/web", "id: /shop/web  # podlint: disable=PL203"
    )
    unused = [d for d in lint(text) if d.name == "unused-suppression"]
    assert apply_edits(text, unused[0]) == YAML_POD.format(trail="")


def test_fix_removes_an_unused_comment_line() -> None:
    base = YAML_POD.format(trail="")
    text = "# podlint: disable=pod-user-empty\n" + base
    unused = [d for d in lint(text) if d.name == "unused-suppression"]
    assert apply_edits(text, unused[0]) == base


def test_fix_removes_only_the_unused_name() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=pod-user-empty,forbid-root-user")
    unused = [d for d in lint(text) if d.name == "unused-suppression"]
    assert len(unused) == 1
    fixed = apply_edits(text, unused[0])
    assert "# podlint: disable=forbid-root-user\n" in fixed
    assert lint(fixed) == []


def test_fixes_for_misspelt_names_are_unsafe() -> None:
    text = YAML_POD.format(trail="  # podlint: disable=forbid-rot-user")
    unused = [d for d in lint(text) if d.name == "unused-suppression"]
    assert unused[0].fix is not None
    assert unused[0].fix.applicability == "unsafe"
    text = YAML_POD.format(trail="  # podlint: disable=forbid-root-user,pod-user-empty")
    unused = [d for d in lint(text) if d.name == "unused-suppression"]
    assert unused[0].fix is not None
    assert unused[0].fix.applicability == "safe"


def test_fix_of_an_unused_label_uses_the_structural_fixer() -> None:
    diags = lint(
        json_pod(user="nobody", labels={"podlint.disable": "forbid-root-user"}), "pod.json"
    )
    fix = diags[0].fix
    if fix is None:
        pytest.skip("the structural fix renderer cannot render this edit")
    fixed = apply_edits(
        json_pod(user="nobody", labels={"podlint.disable": "forbid-root-user"}), diags[0]
    )
    assert "podlint.disable" not in fixed
    json.loads(fixed)
