"""Benchmark podlint against its peers on a generated corpus of pod definitions.

    python benchmarks/run.py            # full: 5,000 pods per format, 5 alternating runs each
    python benchmarks/run.py --quick    # smoke test: 200 pods, 2 runs

See benchmarks/README.md for what is measured and how to read the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``benchmarks`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus as corpus_mod
from benchmarks import heavy as heavy_mod
from benchmarks import measure, peers, podlint_cli
from benchmarks.measure import Command, CommandFailed, Timing
from benchmarks.report import Report, machine_facts, ratio_text, readme_block, render, update_readme

HERE = Path(__file__).resolve().parent
GROUPS = ("json", "yaml", "heavy", "warm", "one", "one-cached", "scale", "memory", "jobs", "cache")

# One Python process reading every JSON file and parsing it: the least any linter has to do.
FLOOR = (
    "import json, os, sys\n"
    "folder = sys.argv[1]\n"
    "for name in sorted(os.listdir(folder)):\n"
    "    with open(os.path.join(folder, name), 'rb') as handle:\n"
    "        json.loads(handle.read())\n"
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 200 pods, scaling 100/200/400, 2 runs"
    )
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5, quick 2)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--count", type=int, help="pods per format (default 5000, quick 200)")
    parser.add_argument(
        "--groups",
        default=",".join(GROUPS),
        help=f"comma-separated subset of: {', '.join(GROUPS)} (default all)",
    )
    parser.add_argument(
        "--podlint", help="podlint command to run (default: the podlint script beside this Python)"
    )
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        help="where the corpus goes (default benchmarks/.corpus/full|quick)",
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="write the corpus again even if it is current"
    )
    parser.add_argument("--generate-only", action="store_true", help="write the corpus and stop")
    parser.add_argument(
        "--out",
        type=Path,
        help="Markdown results file (default results/latest.md; quick: in the corpus folder)",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before one command is abandoned"
    )
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="replace the targets table in README.md with this run's (full runs only)",
    )
    args = parser.parse_args(argv)
    unknown = set(args.groups.split(",")) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


class Bench:
    """One benchmark session: the corpus, the tools, and the report being filled in."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.quick: bool = args.quick
        self.runs: int = args.runs or (2 if self.quick else 5)
        self.groups = set(args.groups.split(","))
        self.env = measure.benchmark_env()
        count = args.count or (200 if self.quick else 5000)
        scale = (count // 2, count, count * 2) if self.quick else (1000, 5000, 10000)
        self.spec = corpus_mod.CorpusSpec(
            seed=args.seed, count=count, scale_sizes=tuple(sorted(set(scale)))
        )
        root = args.corpus_dir or HERE / ".corpus" / ("quick" if self.quick else "full")
        self.root: Path = root.resolve()
        mode = (
            "quick smoke test (figures are dominated by start-up; do not quote them)"
            if self.quick
            else "full run"
        )
        self.report = Report(
            title=f"podlint benchmark, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
            mode=(
                f"Mode: {mode}. {count:,} pods per format, seed {args.seed}, {self.runs} timed runs per "
                "command after one warm-up, commands of a group alternated (A B A B ...); figures are medians."
            ),
        )
        self.corpus: corpus_mod.Corpus | None = None
        self.heavy: heavy_mod.HeavyCorpus | None = None
        # The findings-heavy corpus: the judged size, and twice that for memory and the cache.
        self.heavy_sizes = (count, count * 2)
        self.podlint: podlint_cli.Podlint | None = None
        self.peers: peers.Peers | None = None
        self.schema: Path | None = None

    # -- helpers ---------------------------------------------------------------------------------
    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        self.log(f"  note: {text}")
        self.report.notes.append(text)

    def command(self, label: str, argv: tuple[str, ...], files: int) -> Command:
        command = Command(label=label, argv=argv, cwd=self.root, files=files)
        self.report.commands.append((label, command.shell_text()))
        return command

    def compare(
        self, group: str, commands: list[Command], runs: int | None = None
    ) -> list[Timing] | None:
        self.log(f"  timing {', '.join(c.label for c in commands)}")
        try:
            timings = measure.alternate(commands, runs or self.runs, self.env, self.args.timeout)
        except CommandFailed as exc:
            self.note(f"{group}: skipped, a command failed: {exc}")
            return None
        except subprocess.TimeoutExpired as exc:
            self.note(f"{group}: skipped, timed out: {exc}")
            return None
        except Exception as exc:  # one broken group must not lose the others' results
            self.note(f"{group}: skipped: {type(exc).__name__}: {exc}")
            return None
        self.report.timings += [(group, t) for t in timings]
        return timings

    def files(self, folder: Path, suffix: str) -> list[str]:
        return sorted(f"{folder.name}/{p.name}" for p in folder.glob(f"*.{suffix}"))

    # -- setup -----------------------------------------------------------------------------------
    def setup(self) -> bool:
        self.log(f"corpus: {self.root}")
        self.corpus, fresh = corpus_mod.ensure_corpus(
            self.root, self.spec, regenerate=self.args.regenerate
        )
        self.log("  generated" if fresh else "  up to date, reused")
        self.describe_corpus()
        self.log("findings-heavy corpus")
        self.heavy, heavy_note = heavy_mod.ensure_heavy(self.root, self.heavy_sizes, self.spec.seed)
        self.report.corpus.append(heavy_note + ".")
        if self.args.generate_only:
            return False
        self.report.machine = machine_facts()
        base = (
            tuple(self.args.podlint.split()) if self.args.podlint else podlint_cli.default_command()
        )
        self.podlint, reason = podlint_cli.detect(base, self.env)
        if self.podlint is None:
            self.note(f"podlint skipped: {reason}")
            self.report.machine.append(("podlint", "not available"))
        else:
            flags = [
                f
                for f, ok in (
                    ("--exit-zero", self.podlint.exit_zero),
                    ("--no-cache", self.podlint.no_cache),
                    ("--jobs", self.podlint.jobs),
                )
                if ok
            ]
            self.report.machine.append(
                ("podlint", f"{self.podlint.version} (flags found: {', '.join(flags) or 'none'})")
            )
        try:
            self.peers = peers.ensure_peers()
        except Exception as exc:  # report and carry on with what can be measured
            self.note(
                f"peers could not be installed ({type(exc).__name__}: {exc}); peer comparisons skipped"
            )
        if self.peers:
            for tool, version in self.peers.versions.items():
                self.report.machine.append((tool, version))
        self.schema, schema_note = podlint_cli.export_schema(
            base, self.root / "marathon-pod-1.10.schema.json", self.env
        )
        if self.schema:
            self.report.notes.append(
                f"check-jsonschema validates against the schema from {schema_note}."
            )
        else:
            self.note(schema_note)
        (self.root / "yamllint-relaxed.yaml").write_text(peers.YAMLLINT_CONFIG, encoding="utf-8")
        self.report.notes.append(
            "yamllint runs with `extends: relaxed` (its own preset: style problems are warnings, exit code "
            "0), so it does not fail on the corpus's deliberate layout variety; every rule still runs."
        )
        self.report.notes.append(
            "Commands run with PYTHONDONTWRITEBYTECODE unset, as users run them; "
            "standard output goes to /dev/null during timed runs."
        )
        return True

    def describe_corpus(self) -> None:
        assert self.corpus is not None
        summary = self.corpus.manifest["summary"]
        lines = self.report.corpus
        lines.append(
            f"{summary['pods']:,} pods written as JSON (`json/`) and as YAML (`yaml/`), seed {self.spec.seed}, "
            f"generator v{corpus_mod.GENERATOR_VERSION}; scaling sets of "
            + " / ".join(f"{n:,}" for n in self.spec.scale_sizes)
            + " YAML files (`scale-N/`)."
        )
        for fmt in ("json", "yaml"):
            b = summary[f"{fmt}_bytes"]
            lines.append(
                f"{fmt.upper()} bytes: total {b['total'] / 2**20:.2f} MiB, min {b['min']:,}, "
                f"p10 {b['p10']:,}, median {b['median']:,.0f}, p90 {b['p90']:,}, max {b['max']:,}."
            )
        lines.append(
            "Containers per pod: "
            + ", ".join(f"{k}: {v:,}" for k, v in summary["containers"].items())
            + "."
        )
        kinds = ", ".join(f"{k} {v}" for k, v in summary["broken_by_kind"].items())
        lines.append(
            f"Deliberately broken: {summary['broken']:,} ({summary['broken_share']:.1%}): {kinds}."
        )
        profile = self.corpus.manifest["profile"]["cluster"]
        lines.append(
            "The other pods are valid for the profile in `.podlint.yaml`: "
            + ", ".join(f"{k}={v}" for k, v in profile.items())
            + "."
        )

    # -- groups ----------------------------------------------------------------------------------
    def group_json(self) -> None:
        assert self.corpus is not None
        n = self.spec.count
        commands: list[Command] = []
        pl = cjs = None
        if self.podlint:
            pl = self.command("podlint JSON", self.podlint.check(["json"]), n)
            commands.append(pl)
        if self.peers and self.schema:
            cjs = self.command(
                "check-jsonschema JSON",
                (
                    str(self.peers.check_jsonschema),
                    "--schemafile",
                    self.schema.name,
                    *self.files(self.corpus.json_dir, "json"),
                ),
                n,
            )
            commands.append(cjs)
        floor = self.command("floor: json.loads", (sys.executable, "-c", FLOOR, "json"), n)
        commands.append(floor)
        timings = {t.command.label: t for t in self.compare("json", commands) or []}
        limit = 0.1
        name = f"JSON, {n:,} files: podlint ÷ check-jsonschema"
        if pl and cjs and pl.label in timings and cjs.label in timings:
            value, text = ratio_text(timings[pl.label], timings[cjs.label])
            self.report.target(name, value, limit, text)
        else:
            self.report.target(name, None, limit, "")
        if pl and pl.label in timings and floor.label in timings:
            _, text = ratio_text(timings[pl.label], timings[floor.label])
            self.report.comparisons.append(
                (f"JSON, {n:,} files: podlint ÷ floor (one process, json.loads)", text)
            )

    def group_yaml(self) -> None:
        assert self.corpus is not None
        n = self.spec.count
        commands: list[Command] = []
        pl = cjs = yl = None
        if self.podlint:
            pl = self.command("podlint YAML", self.podlint.check(["yaml"]), n)
            commands.append(pl)
        if self.peers and self.schema:
            cjs = self.command(
                "check-jsonschema YAML",
                (
                    str(self.peers.check_jsonschema),
                    "--schemafile",
                    self.schema.name,
                    *self.files(self.corpus.yaml_dir, "yaml"),
                ),
                n,
            )
            commands.append(cjs)
        if self.peers:
            yl = self.command(
                "yamllint YAML",
                (str(self.peers.yamllint), "-c", "yamllint-relaxed.yaml", "-f", "parsable", "yaml"),
                n,
            )
            commands.append(yl)
        timings = (
            {t.command.label: t for t in self.compare("yaml", commands) or []} if commands else {}
        )
        for peer, limit in ((cjs, 0.2), (yl, 0.06)):
            peer_name = "check-jsonschema" if peer is cjs else "yamllint"
            name = f"YAML, {n:,} files: podlint ÷ {peer_name}"
            if pl and peer and pl.label in timings and peer.label in timings:
                value, text = ratio_text(timings[pl.label], timings[peer.label])
                self.report.target(name, value, limit, text)
            else:
                self.report.target(name, None, limit, "")

    def group_one(self) -> None:
        assert self.corpus is not None
        clean = f"json/{self.corpus.first_clean()}.json"
        commands: list[Command] = []
        pl = cjs = None
        if self.podlint:
            pl = self.command("podlint 1 file", self.podlint.check([clean]), 1)
            commands.append(pl)
        if self.peers and self.schema:
            cjs = self.command(
                "check-jsonschema 1 file",
                (str(self.peers.check_jsonschema), "--schemafile", self.schema.name, clean),
                1,
            )
            commands.append(cjs)
        imports = self.command(
            "python -c 'import jsonschema, ruamel.yaml'",
            (sys.executable, "-c", "import jsonschema, ruamel.yaml"),
            1,
        )
        commands.append(imports)
        # Short commands are noisier: three times the runs.
        timings = {
            t.command.label: t for t in self.compare("one file", commands, runs=self.runs * 3) or []
        }
        name = "one clean file: podlint ÷ check-jsonschema"
        if pl and cjs and pl.label in timings and cjs.label in timings:
            value, text = ratio_text(timings[pl.label], timings[cjs.label])
            self.report.target(name, value, 0.4, text)
        else:
            self.report.target(name, None, 0.4, "")
        if pl and pl.label in timings:
            _, text = ratio_text(timings[pl.label], timings[imports.label])
            self.report.comparisons.append(
                ("one clean file: podlint ÷ `python -c 'import jsonschema, ruamel.yaml'`", text)
            )

    def group_scale(self) -> None:
        sizes = self.spec.scale_sizes
        name = "linear scaling: time(largest set) ÷ time(middle set)"
        bound = "files ratio ± 15 %"
        if not self.podlint:
            self.report.target(name, None, 0.15, "", limit_text=bound)
            return
        commands = [
            self.command(f"podlint {n:,} YAML", self.podlint.check([f"scale-{n}"]), n)
            for n in sizes
        ]
        timings = self.compare("scaling", commands)
        if not timings or len(timings) < 3:
            self.report.target(name, None, 0.15, "", limit_text=bound)
            return
        middle, largest = timings[-2], timings[-1]
        expected = largest.command.files / middle.command.files
        ratio = largest.median / middle.median
        deviation = abs(ratio / expected - 1)
        per_file = ", ".join(f"{t.command.files:,}: {t.per_file_ms:.3f} ms/file" for t in timings)
        self.report.target(
            name,
            deviation,
            0.15,
            f"{ratio:.2f}× for {expected:g}× the files (off by {deviation:.0%}); {per_file}",
            limit_text=bound,
        )

    def group_memory(self) -> None:
        """Peak RSS, cold: the target on the findings-heavy corpus (findings are what a run keeps)."""
        largest = self.spec.scale_sizes[-1]
        runs: list[tuple[str, str, int, int | None, bool]] = []
        if self.heavy is not None:
            big = self.heavy_sizes[-1]
            folder = f"{self.heavy.folder(big)}/json"
            runs.append((f"podlint {big:,} heavy JSON, default", folder, big, None, True))
        runs.append(
            (
                f"podlint {largest:,} YAML, default",
                f"scale-{largest}",
                largest,
                None,
                self.heavy is None,
            )
        )
        runs.append((f"podlint {largest:,} YAML, --jobs 1", f"scale-{largest}", largest, 1, False))
        judged = runs[0][2]
        name = f"peak RSS, {judged:,} files, cold (largest process)"
        if not self.podlint:
            self.report.target(name, None, 150, "", unit=" MiB")
            return
        for label, folder, files, jobs, is_target in runs:
            if jobs is not None and not self.podlint.jobs:
                continue
            command = self.command(label, self.podlint.check([folder], jobs=jobs), files)
            self.log(f"  memory of {command.label}")
            try:
                use = measure.measure_memory(command, self.env, self.args.timeout)
            except Exception as exc:
                self.note(f"memory: {command.label} failed: {exc}")
                continue
            self.report.memory.append((command.label, use))
            if is_target:
                tree = (
                    f"; whole tree {use.peak_tree_mib:.1f} MiB"
                    if use.peak_tree_mib is not None
                    else ""
                )
                self.report.target(
                    name,
                    use.peak_process_mib,
                    150,
                    f"{use.peak_process_mib:.1f} MiB{tree}",
                    unit=" MiB",
                )
        if not any(t.name == name for t in self.report.targets):
            self.report.target(name, None, 150, "", unit=" MiB")
        self.report.notes.append(
            "Peak memory: 'largest process' is getrusage(RUSAGE_CHILDREN).ru_maxrss, the figure "
            "`/usr/bin/time -v` prints; with worker processes it is the largest single process, so the "
            "whole tree (all processes' RSS summed, sampled every 20 ms) is shown beside it."
        )

    def group_jobs(self) -> None:
        largest = self.spec.scale_sizes[-1]
        if not self.podlint or not self.podlint.jobs:
            self.note(
                "jobs: skipped, `podlint check --help` shows no --jobs flag"
                if self.podlint
                else "jobs: skipped, no podlint"
            )
            return
        folder = f"scale-{largest}"
        commands = [
            self.command(
                f"podlint {largest:,} YAML --jobs 1", self.podlint.check([folder], jobs=1), largest
            ),
            self.command(
                f"podlint {largest:,} YAML, automatic jobs", self.podlint.check([folder]), largest
            ),
        ]
        timings = self.compare("jobs", commands)
        if timings:
            _, text = ratio_text(timings[1], timings[0])
            self.report.comparisons.append(
                (f"{largest:,} YAML files: automatic jobs ÷ --jobs 1", text)
            )

    def group_cache(self) -> None:
        if not self.podlint or not self.podlint.no_cache:
            self.note(
                "cache: skipped, `podlint check --help` shows no --no-cache flag"
                if self.podlint
                else "cache: skipped, no podlint"
            )
            return
        n = self.spec.count
        warm = self.command(
            f"podlint {n:,} YAML, warm cache", self.podlint.check(["yaml"], cache=True), n
        )
        cold = self.command(f"podlint {n:,} YAML, --no-cache", self.podlint.check(["yaml"]), n)
        # The warm-up run of the cached command fills the cache; every timed run of it then hits.
        timings = self.compare("cache", [warm, cold])
        if timings:
            _, text = ratio_text(timings[0], timings[1])
            self.report.comparisons.append(
                (f"{n:,} YAML files: warm cache ÷ cold (--no-cache)", text)
            )

    def _peer_files(self, folder: str, suffix: str) -> list[str]:
        return sorted(f"{folder}/{p.name}" for p in (self.root / folder).glob(f"*.{suffix}"))

    def _cjs(self, label: str, files: list[str]) -> Command | None:
        if not (self.peers and self.schema):
            return None
        argv = (str(self.peers.check_jsonschema), "--schemafile", self.schema.name, *files)
        return self.command(label, argv, len(files))

    def _target_ratio(
        self,
        name: str,
        timings: dict[str, Timing],
        num: Command | None,
        den: Command | None,
        limit: float,
    ) -> None:
        if num and den and num.label in timings and den.label in timings:
            value, text = ratio_text(timings[num.label], timings[den.label])
            self.report.target(name, value, limit, text)
        else:
            self.report.target(name, None, limit, "")

    def group_heavy(self) -> None:
        """Cold runs on the findings-heavy corpus, JSON and YAML, against check-jsonschema."""
        n = self.heavy_sizes[0]
        for fmt, suffix in (("JSON", "json"), ("YAML", "yaml")):
            name = f"findings-heavy {fmt}, {n:,} files, cold: podlint ÷ check-jsonschema"
            if self.heavy is None or not self.podlint:
                self.report.target(name, None, 0.1, "")
                continue
            folder = f"{self.heavy.folder(n)}/{suffix}"
            pl = self.command(f"podlint heavy {fmt}, cold", self.podlint.check([folder]), n)
            cjs = self._cjs(f"check-jsonschema heavy {fmt}", self._peer_files(folder, suffix))
            commands = [pl] + ([cjs] if cjs else [])
            timings = {t.command.label: t for t in self.compare("heavy", commands) or []}
            self._target_ratio(name, timings, pl, cjs, 0.1)

    def group_warm(self) -> None:
        """The same JSON files again with the cache warm, on both corpora, beside cold and the peer."""
        assert self.corpus is not None
        if not self.podlint or not self.podlint.no_cache:
            self.note(
                "warm: skipped, podlint has no --no-cache flag" if self.podlint else "warm: skipped"
            )
            return
        sets = [("clean", "json", self.spec.count)]
        if self.heavy is not None:
            sets.append(
                (
                    "findings-heavy",
                    f"{self.heavy.folder(self.heavy_sizes[0])}/json",
                    self.heavy_sizes[0],
                )
            )
        for corpus_name, folder, n in sets:
            warm = self.command(
                f"podlint {corpus_name} JSON, warm cache",
                self.podlint.check([folder], cache=True),
                n,
            )
            cold = self.command(
                f"podlint {corpus_name} JSON, cold", self.podlint.check([folder]), n
            )
            cjs = self._cjs(
                f"check-jsonschema {corpus_name} JSON", self._peer_files(folder, "json")
            )
            # The warm-up run of the cached command fills the cache; every timed run then hits it.
            commands = [warm, cold] + ([cjs] if cjs else [])
            timings = {t.command.label: t for t in self.compare("warm", commands) or []}
            name = f"{corpus_name} JSON, {n:,} files, cache warm: podlint ÷ check-jsonschema"
            if corpus_name == "findings-heavy":
                self._target_ratio(name, timings, warm, cjs, 0.05)
            elif cjs and warm.label in timings and cjs.label in timings:
                _, text = ratio_text(timings[warm.label], timings[cjs.label])
                self.report.comparisons.append((name, text))
            if warm.label in timings and cold.label in timings:
                _, text = ratio_text(timings[warm.label], timings[cold.label])
                self.report.comparisons.append(
                    (f"{corpus_name} JSON, {n:,} files: warm ÷ cold", text)
                )

    def group_one_cached(self) -> None:
        """One file, in a folder where a run over twice the judged corpus was cached."""
        big = self.heavy_sizes[-1]
        name = f"one file, cache holding {big:,} files: podlint ÷ check-jsonschema"
        if self.heavy is None or not self.podlint or not self.podlint.no_cache:
            self.report.target(name, None, 0.4, "")
            return
        folder = f"{self.heavy.folder(big)}/json"
        one = f"{folder}/pod-00000.json"
        fill = self.command(
            f"podlint {big:,} heavy JSON, filling the cache",
            self.podlint.check([folder], cache=True),
            big,
        )
        self.log(f"  {fill.label}")
        try:
            measure.run_once(fill, self.env, self.args.timeout)
        except Exception as exc:
            self.note(f"one-cached: skipped, filling the cache failed: {exc}")
            self.report.target(name, None, 0.4, "")
            return
        pl = self.command("podlint 1 file, big cache", self.podlint.check([one], cache=True), 1)
        cold = self.command("podlint 1 file (same), --no-cache", self.podlint.check([one]), 1)
        cjs = self._cjs("check-jsonschema 1 file (same)", [one])
        commands = [pl, cold] + ([cjs] if cjs else [])
        timings = {
            t.command.label: t
            for t in self.compare("one-cached", commands, runs=self.runs * 3) or []
        }
        self._target_ratio(name, timings, pl, cjs, 0.4)

    # -- podlint's own findings, as a parity smoke signal ------------------------------------------
    def podlint_findings(self) -> None:
        if not self.podlint or self.corpus is None:
            return
        pods = {p["name"]: p for p in self.corpus.manifest["pods"][: self.spec.count]}
        for folder in ("json", "yaml"):
            command = Command(
                "podlint findings", self.podlint.check([folder]), self.root, self.spec.count
            )
            try:
                _, stdout = measure.run_once(command, self.env, self.args.timeout, capture=True)
                diagnostics = json.loads(stdout).get("diagnostics", [])
            except (CommandFailed, ValueError, AttributeError) as exc:
                self.note(f"podlint output on {folder}/ could not be read: {exc}")
                continue
            by_pod: dict[str, set[str]] = {}
            codes: dict[str, set[str]] = {}
            for diag in diagnostics:
                stem = Path(str(diag.get("file", ""))).stem
                by_pod.setdefault(stem, set()).add(str(diag.get("severity")))
                codes.setdefault(stem, set()).add(str(diag.get("code")))
            broken = [p for p in pods.values() if p["defect"]]
            caught = [
                p for p in broken if _meets(by_pod.get(p["name"], set()), p["defect"]["severity"])
            ]
            false_errors = sorted(
                name
                for name, p in pods.items()
                if not p["defect"] and "error" in by_pod.get(name, set())
            )
            with_findings = sum(1 for name in pods if by_pod.get(name))
            line = (
                f"{folder}/: {len(diagnostics):,} diagnostics in {with_findings:,} of {len(pods):,} files; "
                f"{len(caught)} of {len(broken)} broken pods reported at their expected severity or above; "
                f"{len(false_errors)} valid pods with an error"
            )
            if false_errors:
                shown = ", ".join(
                    f"{name} ({', '.join(sorted(codes[name]))})" for name in false_errors[:5]
                )
                line += f" (e.g. {shown})"
            missed = [p for p in broken if p not in caught]
            if missed:
                kinds = sorted({p["defect"]["kind"] for p in missed})
                line += f"; missed defect kinds: {', '.join(kinds)}"
            self.report.findings.append(line + ".")

    def run(self) -> str:
        if not self.setup():
            return ""
        steps: list[tuple[str, Callable[[], None]]] = [
            ("json", self.group_json),
            ("yaml", self.group_yaml),
            ("heavy", self.group_heavy),
            ("warm", self.group_warm),
            ("one", self.group_one),
            ("one-cached", self.group_one_cached),
            ("scale", self.group_scale),
            ("memory", self.group_memory),
            ("jobs", self.group_jobs),
            ("cache", self.group_cache),
        ]
        self.log("podlint's findings on the corpus")
        self.podlint_findings()
        for group, step in steps:
            if group in self.groups:
                self.log(f"group {group}")
                step()
        return render(self.report)


def _meets(severities: set[str], expected: str) -> bool:
    order = {"info": 0, "warning": 1, "error": 2}
    return any(order.get(s, -1) >= order[expected] for s in severities)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)
    markdown = bench.run()
    if not markdown:
        return 0
    out: Path = args.out or (
        bench.root / "results.md" if bench.quick else HERE / "results" / "latest.md"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    print(markdown)
    print(f"written to {out}", file=sys.stderr)
    if args.update_readme and not bench.quick:
        readme = HERE.parent / "README.md"
        block = readme_block(
            bench.report, f"full table: [{out.name}](benchmarks/results/{out.name})"
        )
        updated = update_readme(readme.read_text(encoding="utf-8"), block)
        if updated is None:
            print("README.md has no benchmark-targets markers; not updated", file=sys.stderr)
        else:
            readme.write_text(updated, encoding="utf-8")
            print("README.md targets table updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
