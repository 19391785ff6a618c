"""Rule PL011 ``empty-document``: a YAML document marker with nothing after it."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class EmptyDocument(PipelineRule):
    """A YAML document marker with nothing after it.

    What it does
    ------------
    Reports each empty document of a YAML file: a `---` followed directly by another `---`, by the
    document end `...` or by the end of the file (comments do not count as content). YAML reads
    such a document as null. It is reported once, at its `---`, and not again as "not a pod".

    Why is this bad
    ---------------
    Every document of a pod file is meant to be a pod definition; a null document posted to
    Marathon is rejected, and tools that split the file disagree on whether it exists at all. It
    is usually a doubled `---` or one left at the end after a pod was removed.

    Example
    -------
    ```yaml
    id: /web
    containers:
      - name: web
        image: {kind: DOCKER, id: 'nginx:1.25'}
        resources: {cpus: 0.5, mem: 64}
    --- # the worker pod was moved to its own file
    ```

    Use instead
    -----------
    ```yaml
    id: /web
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
    YAML 1.2, section 9.1 (documents) and section 7.2 (an empty node is null).
    """

    code = "PL011"
    name = "empty-document"
    severity = Severity.ERROR
    summary = "A YAML document marker with nothing after it"
