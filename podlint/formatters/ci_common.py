"""What the CI formats (SARIF, GitHub, GitLab, JUnit) share: report paths, stable fingerprints, rule docs.

CI systems compare findings between runs and branches. They need paths relative to the repository
(the working folder) and an identity for a finding that does not change when unrelated lines move, so
fingerprints are built from the rule, the file, the document and the JSON Pointer, never from positions.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence

from podlint.diagnostics import Diagnostic, Severity

# Findings of the run itself (plugin problems) carry a pseudo path such as "<plugins>".
PSEUDO_PATH = re.compile(r"^<.*>$")

_HEADING_UNDERLINE = re.compile(r"^-{3,}$")


def is_pseudo_path(path: str) -> bool:
    return bool(PSEUDO_PATH.match(path))


def report_path(path: str, cwd: str | None = None) -> str:
    """``path`` as CI systems want it: relative to the working folder when inside it, with ``/``."""
    if is_pseudo_path(path) or path == "-":
        return path
    base = cwd if cwd is not None else os.getcwd()
    if os.path.isabs(path):
        rel = os.path.relpath(path, base)
        if not rel.startswith(".."):
            path = rel
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def fingerprints(diagnostics: Sequence[Diagnostic], cwd: str | None = None) -> list[str]:
    """A stable identity per diagnostic: rule, file, document and pointer (positions excluded).

    Two findings with the same identity (a rule reporting twice at one pointer) are told apart by
    their order of occurrence, so every fingerprint in a report is unique.
    """
    seen: Counter[str] = Counter()
    out: list[str] = []
    for d in diagnostics:
        key = f"{d.code}\0{report_path(d.file, cwd)}\0{d.document}\0{d.pointer}"
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{occurrence}".encode("utf-8", "surrogatepass")).hexdigest()
        out.append(digest)
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def severity_counts_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``2 errors, 1 warning`` (only the severities present)."""
    counts = Counter(d.severity for d in diagnostics)
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        if counts[severity]:
            parts.append(plural(counts[severity], word))
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} info")
    return ", ".join(parts)


def doc_intro(doc: str) -> str:
    """The first paragraph of a rule docstring (its one-sentence description).

    When the docstring starts directly with a heading, the first paragraph of its first section.
    """
    paragraphs = _paragraphs(doc)
    for para in paragraphs:
        lines = para.splitlines()
        if len(lines) >= 2 and _HEADING_UNDERLINE.match(lines[1].strip()):
            body = "\n".join(lines[2:]).strip()
            if body:
                return _unwrap(body)
            continue
        return _unwrap(para)
    return ""


def doc_markdown(doc: str) -> str:
    """A numpy-style rule docstring as Markdown: ``Heading`` + dashes becomes ``### Heading``."""
    lines = doc.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() and _HEADING_UNDERLINE.match(nxt) and len(nxt) == len(line.strip()):
            out.append(f"### {line.strip()}")
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out).strip()


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _unwrap(paragraph: str) -> str:
    return " ".join(line.strip() for line in paragraph.splitlines())
