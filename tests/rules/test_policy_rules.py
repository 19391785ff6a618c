"""The organisation policy rules (PL5xx): checks, option validation, and the shared readers."""

from __future__ import annotations

from typing import Any

import pytest

from podlint.config.profile import ClusterProfile
from podlint.config.settings import SettingsError, build_options
from podlint.rule import Context, Rule
from podlint_rules._policy_helpers import (
    normalise_host_path,
    parse_image,
    registry_allowed,
    under_prefix,
)
from podlint_rules.policy_allowed_network_modes import AllowedNetworkModes
from podlint_rules.policy_allowed_registries import AllowedRegistries
from podlint_rules.policy_forbid_root_user import ForbidRootUser
from podlint_rules.policy_health_check_required import HealthCheckRequired
from podlint_rules.policy_host_volumes import HostVolumes
from podlint_rules.policy_image_tag_pinned import ImageTagPinned
from podlint_rules.policy_max_instances import MaxInstances
from podlint_rules.policy_max_resources import MaxResources
from podlint_rules.policy_pod_id_pattern import PodIdPattern
from podlint_rules.policy_required_labels import RequiredLabels
from tests.ruletest import registry

POLICIES: list[type[Rule]] = [
    RequiredLabels,
    AllowedRegistries,
    ImageTagPinned,
    ForbidRootUser,
    HealthCheckRequired,
    HostVolumes,
    MaxInstances,
    MaxResources,
    PodIdPattern,
    AllowedNetworkModes,
]


def pod(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "/shop/web",
        "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128}}],
        "networks": [{"mode": "host"}],
    }
    base.update(fields)
    return base


def container(**fields: Any) -> dict[str, Any]:
    return {"name": "web", "resources": {"cpus": 0.5, "mem": 128}, **fields}


def check(rule: type[Rule], data: Any, **options: Any) -> list[tuple[str, str]]:
    opts = build_options(rule, options, "test")
    ctx = Context(profile=ClusterProfile(), options=opts)
    return [(f.pointer, f.message) for f in rule().check(data, ctx)]


def pointers(rule: type[Rule], data: Any, **options: Any) -> list[str]:
    return [p for p, _ in check(rule, data, **options)]


# ---- registration and contract -----------------------------------------------------------------


@pytest.mark.parametrize("rule", POLICIES, ids=lambda r: r.name)
def test_policy_contract(rule: type[Rule]) -> None:
    assert rule.policy is True
    assert rule.code.startswith("PL5")
    assert registry().rules[rule.name] is rule
    assert rule.severity.value == "error"  # an organisation forbids it; configurable per rule
    rule.options()  # defaults build


@pytest.mark.parametrize("rule", POLICIES, ids=lambda r: r.name)
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"id": 3, "labels": [], "containers": "x", "volumes": {}, "networks": None},
        {"containers": [None, 1, {"image": "x", "endpoints": {}, "user": []}]},
        {"scaling": [], "volumes": [None, {"host": 5}], "networks": [1, {"mode": 7}]},
        {"containers": [{"resources": {"cpus": "x"}, "image": {"id": None}}], "labels": None},
    ],
)
def test_policies_never_crash_on_unexpected_types(rule: type[Rule], data: Any) -> None:
    check(rule, data)


# ---- required-labels -------------------------------------------------------------------------------


def test_required_labels() -> None:
    opts = {"labels": ["team", "owner"]}
    assert pointers(RequiredLabels, pod(), **opts) == [""]
    found = check(RequiredLabels, pod(labels={"team": "x"}), **opts)
    assert found == [
        (
            "/labels",
            'the pod\'s labels lack the required label "owner" (this organisation requires '
            '"team", "owner")',
        )
    ]
    assert check(RequiredLabels, pod(labels={"team": "x", "owner": ""}), **opts) == []
    assert check(RequiredLabels, pod()) == []  # nothing configured, nothing required


# ---- image references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "registry_", "repository", "tag", "digest"),
    [
        ("nginx", "docker.io", "library/nginx", None, None),
        ("nginx:1.25", "docker.io", "library/nginx", "1.25", None),
        ("myorg/app:2", "docker.io", "myorg/app", "2", None),
        ("index.docker.io/myorg/app", "docker.io", "myorg/app", None, None),
        ("localhost/app:1", "localhost", "app", "1", None),
        ("localhost:5000/app", "localhost:5000", "app", None, None),
        ("Registry.Example.com:5000/a/b:v1", "registry.example.com:5000", "a/b", "v1", None),
        ("quay.io/x/y@sha256:" + "ab" * 32, "quay.io", "x/y", None, "sha256:" + "ab" * 32),
        ("x/y:1@sha256:" + "cd" * 32, "docker.io", "x/y", "1", "sha256:" + "cd" * 32),
        ("app@latest", "docker.io", "library/app", None, None),
    ],
)
def test_parse_image(
    ref: str, registry_: str, repository: str, tag: str | None, digest: str | None
) -> None:
    image = parse_image(ref)
    assert image is not None
    assert (image.registry, image.repository, image.tag, image.digest) == (
        registry_,
        repository,
        tag,
        digest,
    )


@pytest.mark.parametrize("ref", ["", "   ", "nginx latest"])
def test_unreadable_image_references(ref: str) -> None:
    assert parse_image(ref) is None


@pytest.mark.parametrize(
    ("ref", "allowed", "ok"),
    [
        ("nginx", ["docker.io"], True),
        ("nginx", ["index.docker.io"], True),
        ("nginx", ["registry.example.com"], False),
        ("registry.example.com/a:1", ["REGISTRY.example.com/"], True),
        ("registry.example.com.evil.io/a:1", ["registry.example.com"], False),
        ("eu.mirror.example.com/a", ["*.mirror.example.com"], True),
        ("myorg/app", ["docker.io/myorg"], True),
        ("myorgx/app", ["docker.io/myorg"], False),
        ("nginx", ["docker.io/library"], True),
        ("nginx", [], False),
        ("registry.example.com:5000/a", ["registry.example.com"], False),
        ("registry.example.com:5000/a", ["registry.example.com:5000"], True),
        ("registry.example.com/a", ["https://registry.example.com"], True),
    ],
)
def test_registry_allowed(ref: str, allowed: list[str], ok: bool) -> None:
    image = parse_image(ref)
    assert image is not None
    assert registry_allowed(image, allowed) is ok


def test_allowed_registries() -> None:
    data = pod(
        containers=[
            container(name="a", image={"kind": "DOCKER", "id": "nginx:1.25"}),
            container(name="b", image={"kind": "DOCKER", "id": "registry.example.com/a/b:1"}),
            container(name="c", image={"kind": "APPC", "id": "coreos.com/etcd"}),
            container(name="d"),
        ]
    )
    found = check(AllowedRegistries, data, registries=["registry.example.com"])
    assert [p for p, _ in found] == ["/containers/0/image/id"]
    assert "Docker Hub (docker.io)" in found[0][1]
    assert "allowed: registry.example.com" in found[0][1]


def test_image_tag_pinned() -> None:
    def image(ref: str) -> dict[str, Any]:
        return pod(containers=[container(image={"kind": "DOCKER", "id": ref})])

    assert pointers(ImageTagPinned, image("nginx")) == ["/containers/0/image/id"]
    assert pointers(ImageTagPinned, image("nginx:latest")) == ["/containers/0/image/id"]
    assert pointers(ImageTagPinned, image("nginx:1.25")) == []
    assert pointers(ImageTagPinned, image("nginx:1.25"), require_digest=True) == [
        "/containers/0/image/id"
    ]
    assert pointers(ImageTagPinned, image("nginx@sha256:" + "0" * 64), require_digest=True) == []
    assert pointers(ImageTagPinned, image("localhost:5000/app")) == ["/containers/0/image/id"]


# ---- users ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["root", "0", " 0 ", "root:root", "0:0", "000", 0])
def test_forbid_root_user_forms(user: Any) -> None:
    assert pointers(ForbidRootUser, pod(user=user)) == ["/user"]
    assert pointers(ForbidRootUser, pod(containers=[container(user=user)])) == [
        "/containers/0/user"
    ]


@pytest.mark.parametrize("user", ["nobody", "1000", "rooter", "10", "", True])
def test_forbid_root_user_allows(user: Any) -> None:
    assert pointers(ForbidRootUser, pod(user=user)) == []


def test_root_pod_user_overridden_by_every_container() -> None:
    data = pod(user="root", containers=[container(user="nobody"), container(name="b")])
    found = check(ForbidRootUser, data)
    assert [p for p, _ in found] == ["/user"]
    assert 'container "b" inherits it' in found[0][1]
    assert pointers(ForbidRootUser, pod(user="root", containers=[container(user="nobody")])) == []


def test_require_user() -> None:
    data = pod(containers=[container(), container(name="b", user="app")])
    assert pointers(ForbidRootUser, data) == []
    assert pointers(ForbidRootUser, data, require_user=True) == ["/containers/0/user"]
    assert pointers(ForbidRootUser, pod(user="app"), require_user=True) == []


# ---- health checks -------------------------------------------------------------------------------


def test_health_check_required() -> None:
    endpoints = [{"name": "http", "hostPort": 0}]
    data = pod(
        containers=[
            container(endpoints=endpoints),
            container(name="b", endpoints=endpoints, healthCheck={"tcp": {"endpoint": "http"}}),
            container(name="c"),
            container(name="d", endpoints=[]),
        ]
    )
    found = check(HealthCheckRequired, data)
    assert [p for p, _ in found] == ["/containers/0/healthCheck"]
    assert '"http"' in found[0][1]


# ---- host volumes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "normalised", "absolute"),
    [
        ("/srv/data/../../etc", "/etc", True),
        ("//srv//data/./x/", "/srv/data/x", True),
        ("/../../", "/", True),
        ("data/../x", "x", False),
        ("../x", "../x", False),
        ("", ".", False),
    ],
)
def test_normalise_host_path(path: str, normalised: str, absolute: bool) -> None:
    assert normalise_host_path(path) == (normalised, absolute)


def test_under_prefix() -> None:
    assert under_prefix("/srv/data/x", "/srv/data")
    assert under_prefix("/srv/data", "/srv/data")
    assert not under_prefix("/srv/database", "/srv/data")
    assert under_prefix("/anything", "/")


def test_host_volumes() -> None:
    data = pod(
        volumes=[
            {"name": "a", "host": "/srv/data/app"},
            {"name": "b", "host": "/srv/data/../../etc/shadow"},
            {"name": "c", "host": "relative/dir"},
            {"name": "d", "host": "../../escape"},
            {"name": "e"},
            {"name": "f", "secret": "s", "host": "/etc"},
            {"name": "g", "persistent": {"size": 10}, "host": "/etc"},
        ]
    )
    found = check(HostVolumes, data, allowed_paths=["/srv/data/"])
    assert [p for p, _ in found] == ["/volumes/1/host", "/volumes/3/host"]
    assert "(that is /etc/shadow)" in found[0][1]
    assert pointers(HostVolumes, data) == ["/volumes/0/host", "/volumes/1/host", "/volumes/3/host"]


# ---- sizes ---------------------------------------------------------------------------------------


def test_max_instances() -> None:
    assert pointers(MaxInstances, pod(scaling={"kind": "fixed", "instances": 11})) == [
        "/scaling/instances"
    ]
    assert pointers(MaxInstances, pod(scaling={"kind": "fixed", "instances": 10})) == []
    assert pointers(MaxInstances, pod(scaling={"kind": "fixed"}), max=0) == ["/scaling/instances"]
    assert pointers(MaxInstances, pod(), max=0) == ["/scaling"]
    assert pointers(MaxInstances, pod(), max=1) == []
    assert pointers(MaxInstances, pod(scaling={"instances": "9"}), max=1) == []


def test_max_resources_adds_defaults_and_executor() -> None:
    data = pod(containers=[container(resources={"mem": 64}), container(name="b", resources={})])
    found = check(MaxResources, data, cpus=2, mem=200)
    assert [p for p, _ in found] == ["/containers", "/containers"]
    cpus, mem = (m for _, m in found)
    assert "needs 2.1 cpus (1.0 (default) + 1.0 (default) cpus + 0.1 executor = 2.1)" in cpus
    assert "over this organisation's limit of 2.0 cpus" in cpus
    assert "needs 224.0 MiB mem (64.0 + 128.0 (default) MiB mem + 32.0 executor = 224.0)" in mem


def test_max_resources_executor_resources_count() -> None:
    data = pod(executorResources={"cpus": 0.5})
    assert pointers(MaxResources, data, cpus=0.9) == ["/containers"]
    assert pointers(MaxResources, data, cpus=1.0) == []
    assert pointers(MaxResources, pod(), gpus=0) == []


# ---- ids and networks ----------------------------------------------------------------------------


def test_pod_id_pattern() -> None:
    assert pointers(PodIdPattern, pod(id="/web")) == ["/id"]
    assert pointers(PodIdPattern, pod(id="/shop/web")) == []
    assert pointers(PodIdPattern, pod(id="shop/web")) == []  # relative: matched as /shop/web
    assert pointers(PodIdPattern, pod(id="/a/b"), pattern="/a/.*") == []
    assert pointers(PodIdPattern, pod(id="/a/b/c"), pattern="/a/b") == ["/id"]  # whole id
    assert pointers(PodIdPattern, pod(id="")) == []


def test_allowed_network_modes() -> None:
    data = pod(networks=[{"mode": "host"}, {"name": "dcos"}, {"mode": "CONTAINER/BRIDGE"}])
    assert pointers(AllowedNetworkModes, data) == ["/networks/0/mode"]
    found = check(AllowedNetworkModes, data, modes=["host"])
    assert [p for p, _ in found] == ["/networks/1/mode", "/networks/2/mode"]
    assert "container (the default)" in found[0][1]
    assert pointers(AllowedNetworkModes, pod(networks=[])) == []


# ---- option validation (config time) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "options", "words"),
    [
        (PodIdPattern, {"pattern": "(["}, "not a valid regular expression"),
        (HostVolumes, {"allowed_paths": ["srv"]}, "must be absolute"),
        (AllowedNetworkModes, {"modes": ["overlay"]}, "modes must be among"),
        (MaxInstances, {"max": -1}, "0 or more"),
        (MaxResources, {"cpus": -1}, "non-negative"),
        (MaxResources, {"memory": 1}, "no option 'memory'"),
        (RequiredLabels, {"labels": [""]}, "non-empty"),
        (AllowedRegistries, {"registries": "docker.io"}, "must be a list"),
        (ImageTagPinned, {"require_digest": "yes"}, "must be bool"),
    ],
)
def test_bad_options_are_configuration_errors(
    rule: type[Rule], options: dict[str, Any], words: str
) -> None:
    with pytest.raises(SettingsError, match=words):
        build_options(rule, options, "test")


def test_options_are_frozen_tuples() -> None:
    opts = build_options(HostVolumes, {"allowed_paths": ["/srv//data/"]}, "test")
    assert opts.allowed_paths == ("/srv/data",)
    hash(opts)
