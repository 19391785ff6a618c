"""The VS Code extension decides which documents are pods by the same fields as podlint: its copy of
the field sets (``editors/vscode/src/pod.ts``, TypeScript) must not drift from ``podlint.identify``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podlint import identify

POD_TS = Path(__file__).resolve().parent.parent / "editors" / "vscode" / "src" / "pod.ts"


def _ts_set(name: str) -> set[str]:
    match = re.search(rf"export const {name}[^=]*= new Set\(\[(.*?)\]\)", POD_TS.read_text(), re.S)
    assert match, f"{name} not found in {POD_TS.name}"
    return set(re.findall(r'"([^"]+)"', match.group(1)))


@pytest.mark.parametrize("name", ["POD_FIELDS", "APP_FIELDS"])
def test_extension_uses_podlints_fields(name: str) -> None:
    assert _ts_set(name) == set(getattr(identify, name))
