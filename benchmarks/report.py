"""The benchmark's results as a Markdown document: machine, targets with PASS/FAIL, raw timings."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from typing import Any

from benchmarks.measure import MemoryUse, Timing


@dataclass(frozen=True)
class TargetResult:
    name: str
    measured: str
    limit: str
    # "PASS", "FAIL" or "SKIP"
    status: str


@dataclass
class Report:
    title: str
    mode: str
    machine: list[tuple[str, str]] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)
    timings: list[tuple[str, Timing]] = field(default_factory=list)
    comparisons: list[tuple[str, str]] = field(default_factory=list)
    memory: list[tuple[str, MemoryUse]] = field(default_factory=list)
    corpus: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    commands: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def target(
        self,
        name: str,
        value: float | None,
        limit: float,
        shown: str,
        unit: str = "×",
        limit_text: str | None = None,
    ) -> None:
        """Record a target met when ``value <= limit`` (None: could not be measured)."""
        bound = limit_text or f"≤ {limit:g}{unit}"
        if value is None:
            self.targets.append(TargetResult(name, shown or "not measured", bound, "SKIP"))
            return
        self.targets.append(TargetResult(name, shown, bound, "PASS" if value <= limit else "FAIL"))


def mark(status: str) -> str:
    """A target's result with its sign: ✔ met, ✘ missed."""
    return {"PASS": "✔ PASS", "FAIL": "✘ FAIL"}.get(status, status)


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def ratio_text(numerator: Timing, denominator: Timing) -> tuple[float, str]:
    value = numerator.median / denominator.median
    return value, f"{value:.3f}× ({seconds(numerator.median)} vs {seconds(denominator.median)})"


def machine_facts() -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    model = platform.processor() or platform.machine()
    mem_total = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    mem_total = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    facts.append(("CPU", f"{model} ({platform.machine()})"))
    facts.append(("cores", f"{os.cpu_count()} logical, {usable} usable by this process"))
    if mem_total:
        facts.append(("memory", mem_total))
    facts.append(("OS", platform.platform()))
    facts.append(("Python", f"{platform.python_implementation()} {sys.version.split()[0]}"))
    return facts


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


README_START = "<!-- benchmark-targets:start (written by benchmarks/run.py --update-readme) -->"
README_END = "<!-- benchmark-targets:end -->"


def readme_block(report: Report, source: str) -> str:
    """The targets table for README.md, between its markers."""
    lines = [README_START, "", f"{report.title.removeprefix('podlint ')} ({source}):", ""]
    lines += _table(
        ("case", "measured (median)", "target", "result"),
        [(t.name, t.measured, t.limit, mark(t.status)) for t in report.targets],
    )
    return "\n".join([*lines, "", README_END])


def update_readme(readme_text: str, block: str) -> str | None:
    """``readme_text`` with the block between the markers replaced; None when a marker is missing."""
    start = readme_text.find(README_START)
    end = readme_text.find(README_END)
    if start < 0 or end < start:
        return None
    return readme_text[:start] + block + readme_text[end + len(README_END) :]


def render(report: Report) -> str:
    out = [f"# {report.title}", "", report.mode, ""]
    out += ["## Machine", ""]
    out += _table(("", ""), list(report.machine))
    out += ["", "## Targets", ""]
    if report.targets:
        out += _table(
            ("target", "measured (median)", "limit", "result"),
            [(t.name, t.measured, t.limit, f"**{mark(t.status)}**") for t in report.targets],
        )
    else:
        out.append("No target could be measured.")
    if report.comparisons:
        out += ["", "## Other comparisons", ""]
        out += _table(("comparison", "result"), list(report.comparisons))
    if report.timings:
        out += ["", "## Timings", ""]
        out += _table(
            ("group", "command", "files", "median", "min", "max", "per file", "runs"),
            [
                (
                    group,
                    t.command.label,
                    f"{t.command.files:,}",
                    seconds(t.median),
                    seconds(t.low),
                    seconds(t.high),
                    f"{t.per_file_ms:.3f} ms",
                    len(t.seconds),
                )
                for group, t in report.timings
            ],
        )
    if report.memory:
        out += ["", "## Peak memory", ""]
        out += _table(
            ("command", "largest process (getrusage)", "whole process tree (sampled)"),
            [
                (
                    label,
                    f"{m.peak_process_mib:.1f} MiB",
                    f"{m.peak_tree_mib:.1f} MiB" if m.peak_tree_mib is not None else "n/a",
                )
                for label, m in report.memory
            ],
        )
    for title, lines in (
        ("Corpus", report.corpus),
        ("What podlint found in the corpus", report.findings),
        ("Notes", report.notes),
    ):
        if lines:
            out += ["", f"## {title}", ""] + [f"- {line}" for line in lines]
    if report.commands:
        out += ["", "## Commands (run from the corpus folder)", ""]
        out += _table(
            ("command", "argv"), [(label, f"`{text}`") for label, text in report.commands]
        )
    return "\n".join(out) + "\n"
