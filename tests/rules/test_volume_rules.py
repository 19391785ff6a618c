"""Volume rules: unknown mounts (R65), unmounted (R12) and duplicate (R13) volumes, volumes read as
ephemeral (§10.3)."""

from __future__ import annotations

from typing import Any

import pytest

from podlint_rules.unknown_volume_mount import UnknownVolumeMount
from podlint_rules.volume_duplicate_name import DuplicateVolumeName
from podlint_rules.volume_never_mounted import VolumeNeverMounted
from podlint_rules.volume_silently_ephemeral import VolumeSilentlyEphemeral
from tests.rules._container_support import ctr, pod, pointers, run


def _mounts(*names: Any) -> dict[str, Any]:
    return ctr(volumeMounts=[{"name": n, "mountPath": f"m{i}"} for i, n in enumerate(names)])


class TestUnknownVolumeMount:
    def test_declared_volume_passes(self) -> None:
        assert run(UnknownVolumeMount, pod(_mounts("etc"), volumes=[{"name": "etc"}])) == []

    def test_did_you_mean_with_unsafe_fix(self) -> None:
        data = pod(_mounts("ect"), volumes=[{"name": "etc"}, {"name": "logs"}])
        [finding] = run(UnknownVolumeMount, data)
        assert finding.pointer == "/containers/0/volumeMounts/0/name"
        assert "did you mean `etc`?" in finding.message
        assert finding.fix is not None
        assert finding.fix.applicability == "unsafe"
        assert finding.fix.ops[0].value == "etc"

    def test_sole_unmounted_volume_pairs_with_sole_unknown_mount(self) -> None:
        # The pods documentation declares `etc` and mounts `env`.
        [finding] = run(UnknownVolumeMount, pod(_mounts("env"), volumes=[{"name": "etc"}]))
        assert "did you mean `etc`?" in finding.message

    def test_no_volumes_declared(self) -> None:
        [finding] = run(UnknownVolumeMount, pod(_mounts("data")))
        assert "declares no volumes" in finding.message
        assert finding.fix is None

    def test_unrelated_name_lists_declared(self) -> None:
        data = pod(_mounts("zzz"), volumes=[{"name": "etc"}, {"name": "logs"}])
        [finding] = run(UnknownVolumeMount, data)
        assert "it declares `etc`, `logs`" in finding.message
        assert finding.fix is None

    @pytest.mark.parametrize("name", ["Bad_Name", "", 3, None])
    def test_malformed_mount_names_left_to_schema(self, name: Any) -> None:
        assert run(UnknownVolumeMount, pod(_mounts(name), volumes=[{"name": "etc"}])) == []


class TestVolumeNeverMounted:
    def test_unmounted_volume(self) -> None:
        data = pod(_mounts("a"), volumes=[{"name": "a"}, {"name": "b"}])
        [finding] = run(VolumeNeverMounted, data)
        assert finding.pointer == "/volumes/1/name"
        assert "`b` is not mounted" in finding.message

    def test_typo_on_mount_side_is_pointed_out(self) -> None:
        [finding] = run(VolumeNeverMounted, pod(_mounts("env"), volumes=[{"name": "etc"}]))
        assert "mounts `env`" in (finding.help or "")

    def test_mounted_by_second_container(self) -> None:
        data = pod(ctr(), _mounts("a") | {"name": "b"}, volumes=[{"name": "a"}])
        assert run(VolumeNeverMounted, data) == []

    def test_garbage_skipped(self) -> None:
        assert run(VolumeNeverMounted, pod(volumes=["x", {"host": "/a"}])) == []
        assert run(VolumeNeverMounted, pod(volumes="nope")) == []


class TestDuplicateVolumeName:
    def test_second_and_third_reported(self) -> None:
        data = pod(volumes=[{"name": "a"}, {"name": "a"}, {"name": "b"}, {"name": "a"}])
        assert pointers(DuplicateVolumeName, data) == ["/volumes/1/name", "/volumes/3/name"]

    def test_unique_names_pass(self) -> None:
        assert run(DuplicateVolumeName, pod(volumes=[{"name": "a"}, {"name": "b"}])) == []


class TestVolumeSilentlyEphemeral:
    @pytest.mark.parametrize(
        ("volume", "version", "pointer"),
        [
            ({"name": "d", "persistent": {"size": "10GiB"}}, "1.10", "/volumes/0/persistent"),
            (
                {"name": "d", "persistent": {"size": 10, "type": "ssd"}},
                "1.10",
                "/volumes/0/persistent",
            ),
            ({"name": "d", "persistent": {"size": 10}}, "1.5", "/volumes/0/persistent"),
            ({"name": "d", "secret": ""}, "1.10", "/volumes/0/secret"),
            ({"name": "d", "secret": "s"}, "1.4", "/volumes/0/secret"),
            ({"name": "d", "host": 5}, "1.10", "/volumes/0/host"),
            ({"name": "d", "external": {"name": "x"}}, "1.10", "/volumes/0/external"),
        ],
    )
    def test_read_as_ephemeral(self, volume: dict, version: str, pointer: str) -> None:
        [finding] = run(VolumeSilentlyEphemeral, pod(volumes=[volume]), marathon_version=version)
        assert finding.pointer == pointer
        assert "ephemeral" in finding.message

    def test_malformed_persistent_with_host_becomes_host(self) -> None:
        data = pod(volumes=[{"name": "d", "persistent": {}, "host": "/data"}])
        [finding] = run(VolumeSilentlyEphemeral, data)
        assert "as a host volume" in finding.message

    @pytest.mark.parametrize(
        ("volume", "version"),
        [
            ({"name": "d"}, "1.10"),
            ({"name": "d", "persistent": {"size": 10, "type": "MOUNT"}}, "1.6"),
            ({"name": "d", "secret": "s"}, "1.5"),
            ({"name": "d", "host": "/var/lib"}, "1.4"),
            ({"name": "d", "host": "/var/lib", "persistent": None}, "1.10"),
            ({"name": "Bad_Name", "external": {}}, "1.10"),  # does not parse at all: schema
            ({"name": "d", "host": 5}, "1.4"),  # 1.4: a parse error, not ephemeral
        ],
    )
    def test_read_as_meant_or_not_at_all(self, volume: dict, version: str) -> None:
        assert run(VolumeSilentlyEphemeral, pod(volumes=[volume]), marathon_version=version) == []
