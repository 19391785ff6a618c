"""``--format json``: the versioned machine-readable contract (schema: ``podlint/json_output.schema.json``)."""

from __future__ import annotations

import json

from podlint.formatters.base import Formatter
from podlint.results import Report
from podlint.serialize import JSON_FORMAT_VERSION, diagnostic_to_dict


class JsonFormatter(Formatter):
    name = "json"
    description = "one JSON object: {version, diagnostics, summary}, for editors and scripts"

    def format(self, report: Report) -> str:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
            "summary": report.summary.as_dict(),
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
