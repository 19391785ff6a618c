"""Which files a folder walk finds: include/exclude globs, .gitignore, never special files."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from podlint.config.settings import Settings
from podlint.discover import GitIgnore, discover


def _walk(root: Path, settings: Settings | None = None) -> list[str]:
    s = settings or Settings()
    return sorted(os.path.relpath(t.path, root) for t in discover([str(root)], lambda _: s))


def _touch(root: Path, *names: str) -> None:
    for name in names:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("{}")


def test_include_exclude_and_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _touch(
        tmp_path,
        "a.json",
        "b.yaml",
        "c.yml",
        "d.txt",
        "gen/e.json",
        "skip/f.json",
        "node_modules/g.json",
    )
    (tmp_path / ".gitignore").write_text("gen/\n")
    assert _walk(tmp_path) == ["a.json", "b.yaml", "c.yml", "skip/f.json"]
    assert _walk(tmp_path, Settings(exclude=["skip"])) == ["a.json", "b.yaml", "c.yml"]
    assert "gen/e.json" in _walk(tmp_path, Settings(respect_gitignore=False))


def test_configuration_files_are_never_linted(tmp_path: Path) -> None:
    _touch(tmp_path, ".podlint.yaml", ".pre-commit-config.yaml", "pod.yaml")
    assert _walk(tmp_path) == ["pod.yaml"]


def test_negated_gitignore_pattern(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _touch(tmp_path, "pods/a.json", "pods/keep.json")
    (tmp_path / ".gitignore").write_text("pods/*.json\n!pods/keep.json\n")
    assert _walk(tmp_path) == ["pods/keep.json"]


def test_a_malformed_gitignore_pattern_matches_nothing(tmp_path: Path) -> None:
    # git reads an unterminated or reversed bracket as matching nothing; the other lines still apply.
    (tmp_path / ".git").mkdir()
    _touch(tmp_path, "pods/a.json", "pods/z.json", "gen/b.json")
    (tmp_path / ".gitignore").write_text("[]\n[z-a].json\npods/[\ngen/\n")
    assert _walk(tmp_path) == ["pods/a.json", "pods/z.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_and_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    _touch(tmp_path, "a.json")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.json").symlink_to(tmp_path / "missing.json")
    assert _walk(tmp_path) == ["a.json"]


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(discover([str(tmp_path / "nope")], lambda _: Settings()))


def test_named_files_are_always_linted(tmp_path: Path) -> None:
    _touch(tmp_path, "pod.txt")
    targets = list(discover([str(tmp_path / "pod.txt")], lambda _: Settings()))
    assert [t.explicit for t in targets] == [True]


@pytest.mark.parametrize("spelling", [".", "./", "pods/..", "pods//..", "ABS", "ABS/"])
def test_walked_files_carry_their_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    from podlint.discover import _walk as walk

    _touch(tmp_path, "a.json", "pods/b.json", "pods/deep/c.yaml", ".hidden/d.json")
    monkeypatch.chdir(tmp_path)
    root = spelling.replace("ABS", str(tmp_path))
    found = list(walk(root, Settings(respect_gitignore=True)))
    assert len(found) == 4
    for path, absolute, found_stat in found:
        assert absolute == os.path.abspath(path)
        assert os.path.samestat(found_stat, os.stat(path))
    # The same file named twice, through two spellings of its folder, is linted once.
    assert len(list(discover([root, str(tmp_path / "pods")], lambda _: Settings()))) == 4


def _ignored_rule_by_rule(gitignore: GitIgnore, path: str, is_dir: bool) -> bool:
    """git's reading, spelled out: every rule of every folder in order, the last match decides."""
    result = False
    absolute = os.path.abspath(path)
    for folder, rule in gitignore.rules:
        rel = os.path.relpath(absolute, os.path.abspath(folder)).replace(os.sep, "/")
        if rel.startswith("../") or (rule.dir_only and not is_dir):
            continue
        if rule.regex.fullmatch(rel):
            result = not rule.negate
    return result


def test_gitignore_answers_as_rule_by_rule_matching(tmp_path: Path) -> None:
    # ignored() skips a folder's rules with one regex for them all; it must answer exactly as
    # trying every rule in turn does, negations and folder-only rules included.
    rng = random.Random(7)
    pieces = ["pods", "gen", "web", "*.json", "*.yaml", "**", "a?", "[ab]*", "keep.json"]
    folders = [tmp_path, tmp_path / "pods", tmp_path / "pods" / "gen"]
    for folder in folders:
        folder.mkdir(exist_ok=True)
    names = ["pods", "gen", "web", "a1", "b.json", "keep.json", "x.yaml", "ab"]
    for _ in range(60):
        gitignore = GitIgnore()
        for folder in folders:
            lines = []
            for _ in range(rng.randrange(5)):
                line = "/".join(rng.choice(pieces) for _ in range(rng.randrange(1, 3)))
                line = ("!" if rng.random() < 0.3 else "") + line
                lines.append(line + ("/" if rng.random() < 0.2 else ""))
            (folder / ".gitignore").write_text("\n".join(lines) + "\n")
            gitignore.add_file(str(folder))
        for _ in range(40):
            path = os.path.join(
                str(tmp_path), *(rng.choice(names) for _ in range(rng.randrange(1, 5)))
            )
            is_dir = rng.random() < 0.3
            assert gitignore.ignored(path, is_dir) == _ignored_rule_by_rule(
                gitignore, path, is_dir
            ), (
                path,
                is_dir,
                [(f, r.regex.pattern, r.negate, r.dir_only) for f, r in gitignore.rules],
            )
