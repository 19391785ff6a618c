"""Readers and message pieces every family of rules shares (pod, container and policy rules).

Everything here reads plain pod data defensively: values of the wrong type are skipped, never raised
on, because the schema layer reports them. As Marathon does (spec §1.1), enums are read
case-insensitively and an explicit ``null`` is the same as an absent key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from podlint.rule import as_dict, as_str

# The Name type (spec §2): container, endpoint and volume(-mount) names, health-check endpoint refs,
# and network names in 1.4 (P3).
NAME_RE = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
NAME_MAX = 63

NETWORK_MODES = ("container", "container/bridge", "host")


def network_mode(network: dict[str, Any]) -> str | None:
    """``container``, ``container/bridge`` or ``host``; absent/null means ``container`` (T/net).

    None when the mode cannot be read (wrong type or an unknown literal: the schema layer's finding).
    """
    mode = network.get("mode")
    if mode is None:
        return "container"
    if not isinstance(mode, str):
        return None
    lowered = mode.lower()
    return lowered if lowered in NETWORK_MODES else None


def env_secret_refs(environment: Any) -> Iterator[tuple[str, str]]:
    """(variable, secret name) for every ``{"secret": "<name>"}`` value of an EnvVars map.

    The union tries a plain string first, so only mappings can be secret references; a reference
    that is not a string is the schema layer's finding, not a missing secret.
    """
    for key, value in as_dict(environment).items():
        if isinstance(value, dict):
            secret = value.get("secret")
            if isinstance(secret, str):
                yield key, secret


def secret_names(pod: dict[str, Any]) -> list[str]:
    """The secrets the pod declares (keys of ``secrets``)."""
    return list(as_dict(pod.get("secrets")))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a misspelt ``word`` most likely meant, or None (did-you-mean)."""
    pool = [c for c in dict.fromkeys(candidates) if c != word]
    for c in pool:
        if c.lower() == word.lower():
            return c
    import difflib  # only for a did-you-mean

    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def quote(value: Any) -> str:
    """A value as messages show it: in backticks, strings as written, anything else as its repr."""
    if isinstance(value, str):
        return f"`{value}`"
    return f"`{value!r}`"


def quote_list(values: Iterable[Any]) -> str:
    items = [quote(v) for v in values]
    return ", ".join(items) if items else "none"


def container_label(index: int, container: dict[str, Any]) -> str:
    """How messages name a container: its name, or its position when the name is unusable."""
    name = as_str(container.get("name"))
    return f"`{name}`" if name else f"#{index + 1}"
