"""The line index finds the line starts a regular expression over LF, CRLF and lone CR finds."""

from __future__ import annotations

import random
import re

from podlint.loader.lines import LineIndex

_LINE_END = re.compile(r"\r\n?|\n")


def _reference(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def test_line_starts_match_the_regular_expression() -> None:
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice("ab\r\n\n \u2028\x85é") for _ in range(rng.randrange(14)))
        index = LineIndex(text)
        assert index.starts == _reference(text), repr(text)
        assert index.length == len(text)


def test_positions_on_mixed_line_ends() -> None:
    index = LineIndex("a\r\nbc\rd\n\ne")
    assert index.position(0) == (1, 1)
    assert index.position(3) == (2, 1)
    assert index.position(6) == (3, 1)
    assert index.position(9) == (5, 1)
    assert index.span(4, 5).line == 2
