"""The pod examples of the documentation print what the page says they print.

In README.md and docs/*.md, a fenced ``json`` or ``yaml`` pod followed directly by a ``text`` block is
an example: the text block is what ``podlint check --isolated --format concise pod.json`` (or
``pod.yaml``) prints for it, without the summary line. A line
"With `cluster: {…}` in `.podlint.yaml`:" before the pod names the cluster it is linted for.
"""

from __future__ import annotations

import re

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import Settings
from podlint.engine import Linter
from podlint.rule_docs import CLUSTER_LINE
from tests.conftest import REPO
from tests.ruletest import registry

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EXAMPLE = re.compile(r"^```(json|yaml)\n(.*?)^```\n\s*^```text\n(.*?)^```", re.S | re.M)


def _examples() -> list[tuple[str, str, str, str, dict[str, object]]]:
    import yaml

    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for n, m in enumerate(EXAMPLE.finditer(text)):
            # The cluster line applies to the next example only.
            before = text[: m.start()].rstrip().splitlines()[-1:]
            line = CLUSTER_LINE.match(before[0]) if before else None
            cluster = yaml.safe_load(line.group(1)) if line else {}
            found.append((f"{page.name}#{n}", m.group(1), m.group(2), m.group(3), cluster))
    return found


def concise(lang: str, pod: str, cluster: dict[str, object]) -> str:
    filename = f"pod.{lang}"
    settings = Settings(profile=profile_from_mapping(cluster))
    result = Linter(registry()).lint_bytes(pod.encode("utf-8"), filename, settings)
    return "".join(
        f"{filename}:{d.span.line}:{d.span.column}: {d.severity.value} {d.code} {d.message} "
        f"({d.name})\n"
        for d in result.diagnostics
    )


def test_marathon_page_has_examples() -> None:
    assert [e for e in _examples() if e[0].startswith("marathon.md")]


@pytest.mark.parametrize(
    ("where", "lang", "pod", "expected", "cluster"), _examples(), ids=lambda v: str(v)[:30]
)
def test_doc_example_prints_what_the_page_says(
    where: str, lang: str, pod: str, expected: str, cluster: dict[str, object]
) -> None:
    assert concise(lang, pod, cluster) == expected, where
