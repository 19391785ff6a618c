"""``podlint schema``: print the JSON Schema of pod definitions for editors."""

from __future__ import annotations

import json

from podlint.exit_status import EXIT_OK, UsageError


def print_schema(version: str) -> int:
    from podlint.config.profile import MarathonVersion
    from podlint.schema import export_schema

    try:
        MarathonVersion.parse(version)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(export_schema(version), indent=2))
    return EXIT_OK
