"""Output that a linted file cannot subvert: control characters escaped, every format always written.

Values reach messages and snippets. The class under test: any character a file can smuggle into a
value or a file name — terminal escapes, bell, newlines that forge CI log lines, bidirectional
overrides, lone surrogates — in every output format.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from podlint.formatters.terminal import inline, snippet_line, to_bytes

HOSTILE_VALUES = {
    "ESC colour": "\x1b[31mred\x1b[0m",
    "bell": "ring\x07",
    "forged line": "x\n::error file=forged.json,line=1::forged",
    "carriage return": "overwrite\rme",
    "bidi override": "abc\u202edcba",
    "C1 CSI": "c1\x9b31m",
    "lone surrogate": "\udfff",
    "NUL": "nul\x00",
}
FORMATS = ["text", "concise", "json", "sarif", "github", "junit", "gitlab"]


def _pod(value: str) -> str:
    # The id is quoted back in the message of the id-pattern finding.
    return json.dumps(
        {
            "id": "/web" + value,
            "containers": [
                {
                    "name": "c",
                    "resources": {"cpus": 1, "mem": 64},
                    "image": {"kind": "DOCKER", "id": "nginx:1"},
                }
            ],
        }
    )


def _run(folder: Path, fmt: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "podlint", "check", "--no-cache", "--format", fmt, "."],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "FORCE_COLOR": "", "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for i, value in enumerate(HOSTILE_VALUES.values()):
        (folder / f"pod{i}.json").write_text(_pod(value), encoding="utf-8")
    # A file name that is not UTF-8.
    name = os.fsdecode(b"bad\xffname.json")
    (folder / name).write_text(_pod("\x07"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_report_whatever_the_values(hostile_tree: Path, fmt: str) -> None:
    run = _run(hostile_tree, fmt)
    assert run.returncode == 1, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")  # valid UTF-8, always
    assert out
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_terminal_formats_carry_no_raw_controls(hostile_tree: Path, fmt: str) -> None:
    out = _run(hostile_tree, fmt).stdout.decode("utf-8")
    for ch in out:
        code = ord(ch)
        assert ch == "\n" or not (code < 0x20 or 0x7F <= code < 0xA0), repr(ch)
        assert not 0x202A <= code <= 0x202E, repr(ch)
        assert not 0x2066 <= code <= 0x2069, repr(ch)
    assert "\\x1b[31m" in out  # shown, not obeyed


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_no_forged_log_lines(hostile_tree: Path, fmt: str) -> None:
    lines = _run(hostile_tree, fmt).stdout.decode("utf-8").splitlines()
    assert not [line for line in lines if line.startswith("::error file=forged")]


def test_json_keeps_the_values_exactly(hostile_tree: Path) -> None:
    report = json.loads(_run(hostile_tree, "json").stdout)
    messages = " ".join(d["message"] for d in report["diagnostics"])
    for value in HOSTILE_VALUES.values():
        if value == "\udfff":
            assert "\udfff" in messages  # the JSON escape reads back as the same lone surrogate
        else:
            assert json.dumps(value)[1:-1] in json.dumps(messages) or value in messages
    files = {d["file"] for d in report["diagnostics"]}
    assert os.fsdecode(b"./bad\xffname.json") in files  # the file's own bytes, recoverable


def test_sarif_uri_percent_encodes_the_file_name_bytes(hostile_tree: Path) -> None:
    report = json.loads(_run(hostile_tree, "sarif").stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in report["runs"][0]["results"]
    }
    assert "bad%FFname.json" in uris


def test_snippet_symbols_keep_columns() -> None:
    line = 'x = "\x1b[1m" # \u202e'
    shown = snippet_line(line)
    assert len(shown) == len(line)
    assert shown.isprintable()


def test_inline_escapes_are_visible_and_printable() -> None:
    for value in HOSTILE_VALUES.values():
        escaped = inline(value)
        assert all(ch.isprintable() or 0xD800 <= ord(ch) <= 0xDFFF for ch in escaped), escaped


def test_to_bytes_never_fails() -> None:
    assert to_bytes("a\udfffb") == b"a\\udfffb"
    assert to_bytes("plain") == b"plain"
