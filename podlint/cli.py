"""The command line: builds the parser and dispatches to ``podlint.commands``.

``podlint check``, ``rules``, ``explain``, ``schema``, ``lsp``, ``clean``; each command lives in its
own module under ``podlint/commands/``. Usage errors are one clear line on stderr, exit code 2
(``podlint.exit_status``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from podlint.exit_status import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError


class _Parser(argparse.ArgumentParser):
    # add_argument has a help formatter check each argument's metavar; a formatter of its own
    # width measures the terminal (importing shutil) every time. The check does not depend on the
    # width, so it gets a formatter of a fixed one; help and usage still measure the terminal.
    _checking_metavar = False

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self._checking_metavar = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._checking_metavar = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        if self._checking_metavar:
            return argparse.HelpFormatter(prog=self.prog, width=80)
        return super()._get_formatter()

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _resources_arg(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep:
            raise argparse.ArgumentTypeError(f"expected cpus=4,mem=16384,… got {text!r}")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{key.strip()} must be a number, got {value!r}"
            ) from None
    return out


def _jobs_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (automatic) or more, got {value}")
    return value


class _OutputAction(argparse.Action):
    """``--output`` remembers how many ``--format`` options came before it, to pair them."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        outputs = list(getattr(namespace, self.dest, None) or [])
        outputs.append(values)
        setattr(namespace, self.dest, outputs)
        positions = list(getattr(namespace, "output_positions", None) or [])
        positions.append(len(getattr(namespace, "formats", None) or []))
        namespace.output_positions = positions


def _pair_outputs(args: argparse.Namespace) -> None:
    """Align ``args.outputs`` with ``args.formats``: ``outputs[i]`` is where format ``i`` goes.

    An ``--output`` belongs to the ``--format`` just before it (``--format text --format sarif
    --output x.sarif`` prints text and writes SARIF), or to the next one when that format already
    has an output or none came before. Formats without an ``--output`` print to standard output.
    """
    formats = getattr(args, "formats", None)
    outputs = getattr(args, "outputs", None)
    if not formats or not outputs:
        return  # no --format: check_command pairs the default format with the first --output
    paired: dict[int, str] = {}
    for path, before in zip(outputs, args.output_positions, strict=True):
        slot = before - 1 if before > 0 and before - 1 not in paired else before
        if slot >= len(formats) or slot in paired:
            raise UsageError(f"--output {path} has no --format to pair with: put it after one")
        paired[slot] = path
    args.outputs = [paired.get(i, "-") for i in range(len(formats))]


class _HelpWithFormats(argparse.Action):
    """``check --help``: load the plugins only now, to list every format name (plugins' included).

    Parsing a ``check`` command line never loads plugins (start-up stays cheap); asking for help does.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from podlint.plugins import make_plugin_manager

        _, registry = make_plugin_manager()
        names = ", ".join(sorted(registry.formatters))
        for action in parser._actions:
            if action.dest == "formats":
                action.help = (
                    f"output format: {names} (default text; github under GitHub Actions); "
                    "repeat it to write several reports in one run, each extra one with its "
                    "own --output"
                )
        parser.print_help()
        parser.exit()


def _csv_globs(text: str) -> list[str]:
    return [g.strip() for g in text.split(",") if g.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="podlint",
        description="Lint Marathon pod definitions (JSON or YAML) before they reach Marathon.",
    )
    parser.add_argument(
        "-V", "--version", action="store_true", help="print versions of podlint and its plugins"
    )
    # prog given: argparse would otherwise lay out a usage line (measuring the terminal) to find it.
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, prog=parser.prog)

    check = sub.add_parser(
        "check", help="lint files and folders (default: the current folder)", add_help=False
    )
    check.add_argument("-h", "--help", action=_HelpWithFormats, help="show this help and exit")
    check.add_argument(
        "paths",
        nargs="*",
        help="files or folders; - reads standard input (default: the current folder, walked "
        "with the configuration's include and exclude)",
    )
    out = check.add_argument_group("output")
    out.add_argument(
        "--format",
        "--output-format",
        action="append",
        dest="formats",
        metavar="FORMAT",
        help="output format; repeat it, each extra one with its own --output",
    )
    out.add_argument(
        "--output",
        action=_OutputAction,
        dest="outputs",
        metavar="FILE",
        help="write the report of the --format just before it to FILE (- for standard output)",
    )
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    out.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output: auto (default: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it), always or never",
    )
    out.add_argument(
        "--no-color",
        dest="color",
        action="store_const",
        const="never",
        help="same as --color never",
    )
    out.add_argument(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show the source line under each finding (text format)",
    )
    out.add_argument("--statistics", action="store_true", help="print a count of findings per rule")
    out.add_argument(
        "--watch",
        action="store_true",
        help="lint again whenever a linted file or the configuration changes (Ctrl-C stops)",
    )
    sel = check.add_argument_group("rule selection")
    sel.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules (names, codes, prefixes)",
    )
    sel.add_argument("--ignore", action="append", metavar="RULES", help="not these rules")
    sel.add_argument("--extend-select", action="append", metavar="RULES", help="also these rules")
    sel.add_argument(
        "--extend-ignore", action="append", metavar="RULES", help="also not these rules"
    )
    sel.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        help="lowest severity that fails the run (default warning)",
    )
    sel.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    sel.add_argument(
        "--no-inline-suppressions",
        action="store_true",
        help="ignore podlint: disable comments and labels",
    )
    cfg = check.add_argument_group("configuration")
    cfg.add_argument(
        "--config", metavar="FILE", help="use this configuration file instead of discovering one"
    )
    cfg.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    cfg.add_argument(
        "--show-settings",
        action="store_true",
        help="print the effective settings for the first path and exit",
    )
    cfg.add_argument(
        "--exclude",
        action="append",
        type=_csv_globs,
        metavar="GLOBS",
        help="globs of files and folders to skip when walking folders; replaces the "
        "configuration's exclude",
    )
    cfg.add_argument(
        "--extend-exclude",
        action="append",
        type=_csv_globs,
        metavar="GLOBS",
        help="more globs to skip, added to the configuration's exclude",
    )
    cfg.add_argument(
        "--stdin-filename", metavar="PATH", help="the name of the file read from standard input"
    )
    cfg.add_argument(
        "--skip-non-pods",
        action="store_true",
        help="skip named files that are plainly not pods, as in walked folders (for pre-commit, "
        "which names every JSON/YAML file); a run with nothing to lint then succeeds",
    )
    cl = check.add_argument_group("cluster profile (override configuration's `cluster:`)")
    cl.add_argument(
        "--marathon-version", metavar="V", help="Marathon version line (1.4 … 1.10; default 1.10)"
    )
    cl.add_argument("--preset", metavar="NAME", help="cluster preset: dcos, dcos-enterprise")
    cl.add_argument("--security-mode", choices=["disabled", "permissive", "strict"])
    cl.add_argument(
        "--feature", action="append", metavar="NAME", help="Marathon --enable_features (repeatable)"
    )
    cl.add_argument(
        "--default-network-name", metavar="NAME", help="Marathon --default_network_name"
    )
    cl.add_argument(
        "--network",
        action="append",
        metavar="NAME",
        help="a virtual network that exists (repeatable)",
    )
    cl.add_argument("--mesos-role", metavar="ROLE", help="Marathon --mesos_role")
    cl.add_argument("--new-group-enforce-role", choices=["off", "top"])
    cl.add_argument("--mesos-master-version", metavar="V")
    cl.add_argument(
        "--agent",
        type=_resources_arg,
        metavar="cpus=N,mem=N,…",
        help="capacity of the largest agent",
    )
    fx = check.add_argument_group("fixes")
    fx.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    fx.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes"
    )
    fx.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    bl = check.add_argument_group("baseline and cache")
    bl.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    bl.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    bl.add_argument("--no-cache", action="store_true", help="do not read or write .podlint_cache/")
    bl.add_argument(
        "--jobs",
        "-j",
        type=_jobs_arg,
        default=0,
        metavar="N",
        help="worker processes (default 0: automatic; at most twice the number of cores)",
    )

    from podlint.commands import update

    update.add_arguments(check)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule", help="rule name or code")
    schema = sub.add_parser("schema", help="print the JSON Schema of pod definitions, for editors")
    schema.add_argument("--marathon-version", default="1.10", metavar="V")
    sub.add_parser("lsp", help="run the language server on standard input/output")
    clean = sub.add_parser("clean", help="remove .podlint_cache/ below the current folder")
    clean.add_argument("path", nargs="?", default=".")
    return parser


def console_main() -> int:
    """The ``podlint`` command: :func:`main` with start-up and exit made cheap (``podlint.process``)."""
    from podlint import process

    process.pause_gc()
    code = main()
    process.exit_now(code)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        print(f"podlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line; the traceback only on request
        if os.environ.get("PODLINT_DEBUG"):
            raise
        print(
            f"podlint: internal error: {type(exc).__name__}: {exc} "
            "(set PODLINT_DEBUG=1 for the traceback and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from podlint.commands.version import print_version

        return print_version()
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "check":
        from podlint.commands.check import run_check

        _pair_outputs(args)
        if args.watch:
            from podlint.commands.watch import watch

            return watch(args)
        return run_check(args)
    if args.command == "rules":
        from podlint.commands.rules import list_rules

        return list_rules(args.format)
    if args.command == "explain":
        from podlint.commands.rules import explain

        return explain(args.rule)
    if args.command == "schema":
        from podlint.commands.schema import print_schema

        return print_schema(args.marathon_version)
    if args.command == "lsp":
        from podlint import process
        from podlint.commands.lsp import run_lsp

        process.startup_done()

        return run_lsp()
    if args.command == "clean":
        from podlint.commands.clean import run_clean

        return run_clean(args.path)
    raise UsageError(f"unknown command {args.command!r}")


if __name__ == "__main__":
    sys.exit(console_main())
