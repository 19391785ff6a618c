"""What start-up does and does not pay for, and the console command's quick exit.

The one-file run (pre-commit on one pod) must not import what it does not use: these tests list the
modules that must stay out of a plain ``check`` of one JSON pod, rather than timing anything (speed
is measured by the benchmark).
"""

from __future__ import annotations

import datetime
import email.utils
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podlint.schema import native

ROOT = Path(__file__).resolve().parent.parent
CLEAN_POD = ROOT / "examples" / "web.json"
CONFIG = """\
# A cluster profile such as a repository keeps beside its pods.
cluster:
  marathon_version: "1.10"
  features:
  - secrets
  default_network_name: dcos
  mesos_master_version: "1.10.0"
"""

# Modules a one-file run of JSON pods has no use for: the e-mail package and what it drags in
# (jsonschema-rs asks for it when it loads), PyYAML (a small configuration is read without it), the
# pure-Python validator (only for invalid pods), the results cache (off here).
NOT_ON_THE_ONE_FILE_PATH = (
    "email.utils",
    "socket",
    "urllib.parse",
    "ipaddress",
    "random",
    "calendar",
    "yaml",
    "jsonschema",
    "ruamel",
    "sqlite3",
)


def _run_in_process(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_importing_the_command_line_is_light(tmp_path: Path) -> None:
    run = _run_in_process(
        "import json, sys; before = set(sys.modules); import podlint.cli;"
        "print(json.dumps(sorted(set(sys.modules) - before)))",
        tmp_path,
    )
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout))
    assert not loaded & {"email", "socket", "yaml", "jsonschema_rs", "sqlite3"}


def test_one_json_pod_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    (tmp_path / ".podlint.yaml").write_text(CONFIG)
    (tmp_path / "pod.json").write_bytes(CLEAN_POD.read_bytes())
    run = _run_in_process(
        """
        import json, sys
        before = set(sys.modules)  # the interpreter's own start-up (site, an editable install)
        from podlint.cli import main
        code = main(["check", "--no-cache", "--format", "json", "pod.json"])
        print(json.dumps({"code": code, "modules": sorted(set(sys.modules) - before)}), file=sys.stderr)
        """,
        tmp_path,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["diagnostics"] == []
    assert report["summary"]["files"] == 1
    state = json.loads(run.stderr.strip().splitlines()[-1])
    assert state["code"] == 0
    loaded = set(state["modules"])
    # The fast validator did run (and the configuration was read: see the next test).
    assert "jsonschema_rs" in loaded
    assert "podlint.config.source" in loaded
    assert sorted(m for m in NOT_ON_THE_ONE_FILE_PATH if m in loaded) == []


def test_the_configuration_read_without_yaml_still_applies(tmp_path: Path) -> None:
    """The profile of a small .podlint.yaml (read without PyYAML) changes the verdict as before."""
    pod = json.loads(CLEAN_POD.read_text())
    pod["secrets"] = {"s": {"source": "vault/s"}}
    pod["environment"] = {**pod.get("environment", {}), "S": {"secret": "s"}}
    (tmp_path / "pod.json").write_text(json.dumps(pod))
    without = _run_in_process(
        """
        from podlint.cli import main
        raise SystemExit(main(["check", "--no-cache", "--format", "json", "pod.json"]))
        """,
        tmp_path,
    )
    (tmp_path / ".podlint.yaml").write_text(CONFIG)
    with_config = _run_in_process(
        """
        from podlint.cli import main
        raise SystemExit(main(["check", "--no-cache", "--format", "json", "pod.json"]))
        """,
        tmp_path,
    )
    codes = {d["code"] for d in json.loads(without.stdout)["diagnostics"]}
    assert codes, without.stdout
    assert json.loads(with_config.stdout)["diagnostics"] == [], with_config.stdout


# ---- jsonschema-rs without email.utils -------------------------------------------------------------


def test_the_stand_in_is_gone_after_the_import(tmp_path: Path) -> None:
    run = _run_in_process(
        """
        import sys
        from podlint.schema.native import import_jsonschema_rs
        rs = import_jsonschema_rs()
        assert "email.utils" not in sys.modules, sys.modules["email.utils"]
        assert not hasattr(sys.modules.get("email"), "utils")
        assert rs.Draft7Validator({"type": "object"}).is_valid({})
        import email.utils
        assert type(email.utils).__name__ == "module" and email.utils.__file__.endswith("utils.py")
        assert email.utils.formatdate(0, usegmt=True) == "Thu, 01 Jan 1970 00:00:00 GMT"
        built = rs.jsonschema_rs.__build__.get("info-time")
        if built is not None:  # the value the stand-in gave equals the real module's
            from email.utils import format_datetime, parsedate_to_datetime
            assert built == parsedate_to_datetime(format_datetime(built))
            assert type(built.tzinfo) is type(parsedate_to_datetime(format_datetime(built)).tzinfo)
        print("ok")
        """,
        tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_with_email_utils_already_loaded_the_import_is_plain(tmp_path: Path) -> None:
    run = _run_in_process(
        """
        import sys, email.utils
        real = sys.modules["email.utils"]
        from podlint.schema.native import import_jsonschema_rs
        import_jsonschema_rs()
        assert sys.modules["email.utils"] is real
        print("ok")
        """,
        tmp_path,
    )
    assert run.returncode == 0, run.stderr


def test_other_attributes_of_the_stand_in_come_from_the_real_module() -> None:
    stand_in = native._stand_in()
    saved = sys.modules.get("email.utils")
    sys.modules["email.utils"] = stand_in
    try:
        assert stand_in.formatdate is email.utils.formatdate
        # Asking the stand-in for the real module puts the real one back.
        assert sys.modules["email.utils"] is email.utils
    finally:
        if saved is not None:
            sys.modules["email.utils"] = saved


@given(
    st.datetimes(
        min_value=datetime.datetime(1000, 1, 1),
        max_value=datetime.datetime(9999, 12, 31),
        timezones=st.sampled_from(
            [
                datetime.timezone.utc,
                datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
                datetime.timezone(datetime.timedelta(hours=-8)),
            ]
        ),
    )
)
def test_dates_read_as_email_utils_reads_them(moment: datetime.datetime) -> None:
    text = email.utils.format_datetime(moment.replace(microsecond=0))
    ours = native.parsedate_to_datetime(text)
    theirs = email.utils.parsedate_to_datetime(text)
    assert ours == theirs
    assert ours.utcoffset() == theirs.utcoffset()
    assert native._parse_simple(text) is not None  # the quick path took it


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 12 Nov 2026 07:50:16 -0000",  # unknown zone: naive
        "12 Nov 2026 07:50:16 +0000",  # no weekday
        "Thu, 12 Nov 26 07:50:16 +0000",  # two-digit year
        "Thu, 12 Nov 2026 07:50 GMT",
        "Thu,  12 Nov 2026 07:50:16 +0000",
    ],
)
def test_other_spellings_go_to_email_utils(text: str) -> None:
    assert native._parse_simple(text) is None
    assert native.parsedate_to_datetime(text) == email.utils.parsedate_to_datetime(text)


def test_what_email_utils_refuses_is_refused() -> None:
    with pytest.raises(ValueError, match="not a date"):
        native.parsedate_to_datetime("not a date")


# ---- the console command's exit -------------------------------------------------------------------


def _console(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return _run_in_process(
        "import atexit, sys\nfrom podlint import process\n" + textwrap.dedent(code), tmp_path
    )


def test_the_quick_exit_flushes_output_and_runs_exit_handlers(tmp_path: Path) -> None:
    run = _console(
        """
        atexit.register(lambda: print("handler ran"))
        sys.stdout.write("x" * 100_000)  # more than a pipe's buffer
        print()
        process.exit_now(7)
        print("not reached")
        """,
        tmp_path,
    )
    assert run.returncode == 7
    assert run.stdout == "x" * 100_000 + "\nhandler ran\n"


def test_no_quick_exit_while_another_thread_runs(tmp_path: Path) -> None:
    run = _console(
        """
        import threading, time
        threading.Thread(target=lambda: (time.sleep(0.2), print("thread done"))).start()
        process.exit_now(3)
        print("exit declined")
        sys.exit(3)
        """,
        tmp_path,
    )
    assert run.returncode == 3
    assert "exit declined" in run.stdout
    assert "thread done" in run.stdout


def test_collector_paused_only_for_start_up(tmp_path: Path) -> None:
    run = _console(
        """
        import gc
        process.pause_gc()
        assert not gc.isenabled()
        process.startup_done()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        print("ok")
        """,
        tmp_path,
    )
    assert run.returncode == 0, run.stderr


def test_main_leaves_the_collector_alone() -> None:
    import gc

    from podlint.cli import main

    assert gc.isenabled()
    main(["check", "--no-cache", "--format", "json", str(CLEAN_POD)])
    assert gc.isenabled()


def test_the_console_command_exits_with_its_code(tmp_path: Path) -> None:
    pod = json.loads(CLEAN_POD.read_text())
    del pod["containers"]
    (tmp_path / "bad.json").write_text(json.dumps(pod))
    (tmp_path / "good.json").write_bytes(CLEAN_POD.read_bytes())
    for name, expected in (("good.json", 0), ("bad.json", 1), ("missing.json", 2)):
        run = subprocess.run(
            [sys.executable, "-m", "podlint", "check", "--no-cache", "--format", "json", name],
            cwd=tmp_path,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == expected, (name, run.stderr)
        if expected != 2:
            assert json.loads(run.stdout)["summary"]["files"] == 1
