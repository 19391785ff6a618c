"""podlint: a linter and policy checker for Marathon pod definitions."""

import os as _os
import sys as _sys

__version__ = "0.1.0"


def _forget_working_folder() -> None:
    """Under ``python -m podlint…``, take the current folder off ``sys.path``.

    ``-m`` puts the current folder first on ``sys.path``; podlint is run at the top of repositories
    it has never seen, where a ``podlint_rules/`` folder or a ``*.dist-info`` folder would otherwise
    be imported as if installed. While the module is being located, ``sys.argv[0]`` is ``"-m"``.
    podlint's own checkout stays, so running it from a clone of podlint still works.
    """
    if not (_sys.argv and _sys.argv[0] == "-m" and _sys.path):
        return
    first = _os.path.abspath(_sys.path[0] or _os.curdir)
    home = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
    if first == _os.path.abspath(_os.curdir) and first != home:
        del _sys.path[0]


_forget_working_folder()

from podlint.hookspecs import hookimpl  # noqa: E402  (after sys.path is safe)

__all__ = ["__version__", "hookimpl"]
