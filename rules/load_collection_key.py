"""Rule PL010 ``collection-key``: a YAML mapping or sequence used as a key."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class CollectionKey(PipelineRule):
    """A YAML mapping or sequence used as a key.

    What it does
    ------------
    Reports a key that is itself a mapping or a sequence, such as `[a, b]: value` or a `? ` key
    followed by an indented list. YAML allows such keys; podlint reads the key as its text, so the
    rest of the file is still checked.

    Why is this bad
    ---------------
    Marathon receives pods as JSON, whose keys are strings only: a pod definition never needs a
    collection as a key, and tools that turn YAML into JSON refuse it or each write it differently.
    It is usually a stray `?`, a missing quote or a bracket in a key by mistake.

    Example
    -------
    ```yaml
    id: /web
    [labels]:
      team: core
    containers:
      - name: web
        image: {kind: DOCKER, id: 'nginx:1.25'}
        resources: {cpus: 0.5, mem: 64}
    ```

    Use instead
    -----------
    ```yaml
    id: /web
    labels:
      team: core
    containers:
      - name: web
        image: {kind: DOCKER, id: 'nginx:1.25'}
        resources: {cpus: 0.5, mem: 64}
    ```

    Options
    -------
    None.

    References
    ----------
    YAML 1.2, sections 7.4 and 8.2.2 (complex mapping keys); RFC 8259, section 4 (object names are strings).
    """

    code = "PL010"
    name = "collection-key"
    severity = Severity.ERROR
    summary = "A YAML mapping or sequence used as a key"
