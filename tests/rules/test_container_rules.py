"""Container rules: empty list (R14), duplicate names (R15), Marathon 1.4's hand-written checks,
GPUs without the feature, nothing to run, shell with overrideEntrypoint, artifact URIs."""

from __future__ import annotations

from typing import Any

import pytest

from podlint_rules.container_artifact_uri import ArtifactUriSyntax, uri_problem
from podlint_rules.container_duplicate_name import DuplicateContainerName
from podlint_rules.container_gpus_without_feature import GpusWithoutGpuFeature
from podlint_rules.container_legacy_field_constraints import LegacyFieldConstraints
from podlint_rules.container_list_empty import EmptyContainers
from podlint_rules.container_nothing_to_run import ContainerNothingToRun
from podlint_rules.container_shell_override_entrypoint import ShellWithOverrideEntrypoint
from tests.rules._container_support import ctr, pod, pointers, run


class TestEmptyContainers:
    def test_1_4_only(self) -> None:
        data = pod(containers=[])
        assert pointers(EmptyContainers, data, marathon_version="1.4") == ["/containers"]
        assert run(EmptyContainers, data) == []  # the 1.5+ schema owns minItems

    def test_non_empty_and_missing(self) -> None:
        assert run(EmptyContainers, pod(), marathon_version="1.4") == []
        assert run(EmptyContainers, {"id": "/x"}, marathon_version="1.4") == []


class TestDuplicateContainerName:
    def test_duplicates(self) -> None:
        data = pod(ctr("a"), ctr("b"), ctr("a"))
        [finding] = run(DuplicateContainerName, data)
        assert finding.pointer == "/containers/2/name"
        assert "container #1" in finding.message

    def test_unique(self) -> None:
        assert run(DuplicateContainerName, pod(ctr("a"), ctr("b"), {"name": 1}, "x")) == []


class TestLegacyFieldConstraints:
    @pytest.mark.parametrize(
        ("container", "pointer"),
        [
            (ctr("Web"), "/containers/0/name"),
            (ctr("_app"), "/containers/0/name"),
            (ctr(resources={"cpus": -1, "mem": 32}), "/containers/0/resources/cpus"),
            (ctr(environment={"log_level": "x"}), "/containers/0/environment/log_level"),
            (ctr(environment={"A" * 255: "x"}), f"/containers/0/environment/{'A' * 255}"),
            (ctr(image={"kind": "DOCKER", "id": ""}), "/containers/0/image/id"),
            (ctr(endpoints=[{"name": "Web", "hostPort": 0}]), "/containers/0/endpoints/0/name"),
            (
                ctr(endpoints=[{"name": "w", "hostPort": 70000}]),
                "/containers/0/endpoints/0/hostPort",
            ),
            (
                ctr(healthCheck={"gracePeriodSeconds": -1}),
                "/containers/0/healthCheck/gracePeriodSeconds",
            ),
            (
                ctr(healthCheck={"tcp": {"endpoint": "W_1"}}),
                "/containers/0/healthCheck/tcp/endpoint",
            ),
            (
                ctr(healthCheck={"http": {"endpoint": "w", "path": ""}}),
                "/containers/0/healthCheck/http/path",
            ),
            (
                ctr(healthCheck={"exec": {"command": {"argv": []}}}),
                "/containers/0/healthCheck/exec/command/argv",
            ),
            (
                ctr(volumeMounts=[{"name": "V", "mountPath": "x"}]),
                "/containers/0/volumeMounts/0/name",
            ),
            (
                ctr(volumeMounts=[{"name": "v", "mountPath": ""}]),
                "/containers/0/volumeMounts/0/mountPath",
            ),
            (ctr(artifacts=[{"uri": "x" * 1025}]), "/containers/0/artifacts/0/uri"),
        ],
    )
    def test_1_4_rejects(self, container: dict[str, Any], pointer: str) -> None:
        data = pod(container)
        assert pointers(LegacyFieldConstraints, data, marathon_version="1.4") == [pointer]
        assert run(LegacyFieldConstraints, data, marathon_version="1.5") == []

    def test_container_names_unchecked_before_1_4_3(self) -> None:
        data = pod(ctr("Web"))
        assert run(LegacyFieldConstraints, data, marathon_version="1.4.2") == []
        assert len(run(LegacyFieldConstraints, data, marathon_version="1.4.3")) == 1

    def test_volumes(self) -> None:
        data = pod(volumes=[{"name": "Data"}, {"name": "ok", "host": ""}])
        assert pointers(LegacyFieldConstraints, data, marathon_version="1.4") == [
            "/volumes/0/name",
            "/volumes/1/host",
        ]

    def test_boundaries_accepted(self) -> None:
        container = ctr(
            "a" * 63,
            resources={"cpus": 0, "mem": 0, "disk": 0, "gpus": 0},
            environment={"_A1": "x", "A" * 254: "y"},
            endpoints=[{"name": "w", "hostPort": 0}, {"name": "v", "hostPort": 65535}],
            healthCheck={"tcp": {"endpoint": "w"}, "timeoutSeconds": 0},
            artifacts=[{"uri": "x" * 1024, "destPath": "y"}],
        )
        assert run(LegacyFieldConstraints, pod(container), marathon_version="1.4") == []


class TestGpus:
    def test_gpus_need_feature(self) -> None:
        data = pod(ctr(resources={"cpus": 1, "mem": 64, "gpus": 1}))
        assert pointers(GpusWithoutGpuFeature, data) == ["/containers/0/resources/gpus"]
        assert run(GpusWithoutGpuFeature, data, features=["gpu_resources"]) == []

    def test_zero_gpus(self) -> None:
        assert run(GpusWithoutGpuFeature, pod(ctr(resources={"gpus": 0}))) == []


class TestNothingToRun:
    def test_neither_exec_nor_image(self) -> None:
        data = pod({"name": "app", "resources": {"cpus": 0.1}, "cmd": "./run"})
        [finding] = run(ContainerNothingToRun, data)
        assert finding.pointer == "/containers/0/name"
        assert "app fields" in (finding.help or "")

    def test_null_counts_as_absent(self) -> None:
        assert len(run(ContainerNothingToRun, pod(ctr(exec=None)))) == 1

    def test_image_only_passes(self) -> None:
        container = ctr(image={"kind": "DOCKER", "id": "nginx"})
        del container["exec"]
        assert run(ContainerNothingToRun, pod(container)) == []


class TestShellOverrideEntrypoint:
    def test_false_with_shell(self) -> None:
        data = pod(ctr(exec={"command": {"shell": "echo"}, "overrideEntrypoint": False}))
        [finding] = run(ShellWithOverrideEntrypoint, data)
        assert finding.fix is not None
        assert finding.fix.applicability == "safe"
        assert finding.fix.ops[0].kind == "remove"

    @pytest.mark.parametrize(
        "exec_",
        [
            {"command": {"shell": "echo"}, "overrideEntrypoint": True},
            {"command": {"argv": ["echo"]}, "overrideEntrypoint": False},
            {"command": {"shell": "echo"}},
        ],
    )
    def test_other_combinations(self, exec_: dict) -> None:
        assert run(ShellWithOverrideEntrypoint, pod(ctr(exec=exec_))) == []


class TestArtifactUri:
    @pytest.mark.parametrize(
        "uri",
        [
            "https://example.com/a b.tgz",
            "https://example.com/{{VERSION}}.tgz",
            "https://example.com/a%zz",
            "https://example.com/a#b#c",
            "ht tp://x",
            "1http://example.com/x",
        ],
    )
    def test_invalid(self, uri: str) -> None:
        data = pod(ctr(artifacts=[{"uri": uri}]))
        assert pointers(ArtifactUriSyntax, data) == ["/containers/0/artifacts/0/uri"]

    @pytest.mark.parametrize(
        "uri",
        [
            "https://example.com/a%20b.tgz",
            "hdfs://nn:8020/data/x.tgz",
            "/opt/local/file.tgz",
            "s3a://bucket/key?x=1#frag",
            "",
        ],
    )
    def test_valid(self, uri: str) -> None:
        assert uri_problem(uri) is None
