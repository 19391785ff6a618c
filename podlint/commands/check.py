"""``podlint check``: discover, lint, fix, filter by baseline, report, and choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from podlint import process
from podlint.commands.progress import clear_for_output, track, wants_progress
from podlint.config.settings import SettingsError
from podlint.diagnostics import Diagnostic, Severity, Span
from podlint.discover import Target, discover
from podlint.exit_status import EXIT_FINDINGS, EXIT_OK, UsageError
from podlint.formatters.base import Formatter
from podlint.formatters.terminal import to_bytes
from podlint.plugins import Registry, make_plugin_manager
from podlint.results import FileResult, Report, RunSummary

if TYPE_CHECKING:
    from podlint.engine import Linter


def run_check(args: Any) -> int:
    if args.fix and list(args.paths or []) == ["-"]:
        from podlint.fixing.stdin_echo import echo_stdin

        with echo_stdin() as args.stdin_buffer:
            return _run_check(args)
    return _run_check(args)


def _run_check(args: Any) -> int:
    _, registry = make_plugin_manager(defer_rules=_rule_record(args))
    from podlint.config.discovery import ConfigResolver

    try:
        resolver = ConfigResolver(
            registry,
            config_file=args.config,
            overrides=args_overrides(args),
            isolated=args.isolated,
        )
    except (SettingsError, OSError) as exc:
        raise UsageError(str(exc)) from None
    paths = args.paths or ["."]
    formats = args.formats or [_default_format(registry)]
    outputs = args.outputs or []
    if len(outputs) > len(formats):
        raise UsageError("more --output than --format options: pair each --output with a --format")
    for name in formats:
        if name not in registry.formatters:
            known = ", ".join(sorted(registry.formatters))
            raise UsageError(f"unknown format {name!r} (available: {known})")
    _one_report_on_stdout(formats, outputs)
    if args.fix and args.diff:
        raise UsageError("--fix and --diff exclude each other: --diff shows fixes without writing")

    color = _use_color(args)
    formatters: list[Formatter] = []
    for i, name in enumerate(formats):
        target = outputs[i] if i < len(outputs) else "-"
        formatter: Formatter = registry.formatters[name](
            color=color and target == "-", show_source=args.show_source
        )
        formatter.quiet = args.quiet  # type: ignore[attr-defined]
        formatter.statistics = args.statistics  # type: ignore[attr-defined]
        formatters.append(formatter)

    plugin_diags = [
        Diagnostic(
            f"<plugin {p.plugin}>",
            "PL900",
            "plugin-error",
            Severity.ERROR,
            p.message,
            "",
            Span(1, 1, 1, 1),
        )
        for p in registry.problems
    ]
    # Fixes, baselines and --output to a file need the whole run first; otherwise the first
    # format, when it prints finding by finding to standard output, prints while files are linted.
    streamed = (
        formatters[0]
        if formatters[0].streams
        and not outputs
        and not (args.fix or args.diff or args.write_baseline or args.baseline)
        else None
    )
    progress = wants_progress(formats, args)
    process.startup_done()
    try:
        if args.show_settings:
            print(resolver.describe(args.stdin_filename or paths[0]))
            return EXIT_OK
        if streamed is not None:
            results = _lint_streamed(
                args, registry, resolver, paths, streamed, plugin_diags, progress=progress
            )
        else:
            keep_text = bool(args.fix or args.diff)
            results = list(
                _lint(args, registry, resolver, paths, progress=progress, keep_text=keep_text)[0]
            )
            if not (args.fix or args.diff) and paths != ["-"]:
                # Only fixes need the texts; formats read a snippet's file again, one at a time.
                for result in results:
                    result.text = None
    except SettingsError as exc:
        raise UsageError(str(exc)) from None

    summary = RunSummary()
    if args.fix or args.diff:
        from podlint.fixing.apply import apply_fixes

        results, summary.fixed = apply_fixes(results, registry, resolver, args)
        if args.diff:
            # As ruff: the diff alone on standard output (it can be piped to `patch`), the rest on
            # standard error.
            args.report_to_stderr = True

    if args.write_baseline:
        from podlint.baseline import write_baseline

        try:
            write_baseline(args.write_baseline, results)
        except OSError as exc:
            raise UsageError(
                f"--write-baseline {args.write_baseline}: {exc.strerror or exc}"
            ) from None
    if args.baseline:
        from podlint.baseline import filter_baseline

        try:
            results, summary.baselined = filter_baseline(args.baseline, results)
        except (OSError, ValueError) as exc:
            raise UsageError(f"--baseline {args.baseline}: {exc}") from None

    if plugin_diags and streamed is None:
        results.insert(0, FileResult("<plugins>", plugin_diags))

    for r in results:
        if r.skipped:
            summary.skipped += 1
            continue
        if not r.path.startswith("<"):
            summary.files += 1
        summary.pods += r.pods
        summary.suppressed += r.suppressed
        for d in r.diagnostics:
            if d.severity is Severity.ERROR:
                summary.errors += 1
            elif d.severity is Severity.WARNING:
                summary.warnings += 1
            else:
                summary.infos += 1
            if d.fix is not None:
                summary.fixable += 1
                if d.fix.applicability == "unsafe":
                    summary.unsafe_fixable += 1
    if summary.files == 0 and not args.write_baseline and not getattr(args, "skip_non_pods", False):
        looked = ", ".join(paths)
        skipped = f" ({summary.skipped} file(s) skipped as not pods)" if summary.skipped else ""
        raise UsageError(f"no pod definition found to lint in {looked}{skipped}")

    # Rules not collected (every file answered from the cache) are collected only if a format
    # reads them.
    report = Report(
        results, summary, registry.rules if registry.rules_pending else dict(registry.rules)
    )
    for i, formatter in enumerate(formatters):
        target = outputs[i] if i < len(outputs) else "-"
        # The streamed format has printed its findings already; its tail follows them.
        text = formatter.tail(report) if formatter is streamed else formatter.format(report)
        # With --fix on standard input the fixed text owns standard output (podlint.fixing.apply).
        _emit(text, target, to_stderr=getattr(args, "report_to_stderr", False))

    settings = resolver.settings_for(paths[0] if paths[0] != "-" else (args.stdin_filename or "-"))
    fail_on = Severity(args.fail_on) if args.fail_on else settings.fail_on
    failed = any(d.severity.rank >= fail_on.rank for r in results for d in r.diagnostics)
    # Writing a baseline records today's findings: that run succeeded (as ruff's --add-noqa does).
    if args.write_baseline:
        return EXIT_OK
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


def _rule_record(args: Any) -> Callable[[Registry], list[str] | None] | None:
    """What may defer collecting the rules: the cache's record of them, when the cache is used."""
    if args.no_cache or args.fix or args.diff or list(args.paths or []) == ["-"]:
        return None
    from podlint.cache import CACHE_DIR
    from podlint.cache.rule_record import vouch

    return lambda registry: vouch(registry, CACHE_DIR)


def _one_report_on_stdout(formats: list[str], outputs: list[str]) -> None:
    """Two reports on standard output would run together (JSON then text is not JSON): refuse."""
    on_stdout = [
        f for i, f in enumerate(formats) if (outputs[i] if i < len(outputs) else "-") == "-"
    ]
    if len(on_stdout) > 1:
        shown = " and ".join(f"--format {f}" for f in on_stdout)
        raise UsageError(
            f"{shown} would all print to standard output; give each extra format its own "
            "--output FILE (e.g. --format text --format json --output report.json)"
        )


def _lint_streamed(
    args: Any,
    registry: Registry,
    resolver: Any,
    paths: list[str],
    formatter: Formatter,
    plugin_diags: list[Diagnostic],
    *,
    progress: bool = False,
) -> list[FileResult]:
    """Lint, printing ``formatter``'s findings as files complete (``podlint.streaming``).

    Results keep their findings for the other formats and the summary, but not their text: a big
    run holds one file's text at a time.
    """
    from podlint.streaming import OrderedStream

    results_iter, order = _lint(
        args, registry, resolver, paths, progress=progress, keep_text=formatter.needs_source
    )

    # What a file's findings print is written in one piece: a write per finding costs more
    # than formatting it on a run with tens of thousands of findings.
    texts: list[str] = []

    def emit(diagnostic: Diagnostic, source: str | None) -> None:
        texts.append(formatter.diagnostic_text(diagnostic, source))

    def flush() -> None:
        if texts:
            _write_stdout("".join(texts))
            texts.clear()

    stream = OrderedStream(order, emit, _source if formatter.needs_source else None)
    results: list[FileResult] = []
    if plugin_diags:
        plugins = FileResult("<plugins>", plugin_diags)
        stream.add(plugins)
        flush()
        results.append(plugins)
    from_files = paths != ["-"]
    for result in results_iter:
        stream.add(result)
        flush()
        if from_files:
            # Other formats read snippets from the file again, as for results from the cache.
            result.text = None
        results.append(result)
    stream.finish()
    flush()
    return results


def _source(result: FileResult) -> str | None:
    return result.text if result.text is not None else result.source_text()


def _write_stdout(text: str) -> None:
    """Standard output, encoded so that no value can make the write fail (see ``to_bytes``)."""
    clear_for_output(sys.stdout)
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream (tests, embedding)
        sys.stdout.write(to_bytes(text).decode("utf-8"))
        return
    sys.stdout.flush()
    binary.write(to_bytes(text))


def _lint(
    args: Any,
    registry: Registry,
    resolver: Any,
    paths: list[str],
    *,
    progress: bool = False,
    keep_text: bool = True,
) -> tuple[Iterator[FileResult], list[str]]:
    """The results, in the order of the second item: the paths of the files to lint.

    Without ``keep_text`` the results of files may come without their text (nothing reads it).
    """

    def make_linter() -> Linter:
        # Built on demand: a run the cache answers whole never imports the engine.
        from podlint.engine import Linter

        return Linter(registry)

    from podlint.commands.update import previous_versions

    if paths == ["-"]:
        name = args.stdin_filename or "-"
        settings = resolver.settings_for(name)
        buffer = getattr(args, "stdin_buffer", None)
        if buffer is not None:
            data = buffer.data[: settings.max_file_size + 1]
        else:
            data = sys.stdin.buffer.read(settings.max_file_size + 1)
        explicit = not getattr(args, "skip_non_pods", False)
        linter = make_linter()
        linter.previous = previous_versions(args, paths, [name], stdin=data)
        return iter([linter.lint_bytes(data, name, settings, explicit=explicit)]), [name]
    if "-" in paths:
        raise UsageError("- (standard input) cannot be combined with other paths")
    try:
        targets: list[Target] = list(discover(paths, resolver.settings_for))
    except FileNotFoundError as exc:
        raise UsageError(f"{exc.args[0]}: no such file or folder") from None
    if getattr(args, "skip_non_pods", False):
        # Named files are treated like walked ones: plainly not a pod means skipped, not reported.
        targets = [Target(t.path, explicit=False, stat=t.stat) for t in targets]
    order = [t.path for t in targets]
    previous = previous_versions(args, paths, order)
    # Update findings depend on the previous version, which the cache's key does not hold.
    use_cache = not args.no_cache and not (args.fix or args.diff) and previous is None
    if use_cache:
        from podlint.cache import cached_run

        return track(
            cached_run(
                make_linter,
                resolver.settings_for,
                targets,
                args.jobs or None,
                registry,
                keep_text=keep_text,
            ),
            len(targets),
            enabled=progress,
        ), order
    from podlint.runner import run

    linter = make_linter()
    linter.previous = previous
    return track(
        run(linter, resolver.settings_for, targets, args.jobs or None, keep_text=keep_text),
        len(targets),
        enabled=progress,
    ), order


def _default_format(registry: Registry) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in registry.formatters:
        return "github"
    return "text"


def _use_color(args: Any) -> bool:
    """``--color always|never`` wins; ``auto`` honours NO_COLOR, then FORCE_COLOR, then the terminal."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _emit(text: str, target: str, *, to_stderr: bool = False) -> None:
    data = to_bytes(text)
    if target == "-":
        stream = sys.stderr if to_stderr else sys.stdout
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text-only stream (tests, embedding): same characters, as text
            stream.write(data.decode("utf-8"))
            stream.flush()
            return
        stream.flush()
        binary.write(data)
        binary.flush()
        return
    from podlint.fixing.safe_write import write_bytes_atomic

    try:
        # A report path in the working folder must not lead out of it through a symbolic link.
        write_bytes_atomic(target, data, confine_to=os.getcwd())
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def _csv(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def args_overrides(args: Any) -> dict[str, Any]:
    """Command-line flags as configuration keys (they win over files)."""
    overrides: dict[str, Any] = {}
    for key in ("select", "ignore", "extend_select", "extend_ignore"):
        value = _csv(getattr(args, key))
        if value is not None:
            overrides[key] = value
    if args.fail_on:
        overrides["fail_on"] = args.fail_on
    if args.no_inline_suppressions:
        overrides["inline_suppressions"] = False
    for key in ("exclude", "extend_exclude"):
        globs = getattr(args, key, None)  # lists of lists: each option takes comma-separated globs
        if globs is not None:
            overrides[key] = [g for group in globs for g in group]
    cluster: dict[str, Any] = {}
    for key in (
        "marathon_version",
        "preset",
        "security_mode",
        "default_network_name",
        "mesos_role",
        "new_group_enforce_role",
        "mesos_master_version",
        "agent",
    ):
        value = getattr(args, key)
        if value is not None:
            cluster[key] = value
    if args.feature:
        cluster["features"] = _csv(args.feature)
    if args.network:
        cluster["networks"] = _csv(args.network)
    if cluster:
        overrides["cluster"] = cluster
    return overrides
