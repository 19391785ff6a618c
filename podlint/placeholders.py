"""Placeholders left in a definition: words in angle brackets and template variables.

Both the schema layer (to say why a value Marathon rejects is wrong) and the placeholder rule (for
values Marathon accepts) recognise them the same way.
"""

from __future__ import annotations

import re

# `<your/private/image>`, `<secret name>`: words in angle brackets. A shell redirection such as
# `sort <in >out` does not match (a space before the `>`).
ANGLE = re.compile(r"<[A-Za-z][\w./:@-]*(?: [\w./:@-]+)*>")
# `${IMAGE_TAG}` (envsubst, shell), `{{ version }}` (Jinja, Mustache, Go templates).
TEMPLATE = re.compile(r"\$\{[^}\s]+\}|\{\{[^}]*\}\}")


def find_placeholder(text: str, *, templates: bool = True) -> str | None:
    """The first placeholder in ``text``; template variables only when ``templates`` is true."""
    found = ANGLE.search(text) or (TEMPLATE.search(text) if templates else None)
    return found.group() if found else None
