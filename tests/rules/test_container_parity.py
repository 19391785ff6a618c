"""Marathon parity of the container-level rules: a table of pods straight from the specification,
each accepted or rejected at a pointer, with version and profile differences.

The container-level rules must raise an ``error`` exactly for the rejected pods. Rows marked
``SCHEMA`` are rejected by Marathon while it reads the JSON (RAML facets, 1.5+): the schema layer
reports them and these rules must stay silent, so the problem is reported once.
"""

from __future__ import annotations

from typing import Any

import pytest

from podlint.diagnostics import Severity
from podlint.rule import Rule
from podlint_rules.container_artifact_uri import ArtifactUriSyntax
from podlint_rules.container_duplicate_name import DuplicateContainerName
from podlint_rules.container_gpus_without_feature import GpusWithoutGpuFeature
from podlint_rules.container_legacy_field_constraints import LegacyFieldConstraints
from podlint_rules.container_list_empty import EmptyContainers
from podlint_rules.container_nothing_to_run import ContainerNothingToRun
from podlint_rules.container_shell_override_entrypoint import ShellWithOverrideEntrypoint
from podlint_rules.endpoint_bridge_without_container_port import (
    BridgeEndpointWithoutContainerPort,
)
from podlint_rules.endpoint_container_port_missing import EndpointContainerPortMissing
from podlint_rules.endpoint_duplicate_protocol import EndpointDuplicateProtocol
from podlint_rules.endpoint_host_mode_ports import EndpointHostModePorts
from podlint_rules.endpoint_network_names_ambiguous import EndpointNetworkNamesAmbiguous
from podlint_rules.endpoint_protocol_value import EndpointProtocolValue
from podlint_rules.endpoint_unknown_network import EndpointUnknownNetwork
from podlint_rules.endpoint_without_network import EndpointsWithoutNetworks
from podlint_rules.env_secret_reference import EnvSecretReference
from podlint_rules.env_shadowed import EnvShadowed
from podlint_rules.health_check_endpoint import HealthCheckEndpoint
from podlint_rules.health_check_exec_unsupported import HealthCheckExecUnsupported
from podlint_rules.health_check_kind import HealthCheckKind
from podlint_rules.health_check_timeout import HealthCheckTimeout
from podlint_rules.image_pull_config_not_docker import ImagePullConfigNotDocker
from podlint_rules.image_pull_config_unknown_secret import ImagePullConfigUnknownSecret
from podlint_rules.image_pull_config_without_secrets import ImagePullConfigWithoutSecrets
from podlint_rules.linux_ipc_shm_size import LinuxIpcShmSize
from podlint_rules.linux_seccomp import LinuxSeccomp
from podlint_rules.secret_never_used import SecretNeverUsed
from podlint_rules.unknown_volume_mount import UnknownVolumeMount
from podlint_rules.unreachable_inactive_after_expunge import UnreachableInactiveAfterExpunge
from podlint_rules.unreachable_strategy_string import UnreachableStrategyString
from podlint_rules.volume_duplicate_name import DuplicateVolumeName
from podlint_rules.volume_never_mounted import VolumeNeverMounted
from podlint_rules.volume_silently_ephemeral import VolumeSilentlyEphemeral
from tests.rules._container_support import ctr, pod, run

CONTAINER_RULES: list[type[Rule]] = [
    HealthCheckEndpoint,
    UnknownVolumeMount,
    VolumeNeverMounted,
    DuplicateVolumeName,
    EmptyContainers,
    DuplicateContainerName,
    EndpointUnknownNetwork,
    EndpointHostModePorts,
    EndpointContainerPortMissing,
    EndpointDuplicateProtocol,
    EndpointNetworkNamesAmbiguous,
    ImagePullConfigWithoutSecrets,
    ImagePullConfigUnknownSecret,
    ImagePullConfigNotDocker,
    EnvSecretReference,
    HealthCheckKind,
    HealthCheckTimeout,
    HealthCheckExecUnsupported,
    LinuxSeccomp,
    LinuxIpcShmSize,
    LegacyFieldConstraints,
    VolumeSilentlyEphemeral,
    UnreachableStrategyString,
    UnreachableInactiveAfterExpunge,
    GpusWithoutGpuFeature,
    EndpointsWithoutNetworks,
    BridgeEndpointWithoutContainerPort,
    ContainerNothingToRun,
    ShellWithOverrideEntrypoint,
    EndpointProtocolValue,
    ArtifactUriSyntax,
    SecretNeverUsed,
    EnvShadowed,
]

ACCEPT = None
SCHEMA = "schema"
C0 = "/containers/0"
EP0 = f"{C0}/endpoints/0"
HC = f"{C0}/healthCheck"
SECRETS = {"features": ["secrets"]}
REG = {"registry": {"source": "cfg"}}
NETS2 = [{"name": "a"}, {"name": "b"}]


def hc(check: dict[str, Any], endpoint: str = "web") -> dict[str, Any]:
    return pod(ctr(endpoints=[{"name": endpoint, "hostPort": 0}], healthCheck=check))


def mounts(*names: str, volumes: list[dict[str, Any]]) -> dict[str, Any]:
    return pod(ctr(volumeMounts=[{"name": n, "mountPath": n} for n in names]), volumes=volumes)


def eps(*endpoints: dict[str, Any], networks: list[dict[str, Any]]) -> dict[str, Any]:
    return pod(ctr(endpoints=list(endpoints)), networks=networks)


def image(kind: str = "DOCKER", secret: str = "registry") -> dict[str, Any]:
    img = {"kind": kind, "id": "example.com/app:1", "pullConfig": {"secret": secret}}
    return pod(ctr(image=img), secrets=REG)


def env(value: Any, secrets: dict[str, Any] | None = None) -> dict[str, Any]:
    data = pod(ctr(environment={"TOKEN": value}))
    if secrets is not None:
        data["secrets"] = secrets
    return data


def linux(info: dict[str, Any]) -> dict[str, Any]:
    return pod(ctr(linuxInfo=info))


EXEC_HC = {"exec": {"command": {"shell": "true"}}}

# (spec id, pod, profile, expected): ACCEPT, SCHEMA, or the pointer of the rejection.
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str | None]] = [
    ("base", pod(), {}, ACCEPT),
    ("base-1.4", pod(), {"marathon_version": "1.4"}, ACCEPT),
    ("R12", mounts("a", volumes=[{"name": "a"}, {"name": "b"}]), {}, "/volumes/1/name"),
    ("R12", mounts("a", "b", volumes=[{"name": "a"}, {"name": "b"}]), {}, ACCEPT),
    ("R13", mounts("a", volumes=[{"name": "a"}, {"name": "a"}]), {}, "/volumes/1/name"),
    ("R13-1.4", mounts("a", volumes=[{"name": "a"}, {"name": "a"}]), {"marathon_version": "1.4"}, "/volumes/1/name"),
    ("R14-1.4", pod(containers=[]), {"marathon_version": "1.4"}, "/containers"),
    ("R14", pod(containers=[]), {}, SCHEMA),
    ("R15", pod(ctr("a"), ctr("a")), {}, "/containers/1/name"),
    ("R15", pod(ctr("a"), ctr("b")), {}, ACCEPT),
    ("R41", pod(ctr("_app")), {}, SCHEMA),
    ("R41/P1-1.4", pod(ctr("_app")), {"marathon_version": "1.4"}, f"{C0}/name"),
    ("P1-1.4.2", pod(ctr("Web")), {"marathon_version": "1.4.2"}, ACCEPT),
    ("P1-1.4.3", pod(ctr("Web")), {"marathon_version": "1.4.3"}, f"{C0}/name"),
    ("R42-1.4", pod(ctr(resources={"cpus": -1})), {"marathon_version": "1.4"}, f"{C0}/resources/cpus"),
    ("P13-1.4", pod(ctr(resources={"cpus": 0, "mem": 0})), {"marathon_version": "1.4"}, ACCEPT),
    ("R42", pod(ctr(resources={"cpus": -1})), {}, SCHEMA),
    ("R46", eps({"name": "w", "containerPort": 80, "networkNames": ["c"]}, networks=NETS2), {}, f"{EP0}/networkNames/0"),
    ("R46", eps({"name": "w", "containerPort": 80, "networkNames": ["b"]}, networks=NETS2), {}, ACCEPT),
    ("R46-1.4", eps({"name": "w", "containerPort": 80, "networkNames": ["c"]}, networks=NETS2), {"marathon_version": "1.4"}, ACCEPT),
    ("R47", eps({"name": "w", "containerPort": 80}, networks=[{"mode": "host"}]), {}, f"{EP0}/containerPort"),
    ("R47", eps({"name": "w", "containerPort": None}, networks=[{"mode": "host"}]), {}, ACCEPT),
    ("P6-1.4", eps({"name": "w"}, networks=[{"mode": "host"}]), {"marathon_version": "1.4"}, f"{EP0}/hostPort"),
    ("P6", eps({"name": "w"}, networks=[{"mode": "host"}]), {}, ACCEPT),
    ("R48", eps({"name": "w", "hostPort": 0}, networks=[{"name": "dcos"}]), {}, f"{EP0}/containerPort"),
    ("R48", eps({"name": "w", "containerPort": 80}, networks=[{"name": "dcos"}]), {}, ACCEPT),
    ("R48-bridge", eps({"name": "w", "hostPort": 0}, networks=[{"mode": "container/bridge"}]), {}, ACCEPT),
    ("R49", eps({"name": "w", "hostPort": 0, "protocol": ["tcp", "tcp"]}, networks=[{"mode": "host"}]), {}, f"{EP0}/protocol/1"),
    ("R49", eps({"name": "w", "hostPort": 0, "protocol": ["tcp", "TCP"]}, networks=[{"mode": "host"}]), {}, ACCEPT),
    ("R50", eps({"name": "w", "containerPort": 80, "hostPort": 0}, networks=NETS2), {}, f"{EP0}/hostPort"),
    ("R50", eps({"name": "w", "containerPort": 80, "hostPort": 0, "networkNames": ["a"]}, networks=NETS2), {}, ACCEPT),
    ("R50-1.4", eps({"name": "w", "containerPort": 80, "hostPort": 0}, networks=NETS2), {"marathon_version": "1.4"}, ACCEPT),
    ("R51", image(), {}, f"{C0}/image/pullConfig"),
    ("R51", image(), SECRETS, ACCEPT),
    ("R52", image(secret="nope"), SECRETS, f"{C0}/image/pullConfig/secret"),
    ("R70-1.8", image("APPC"), {**SECRETS, "marathon_version": "1.8"}, f"{C0}/image/pullConfig"),
    ("R70-1.8", image("DOCKER"), {**SECRETS, "marathon_version": "1.8"}, ACCEPT),
    ("R70-1.9", image("APPC"), {**SECRETS, "marathon_version": "1.9"}, SCHEMA),
    ("R53/R7", env({"secret": "registry"}, REG), {}, f"{C0}/environment/TOKEN/secret"),
    ("R53/R8", env({"secret": "nope"}, REG), SECRETS, f"{C0}/environment/TOKEN/secret"),
    ("R53", env({"secret": "registry"}, REG), SECRETS, ACCEPT),
    ("R53-plain", env("plain"), {}, ACCEPT),
    ("R54-1.4", hc({"tcp": {"endpoint": "web"}, "delaySeconds": -1}), {"marathon_version": "1.4"}, f"{HC}/delaySeconds"),
    ("R54", hc({"tcp": {"endpoint": "web"}, "delaySeconds": -1}), {}, SCHEMA),
    ("R55", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 2}), {}, f"{HC}/timeoutSeconds"),
    ("R55", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 20}), {}, f"{HC}/timeoutSeconds"),
    ("R55", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 21}), {}, ACCEPT),
    ("R55", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 2, "timeoutSeconds": 1}), {}, ACCEPT),
    ("R55-1.4", hc({"tcp": {"endpoint": "web"}, "timeoutSeconds": 60}), {"marathon_version": "1.4"}, f"{HC}/timeoutSeconds"),
    ("R56", hc({}), {}, HC),
    ("R56", hc({"http": {"endpoint": "web"}, "tcp": {"endpoint": "web"}}), {}, f"{HC}/tcp"),
    ("R56", hc({"http": {"endpoint": "web"}, "tcp": None}), {}, ACCEPT),
    ("R57/R58", hc({"tcp": {"endpoint": "Web"}}), {}, SCHEMA),
    ("R57/R58-1.4", hc({"tcp": {"endpoint": "Web"}}), {"marathon_version": "1.4"}, f"{HC}/tcp/endpoint"),
    ("R59", pod(ctr(healthCheck={"tcp": {"endpoint": "web"}}), ctr("side", endpoints=[{"name": "web", "hostPort": 0}])), {}, f"{HC}/tcp/endpoint"),
    ("R59", hc({"http": {"endpoint": "web", "path": "/"}}), {}, ACCEPT),
    ("R59-1.4", hc({"http": {"endpoint": "wbe"}}), {"marathon_version": "1.4"}, f"{HC}/http/endpoint"),
    ("R60-1.4", hc({"http": {"endpoint": "web", "path": ""}}), {"marathon_version": "1.4"}, f"{HC}/http/path"),
    ("R60", hc({"http": {"endpoint": "web", "path": ""}}), {}, SCHEMA),
    ("R61/P9-1.4", pod(ctr(healthCheck=EXEC_HC)), {"marathon_version": "1.4"}, f"{HC}/exec"),
    ("R61-unknown-master", pod(ctr(healthCheck=EXEC_HC)), {}, ACCEPT),
    ("R61-old-master", pod(ctr(healthCheck=EXEC_HC)), {"mesos_master_version": "1.2.0"}, f"{HC}/exec"),
    ("R61-new-master", pod(ctr(healthCheck=EXEC_HC)), {"mesos_master_version": "1.3.0"}, ACCEPT),
    ("R62-1.4", pod(ctr(healthCheck={"exec": {"command": {"shell": ""}}})), {"marathon_version": "1.4"}, f"{HC}/exec/command/shell"),
    ("R62", pod(ctr(healthCheck={"exec": {"command": {"shell": ""}}})), {}, SCHEMA),
    ("R63-1.4", mounts("V", volumes=[{"name": "V"}]), {"marathon_version": "1.4"}, f"{C0}/volumeMounts/0/name"),
    ("R63", mounts("V", volumes=[{"name": "V"}]), {}, SCHEMA),
    ("R64-1.4", pod(ctr(volumeMounts=[{"name": "v", "mountPath": ""}]), volumes=[{"name": "v"}]), {"marathon_version": "1.4"}, f"{C0}/volumeMounts/0/mountPath"),
    ("R65", mounts("env", volumes=[{"name": "etc"}]), {}, f"{C0}/volumeMounts/0/name"),
    ("R65", mounts("etc", volumes=[{"name": "etc"}]), {}, ACCEPT),
    ("R66-1.4", pod(ctr(artifacts=[{"uri": ""}])), {"marathon_version": "1.4"}, f"{C0}/artifacts/0/uri"),
    ("R66", pod(ctr(artifacts=[{"uri": ""}])), {}, SCHEMA),
    ("R67", linux({"seccomp": {"profileName": "p", "unconfined": True}}), {}, f"{C0}/linuxInfo/seccomp/unconfined"),
    ("R68", linux({"seccomp": {}}), {}, f"{C0}/linuxInfo/seccomp"),
    ("R68", linux({"seccomp": {"unconfined": True}}), {}, ACCEPT),
    ("R67/R68", linux({"seccomp": {"profileName": "p"}}), {}, ACCEPT),
    ("R68-1.7", linux({"seccomp": {}}), {"marathon_version": "1.7"}, ACCEPT),
    ("R69", linux({"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}}), {}, f"{C0}/linuxInfo/ipcInfo/shmSize"),
    ("R69", linux({"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}}), {}, ACCEPT),
    ("R69-1.8", linux({"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}}), {"marathon_version": "1.8"}, ACCEPT),
    ("P2-1.4", pod(ctr(environment={"log_level": "x"})), {"marathon_version": "1.4"}, f"{C0}/environment/log_level"),
    ("P2", pod(ctr(environment={"log_level": "x"})), {}, ACCEPT),
    ("P5-1.4", eps({"name": "w", "hostPort": 70000}, networks=[{"mode": "host"}]), {"marathon_version": "1.4"}, f"{EP0}/hostPort"),
    ("P7-1.4", pod(ctr(image={"kind": "DOCKER", "id": ""})), {"marathon_version": "1.4"}, f"{C0}/image/id"),
    ("P8-1.4", mounts("v", volumes=[{"name": "v", "host": ""}]), {"marathon_version": "1.4"}, "/volumes/0/host"),
    # Accepted but broken: warnings or info only, never an error.
    ("§10.3", mounts("d", volumes=[{"name": "d", "persistent": {"size": "1G"}}]), {}, ACCEPT),
    ("§10.4", pod(scheduling={"unreachableStrategy": "enabled"}), {}, ACCEPT),
    ("§10.5", pod(scheduling={"unreachableStrategy": {"inactiveAfterSeconds": 9}}), {}, ACCEPT),
    ("§10.7", pod(ctr(resources={"gpus": 1})), {}, ACCEPT),
    ("§10.8", eps({"name": "w", "hostPort": 0}, networks=[]), {}, ACCEPT),
    ("§10.10", pod({"name": "x", "resources": {}}), {}, ACCEPT),
    ("§10.11", pod(ctr(exec={"command": {"shell": "x"}, "overrideEntrypoint": False})), {}, ACCEPT),
    ("§10.12", eps({"name": "w", "hostPort": 0, "protocol": ["HTTP"]}, networks=[{"mode": "host"}]), {}, ACCEPT),
    ("§10.14", pod(ctr(artifacts=[{"uri": "http://x/a b"}])), {}, ACCEPT),
    ("§10.16", pod(ctr(environment={"A": "1"}), environment={"A": "2"}, secrets=REG), SECRETS, ACCEPT),
]  # fmt: skip


def _errors(data: dict[str, Any], profile: dict[str, Any]) -> list[str]:
    return [
        finding.pointer
        for rule in CONTAINER_RULES
        if rule.severity is Severity.ERROR
        for finding in run(rule, data, **profile)
    ]


@pytest.mark.parametrize(
    ("spec_id", "data", "profile", "expected"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_parity(
    spec_id: str, data: dict[str, Any], profile: dict[str, Any], expected: str | None
) -> None:
    errors = _errors(data, profile)
    if expected is ACCEPT or expected == SCHEMA:
        assert errors == [], f"{spec_id}: Marathon accepts (or the schema owns it), got {errors}"
    else:
        assert expected in errors, f"{spec_id}: expected an error at {expected}, got {errors}"


def test_every_error_rule_has_a_reject_and_an_accept_case() -> None:
    ids = " ".join(c[0] for c in CASES)
    for rule in CONTAINER_RULES:
        if rule.severity is not Severity.ERROR:
            continue
        assert any(r.split("-")[0] in ids for r in rule.marathon_rules), rule.name
