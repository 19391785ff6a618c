"""``--format junit``: JUnit XML, one test case per linted file, for CI test-report views.

A file with an error or a warning is a failed test case whose ``<failure>`` lists its findings, one
``path:line:col: severity code message (name)`` line each (with help). A file with only ``info``
findings passes, its findings in ``<system-out>`` (warning is the default fail threshold). Files that
were skipped as not pods are skipped test cases, so the report accounts for every file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from podlint.diagnostics import Diagnostic, Severity
from podlint.formatters.base import Formatter
from podlint.formatters.ci_common import plural, report_path, severity_counts_text
from podlint.results import FileResult, Report

# Characters XML 1.0 cannot hold at all (even escaped); a file's bytes can put them in a message.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SUITE_NAME = "podlint"


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _line(d: Diagnostic) -> str:
    head = (
        f"{report_path(d.file)}:{d.span.line}:{d.span.column}: "
        f"{d.severity.value} {d.code} {d.message} ({d.name})"
    )
    return f"{head}\n    help: {d.help}" if d.help else head


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: one test case per file, findings as failures"

    def format(self, report: Report) -> str:
        cases: list[ET.Element] = []
        failures = skipped = 0
        for result in sorted(report.files, key=lambda r: r.path):
            case, failed = self._case(result)
            cases.append(case)
            failures += failed
            skipped += result.skipped is not None
        counts = {
            "tests": str(len(cases)),
            "failures": str(failures),
            "errors": "0",
            "skipped": str(skipped),
        }
        root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
        suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
        suite.extend(cases)
        ET.indent(root, space="  ")
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    @staticmethod
    def _case(result: FileResult) -> tuple[ET.Element, bool]:
        path = _clean(report_path(result.path))
        case = ET.Element("testcase", {"name": path, "classname": SUITE_NAME, "file": path})
        if result.skipped is not None:
            ET.SubElement(case, "skipped", {"message": _clean(f"not a pod: {result.skipped}")})
            return case, False
        diagnostics: Sequence[Diagnostic] = sorted(result.diagnostics)
        if not diagnostics:
            return case, False
        text = _clean("\n".join(_line(d) for d in diagnostics))
        if any(d.severity is not Severity.INFO for d in diagnostics):
            message = f"{plural(len(diagnostics), 'problem')} ({severity_counts_text(diagnostics)})"
            failure = ET.SubElement(case, "failure", {"message": message, "type": "podlint"})
            failure.text = text
            return case, True
        out = ET.SubElement(case, "system-out")
        out.text = text
        return case, False
