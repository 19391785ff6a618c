"""Which files to lint: named files always, folders walked with include/exclude globs and .gitignore.

Walking never follows symbolic links to folders (no loops) and never opens anything that is not a
regular file (a FIFO would block).
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterator

from podlint.config.settings import Settings
from podlint.records import FrozenRecord, Record

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        ".tox",
        ".podlint_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    }
)

# Configuration files of podlint and of tools that sit beside pods: never pods themselves.
NEVER_LINTED_FILES = frozenset(
    {
        ".podlint.yaml",
        ".podlint.yml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        ".gitlab-ci.yml",
        ".yamllint",
        ".yamllint.yaml",
        ".yamllint.yml",
    }
)


class Target(FrozenRecord):
    _fields = ("path", "explicit", "stat")
    _compared = _shown = ("path", "explicit")

    path: str
    explicit: bool
    # The file's stat when the walk found it (walked files only), taken before anything read it:
    # the results cache compares it with the stat it stored instead of taking another.
    stat: os.stat_result | None

    def __init__(self, path: str, explicit: bool, stat: os.stat_result | None = None) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "explicit", explicit)
        object.__setattr__(self, "stat", stat)


class _IgnoreRule(Record):
    _fields = ("regex", "negate", "dir_only")

    def __init__(self, regex: re.Pattern[str], negate: bool, dir_only: bool) -> None:
        self.regex = regex
        self.negate = negate
        self.dir_only = dir_only


class GitIgnore(Record):
    """The subset of gitignore semantics that matters for finding pod files."""

    _fields = ("rules", "_absolute_folders")
    _compared = _shown = ("rules",)

    def __init__(
        self,
        rules: list[tuple[str, _IgnoreRule]] | None = None,
        _absolute_folders: dict[str, str] | None = None,
    ) -> None:
        self.rules: list[tuple[str, _IgnoreRule]] = [] if rules is None else rules
        self._absolute_folders: dict[str, str] = (
            {} if _absolute_folders is None else _absolute_folders
        )
        # By is_dir: the rules that apply, in runs of one folder each, with one regex per run.
        self._runs: dict[bool, list[tuple[str, list[_IgnoreRule], re.Pattern[str]]]] = {}

    def _absolute(self, folder: str) -> str:
        found = self._absolute_folders.get(folder)
        if found is None:
            found = self._absolute_folders[folder] = os.path.abspath(folder)
        return found

    def add_file(self, folder: str) -> None:
        path = os.path.join(folder, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            return
        for raw in lines:
            line = raw.rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            anchored = "/" in line
            line = line.lstrip("/")
            try:
                regex = _glob_to_regex(line, anchored)
            except re.error:
                # An unterminated or reversed bracket ("[]", "[z-a]") matches nothing in git.
                continue
            self.rules.append((folder, _IgnoreRule(regex, negate, dir_only)))
            self._runs.clear()

    def ignored(self, path: str, is_dir: bool, absolute: str | None = None) -> bool:
        """``absolute``, if given, is ``os.path.abspath(path)``."""
        result = False
        # os.path.relpath per rule made walking 5,000 files cost a third of a second; the same
        # relative paths come from one abspath per call and a prefix test per folder. Most files
        # match no rule of a folder: one regex for all of them says so, instead of one per rule.
        if absolute is None:
            absolute = os.path.abspath(path)
        for folder, rules, any_rule in self._runs_for(is_dir):
            rel = _relative(absolute, self._absolute(folder)).replace(os.sep, "/")
            if rel.startswith("../") or any_rule.fullmatch(rel) is None:
                continue
            for rule in rules:
                if rule.regex.fullmatch(rel):
                    result = not rule.negate
        return result

    def _runs_for(self, is_dir: bool) -> list[tuple[str, list[_IgnoreRule], re.Pattern[str]]]:
        """The rules that may apply to a folder (``is_dir``) or a file, in order, grouped in runs
        of one folder; the last rule that matches decides, as in git."""
        runs = self._runs.get(is_dir)
        if runs is None:
            grouped: list[tuple[str, list[_IgnoreRule]]] = []
            for folder, rule in self.rules:
                if rule.dir_only and not is_dir:
                    continue
                if grouped and grouped[-1][0] == folder:
                    grouped[-1][1].append(rule)
                else:
                    grouped.append((folder, [rule]))
            runs = self._runs[is_dir] = [
                (folder, rules, re.compile("|".join(f"(?:{r.regex.pattern})" for r in rules)))
                for folder, rules in grouped
            ]
        return runs


def _relative(absolute: str, folder: str) -> str:
    """``os.path.relpath(absolute, folder)`` for two absolute, normalised paths, fast when inside."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :]
    return os.path.relpath(absolute, folder)


def _glob_to_regex(pattern: str, anchored: bool) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i)
            if end == -1:
                out.append(re.escape(c))
            else:
                out.append(pattern[i : end + 1])
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    return re.compile(body if anchored else f"(?:.*/)?{body}")


@functools.lru_cache(maxsize=64)
def _glob_set(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a list of globs (fnmatch semantics), compiled once per list."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))


def _matches_any(rel: str, patterns: list[str]) -> bool:
    return _matches(rel, _glob_set(tuple(patterns)))


def _matches(rel: str, regex: re.Pattern[str] | None) -> bool:
    if regex is None:
        return False
    # fnmatch.fnmatch normalises case on case-insensitive systems; so does this.
    rel = os.path.normcase(rel)
    return regex.match(rel) is not None or regex.match(rel.rsplit("/", 1)[-1]) is not None


def discover(paths: list[str], settings_for: Callable[[str], Settings]) -> Iterator[Target]:
    """Yield the files to lint, in a stable order; raise FileNotFoundError for a missing path."""
    seen: set[str] = set()
    for path in paths:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise FileNotFoundError(path) from None
        except OSError:
            # A link loop, say: named on purpose, so linted, where reading it reports why it fails.
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield Target(path, explicit=True)
            continue
        if stat.S_ISDIR(st.st_mode):
            for found, key, found_stat in _walk(path, settings_for(os.path.join(path, "_"))):
                if key not in seen:
                    seen.add(key)
                    yield Target(found, explicit=False, stat=found_stat)
        else:
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield Target(path, explicit=True)


def _anchor(root: str, settings: Settings) -> str:
    """Where ``root`` sits below the configuration's folder (``"pods/"``), or ``""``.

    Globs with a ``/`` (``pods/*.yaml``) are written from the configuration's folder, wherever the
    walk starts: ``podlint check`` in a subfolder, or ``podlint check pods/`` at the top, must match
    them as ``podlint check`` at the top does.
    """
    if settings.config_file is None:
        return ""
    base = os.path.dirname(os.path.abspath(settings.config_file))
    rel = os.path.relpath(os.path.abspath(root), base)
    if rel == "." or rel.startswith(".."):
        return ""
    return rel.replace(os.sep, "/") + "/"


def _walk(root: str, settings: Settings) -> Iterator[tuple[str, str, os.stat_result]]:
    """The files to lint under ``root``, each with its absolute path and its stat."""
    gitignore = GitIgnore()
    if settings.respect_gitignore:
        # .gitignore files above the root apply too, up to the repository's top.
        folder = os.path.abspath(root)
        above: list[str] = []
        while True:
            above.append(folder)
            if os.path.isdir(os.path.join(folder, ".git")):
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                above = [os.path.abspath(root)]
                break
            folder = parent
        for folder in reversed(above[1:]):
            gitignore.add_file(folder)
    anchor = _anchor(root, settings)
    include, exclude = _glob_set(tuple(settings.include)), _glob_set(tuple(settings.exclude))
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        # A file's absolute path is its folder's and its name (a name has no separator, is never
        # "." or ".."): one abspath per folder, not one per file.
        absolute_dir = os.path.abspath(dirpath)
        if not absolute_dir.endswith(os.sep):
            absolute_dir += os.sep
        if settings.respect_gitignore:
            gitignore.add_file(dirpath)
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = anchor + ("" if rel_dir == "." else rel_dir + "/")
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if d in ALWAYS_SKIPPED_DIRS or _matches_any(rel_dir + d, settings.exclude):
                continue
            if settings.respect_gitignore and gitignore.ignored(full, True):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name in NEVER_LINTED_FILES:
                continue
            full = os.path.join(dirpath, name)
            rel = rel_dir + name
            if not _matches(rel, include) or _matches(rel, exclude):
                continue
            absolute = absolute_dir + name
            if settings.respect_gitignore and gitignore.ignored(full, False, absolute):
                continue
            try:
                found_stat = os.stat(full)
            except OSError:
                continue
            if not stat.S_ISREG(found_stat.st_mode):
                continue  # FIFOs, sockets, devices, dangling links: never opened
            yield full, absolute, found_stat
