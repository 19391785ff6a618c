"""Render generated pods as JSON and YAML files and write the benchmark corpus to disk.

Layout of a corpus folder (everything is regenerated from the seed, nothing is committed)::

    .podlint.yaml        the cluster profile the pods are valid for (podlint finds it upwards)
    manifest.json        seed, counts, sizes and every deliberate defect
    json/pod-NNNNN.json  the first ``count`` pods as JSON
    yaml/pod-NNNNN.yaml  the same pods as block-style YAML
    scale-N/pod-NNNNN.yaml  the first N pods, one folder per scaling size
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import podgen, yamlemit

GENERATOR_VERSION = 1
MIN_BYTES = 512
MAX_BYTES = 5 * 1024
MANIFEST = "manifest.json"
PROFILE_FILE = ".podlint.yaml"

HEADER_COMMENTS: tuple[tuple[str, ...], ...] = (
    ("Managed by the deploy pipeline; edit through a pull request.",),
    ("Marathon pod definition", "Owner: {team}"),
    ("{pod_id}", "Deployed with: dcos marathon pod add"),
    ("yaml-language-server: $schema=./marathon-pod.schema.json",),
)
INLINE_COMMENTS: tuple[tuple[str, str], ...] = (
    ("/scaling/instances", "bumped for peak traffic"),
    ("/containers/0/resources/mem", "MiB; see the capacity sheet"),
    ("/containers/0/resources/cpus", "shares"),
    ("/containers/0/image/id", "pinned, do not use latest"),
    ("/id", "must match the group in the deploy job"),
    ("/scheduling/killSelection", "keep the warm instances"),
)


@dataclass(frozen=True)
class PodFiles:
    """One pod as written: both texts, plus what the manifest records about it."""

    index: int
    name: str
    json_text: str
    yaml_text: str
    containers: int
    defect: podgen.Defect | None

    @property
    def json_bytes(self) -> int:
        return len(self.json_text.encode())

    @property
    def yaml_bytes(self) -> int:
        return len(self.yaml_text.encode())


def _yaml_style(rng: random.Random, data: dict[str, Any]) -> yamlemit.YamlStyle:
    header: tuple[str, ...] = ()
    if rng.random() < 0.5:
        team = str(data.get("id", "/ops")).strip("/").split("/")[0] or "ops"
        header = tuple(
            line.format(team=team, pod_id=data.get("id", ""))
            for line in rng.choice(HEADER_COMMENTS)
        )
    inline: dict[str, str] = {}
    if rng.random() < 0.3:
        candidates = [(p, text) for p, text in INLINE_COMMENTS if _has_scalar(data, p)]
        for pointer, text in rng.sample(candidates, min(len(candidates), rng.randrange(1, 3))):
            inline[pointer] = text
    return yamlemit.YamlStyle(
        indent_sequences=rng.random() < 0.5,
        prefer_single_quotes=rng.random() < 0.4,
        explicit_start=rng.random() < 0.3,
        header=header,
        inline_comments=inline,
    )


def _has_scalar(data: Any, pointer: str) -> bool:
    node = data
    for token in pointer.strip("/").split("/"):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return not isinstance(node, dict | list)


def pod_name(index: int) -> str:
    return f"pod-{index:05d}"


def make_pod_files(seed: int, index: int) -> PodFiles:
    """Pod ``index`` of the corpus for ``seed``: the same inputs always give the same bytes."""
    rng = random.Random(f"podlint-bench-pod:{seed}:{index}")
    kind = podgen.defect_kind_for(seed, index)
    while True:
        data = podgen.draw_pod(rng, index)
        defect = podgen.inject_defect(rng, data, kind) if kind else None
        json_text = json.dumps(data, indent=4 if rng.random() < 0.25 else 2) + "\n"
        yaml_text = yamlemit.dump(data, _yaml_style(rng, data))
        sizes = (len(json_text.encode()), len(yaml_text.encode()))
        # Draw again until both twins fall within 0.5-5 KB, so per-file costs compare like for like.
        if all(MIN_BYTES <= size <= MAX_BYTES for size in sizes):
            containers = data.get("containers")
            return PodFiles(
                index=index,
                name=pod_name(index),
                json_text=json_text,
                yaml_text=yaml_text,
                containers=len(containers) if isinstance(containers, list) else 0,
                defect=defect,
            )


def generate(seed: int, count: int) -> list[PodFiles]:
    return [make_pod_files(seed, index) for index in range(count)]


def profile_text() -> str:
    return yamlemit.dump(
        podgen.CORPUS_PROFILE,
        yamlemit.YamlStyle(
            header=(
                "The cluster the benchmark corpus is written for: Marathon 1.10 with",
                "--enable_features secrets and --default_network_name dcos.",
            )
        ),
    )


@dataclass(frozen=True)
class CorpusSpec:
    seed: int
    count: int
    scale_sizes: tuple[int, ...]

    @property
    def total(self) -> int:
        return max((self.count, *self.scale_sizes))

    def key(self) -> dict[str, Any]:
        return {
            "generator": GENERATOR_VERSION,
            "seed": self.seed,
            "count": self.count,
            "scale_sizes": list(self.scale_sizes),
        }


@dataclass(frozen=True)
class Corpus:
    root: Path
    spec: CorpusSpec
    manifest: dict[str, Any]

    @property
    def json_dir(self) -> Path:
        return self.root / "json"

    @property
    def yaml_dir(self) -> Path:
        return self.root / "yaml"

    def scale_dir(self, size: int) -> Path:
        return self.root / f"scale-{size}"

    @property
    def profile(self) -> Path:
        return self.root / PROFILE_FILE

    def first_clean(self) -> str:
        """Name (without suffix) of the first pod that carries no defect."""
        return next(p["name"] for p in self.manifest["pods"] if p["defect"] is None)


def _size_summary(sizes: Sequence[int]) -> dict[str, float]:
    ordered = sorted(sizes)
    return {
        "total": sum(ordered),
        "min": ordered[0],
        "p10": ordered[len(ordered) // 10],
        "median": statistics.median(ordered),
        "p90": ordered[(len(ordered) * 9) // 10],
        "max": ordered[-1],
    }


def build_manifest(spec: CorpusSpec, pods: Sequence[PodFiles]) -> dict[str, Any]:
    main = pods[: spec.count]
    broken = [p for p in main if p.defect]
    return {
        **spec.key(),
        "profile": podgen.CORPUS_PROFILE,
        "summary": {
            "pods": len(main),
            "broken": len(broken),
            "broken_share": len(broken) / len(main) if main else 0.0,
            "broken_by_kind": dict(
                sorted(Counter(p.defect.kind for p in broken if p.defect).items())
            ),
            "containers": dict(sorted(Counter(p.containers for p in main).items())),
            "json_bytes": _size_summary([p.json_bytes for p in main]),
            "yaml_bytes": _size_summary([p.yaml_bytes for p in main]),
        },
        "pods": [
            {
                "name": p.name,
                "containers": p.containers,
                "json_bytes": p.json_bytes,
                "yaml_bytes": p.yaml_bytes,
                "defect": asdict(p.defect) if p.defect else None,
            }
            for p in pods
        ],
    }


def _write_files(folder: Path, pods: Iterable[PodFiles], suffix: str) -> None:
    folder.mkdir(parents=True)
    for pod in pods:
        text = pod.json_text if suffix == "json" else pod.yaml_text
        (folder / f"{pod.name}.{suffix}").write_text(text, encoding="utf-8")


def _is_current(root: Path, spec: CorpusSpec) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if {k: manifest.get(k) for k in spec.key()} != spec.key():
        return None
    expected = {"json": spec.count, "yaml": spec.count} | {
        f"scale-{n}": n for n in spec.scale_sizes
    }
    for folder, count in expected.items():
        path = root / folder
        if not path.is_dir() or sum(1 for _ in path.iterdir()) != count:
            return None
    if (root / PROFILE_FILE).read_text(encoding="utf-8") != profile_text():
        return None
    return manifest


def ensure_corpus(root: Path, spec: CorpusSpec, *, regenerate: bool = False) -> tuple[Corpus, bool]:
    """Write the corpus under ``root`` unless an identical one is already there.

    Returns the corpus and whether it was (re)generated.
    """
    if not regenerate:
        manifest = _is_current(root, spec)
        if manifest is not None:
            return Corpus(root, spec, manifest), False
    pods = generate(spec.seed, spec.total)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and (child.name in ("json", "yaml") or child.name.startswith("scale-")):
            shutil.rmtree(child)
    _write_files(root / "json", pods[: spec.count], "json")
    _write_files(root / "yaml", pods[: spec.count], "yaml")
    for size in spec.scale_sizes:
        _write_files(root / f"scale-{size}", pods[:size], "yaml")
    (root / PROFILE_FILE).write_text(profile_text(), encoding="utf-8")
    manifest = build_manifest(spec, pods)
    # Written last: a corpus without a manifest is never mistaken for a complete one.
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return Corpus(root, spec, manifest), True
