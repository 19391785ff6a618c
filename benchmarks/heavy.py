"""The findings-heavy corpus: what a legacy repository's first run looks like.

The project's reference performance corpus comes from the shared generator that sits beside the
clone (``shared/perf/gen_corpus.py``): pods with about 4.5 findings each under podlint's default
settings, JSON and YAML twins. It is written under the benchmark corpus, in ``heavy/nN/``, with a
``.podlint.yaml`` of defaults so the benchmark profile of the clean corpus does not apply to it.
Without the shared generator the heavy groups are skipped, and the report says so.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO.parent / "shared" / "perf" / "gen_corpus.py"
DEFAULTS = "# Defaults: the findings a repository without configuration gets.\n{}\n"


@dataclass(frozen=True)
class HeavyCorpus:
    """``folder(n)`` holds ``json/`` and ``yaml/`` with ``n`` pods each, relative to the root."""

    root: Path
    seed: int

    def folder(self, count: int) -> str:
        return f"heavy/n{count}"


def ensure_heavy(root: Path, counts: tuple[int, ...], seed: int) -> tuple[HeavyCorpus | None, str]:
    """Write (or reuse) the heavy corpus for every size in ``counts``; None and a note when absent."""
    if not GENERATOR.exists():
        return None, (
            "the findings-heavy corpus needs the shared generator (shared/perf/gen_corpus.py beside "
            "the clone); its groups were skipped"
        )
    digest = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]
    base = root / "heavy"
    base.mkdir(parents=True, exist_ok=True)
    (base / ".podlint.yaml").write_text(DEFAULTS, encoding="utf-8")
    for count in counts:
        out = base / f"n{count}"
        stamp = out / "stamp.json"
        wanted = {"count": count, "seed": seed, "generator": digest}
        try:
            if json.loads(stamp.read_text(encoding="utf-8")) == wanted:
                continue
        except (OSError, ValueError):
            pass
        subprocess.run(
            [
                sys.executable,
                str(GENERATOR),
                "--out",
                str(out),
                "--n",
                str(count),
                "--seed",
                str(seed),
            ],
            check=True,
            capture_output=True,
        )
        stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return HeavyCorpus(root, seed), (
        f"findings-heavy corpus: `shared/perf/gen_corpus.py --n N --seed {seed}` (generator "
        f"sha256 {digest}…), podlint's default settings"
    )
