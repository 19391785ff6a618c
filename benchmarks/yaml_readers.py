"""Per-pod cost of podlint's YAML readers on the benchmark corpus's YAML pods.

    python -m benchmarks.yaml_readers [--count 2000] [--seed 1]

Prints, per pod (best of five passes): libyaml's events alone; libyaml's events composed into data
and offsets; the same with ruamel.yaml's events (the reader used where libyaml refuses the text);
the rapidyaml check alone; and ``load()`` with and without that check, with every span built.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from benchmarks import corpus
from podlint.loader import load, yaml_strict
from podlint.loader.yaml_compose import compose
from podlint.loader.yaml_events import STREAM_END, backend


def best_ms_per_item(function: Callable[[Any], object], items: list[Any], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    texts = [pod.yaml_text for pod in corpus.generate(seed=args.seed, count=args.count)]
    data = [text.encode() for text in texts]
    libyaml, ruamel = backend("libyaml"), backend("ruamel")

    def events_only(text: str) -> None:
        get = libyaml.start(text)
        kinds = libyaml.kinds
        while kinds[type(get())] != STREAM_END:
            pass

    def load_with_spans(raw: bytes) -> None:
        for document in load(raw, "pod.yaml").documents:
            document.table().items()

    rows: list[tuple[str, Callable[[Any], object], list[Any], int]] = [
        ("libyaml events only", events_only, texts, 5),
        ("libyaml events + compose (data + offsets)", lambda t: compose(t, libyaml), texts, 5),
        ("ruamel.yaml events + compose (data + offsets)", lambda t: compose(t, ruamel), texts, 1),
        ("load() + every span", load_with_spans, data, 5),
    ]
    if yaml_strict.available():
        rows.insert(3, ("rapidyaml check alone", yaml_strict.check, texts, 5))
    print(f"{len(texts)} YAML pods, ms per pod (best of the passes)")
    for label, function, items, passes in rows:
        print(f"  {label:48s} {best_ms_per_item(function, items, passes):.3f}")
    if yaml_strict.available():
        saved = yaml_strict._RYML
        yaml_strict._RYML = None
        try:
            cost = best_ms_per_item(load_with_spans, data, 5)
        finally:
            yaml_strict._RYML = saved
        print(f"  {'load() + every span, without the rapidyaml check':48s} {cost:.3f}")


if __name__ == "__main__":
    main()
