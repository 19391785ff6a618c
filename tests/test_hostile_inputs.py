"""Hostile and broken files end in bounded time and memory with a finding, never a traceback or a hang,
and the other files of the run are still linted.

Every case runs podlint as a separate process under an address-space limit, a CPU-time limit and a
wall-clock timeout (``tests/hostile_support.py``), with a clean pod beside the hostile file.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import pytest

from tests.hostile_support import GOOD_POD, assert_handled, run_podlint

BIG_INT = "9" * 5000


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
        previous = name
    return "\n".join([*lines, "id: /bomb", f"containers: *{previous}", ""])


def _merge_bomb() -> str:
    lines = ["a0: &a0 {k: v}"]
    for i in range(1, 25):
        lines.append(f"a{i}: &a{i} {{<<: [*a{i - 1}], x{i}: *a{i - 1}, y{i}: *a{i - 1}}}")
    return "\n".join([*lines, "id: /bomb", "containers: [*a24]", ""])


def _pod_json(**overrides: object) -> dict[str, object]:
    pod = json.loads(json.dumps(GOOD_POD))
    pod.update(overrides)
    return pod


# name -> (file name, content, rule names of which at least one must be reported for the file)
CASES: dict[str, tuple[str, bytes, set[str]]] = {
    "billion-laughs": ("laughs.yaml", _billion_laughs().encode(), {"too-complex"}),
    "merge-key-bomb": ("merge.yaml", _merge_bomb().encode(), {"too-complex"}),
    "deep-json-arrays": ("deep.json", b"[" * 100_000 + b"]" * 100_000, {"too-complex"}),
    "deep-json-objects": (
        "deepobj.json",
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        {"too-complex"},
    ),
    "deep-yaml-flow": ("deep.yaml", b"[" * 100_000 + b"]" * 100_000, {"too-complex"}),
    "deep-yaml-block": (
        "deepblock.yaml",
        "".join(f"{' ' * i}k:\n" for i in range(1500)).encode(),
        {"too-complex", "syntax-error"},
    ),
    "deep-yaml-unclosed": ("open.yaml", b"{a: " * 100_000, {"too-complex", "syntax-error"}),
    "multi-megabyte-string": (
        "bigstring.json",
        json.dumps(_pod_json(id="/" + "a" * 3_000_000)).encode(),
        {"schema-pattern", "schema-length", "pod-id", "pod-id-dns-length"},
    ),
    "multi-megabyte-key": (
        "bigkey.yaml",
        ("k" * 3_000_000 + ": 1\nid: /x\ncontainers: []\n").encode(),
        {"unknown-key", "schema-items", "syntax-error"},
    ),
    "over-size-limit": (
        "huge.json",
        b'{"id": "' + b"a" * (6 * 1024 * 1024) + b'"}',
        {"file-too-large"},
    ),
    "binary": ("binary.json", bytes(range(256)) * 64, {"invalid-encoding"}),
    "latin-1": ("latin1.json", '{"id": "/café"}'.encode("latin-1"), {"invalid-encoding"}),
    "utf-16-bom": ("utf16.json", json.dumps(GOOD_POD).encode("utf-16"), {"invalid-encoding"}),
    "utf-16-no-bom": (
        "utf16le.yaml",
        "id: /x\ncontainers: []\n".encode("utf-16-le"),
        {"invalid-encoding"},
    ),
    "utf-32": ("utf32.json", codecs.BOM_UTF32_LE + b"{\0\0\0}\0\0\0", {"invalid-encoding"}),
    "nul-byte": ("nul.yaml", b"id: /x\0\ncontainers: []\n", {"invalid-encoding", "syntax-error"}),
    "nan-and-infinity": (
        "nan.json",
        b'{"id": "/x", "scaling": {"kind": "fixed", "instances": NaN}, "containers": [{"name": '
        b'"c", "resources": {"cpus": Infinity, "mem": -Infinity}}]}',
        {"syntax-error"},
    ),
    "huge-integers-json": (
        "bigint.json",
        (
            '{"id": "/x", "scaling": {"kind": "fixed", "instances": %s, "maxInstances": -%s}, '
            '"containers": [{"name": "c", "resources": {"cpus": %s, "mem": %s, "disk": %s.5}, '
            '"endpoints": [{"name": "e", "containerPort": %s, "hostPort": %s}], '
            '"healthCheck": {"tcp": {"endpoint": "e"}, "timeoutSeconds": %s}}]}' % ((BIG_INT,) * 8)
        ).encode(),
        {"schema-type", "schema-range"},
    ),
    "huge-integers-yaml": (
        "bigint.yaml",
        (
            f"id: /x\nscaling: {{kind: fixed, instances: {BIG_INT}}}\ncontainers:\n- name: c\n"
            f"  resources: {{cpus: {BIG_INT}, mem: 0x{'f' * 5000}, disk: {BIG_INT}.0}}\n"
            f"  endpoints: [{{name: e, containerPort: -{BIG_INT}}}]\n"
        ).encode(),
        {"schema-type", "schema-range"},
    ),
    "duplicate-keys-json": (
        "dup.json",
        b'{"id": "/x", "id": "/y", "containers": []}',
        {"duplicate-key"},
    ),
    "duplicate-keys-yaml": ("dup.yaml", b"id: /x\nid: /y\ncontainers: []\n", {"duplicate-key"}),
    "python-tags": (
        "tags.yaml",
        b"id: !!python/object/apply:os.system ['touch PWNED']\n"
        b"containers: !!python/object/new:subprocess.Popen [['touch', 'PWNED']]\n"
        b"x: !!python/name:os.system\ny: !!binary aGVsbG8=\n",
        {"yaml-tag"},
    ),
    "top-level-list": ("list.json", b"[1, 2, 3]", {"not-a-pod"}),
    "top-level-string": ("string.yaml", b"just a string\n", {"not-a-pod"}),
    "top-level-number": ("number.json", BIG_INT.encode(), {"not-a-pod"}),
    "top-level-null": ("null.yaml", b"null\n", {"not-a-pod"}),
    "tabs-in-yaml": ("tabs.yaml", b"id: /x\ncontainers:\n\t- name: c\n", {"syntax-error"}),
    "crlf": (
        "crlf.yaml",
        b"id: /x\r\ncontainers:\r\n  - name: c\r\n    resources: {cpus: 1, mem: 32}\r\n"
        b"    image: {kind: DOCKER, id: nginx}\r\n    nme: typo\r\n",
        {"unknown-key"},
    ),
    "lone-cr": ("cr.json", b'{"id": "/x",\r"containers": [],\r"nme": 1}', {"schema-items"}),
    "empty": ("empty.json", b"", {"empty-file"}),
    "blank": ("blank.yaml", b"  \n\t\n\r\n", {"empty-file"}),
    "only-comments": ("comments.yaml", b"# nothing\n# here\n", {"empty-file"}),
    "only-an-empty-document": ("comments.yaml", b"# nothing\n---\n# here\n", {"empty-document"}),
    "many-documents": ("docs.yaml", b"---\nid: /x\n" * 20_000, {"not-a-pod"}),
    "many-keys": (
        "keys.json",
        ("{" + ",".join(f'"k{i}": {i}' for i in range(200_000)) + "}").encode(),
        {"not-a-pod"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_a_finding_and_the_run_continues(case: str, tmp_path: Path) -> None:
    name, content, expected = CASES[case]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.json").write_text(json.dumps(GOOD_POD))
    run = run_podlint(["check", "--no-cache", "--format", "json", name, "good.json"], tmp_path)
    assert_handled(run)
    found = run.names_for(name)
    assert found & expected, f"{case}: expected one of {expected}, got {found}"
    assert "rule-error" not in found, [d["message"] for d in run.diagnostics()]
    # The clean pod beside it was linted, and is clean.
    assert run.json()["summary"]["files"] == 2
    assert not run.names_for("good.json")
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "gitlab", "junit"])
def test_huge_integers_survive_every_output_format(fmt: str, tmp_path: Path) -> None:
    """Python refuses to print an int of more than 4,300 digits: no format may try."""
    name, content, _ = CASES["huge-integers-json"]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "y.yaml").write_bytes(CASES["huge-integers-yaml"][1])
    run = run_podlint(
        ["check", "--no-cache", "--format", fmt, "--show-source", name, "y.yaml"], tmp_path
    )
    assert_handled(run)
    assert run.code == 1


def test_max_file_size_from_configuration_is_honoured(tmp_path: Path) -> None:
    (tmp_path / ".podlint.yaml").write_text("max_file_size: 200\n")
    pod = _pod_json(labels={"padding": "x" * 400})
    (tmp_path / "big.json").write_text(json.dumps(pod))
    (tmp_path / "good.json").write_text(json.dumps(GOOD_POD))
    run = run_podlint(["check", "--no-cache", "--format", "json", "."], tmp_path)
    assert_handled(run)
    diags = run.diagnostics()
    assert [d["name"] for d in diags] == ["file-too-large"]
    assert "200 bytes" in diags[0]["message"]
    assert diags[0]["file"].endswith("big.json")
    # The same through standard input.
    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "-", "--stdin-filename", "big.json"],
        tmp_path,
        stdin=json.dumps(pod).encode(),
    )
    assert_handled(run)
    assert [d["name"] for d in run.diagnostics()] == ["file-too-large"]


def test_default_size_limit_holds_for_standard_input(tmp_path: Path) -> None:
    data = b'{"id": "' + b"a" * (6 * 1024 * 1024) + b'"}'
    run = run_podlint(["check", "--format", "json", "-"], tmp_path, stdin=data)
    assert_handled(run)
    assert [d["name"] for d in run.diagnostics()] == ["file-too-large"]


# ---- special files ------------------------------------------------------------------------------


def _special_tree(root: Path) -> None:
    (root / "pods" / "sub").mkdir(parents=True)
    (root / "pods" / "good.json").write_text(json.dumps(GOOD_POD))
    (root / "pods" / "sub" / "loop").symlink_to("..")  # a symlink loop
    (root / "pods" / "self.json").symlink_to("self.json")  # a link to itself
    (root / "pods" / "dangling.yaml").symlink_to(root / "missing.yaml")
    os.mkfifo(root / "pods" / "fifo.json")
    (root / "pods" / "dir.json").mkdir()  # a folder with a pod's name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_walked_folder_with_loops_fifos_and_dangling_links(tmp_path: Path) -> None:
    _special_tree(tmp_path)
    for cache in ([], ["--no-cache"]):
        run = run_podlint(["check", *cache, "--format", "json", "pods"], tmp_path)
        assert_handled(run)
        assert run.code == 0
        assert run.json()["summary"]["files"] == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cache", "no-cache"])
def test_special_files_named_on_the_command_line_never_block(
    cache: list[str], tmp_path: Path
) -> None:
    _special_tree(tmp_path)
    named = ["pods/fifo.json", "pods/self.json", "/dev/zero", "pods/good.json"]
    run = run_podlint(["check", *cache, "--format", "json", *named], tmp_path)
    assert_handled(run)
    by_file = {d["file"]: d for d in run.diagnostics()}
    assert by_file["pods/fifo.json"]["name"] == "unreadable-file"
    assert "named pipe" in by_file["pods/fifo.json"]["message"]
    assert by_file["/dev/zero"]["name"] == "unreadable-file"
    assert "device" in by_file["/dev/zero"]["message"]
    assert by_file["pods/self.json"]["name"] == "unreadable-file"
    assert "pods/good.json" not in by_file


def test_socket_named_on_the_command_line(tmp_path: Path) -> None:
    socket = pytest.importorskip("socket")
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("needs Unix sockets")
    (tmp_path / "good.json").write_text(json.dumps(GOOD_POD))
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock.json"))
        run = run_podlint(["check", "--format", "json", "sock.json", "good.json"], tmp_path)
    finally:
        sock.close()
    assert_handled(run)
    assert run.names_for("sock.json") == {"unreadable-file"}


def _reads_are_denied(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return False
    except PermissionError:
        return True


def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps(GOOD_POD))
    (tmp_path / "good.json").write_text(json.dumps(GOOD_POD))
    secret.chmod(0)
    try:
        if not _reads_are_denied(secret):
            pytest.skip("permission bits do not deny reads here (running as root?)")
        for args in (["secret.json", "good.json"], ["."]):
            run = run_podlint(["check", "--no-cache", "--format", "json", *args], tmp_path)
            assert_handled(run)
            assert run.names_for("secret.json") | run.names_for("./secret.json") == {
                "unreadable-file"
            }
    finally:
        secret.chmod(stat.S_IRUSR | stat.S_IWUSR)


# ---- many hostile files in one run --------------------------------------------------------------


def test_every_hostile_file_in_one_run_with_a_process_pool(tmp_path: Path) -> None:
    for case, (name, content, _) in CASES.items():
        if case != "over-size-limit":  # the one 6 MB file: covered above, keeps this run light
            (tmp_path / f"{case}-{name}").write_bytes(content)
    (tmp_path / "good.json").write_text(json.dumps(GOOD_POD))
    run = run_podlint(["check", "--no-cache", "--jobs", "2", "--format", "json", "."], tmp_path)
    assert_handled(run)
    files = {d["file"] for d in run.diagnostics()}
    assert "./good.json" not in files
    assert not [d for d in run.diagnostics() if d["name"] == "rule-error"]
