"""The benchmark corpus generator: deterministic, right-sized, JSON and YAML twins equal, 4 % broken.

The pods must be what the benchmark claims: valid for Marathon 1.10 with the corpus profile, except the
deliberately broken ones, which break exactly the way the manifest says. An independent checker of the
Marathon rules the generator relies on (spec §4) guards that here, without podlint.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

# The benchmark is not an installed package: import it (and the shared fixtures) from the checkout,
# whichever folder pytest was started in.
REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import corpus, podgen, run, yamlemit  # noqa: E402
from tests.conftest import shared_path  # noqa: E402

SEED = 1
SAMPLE = 600  # pods checked one by one; enough for every defect kind several times
NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
NETWORK_NAME = re.compile(r"^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$")
ENV_KEY = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]{0,253}$")
ID_SEGMENT = re.compile(
    r"^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])$"
)
RUAMEL = YAML(typ="safe", pure=True)  # YAML 1.2 semantics, unlike PyYAML's 1.1


@pytest.fixture(scope="module")
def pods() -> list[corpus.PodFiles]:
    return corpus.generate(SEED, SAMPLE)


def load_yaml_both(text: str) -> tuple[Any, Any]:
    return yaml.load(text, Loader=yaml.CSafeLoader), RUAMEL.load(text)


# -- determinism -----------------------------------------------------------------------------------


def test_same_seed_gives_same_bytes(pods: list[corpus.PodFiles]) -> None:
    again = corpus.generate(SEED, 50)
    assert [(p.json_text, p.yaml_text, p.defect) for p in again] == [
        (p.json_text, p.yaml_text, p.defect) for p in pods[:50]
    ]
    other = corpus.generate(SEED + 1, 50)
    assert [p.json_text for p in other] != [p.json_text for p in pods[:50]]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_written_corpus_is_deterministic_and_reused(tmp_path: Path) -> None:
    spec = corpus.CorpusSpec(seed=SEED, count=30, scale_sizes=(10, 30, 60))
    first, fresh = corpus.ensure_corpus(tmp_path / "a", spec)
    assert fresh
    second, _ = corpus.ensure_corpus(tmp_path / "b", spec)
    assert _tree(first.root) == _tree(second.root)
    assert len(list(first.json_dir.iterdir())) == 30
    assert len(list(first.yaml_dir.iterdir())) == 30
    assert len(list(first.scale_dir(60).iterdir())) == 60
    # The first pods of a scaling set are the main set's pods.
    assert (first.scale_dir(30) / "pod-00007.yaml").read_bytes() == (
        first.yaml_dir / "pod-00007.yaml"
    ).read_bytes()
    _, fresh_again = corpus.ensure_corpus(tmp_path / "a", spec)
    assert not fresh_again


def test_generate_only_command_writes_the_quick_corpus(tmp_path: Path) -> None:
    code = run.main(["--quick", "--count", "20", "--corpus-dir", str(tmp_path), "--generate-only"])
    assert code == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["count"] == 20
    # The findings-heavy corpus comes from the shared generator beside the clone, when present.
    heavy = ["heavy"] if run.heavy_mod.GENERATOR.exists() else []
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == sorted(
        [*heavy, "json", "scale-10", "scale-20", "scale-40", "yaml"]
    )
    if heavy:
        assert len(list((tmp_path / "heavy" / "n20" / "json").glob("*.json"))) == 20


# -- size, format, equality ------------------------------------------------------------------------


def test_sizes_are_within_half_to_five_kilobytes(pods: list[corpus.PodFiles]) -> None:
    for pod in pods:
        assert 512 <= pod.json_bytes <= 5120, pod.name
        assert 512 <= pod.yaml_bytes <= 5120, pod.name


def test_json_and_yaml_twins_load_to_equal_data(pods: list[corpus.PodFiles]) -> None:
    for pod in pods:
        data = json.loads(pod.json_text)
        yaml_11, yaml_12 = load_yaml_both(pod.yaml_text)
        assert yaml_11 == data, pod.name
        assert yaml_12 == data, pod.name


def test_yaml_is_block_style_with_some_comments(pods: list[corpus.PodFiles]) -> None:
    texts = [p.yaml_text for p in pods]
    assert not any(line.rstrip().endswith(("{", "[")) for t in texts for line in t.splitlines())
    header = sum(t.startswith("#") for t in texts) / len(texts)
    inline = sum("  # " in t for t in texts) / len(texts)
    start = sum("\n---\n" in f"\n{t}" for t in texts) / len(texts)
    assert 0.4 < header < 0.6
    assert 0.2 < inline < 0.4
    assert 0.2 < start < 0.4


def test_hex_looking_labels_stay_strings(pods: list[corpus.PodFiles]) -> None:
    numeric_looking = [
        value
        for pod in pods
        for key, value in (json.loads(pod.json_text).get("labels") or {}).items()
        if key in ("commit", "git-sha", "DCOS_PACKAGE_COMMIT") and value[0].isdigit()
    ]
    # Some commit labels look like an int or a float to a YAML reader; they must be written quoted.
    assert any(v.isdigit() for v in numeric_looking)
    assert any(re.fullmatch(r"\d+e\d+", v) for v in numeric_looking)


def test_profile_file_is_the_corpus_profile() -> None:
    profile = yaml.safe_load(corpus.profile_text())
    assert profile == podgen.CORPUS_PROFILE
    assert profile["cluster"]["features"] == ["secrets"]
    assert profile["cluster"]["default_network_name"] == "dcos"


# -- the broken share ------------------------------------------------------------------------------


def test_broken_share_is_four_percent_in_every_prefix() -> None:
    kinds = [podgen.defect_kind_for(SEED, i) for i in range(5000)]
    assert sum(k is not None for k in kinds) == 200
    for end in range(25, 5001, 25):
        assert sum(k is not None for k in kinds[:end]) == end // 25
    counts = Counter(k for k in kinds if k)
    assert set(counts) == set(podgen.DEFECT_KINDS)
    assert set(counts.values()) == {25}


def test_manifest_summary_matches_the_pods(tmp_path: Path) -> None:
    spec = corpus.CorpusSpec(seed=SEED, count=100, scale_sizes=(100,))
    written, _ = corpus.ensure_corpus(tmp_path, spec)
    summary = written.manifest["summary"]
    assert summary["broken"] == 4
    assert summary["broken_share"] == pytest.approx(0.04)
    assert sum(summary["containers"].values()) == 100
    assert set(summary["containers"]) <= {"1", "2", "3", "4", "5", 1, 2, 3, 4, 5}


def _resolve(data: Any, pointer: str) -> Any:
    node = data
    for token in pointer.strip("/").split("/"):
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _parent_and_key(data: Any, pointer: str) -> tuple[Any, str]:
    head, _, key = pointer.rpartition("/")
    return (_resolve(data, head) if head else data), key


def test_each_defect_is_what_the_manifest_says(pods: list[corpus.PodFiles]) -> None:
    seen = set()
    for pod in pods:
        if pod.defect is None:
            continue
        data = json.loads(pod.json_text)
        kind, pointer = pod.defect.kind, pod.defect.pointer
        seen.add(kind)
        parent, key = _parent_and_key(data, pointer)
        assert pod.defect.severity == ("warning" if kind == "unknown-key" else "error")
        if kind == "missing-required":
            assert key not in parent
            continue
        value = parent[key]
        if kind == "string-for-number":
            assert isinstance(value, str)
            float(value)
        elif kind == "bad-name":
            assert not NAME.match(value)
            assert not all(ID_SEGMENT.match(s) for s in value.strip("/").split("/"))
        elif kind == "bad-enum":
            assert value not in (
                "DOCKER",
                "YOUNGEST_FIRST",
                "OLDEST_FIRST",
                "container",
                "host",
                "container/bridge",
            )
        elif kind == "port-out-of-range":
            assert value > 65535
        elif kind == "dangling-volume-mount":
            assert value not in {v["name"] for v in data.get("volumes", [])}
        elif kind == "missing-health-endpoint":
            container = _resolve(data, "/".join(pointer.split("/")[:3]))
            assert value not in {e["name"] for e in container.get("endpoints", [])}
        elif kind == "unknown-key":
            assert key in ("force", "env", "fetch", "maxInstances")
        # Everything but the defect is still valid.
        assert_valid(_undo(data, pod), allow_only=kind)
    assert seen == set(podgen.DEFECT_KINDS)


def _undo(data: dict[str, Any], pod: corpus.PodFiles) -> dict[str, Any]:
    """The broken pod with its defect's member removed, for checking the rest (best effort)."""
    assert pod.defect is not None
    if pod.defect.kind in ("unknown-key", "dangling-volume-mount"):
        parent, key = _parent_and_key(data, pod.defect.pointer)
        if pod.defect.kind == "unknown-key":
            del parent[key]
        else:
            mounts_pointer = pod.defect.pointer.rsplit("/", 2)[0]
            mounts = _resolve(data, mounts_pointer)
            mounts.pop()
            if not mounts:
                _resolve(data, mounts_pointer.rsplit("/", 1)[0]).pop("volumeMounts")
    return data


# -- validity of the clean pods: the Marathon rules the generator relies on ---------------------------


def test_clean_pods_keep_marathons_rules(pods: list[corpus.PodFiles]) -> None:
    clean = [p for p in pods if p.defect is None]
    assert len(clean) == SAMPLE - SAMPLE // 25
    for pod in clean:
        assert_valid(json.loads(pod.json_text))


def assert_valid(pod: dict[str, Any], allow_only: str | None = None) -> None:
    """Fail when ``pod`` breaks a rule Marathon 1.10 enforces with the corpus profile.

    ``allow_only`` names a defect kind whose own rule is skipped (to check the rest of a broken pod).
    """
    if allow_only in (
        "missing-required",
        "bad-name",
        "string-for-number",
        "bad-enum",
        "port-out-of-range",
        "missing-health-endpoint",
    ):
        return  # the defect may make the other rules unreadable; the defect test checked it
    pod_id = pod["id"]
    assert pod_id.startswith("/")
    assert all(ID_SEGMENT.match(s) for s in pod_id[1:].split("/"))
    assert pod_id.rsplit("/", 1)[1] not in ("restart", "tasks", "versions")  # R2
    assert len(pod_id) <= 54  # Mesos-DNS limit (spec §6.1)
    secrets = pod.get("secrets", {})
    assert all(isinstance(v, dict) and v.get("source") for v in secrets.values())  # F8, R18
    referenced: set[str] = set()
    _check_env(pod.get("environment", {}), secrets, referenced)
    _check_labels(pod.get("labels", {}))

    networks = pod["networks"]
    modes = [n.get("mode", "container") for n in networks]
    assert modes in (["host"], ["container/bridge"]) or set(modes) == {"container"}  # R22
    names = [n.get("name") for n in networks]
    if modes == ["container"] * len(modes):
        assert len(set(names)) == len(names)  # R21
        assert all(n is None or NETWORK_NAME.match(n) for n in names)
    else:
        assert names == [None]
        assert "labels" not in networks[0]
    mode = (
        "host" if modes == ["host"] else "bridge" if modes == ["container/bridge"] else "container"
    )

    containers = pod["containers"]
    assert 1 <= len(containers) <= 5
    container_names = [c["name"] for c in containers]
    assert len(set(container_names)) == len(container_names)  # R15
    volume_names = [v["name"] for v in pod.get("volumes", [])]
    assert len(set(volume_names)) == len(volume_names)  # R13
    endpoint_names: list[str] = []
    container_ports: list[int] = []
    host_ports: list[int] = []
    mounted: set[str] = set()
    for container in containers:
        assert NAME.match(container["name"])
        resources = container["resources"]  # F57 required
        assert resources["cpus"] >= 0.001
        assert resources["mem"] >= 0.001
        assert resources.get("gpus", 0) == 0  # gpus need the gpu_resources feature to launch
        assert "image" in container or "exec" in container  # spec §10.10
        limits = container.get("resourceLimits", {})
        for field in ("cpus", "mem"):
            if field in limits:
                assert limits[field] == "unlimited" or limits[field] >= resources[field]  # R43, R44
        image = container.get("image")
        if image:
            assert image["kind"] == "DOCKER"
            assert image["id"]
            if "pullConfig" in image:
                assert image["pullConfig"]["secret"] in secrets  # R52
                referenced.add(image["pullConfig"]["secret"])
        env = container.get("environment", {})
        assert not set(env) & set(pod.get("environment", {}))  # spec §10.16
        _check_env(env, secrets, referenced)
        _check_labels(container.get("labels", {}))
        own_endpoints = set()
        for endpoint in container.get("endpoints", []):
            assert NAME.match(endpoint["name"])
            endpoint_names.append(endpoint["name"])
            own_endpoints.add(endpoint["name"])
            if mode == "host":
                assert "containerPort" not in endpoint  # R47
            else:
                assert 1 <= endpoint["containerPort"] <= 65535  # R48, spec §10.9
                container_ports.append(endpoint["containerPort"])
            if endpoint.get("hostPort"):
                assert 0 <= endpoint["hostPort"] <= 65535
                host_ports.append(endpoint["hostPort"])
            for network in endpoint.get("networkNames", []):
                assert network in names  # R46
            if len(networks) > 1 and "hostPort" in endpoint:
                assert len(endpoint.get("networkNames", [])) == 1  # R50
            protocols = endpoint.get("protocol", ["tcp"])
            assert len(set(protocols)) == len(protocols)
            assert set(protocols) <= {"tcp", "udp"}
        check = container.get("healthCheck")
        if check:
            kinds = [k for k in ("http", "tcp", "exec") if k in check]
            assert len(kinds) == 1  # R56
            if kinds[0] in ("http", "tcp"):
                assert check[kinds[0]]["endpoint"] in own_endpoints  # R59
            assert check.get("timeoutSeconds", 20) < check.get("intervalSeconds", 60)  # R55
        seccomp = container.get("linuxInfo", {}).get("seccomp")
        if seccomp:
            assert bool(seccomp.get("profileName")) != bool(seccomp.get("unconfined"))  # R67, R68
        ipc = container.get("linuxInfo", {}).get("ipcInfo")
        if ipc:
            assert not (ipc["mode"] == "SHARE_PARENT" and "shmSize" in ipc)  # R69
        for mount in container.get("volumeMounts", []):
            assert mount["name"] in volume_names
            assert mount["mountPath"]
            mounted.add(mount["name"])
    assert len(set(endpoint_names)) == len(endpoint_names)  # R32
    assert len(set(container_ports)) == len(container_ports)  # R33
    assert len(set(host_ports)) == len(host_ports)  # R34
    assert set(volume_names) <= mounted  # R12
    for volume in pod.get("volumes", []):
        if "secret" in volume:
            assert volume["secret"] in secrets  # R11
            referenced.add(volume["secret"])
        if "persistent" in volume:
            for constraint in volume["persistent"].get("constraints", []):
                assert constraint[:2] == ["path", "LIKE"]
                assert len(constraint) == 3
    assert referenced == set(secrets)  # every declared secret is used (spec §10.16)

    scheduling = pod.get("scheduling", {})
    upgrade = scheduling.get("upgrade", {})
    for field in ("minimumHealthCapacity", "maximumOverCapacity"):
        assert 0 <= upgrade.get(field, 1) <= 1  # R27, R28
    roles = scheduling.get("placement", {}).get("acceptedResourceRoles", [])
    assert set(roles) <= {"*", pod.get("role", "*")}  # R74
    unreachable = scheduling.get("unreachableStrategy")
    if isinstance(unreachable, dict):
        assert unreachable["inactiveAfterSeconds"] <= unreachable["expungeAfterSeconds"]
    else:
        assert unreachable in (None, "disabled")
    constraints = scheduling.get("placement", {}).get("constraints", [])
    assert len({json.dumps(c, sort_keys=True) for c in constraints}) == len(
        constraints
    )  # no set collapse
    resident = any("persistent" in v for v in pod.get("volumes", []))
    if resident:
        assert pod.get("role", "*") != "*"  # R72
        assert pod["role"] == pod_id.split("/")[1]  # R71: the top-level group's name
        assert upgrade.get("maximumOverCapacity", 0) == 0  # R35
        assert unreachable in (None, "disabled")  # R36
        assert roles in ([], ["*"])  # R37
    elif "role" in pod:
        pytest.fail("only resident pods set a role in this corpus")
    if "scaling" in pod:
        assert pod["scaling"]["kind"] == "fixed"
        assert pod["scaling"]["instances"] >= 0
    executor = pod.get("executorResources", {})
    assert executor.get("cpus", 0.1) >= 0.1
    assert executor.get("mem", 32) >= 32
    assert executor.get("disk", 10) >= 10


def _check_env(env: dict[str, Any], secrets: dict[str, Any], referenced: set[str]) -> None:
    for key, value in env.items():
        assert ENV_KEY.match(key)
        if isinstance(value, dict):
            assert value["secret"] in secrets  # R8
            referenced.add(value["secret"])
        else:
            assert isinstance(value, str)


def _check_labels(labels: dict[str, Any]) -> None:
    assert all(isinstance(v, str) for v in labels.values())  # KVLabels


# -- realism: the generator only writes fields the specification documents --------------------------


def _field_paths(node: Any, path: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            child = f"{path}.{key}" if path else key
            if key in ("labels", "environment", "command", "ipcInfo"):
                yield child  # free-form maps and union types: documented as a whole
            elif key == "secrets" and not path:
                yield from (f"secrets.<name>.{k}" for v in value.values() for k in v)
            else:
                yield from _field_paths(value, child)
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for item in node:
            yield from _field_paths(item, f"{path}[]")
    else:
        yield path


def test_generated_fields_are_documented_in_the_spec(pods: list[corpus.PodFiles]) -> None:
    spec = shared_path("spec", "marathon-pod-facts.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| F\d+ \| `([^`]+)`", spec, flags=re.MULTILINE))
    exact = {p for p in documented if not p.startswith("…")}
    suffixes = {p[1:] for p in documented if p.startswith("…")}
    assert len(documented) > 100
    used: set[str] = set()
    for pod in pods:
        if pod.defect is None:
            used.update(_field_paths(json.loads(pod.json_text)))
    undocumented = {
        p for p in used if p not in exact and not any(p.endswith("." + s) for s in suffixes)
    }
    assert not undocumented
    # And the corpus covers the breadth the benchmark promises.
    for wanted in (
        "scheduling.unreachableStrategy",
        "scheduling.placement.constraints[].operator",
        "scheduling.killSelection",
        "executorResources.cpus",
        "volumes[].persistent.size",
        "volumes[].host",
        "volumes[].secret",
        "containers[].healthCheck.exec.command",
        "containers[].healthCheck.tcp.endpoint",
        "containers[].artifacts[].uri",
        "containers[].image.pullConfig.secret",
        "secrets.<name>.source",
        "networks[].mode",
    ):
        assert wanted in used, wanted


# -- the YAML writer ---------------------------------------------------------------------------------

LOOKALIKES = [
    "1e10", "12e4567", "0x1F", "0o17", "1_000", "0777", "3.0", "-1", "+1", ".5", ".inf", ".NaN",
    "true", "No", "off", "Y", "~", "null", "", " lead", "trail ", "2021-03-04", "1:20", "-", "- x",
    "a: b", "a:", "# c", "x #y", "@x", "`x", "=", "<<", "!tag", "&a", "*a", "|", ">", "%x", "{x}",
    "[x]", "a,b", "quote's", 'dq"', "multi\nline", "tab\tx", "unicode é", "\u2028", "\x85", "\ufeff",
    "nginx:1.19", "https://a.example/b?c=d", "/var/log", "sleep 3600",
]  # fmt: skip


@pytest.mark.parametrize("single", [False, True])
@pytest.mark.parametrize("text", LOOKALIKES)
def test_yaml_writer_keeps_strings_strings(text: str, single: bool) -> None:
    data = {"key": text, text or "empty": [text, {"inner": text}]}
    written = yamlemit.dump(data, yamlemit.YamlStyle(prefer_single_quotes=single))
    assert load_yaml_both(written) == (data, data)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=30),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=40),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=10), inner, max_size=4)
            ),
            max_leaves=12,
        ),
        max_size=6,
    ),
    st.booleans(),
    st.booleans(),
)
def test_yaml_writer_round_trips_any_plain_data(
    data: dict[str, Any], indent: bool, single: bool
) -> None:
    style = yamlemit.YamlStyle(
        indent_sequences=indent, prefer_single_quotes=single, explicit_start=True
    )
    written = yamlemit.dump(data, style)
    assert yaml.load(written, Loader=yaml.CSafeLoader) == data
