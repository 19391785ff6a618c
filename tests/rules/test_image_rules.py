"""Image rules: pullConfig needs the secrets feature (R51), a declared secret (R52) and a Docker image
(R70)."""

from __future__ import annotations

from typing import Any

from podlint_rules.image_pull_config_not_docker import ImagePullConfigNotDocker
from podlint_rules.image_pull_config_unknown_secret import ImagePullConfigUnknownSecret
from podlint_rules.image_pull_config_without_secrets import ImagePullConfigWithoutSecrets
from tests.rules._container_support import ctr, pod, pointers, run

PULL = "/containers/0/image/pullConfig"


def private(kind: str = "DOCKER", secret: Any = "registry", **fields: Any) -> dict:
    image = {"kind": kind, "id": "example.com/app:1", "pullConfig": {"secret": secret}}
    return pod(ctr(image=image), secrets={"registry": {"source": "cfg"}}, **fields)


def test_pull_config_needs_secrets_feature() -> None:
    assert pointers(ImagePullConfigWithoutSecrets, private()) == [PULL]
    assert run(ImagePullConfigWithoutSecrets, private(), features=["secrets"]) == []
    # 1.4 has no pullConfig: the key is ignored.
    assert run(ImagePullConfigWithoutSecrets, private(), marathon_version="1.4") == []


def test_null_pull_config_is_absent() -> None:
    data = pod(ctr(image={"kind": "DOCKER", "id": "x", "pullConfig": None}))
    assert run(ImagePullConfigWithoutSecrets, data) == []


def test_pull_config_secret_must_be_declared() -> None:
    [finding] = run(ImagePullConfigUnknownSecret, private(secret="registy"), features=["secrets"])
    assert finding.pointer == f"{PULL}/secret"
    assert "did you mean `registry`?" in finding.message
    assert finding.fix is not None
    assert finding.fix.applicability == "unsafe"
    assert run(ImagePullConfigUnknownSecret, private(), features=["secrets"]) == []
    assert run(ImagePullConfigUnknownSecret, private(secret=3)) == []


def test_no_secrets_declared() -> None:
    data = private()
    del data["secrets"]
    [finding] = run(ImagePullConfigUnknownSecret, data)
    assert "declares no `secrets`" in finding.message


def test_pull_config_only_for_docker_1_5_to_1_8() -> None:
    assert pointers(ImagePullConfigNotDocker, private("appc"), marathon_version="1.8") == [PULL]
    assert pointers(ImagePullConfigNotDocker, private("APPC"), marathon_version="1.5") == [PULL]
    assert run(ImagePullConfigNotDocker, private("DOCKER"), marathon_version="1.8") == []
    # 1.9 removed APPC (the schema rejects the kind); 1.4 has no pullConfig.
    assert run(ImagePullConfigNotDocker, private("APPC"), marathon_version="1.9") == []
    assert run(ImagePullConfigNotDocker, private("APPC"), marathon_version="1.4") == []
