"""Unit tests of the role rules: role names (R29/R38), the pod role (R71), accepted roles (R74 and
its sanitised form), and roles of resident pods (R37, R72, spec §10.20)."""

from __future__ import annotations

from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint_rules._pod_helpers import allowed_roles, default_role, role_name_problem
from podlint_rules.role_accepted_allowed import AcceptedRolesNotAllowed
from podlint_rules.role_accepted_names import AcceptedRoleNameInvalid
from podlint_rules.role_accepted_stripped import AcceptedRolesStripped
from podlint_rules.role_allowed import PodRoleNotAllowed
from podlint_rules.role_resident import (
    ResidentAcceptedRoles,
    ResidentPodRoleStar,
    ResidentPodUnreservableRole,
)
from tests.rules.pod_rule_support import pod, pointers, resident_pod, run

ARR = "/scheduling/placement/acceptedResourceRoles"


def _roles(*roles: Any, **fields: Any) -> dict[str, Any]:
    return pod(scheduling={"placement": {"acceptedResourceRoles": list(roles)}}, **fields)


@pytest.mark.parametrize(
    ("role", "problem"),
    [
        ("", 'A role name must not be "".'),
        ("..", 'A role name must not be "..".'),
        ("-x", "A role name must not start with a '-'."),
        ("a b", "A role name must not include a space (\\x20) character."),
        ("a/b", "A role name must not include a slash (\\x2f) character."),
        ("a\tb", "A role name must not include a tab (\\x09) character."),
        ("slave_public", None),
        ("*", None),
        ("a.b", None),
    ],
)
def test_role_name_rules(role: str, problem: str | None) -> None:
    assert role_name_problem(role) == problem


def test_accepted_role_names() -> None:
    findings = run(AcceptedRoleNameInvalid, _roles("*", "bad role", 3, "-x"))
    assert [f.pointer for f in findings] == [f"{ARR}/1", f"{ARR}/3"]
    assert '"bad role"' in findings[0].message


def test_allowed_roles_by_place_in_the_tree() -> None:
    stock = profile_from_mapping({})
    assert allowed_roles(pod(id="/web"), stock) == ["*"]
    assert allowed_roles(pod(id="/shop/web"), stock) == ["*", "shop"]
    enforced = profile_from_mapping({"enforce_role_groups": ["shop"]})
    assert allowed_roles(pod(id="/shop/web"), enforced) == ["shop"]
    assert default_role(pod(id="/shop/web"), enforced) == "shop"
    top = profile_from_mapping({"new_group_enforce_role": "top", "mesos_role": "marathon"})
    assert allowed_roles(pod(id="/shop/a/web"), top) == ["shop"]
    assert default_role(pod(id="/web"), top) == "marathon"


def test_pod_role_not_allowed() -> None:
    (finding,) = run(PodRoleNotAllowed, pod(id="/shop/web", role="shp"))
    assert finding.pointer == "/role"
    assert 'did you mean "shop"' in finding.message
    assert 'accepts only "*", "shop"' in finding.message
    enforced = {"enforce_role_groups": ["shop"]}
    (strict,) = run(PodRoleNotAllowed, pod(id="/shop/web", role="*"), enforced)
    assert "enforces its role" in strict.message
    assert run(PodRoleNotAllowed, pod(role="*")) == []
    assert run(PodRoleNotAllowed, pod(role="web"), {"marathon_version": "1.8"}) == []


def test_accepted_roles_not_allowed_only_without_sanitising() -> None:
    data = _roles("*", "slave_public", "bad role")
    (finding,) = run(AcceptedRolesNotAllowed, data)  # "bad role" is the name rule's
    assert finding.pointer == f"{ARR}/1"
    assert 'can only contain "*"' in finding.message
    assert run(AcceptedRolesNotAllowed, data, {"marathon_version": "1.9"}) == []
    assert run(AcceptedRolesNotAllowed, data, {"marathon_version": "1.8"}) == []
    own = _roles("*", "shop", id="/shop/web", role="shop")
    assert run(AcceptedRolesNotAllowed, own) == []


def test_accepted_roles_stripped_is_the_sanitised_warning() -> None:
    data = _roles("*", "slave_public")
    (finding,) = run(AcceptedRolesStripped, data, {"marathon_version": "1.9"})
    assert "silently removes" in finding.message
    assert finding.fix is not None
    assert finding.fix.applicability == "safe"
    assert run(AcceptedRolesStripped, data) == []
    assert pointers(AcceptedRolesStripped, data, {"sanitize_accepted_resource_roles": True}) == [
        f"{ARR}/1"
    ]


def test_resident_accepted_roles() -> None:
    bad = resident_pod(scheduling={"placement": {"acceptedResourceRoles": ["*", "data"]}})
    (finding,) = run(ResidentAcceptedRoles, bad)
    assert finding.pointer == ARR
    assert '["*", "data"]' in finding.message
    for ok in ([], ["*"], ["*", "*"]):
        data = resident_pod(scheduling={"placement": {"acceptedResourceRoles": ok}})
        assert run(ResidentAcceptedRoles, data) == []
    assert run(ResidentAcceptedRoles, _roles("data")) == []  # not resident


def test_resident_role_star() -> None:
    at_root = resident_pod(id="/db", role=None)
    (finding,) = run(ResidentPodRoleStar, at_root)
    assert finding.pointer == "/role"
    assert "default" in finding.message
    assert run(ResidentPodRoleStar, at_root, {"mesos_role": "marathon"}) == []
    assert run(ResidentPodRoleStar, resident_pod()) == []
    assert pointers(ResidentPodRoleStar, resident_pod(role="*")) == ["/role"]
    assert run(ResidentPodRoleStar, at_root, {"marathon_version": "1.8"}) == []


def test_resident_unreservable_role_before_1_9() -> None:
    at_root = resident_pod(id="/db", role=None)
    v18 = {"marathon_version": "1.8"}
    assert pointers(ResidentPodUnreservableRole, at_root, v18) == ["/volumes/0/persistent"]
    assert run(ResidentPodUnreservableRole, at_root, {**v18, "mesos_role": "m"}) == []
    assert run(ResidentPodUnreservableRole, at_root) == []
    assert run(ResidentPodUnreservableRole, at_root, {"marathon_version": "1.5"}) == []
