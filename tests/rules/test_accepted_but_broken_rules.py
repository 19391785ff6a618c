"""Accepted-but-broken rules not covered elsewhere: unreachable strategy (§10.4, §10.5) and unused
secrets (§10.16); plus every container-level rule's documentation examples, run directly."""

from __future__ import annotations

from podlint_rules.secret_never_used import SecretNeverUsed
from podlint_rules.unreachable_inactive_after_expunge import UnreachableInactiveAfterExpunge
from podlint_rules.unreachable_strategy_string import UnreachableStrategyString
from tests.rules._container_support import ctr, pod, pointers, run
from tests.rules.test_container_parity import CONTAINER_RULES


def _unreachable(value: object) -> dict:
    return pod(scheduling={"unreachableStrategy": value})


class TestUnreachableStrategyString:
    def test_any_string_is_disabled(self) -> None:
        [finding] = run(UnreachableStrategyString, _unreachable("enabled"))
        assert finding.pointer == "/scheduling/unreachableStrategy"
        assert finding.fix is not None
        assert finding.fix.applicability == "unsafe"
        assert finding.fix.ops[0].value == "disabled"

    def test_disabled_and_objects_pass(self) -> None:
        assert run(UnreachableStrategyString, _unreachable("disabled")) == []
        assert run(UnreachableStrategyString, _unreachable({"inactiveAfterSeconds": 1})) == []

    def test_before_1_4_2_strings_do_not_parse(self) -> None:
        assert run(UnreachableStrategyString, _unreachable("x"), marathon_version="1.4.1") == []


class TestInactiveAfterExpunge:
    def test_inactive_after_expunge(self) -> None:
        data = _unreachable({"inactiveAfterSeconds": 900, "expungeAfterSeconds": 300})
        assert pointers(UnreachableInactiveAfterExpunge, data) == [
            "/scheduling/unreachableStrategy/expungeAfterSeconds"
        ]

    def test_defaults_depend_on_version(self) -> None:
        data = _unreachable({"inactiveAfterSeconds": 400})
        # 1.10: a missing expungeAfterSeconds is 0; 1.4.8: 600.
        [finding] = run(UnreachableInactiveAfterExpunge, data)
        assert "0 s (the default)" in finding.message
        assert run(UnreachableInactiveAfterExpunge, data, marathon_version="1.4.8") == []
        assert len(run(UnreachableInactiveAfterExpunge, data, marathon_version="1.4.9")) == 1

    def test_equal_is_fine(self) -> None:
        data = _unreachable({"inactiveAfterSeconds": 300, "expungeAfterSeconds": 300})
        assert run(UnreachableInactiveAfterExpunge, data) == []


class TestSecretNeverUsed:
    def test_unused_secret(self) -> None:
        data = pod(
            secrets={"a": {"source": "x"}, "b": {"source": "y"}}, environment={"A": {"secret": "a"}}
        )
        [finding] = run(SecretNeverUsed, data)
        assert finding.pointer == "/secrets/b"
        assert finding.target == "key"

    def test_every_kind_of_reference_counts(self) -> None:
        data = pod(
            ctr(
                environment={"C": {"secret": "c"}},
                image={"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "p"}},
            ),
            secrets={k: {"source": k} for k in ("c", "p", "v", "e")},
            environment={"E": {"secret": "e"}},
            volumes=[{"name": "sv", "secret": "v"}],
        )
        assert run(SecretNeverUsed, data) == []


def test_codes_and_names_unique() -> None:
    codes = [r.code for r in CONTAINER_RULES]
    names = [r.name for r in CONTAINER_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(300 <= int(c[2:]) <= 499 for c in codes)
