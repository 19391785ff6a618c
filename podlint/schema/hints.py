"""What to tell a user about a key Marathon does not read: the app field they meant, the version that
has it, or the known key it is closest to."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from podlint.config.profile import SUPPORTED_VERSIONS
from podlint.diagnostics import Fix, FixOp
from podlint.schema.keys import KeyEvent, versions_with_key
from podlint.schema.problems import display_path


@dataclass(frozen=True)
class Hint:
    advice: str
    # A key at the same level that means the same thing (offered as an unsafe rename).
    rename: str | None = None


_PER_CONTAINER = "pods set it per container, in `containers[].{}`"

# Marathon *app* fields (and old pod drafts) people carry over into pods, by where they appear.
# Shape "" is the pod itself; "*" matches anywhere.
APP_FIELDS: dict[str, dict[str, Hint]] = {
    "": {
        "fetch": Hint(
            "`fetch` is an app field: pods fetch files per container, with `containers[].artifacts`"
        ),
        "uris": Hint(
            "`uris` is an old app field: pods fetch files per container, with `containers[].artifacts`"
        ),
        "env": Hint("`env` is an app field: pods use `environment`", "environment"),
        "cmd": Hint("`cmd` is an app field: give each container `exec.command.shell`"),
        "args": Hint("`args` is an app field: give each container `exec.command.argv`"),
        "container": Hint(
            "`container` is an app field: a pod lists its containers in `containers`, each with its "
            "own `image`"
        ),
        "cpus": Hint("`cpus` is an app field: " + _PER_CONTAINER.format("resources.cpus")),
        "mem": Hint("`mem` is an app field: " + _PER_CONTAINER.format("resources.mem")),
        "disk": Hint("`disk` is an app field: " + _PER_CONTAINER.format("resources.disk")),
        "gpus": Hint("`gpus` is an app field: " + _PER_CONTAINER.format("resources.gpus")),
        "instances": Hint("`instances` is an app field: pods use `scaling.instances`"),
        "healthChecks": Hint("`healthChecks` is an app field: pods use `containers[].healthCheck`"),
        "readinessChecks": Hint("`readinessChecks` is an app field: pods have no readiness checks"),
        "portDefinitions": Hint(
            "`portDefinitions` is an app field: pods use `containers[].endpoints`"
        ),
        "ports": Hint("`ports` is an app field: pods use `containers[].endpoints`"),
        "requirePorts": Hint("`requirePorts` is an app field: pods use `containers[].endpoints`"),
        "constraints": Hint(
            "`constraints` is an app field: pods use `scheduling.placement.constraints` (objects "
            "with `fieldName`, `operator`, `value`)"
        ),
        "acceptedResourceRoles": Hint(
            "`acceptedResourceRoles` is an app field here: pods use "
            "`scheduling.placement.acceptedResourceRoles`"
        ),
        "upgradeStrategy": Hint("`upgradeStrategy` is an app field: pods use `scheduling.upgrade`"),
        "unreachableStrategy": Hint("pods set `unreachableStrategy` inside `scheduling`"),
        "killSelection": Hint("pods set `killSelection` inside `scheduling`"),
        "backoffSeconds": Hint(
            "`backoffSeconds` is an app field: pods use `scheduling.backoff.backoff`"
        ),
        "backoffFactor": Hint("pods set `backoffFactor` in `scheduling.backoff`"),
        "maxLaunchDelaySeconds": Hint(
            "`maxLaunchDelaySeconds` is an app field: pods use `scheduling.backoff.maxLaunchDelay`"
        ),
        "taskKillGracePeriodSeconds": Hint(
            "`taskKillGracePeriodSeconds` is an app field: pods use "
            "`containers[].lifecycle.killGracePeriodSeconds`"
        ),
        "dependencies": Hint(
            "`dependencies` is an app field: pods cannot depend on other services"
        ),
        "ipAddress": Hint("`ipAddress` is an old app field: pods join networks through `networks`"),
        "residency": Hint(
            "`residency` is an app field: a pod becomes resident by having a persistent volume"
        ),
        "executor": Hint("`executor` is an app field: pods always run Marathon's pod executor"),
        "image": Hint("pods set `image` per container, in `containers[].image`"),
        "resources": Hint("pods set `resources` per container, in `containers[].resources`"),
        "endpoints": Hint("pods set `endpoints` per container, in `containers[].endpoints`"),
        "volumeMounts": Hint(
            "pods set `volumeMounts` per container, in `containers[].volumeMounts`"
        ),
        "artifacts": Hint("pods set `artifacts` per container, in `containers[].artifacts`"),
        "healthCheck": Hint("pods set `healthCheck` per container, in `containers[].healthCheck`"),
        "lifecycle": Hint("pods set `lifecycle` per container, in `containers[].lifecycle`"),
        "exec": Hint("pods set `exec` per container, in `containers[].exec`"),
        "tty": Hint("pods set `tty` per container, in `containers[].tty`"),
    },
    "containers[]": {
        "cmd": Hint("`cmd` is an app field: containers use `exec.command.shell`"),
        "args": Hint("`args` is an app field: containers use `exec.command.argv`"),
        "command": Hint("containers set `command` inside `exec`: `exec.command`"),
        "env": Hint("`env` is an app field: containers use `environment`", "environment"),
        "cpus": Hint("containers set `cpus` in `resources`"),
        "mem": Hint("containers set `mem` in `resources`"),
        "disk": Hint("containers set `disk` in `resources`"),
        "gpus": Hint("containers set `gpus` in `resources`"),
        "docker": Hint(
            '`docker` is an app container field: pod containers use `image` ({"kind": "DOCKER", '
            '"id": "<image>"})'
        ),
        "type": Hint(
            "`type` is an app container field: pod containers always use the Mesos containerizer"
        ),
        "volumes": Hint(
            "pod containers mount pod-level `volumes` through `volumeMounts` (`name`, `mountPath`)"
        ),
        "portMappings": Hint("`portMappings` is an app field: pod containers use `endpoints`"),
        "portDefinitions": Hint(
            "`portDefinitions` is an app field: pod containers use `endpoints`"
        ),
        "ports": Hint("`ports` is an app field: pod containers use `endpoints`"),
        "healthChecks": Hint(
            "`healthChecks` is an app field: a pod container has one `healthCheck`"
        ),
        "fetch": Hint("`fetch` is an app field: pod containers use `artifacts`", "artifacts"),
        "uris": Hint("`uris` is an old app field: pod containers use `artifacts`"),
        "forcePullImage": Hint(
            "`forcePullImage` is an app field: pod containers use `image.forcePull`"
        ),
        "taskKillGracePeriodSeconds": Hint(
            "`taskKillGracePeriodSeconds` is an app field: pod containers use "
            "`lifecycle.killGracePeriodSeconds`"
        ),
        "instances": Hint("pods set `instances` for the whole pod, in `scaling.instances`"),
        "constraints": Hint(
            "pods set constraints for the whole pod, in `scheduling.placement.constraints`"
        ),
        "privileged": Hint("pod containers cannot run privileged"),
        "parameters": Hint(
            "Docker parameters are an app feature: pod containers use the Mesos containerizer"
        ),
    },
    "containers[].image": {
        "forcePullImage": Hint(
            "`forcePullImage` is an app field: pods use `forcePull`", "forcePull"
        ),
        "image": Hint("the image name goes in `id`", "id"),
        "credential": Hint("pods take registry credentials from a secret, with `pullConfig`"),
        "privileged": Hint("pod containers cannot run privileged"),
        "parameters": Hint(
            "Docker parameters are an app feature: pods use the Mesos containerizer"
        ),
        "network": Hint("pods choose networks at pod level, in `networks`"),
        "portMappings": Hint("`portMappings` is an app field: pod containers use `endpoints`"),
    },
    "containers[].exec.command": {
        "value": Hint("the command line goes in `shell`", "shell"),
    },
    "containers[].endpoints[]": {
        "port": Hint(
            "endpoints use `containerPort` (inside the container) and `hostPort` (on the agent)"
        ),
        "servicePort": Hint("pods have no service ports: use a VIP label instead"),
    },
    "containers[].healthCheck": {
        "path": Hint("the URL path goes in `http.path`"),
        "portIndex": Hint("pod health checks name an endpoint: `http.endpoint` or `tcp.endpoint`"),
        "port": Hint("pod health checks name an endpoint: `http.endpoint` or `tcp.endpoint`"),
        "protocol": Hint("pod health checks use one of the `http`, `tcp` or `exec` sub-objects"),
        "command": Hint("command health checks go in `exec.command`"),
        "ignoreHttp1xx": Hint("`ignoreHttp1xx` is an app health-check field"),
    },
    "volumes[]": {
        "containerPath": Hint("pod volumes are mounted by containers: `volumeMounts[].mountPath`"),
        "hostPath": Hint("the agent path of a host volume goes in `host`", "host"),
        "mode": Hint("read-only mounts are set per container: `volumeMounts[].readOnly`"),
        "external": Hint(
            "pods have no external volumes in Marathon 1.4-1.10; with a valid `name` this becomes "
            "an ephemeral volume"
        ),
    },
    "scheduling": {
        "constraints": Hint("pods put constraints in `placement.constraints`"),
        "acceptedResourceRoles": Hint(
            "pods put accepted roles in `placement.acceptedResourceRoles`"
        ),
        "residency": Hint(
            "`residency` is an app field: a pod becomes resident by having a persistent volume"
        ),
        "upgradeStrategy": Hint("pods use `upgrade`", "upgrade"),
        "minimumHealthCapacity": Hint("it goes in `upgrade.minimumHealthCapacity`"),
        "maximumOverCapacity": Hint("it goes in `upgrade.maximumOverCapacity`"),
        "maxLaunchDelaySeconds": Hint("it goes in `backoff.maxLaunchDelay`"),
        "backoffSeconds": Hint("it goes in `backoff.backoff`"),
    },
    "scheduling.backoff": {
        "maxLaunchDelaySeconds": Hint(
            "`maxLaunchDelaySeconds` is the app spelling: pods use `maxLaunchDelay`",
            "maxLaunchDelay",
        ),
        "backoffSeconds": Hint(
            "`backoffSeconds` is the app spelling: pods use `backoff`", "backoff"
        ),
    },
}


def unknown_key_finding(event: KeyEvent, line: str) -> tuple[str, str | None, Fix | None]:
    """(message, help, fix) for an unknown key."""
    parent = display_path(event.pointer.rsplit("/", 1)[0])
    where = "the pod" if parent == "the pod" else f"`{parent}`"
    head = f"unknown key `{event.key}` in {where}: Marathon {line} ignores it"

    versions = versions_with_key(event.shape, event.key)
    if versions:
        order = SUPPORTED_VERSIONS.index(line)
        newer = [v for v in versions if SUPPORTED_VERSIONS.index(v) > order]
        if newer and len(newer) == len(versions):
            message = f"`{event.key}` needs Marathon {newer[0]} or later; you target {line}, which ignores it"
            help_text = (
                f"Target Marathon {newer[0]}+ (`marathon_version`) if the cluster runs it, or remove "
                f"`{event.key}`."
            )
        else:
            message = (
                f"`{event.key}` is read only by Marathon {_span(versions)}; you target {line}, "
                "which ignores it"
            )
            help_text = f"Remove `{event.key}`, or target a Marathon version that reads it."
        return message, help_text, None

    hint = APP_FIELDS.get(event.shape, {}).get(event.key)
    if hint is not None:
        return _with_rename(f"{head}; {hint.advice}", event, hint.rename)

    lowered = {c.lower(): c for c in event.choices}
    if event.key.lower() in lowered:
        target = lowered[event.key.lower()]
        return _with_rename(
            f"{head}; keys are case-sensitive: did you mean `{target}`?", event, target
        )
    close = difflib.get_close_matches(event.key, list(event.choices), n=1, cutoff=0.6)
    if close:
        return _with_rename(f"{head}; did you mean `{close[0]}`?", event, close[0])
    return head, "Remove it, or check the spelling against the pod reference.", None


def _with_rename(
    message: str, event: KeyEvent, target: str | None
) -> tuple[str, str | None, Fix | None]:
    if target is None:
        return message, f"Remove `{event.key}` and set the field it was meant for.", None
    if target in event.siblings:
        return message, f"`{target}` is already set; remove `{event.key}`.", None
    fix = Fix(
        f"Rename `{event.key}` to `{target}`",
        "unsafe",
        (FixOp("rename", event.pointer, target),),
    )
    return message, f"Rename `{event.key}` to `{target}`.", fix


def _span(versions: list[str]) -> str:
    return versions[0] if len(versions) == 1 else f"{versions[0]}-{versions[-1]}"
