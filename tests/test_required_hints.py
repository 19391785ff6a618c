"""The help for a missing key comes from the object it is missing from.

For every required key of every object in every version line's schema, a pod is built that has the
object without that key. The help must name that object, and the value it suggests must be valid for
that key of that object, by the same schema.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from podlint.config.profile import SUPPORTED_VERSIONS
from podlint.diagnostics import join_pointer
from podlint.schema import reference_problems, schema_for
from podlint.schema.required_hints import REQUIRED_HINTS, shape_of
from podlint.snippets import render_help


def _required_nodes(
    node: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("required"), list):
            yield path, node
        for key, child in node.items():
            yield from _required_nodes(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _required_nodes(child, (*path, index))


def _union_marker(path: tuple[Any, ...], key: str) -> bool:
    """Keys that choose a union alternative (a volume's `persistent`, a command's `shell`): without
    them another alternative is read, so they are never "missing"."""
    return len(path) >= 2 and path[-2] == "anyOf" and key != "name"


def _cases() -> Iterator[tuple[str, tuple[Any, ...], str]]:
    for line in SUPPORTED_VERSIONS:
        for path, node in _required_nodes(schema_for(line)):
            for key in node["required"]:
                if not _union_marker(path, key):
                    yield line, path, key


CASES = list(_cases())


def _example(shape: str, key: str) -> Any:
    hint = REQUIRED_HINTS.get((shape, key))
    assert hint is not None, f"no hint for `{key}` missing from `{shape or 'the pod'}`"
    if hint.example is not None:
        return hint.example
    return [{"name": "c", "resources": {"cpus": 0.1, "mem": 32}}]  # the pod's containers


def _object_with_required(node: dict[str, Any], shape: str) -> dict[str, Any]:
    return {k: copy.deepcopy(_example(shape, k)) for k in node["required"]}


def _build(schema: dict[str, Any], path: tuple[Any, ...], key: str) -> tuple[Any, str]:
    """A pod holding the object at schema ``path`` with its required keys except ``key``, and the
    JSON pointer of that object."""
    pod: dict[str, Any] = _object_with_required(schema, "")
    holder: Any = pod
    pointer = ""
    node: Any = schema
    i = 0
    while i < len(path):
        token = path[i]
        if token == "properties":
            name = path[i + 1]
            node = node["properties"][name]
            child: Any = [] if "items" in node else {}
            if isinstance(holder, dict):
                holder[name] = child
                pointer = join_pointer(pointer, name)
            holder = child
            i += 2
        elif token == "items":
            node = node["items"]
            child = {}
            holder.append(child)
            pointer = join_pointer(pointer, 0)
            holder = child
            i += 1
        elif token == "additionalProperties":
            node = node["additionalProperties"]
            child = {}
            holder["x"] = child
            pointer = join_pointer(pointer, "x")
            holder = child
            i += 1
        elif token == "anyOf":
            node = node["anyOf"][path[i + 1]]
            i += 2
        else:
            i += 1
        required_here = isinstance(node, dict) and bool(node.get("required"))
        if isinstance(holder, dict) and required_here and node is not _target(schema, path):
            holder.update(_object_with_required(node, shape_of(path[:i])))
    target = _target(schema, path)
    holder.update(_object_with_required(target, shape_of(path)))
    del holder[key]
    return pod, pointer


def _target(schema: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = schema
    for token in path:
        node = node[token]
    return node


def _object_words(shape: str) -> str:
    """What the help must mention: the object's own name (`image`, `scaling`), singular for list
    items (`container`, `volume mount`), `pod` for the pod itself."""
    last = [p for p in re.split(r"\.", shape.replace("[]", "").replace(".*", "")) if p]
    if not last:
        return "pod"
    word = last[-1]
    if shape.endswith(("[]", ".*")) and word.endswith("s"):
        word = word[:-1]
    return word.lower()


@pytest.mark.parametrize(
    ("line", "path", "key"), CASES, ids=[f"{c[0]}:{shape_of(c[1]) or 'pod'}.{c[2]}" for c in CASES]
)
def test_missing_key_help_speaks_of_its_object(line: str, path: tuple[Any, ...], key: str) -> None:
    schema = schema_for(line)
    pod, pointer = _build(schema, path, key)
    missing = join_pointer(pointer, key)
    problems = [p for p in reference_problems(pod, line) if p.family == "required"]
    found = [p for p in problems if p.pointer == missing]
    if not found and "anyOf" in path:
        # Inside a union alternative (a persistent volume's `size`), the object without the key is
        # read as a later alternative (an ephemeral volume), as Marathon reads it: nothing is missing.
        assert problems == [], problems
        return
    assert found, f"no finding for {missing} in {pod}: {problems}"
    problem = found[0]
    assert problem.help is not None
    shape = shape_of(path)
    word = _object_words(shape)
    assert word in problem.help.lower().replace(" ", ""), (
        f"help for `{key}` missing from `{shape}` does not name the {word}: {problem.help}"
    )
    for snippet in problem.snippets:
        assert snippet.key == key
        field_schema = _target(schema, path)["properties"][key]
        jsonschema.Draft7Validator(field_schema).validate(snippet.value)
    # Written as null (which Marathon reads as absent), the key gets the same advice.
    nulled = copy.deepcopy(pod)
    _holder(nulled, pointer)[key] = None
    null_problems = [p for p in reference_problems(nulled, line) if p.pointer == missing]
    if null_problems:
        assert null_problems[0].help == problem.help
    # With its suggestion applied, the object no longer misses the key.
    if problem.snippets:
        fixed = copy.deepcopy(pod)
        _holder(fixed, pointer)[key] = problem.snippets[0].value
        assert not [p for p in reference_problems(fixed, line) if p.pointer == missing]


def _holder(pod: Any, pointer: str) -> Any:
    holder = pod
    for token in pointer.split("/")[1:]:
        holder = holder[int(token)] if isinstance(holder, list) else holder[token]
    return holder


def test_every_hint_belongs_to_a_required_key_of_some_schema() -> None:
    real = {(shape_of(path), key) for line, path, key in CASES}
    markers = {
        (shape_of(path), key)
        for line in SUPPORTED_VERSIONS
        for path, node in _required_nodes(schema_for(line))
        for key in node["required"]
        if _union_marker(path, key)
    }
    assert set(REQUIRED_HINTS) - real - markers == set()


def test_scaling_kind_is_not_the_image_kind() -> None:
    pod = {
        "id": "/web",
        "scaling": {"instances": 2},
        "containers": [{"name": "web", "resources": {"cpus": 0.1, "mem": 32}}],
    }
    (problem,) = [p for p in reference_problems(pod, "1.10") if p.pointer == "/scaling/kind"]
    json_help = render_help(problem.help or "", problem.snippets, "json")
    yaml_help = render_help(problem.help or "", problem.snippets, "yaml")
    assert json_help == 'Add `"kind": "fixed"` to `scaling`: fixed is its only kind.'
    assert yaml_help == "Add `kind: fixed` to `scaling`: fixed is its only kind."
    assert "image" not in json_help.lower()
    assert "DOCKER" not in json_help
