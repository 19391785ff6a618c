"""Environment rules: container env secret references (R53/R7/R8) and shadowed pod variables."""

from __future__ import annotations

from podlint_rules.env_secret_reference import EnvSecretReference
from podlint_rules.env_shadowed import EnvShadowed
from tests.rules._container_support import ctr, pod, run

VAR = "/containers/0/environment/DB_PASSWORD/secret"


def with_secret_env(secret: str, declared: tuple[str, ...] = ("db-password",)) -> dict:
    return pod(
        ctr(environment={"DB_PASSWORD": {"secret": secret}, "PLAIN": "x"}),
        secrets={name: {"source": "store/path"} for name in declared},
    )


def test_secret_reference_needs_feature() -> None:
    [finding] = run(EnvSecretReference, with_secret_env("db-password"))
    assert finding.pointer == VAR
    assert "secrets feature is not enabled" in finding.message
    assert run(EnvSecretReference, with_secret_env("db-password"), features=["secrets"]) == []


def test_undeclared_secret_with_suggestion() -> None:
    [finding] = run(EnvSecretReference, with_secret_env("db-pasword"), features=["secrets"])
    assert finding.pointer == VAR
    assert "did you mean `db-password`?" in finding.message
    assert finding.fix is not None
    assert finding.fix.ops[0].value == "db-password"


def test_both_problems_reported_without_feature() -> None:
    assert len(run(EnvSecretReference, with_secret_env("other", declared=()))) == 2


def test_pod_level_environment_is_not_this_rules() -> None:
    data = pod(environment={"X": {"secret": "nope"}})
    assert run(EnvSecretReference, data) == []


def test_shadowed_variables() -> None:
    data = pod(
        ctr(environment={"LOG": "debug", "SAME": "1", "OWN": "x"}),
        environment={"LOG": "info", "SAME": "1"},
    )
    findings = run(EnvShadowed, data)
    assert [f.pointer for f in findings] == [
        "/containers/0/environment/LOG",
        "/containers/0/environment/SAME",
    ]
    assert findings[0].fix is None
    assert findings[1].fix is not None
    assert findings[1].fix.applicability == "safe"


def test_no_pod_environment() -> None:
    assert run(EnvShadowed, pod(ctr(environment={"A": "b"}))) == []
