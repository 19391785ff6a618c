"""Which packages the rules come from, remembered so that a run answered from the cache can skip
collecting them.

Collecting the rules imports every rule module, a good part of a run whose every file is answered
from the cache, where no rule runs. What such a run needs from the rules is only what the cache
key holds: the code they come from (:func:`podlint.cache.keys.code_packages`). A *record* keeps
that list of packages, keyed by podlint's version and the plugins loaded (name, distribution,
version, module), with the code fingerprint those packages had when it was written.

A record vouches for the rules only while that fingerprint is unchanged, and only a run whose
plugins and rule hooks gave no problem, and whose every rule's default options could be built,
writes one. A run that trusts it has nothing to report about the rules that collecting them would
have reported; anything that uses a rule (a file to lint, a rule named in the configuration,
``--show-settings``) collects them as before (:class:`podlint.plugins.DeferredRules`).
"""

from __future__ import annotations

import json

from podlint import __version__
from podlint.cache import keys
from podlint.cache.blake import blake2b
from podlint.cache.store import Store, StoreUnavailable
from podlint.plugins import Registry


def record_key(registry: Registry) -> str:
    h = blake2b(digest_size=16)
    h.update(f"{keys.FORMAT}|{__version__}|".encode())
    for p in sorted(registry.plugins, key=lambda p: (p.name, p.module)):
        h.update(f"{p.name}={p.distribution}-{p.version}:{p.module}:{p.builtin};".encode())
    return h.hexdigest()


def vouch(registry: Registry, folder: str) -> list[str] | None:
    """The packages of the rules, if a record in the cache at ``folder`` vouches for them."""
    from podlint.cache.run import usable_folder

    if not usable_folder(folder):
        return None
    try:
        with Store(folder, create=False) as store:
            found = store.rule_record(record_key(registry))
    except StoreUnavailable:
        return None
    if found is None:
        return None
    raw_packages, code = found
    try:
        packages = json.loads(raw_packages) if isinstance(raw_packages, str) else None
    except ValueError:
        return None
    if not (
        isinstance(packages, list)
        and packages
        and all(type(p) is str and p for p in packages)
        and type(code) is str
    ):
        return None
    # The plugins' own modules are always among the packages the record names.
    if not {p.module.split(".")[0] for p in registry.plugins if p.module} <= set(packages):
        return None
    if keys.code_fingerprint(packages) != code:
        return None
    return packages


def to_write(registry: Registry, code: str | None) -> tuple[str, str, str] | None:
    """The record this run may write (key, packages, code), or None."""
    if (
        code is None
        or registry.rules_pending
        or registry.vouched_packages is not None
        or registry.problems
    ):
        return None
    for rule in registry.rules.values():
        try:
            rule.options()
        except Exception:  # reported when the rules run: never vouched for
            return None
    packages = keys.code_packages(registry)
    if keys.code_fingerprint(packages) != code:
        return None
    return record_key(registry), json.dumps(packages), code
