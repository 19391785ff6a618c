"""Write a seed corpus for ``fuzz_loader.py``: small hand-made samples, plus pod files given as paths.

Each seed starts with one byte that chooses the file name's suffix (see ``fuzz_loader.py``): 0 for
``.json``, 1 for ``.yaml``. Usage: ``python fuzz/make_seeds.py OUT_DIR [POD_FILE_OR_FOLDER ...]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SAMPLES: dict[str, tuple[int, str]] = {
    "pod.json": (0, '{"id": "/a", "containers": [{"name": "c", "resources": {"cpus": 1}}]}'),
    "crlf.json": (0, '{\r\n "id": "/a",\r\n "containers": []\r\n}\r\n'),
    "dup.json": (0, '{"id": "/a", "id": "/b"}'),
    "nan.json": (0, '{"x": NaN, "y": -Infinity, "z": 1e999, "w": 00012, "v": +1.}'),
    "broken.json": (0, '{"id": "/a", "containers": [{"name": "c",}], // comment\n'),
    "pod.yaml": (1, "id: /a\ncontainers:\n  - name: c\n    resources: {cpus: 1, mem: 32}\n"),
    "anchors.yaml": (1, "a: &x [1, 2]\nb: *x\nc: {<<: {k: v}, d: 0x1F}\n"),
    "tags.yaml": (1, "id: !!python/object/apply:os.system [id]\nn: !!int '7'\nf: !custom 1\n"),
    "multi.yaml": (1, "---\nid: /a\n...\n---\n- 1\n- yes\n- 0o17\n- .inf\n"),
    "tabs.yaml": (1, "id: /a\ncontainers:\n\t- name: c\n"),
    "block.yaml": (1, "cmd: |\n  echo hi\n  exit 0\nlong: >-\n  a\n  b\nq: 'it''s'\n"),
    # Shapes of the reliability probe: non-finite and oversized numbers, repetition, controls.
    "huge.json": (0, '{"id": "/a", "scaling": {"instances": ' + "9" * 400 + '}, "cpus": -1e400}'),
    "nonfinite.yaml": (1, "id: /a\nr: {cpus: .NaN, mem: -.Inf, disk: 1e400}\n"),
    "dups.yaml": (1, "id: /a\n" + "".join(f"d: {i}\n" for i in range(50))),
    "unknown.json": (0, "{" + ", ".join(f'"k{i}": {i}' for i in range(50)) + "}"),
    "controls.json": (0, '{"id": "/a\\u001b[31m\\n::error::x\\udfff", "labels": {"b": "\\u202e"}}'),
    "empty-docs.yaml": (1, "---\n---\nid: /a\n---\n"),
}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, (kind, text) in _SAMPLES.items():
        (out / name).write_bytes(bytes([kind]) + text.encode())
    for given in argv[1:]:
        root = Path(given)
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.suffix in (".json", ".yaml", ".yml") and path.is_file():
                kind = 0 if path.suffix == ".json" else 1
                (out / f"seed-{path.name}").write_bytes(bytes([kind]) + path.read_bytes())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
