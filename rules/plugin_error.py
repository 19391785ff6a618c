"""Rule PL900 ``plugin-error``: a plugin could not be loaded or contributed something broken."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class PluginError(PipelineRule):
    """A plugin could not be loaded or contributed something broken.

    What it does
    ------------
    Reports a plugin (an installed distribution in the `podlint` entry-point group) that failed to
    import, whose hook raised, or whose rules clash with another plugin's codes or names.

    Why is this bad
    ---------------
    The plugin's rules did not run, so the files were not checked the way the configuration says. The
    other rules and files still ran.

    Example
    -------
    (No self-contained example: see the description above.)

    Use instead
    -----------
    (See the description above.)

    Options
    -------
    None.

    References
    ----------
    The plugin's documentation; `podlint --version` lists the loaded plugins.
    """

    code = "PL900"
    name = "plugin-error"
    severity = Severity.ERROR
    summary = "A plugin could not be loaded or contributed something broken"
