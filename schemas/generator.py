"""The one source of podlint's pod schemas: builds the JSON Schema of each Marathon version line.

Run ``python -m podlint_schemas.generator`` to rewrite the ``pod-<version>.json`` files beside this
module; ``tests/test_schema_generated.py`` fails when a shipped file differs from what this module builds.

The schemas mirror what Marathon's generated JSON readers accept (spec §1.1), not what its RAML says
in the abstract:

* unknown keys are allowed (Marathon ignores them; podlint reports them with its own key walk);
* ``null`` is allowed wherever a field is optional (``null`` means absent); required fields reject it;
* enums match in any letter case (a character-class pattern, portable across regex engines), except
  ``scaling.kind``, which must be exactly ``fixed``;
* RAML facets (pattern, lengths, minimum/maximum, minItems) apply from 1.5 on; 1.4 had none;
* facets of array *items* are not enforced (only item types are);
* unions (volumes, environment values, commands) are ``anyOf`` in Marathon's declaration order; a
  string member of a union accepts any string.

Annotations for podlint's own use start with ``x-podlint-`` (editors and validators ignore them):
``x-podlint-spec`` (the spec field id), ``x-podlint-kind`` (a named value type that error messages
explain), ``x-podlint-enum`` (the canonical spellings of a case-insensitive enum), ``x-podlint-union``
(how to pick the alternative a user meant), ``x-podlint-ignored`` / ``x-podlint-read-only`` (fields
Marathon reads and discards).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

VERSIONS: tuple[str, ...] = ("1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10")
HERE = Path(__file__).resolve().parent
SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
ID_TEMPLATE = "https://podlint.dev/schemas/marathon-pod-{version}.json"

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)

# Named value types (spec §2). Patterns are copied from Marathon's RAML.
NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
NETWORK_NAME_PATTERN = "^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$"
PATH_ID_PATTERN = (
    r"^(\/?((\.\.)|(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*"
    r"([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9]))?($|\/))+$"
)
ENV_NAME_PATTERN = "^[a-zA-Z_][a-zA-Z0-9_]{0,253}?$"
# ISO-8601 date-time with an offset, as java.time's ISO_OFFSET_DATE_TIME reads it.
ISO_DATE_TIME_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?"
    "(Z|z|[+-][0-9]{2}(:?[0-9]{2}(:?[0-9]{2})?)?)$"
)


def case_insensitive_pattern(values: tuple[str, ...]) -> str:
    """``("host",)`` -> ``^(?:[Hh][Oo][Ss][Tt])$``: Marathon lower-cases both sides before comparing."""

    def one(value: str) -> str:
        out = []
        for ch in value:
            if ch.isalpha():
                out.append(f"[{ch.upper()}{ch.lower()}]")
            elif ch.isalnum() or ch in "_-/ ":
                out.append(ch)
            else:
                out.append("\\" + ch)
        return "".join(out)

    return "^(?:" + "|".join(one(v) for v in values) + ")$"


class Builder:
    """Builds the schema of one version line; ``minor`` is 4 for 1.4 … 10 for 1.10."""

    def __init__(self, minor: int) -> None:
        self.minor = minor
        # The 1.4 type generator had no facet support at all (spec §1.1).
        self.facets = minor >= 5

    def since(self, minor: int) -> bool:
        return self.minor >= minor

    # ---- leaf types ---------------------------------------------------------------------------

    def string(
        self,
        *,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        kind: str | None = None,
    ) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "string"}
        if self.facets:
            if min_length is not None:
                s["minLength"] = min_length
            if max_length is not None:
                s["maxLength"] = max_length
            if pattern is not None:
                s["pattern"] = pattern
        if kind:
            s["x-podlint-kind"] = kind
        return s

    def name(self) -> dict[str, Any]:
        return self.string(min_length=1, max_length=63, pattern=NAME_PATTERN, kind="Name")

    def path(self, kind: str = "Path") -> dict[str, Any]:
        return self.string(min_length=1, max_length=1024, kind=kind)

    def number(self, minimum: float | None = None, maximum: float | None = None) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "number"}
        if self.facets and minimum is not None:
            s["minimum"] = minimum
        if self.facets and maximum is not None:
            s["maximum"] = maximum
        return s

    def integer(
        self, bits: int = 32, minimum: int | None = None, maximum: int | None = None
    ) -> dict[str, Any]:
        # The JSON reader rejects integers that do not fit the field's width in every version; the
        # RAML facets narrow the range from 1.5 on.
        low, high = INT32 if bits == 32 else INT64
        if self.facets and minimum is not None:
            low = max(low, minimum)
        if self.facets and maximum is not None:
            high = min(high, maximum)
        return {
            "type": "integer",
            "minimum": low,
            "maximum": high,
            "x-podlint-kind": f"int{bits}",
        }

    def port(self, any_port: bool) -> dict[str, Any]:
        s = self.integer(32, 0 if any_port else 1, 65535)
        s["x-podlint-kind"] = "AnyPort" if any_port else "Port"
        return s

    @staticmethod
    def boolean() -> dict[str, Any]:
        return {"type": "boolean"}

    @staticmethod
    def enum(*values: str) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": case_insensitive_pattern(values),
            "examples": list(values),
            "x-podlint-enum": list(values),
        }

    def array(self, items: dict[str, Any], *, min_items: int | None = None) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": items}
        if self.facets and min_items is not None:
            s["minItems"] = min_items
        return s

    @staticmethod
    def labels() -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "x-podlint-kind": "KVLabels",
        }

    def environment(self) -> dict[str, Any]:
        secret_ref = obj(
            {"secret": field(self.string(), True, "Name of a secret declared in `secrets`.")}
        )
        s: dict[str, Any] = {
            "type": "object",
            "additionalProperties": {
                "anyOf": [{"type": "string"}, secret_ref],
                "x-podlint-union": "env-value",
            },
            "x-podlint-kind": "EnvVars",
        }
        if self.facets:
            s["propertyNames"] = {"pattern": ENV_NAME_PATTERN, "x-podlint-kind": "EnvName"}
        return s

    def command(self) -> dict[str, Any]:
        shell = obj(
            {"shell": field(self.string(min_length=1), True, "Command line run by `/bin/sh -c`.")}
        )
        argv = obj(
            {
                "argv": field(
                    self.array({"type": "string"}, min_items=1),
                    True,
                    "Program and arguments, run without a shell.",
                )
            }
        )
        # Shell is tried first: a command with both parses as shell and argv is ignored (spec §2).
        return {
            "anyOf": [shell, argv],
            "x-podlint-union": "command",
            "x-podlint-kind": "MesosCommand",
        }

    # ---- objects ------------------------------------------------------------------------------

    def pod(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "id": field(
                self.string(min_length=1, pattern=PATH_ID_PATTERN, kind="PathId"),
                True,
                "Unique absolute path of the pod, e.g. `/prod/web`.",
                spec="F1",
            ),
            "labels": field(
                self.labels(), False, "Free metadata; every value must be a string.", {}, "F2"
            ),
            "version": field(
                # Not a RAML facet: the date reader rejects other text in every version.
                {
                    "type": "string",
                    "pattern": ISO_DATE_TIME_PATTERN,
                    "x-podlint-kind": "DateTime",
                    "x-podlint-read-only": True,
                },
                False,
                "Read-only version stamp; Marathon overwrites any submitted value.",
                spec="F3",
            ),
            "user": field(self.string(), False, "OS user for all containers.", spec="F4"),
            "environment": field(
                self.environment(),
                False,
                'Environment variables for every container: a string, or `{"secret": name}`.',
                {},
                "F5",
            ),
            "containers": field(
                self.array(self.container(), min_items=1),
                True,
                "The co-located containers.",
                spec="F6",
            ),
            "secrets": field(
                {
                    "type": "object",
                    "additionalProperties": obj(
                        {
                            "source": field(
                                self.string(min_length=1),
                                True,
                                "Secret-store reference.",
                                spec="F8",
                            )
                        }
                    ),
                },
                False,
                "Named secret declarations (needs the `secrets` feature).",
                {},
                "F7",
            ),
            "volumes": field(
                self.array(self.volume()), False, "Pod volumes, mounted by containers.", [], "F9"
            ),
            "networks": field(
                self.array(self.network()), False, "Networks shared by all containers.", [], "F10"
            ),
            "scaling": field(self.scaling(), False, "Scaling policy.", spec="F11"),
            "scheduling": field(self.scheduling(), False, "Scheduling policy.", spec="F12"),
            "executorResources": field(
                obj(
                    {
                        "cpus": field(self.number(0.1), False, "CPU for the executor.", 0.1, "F36"),
                        "mem": field(
                            self.number(32), False, "Memory (MiB) for the executor.", 32, "F37"
                        ),
                        "disk": field(
                            self.number(10), False, "Disk (MiB) for the executor.", 10, "F38"
                        ),
                    }
                ),
                False,
                "Resources reserved for the pod executor.",
                spec="F13",
            ),
        }
        if self.since(9):
            props["role"] = field(
                self.string(min_length=1),
                False,
                "Mesos role for reservations and offers.",
                spec="F14",
            )
            props["linuxInfo"] = field(
                obj(
                    {
                        "seccomp": field(
                            self.seccomp(), False, "Not supported at pod level.", spec="F123"
                        ),
                        "ipcInfo": field(
                            self.ipc_info(),
                            False,
                            "Shared IPC namespace and /dev/shm.",
                            spec="F124",
                        ),
                    }
                ),
                False,
                "Executor-level Linux settings.",
                spec="F15",
            )
        if self.since(10):
            props["legacySharedCgroups"] = field(
                self.boolean(), False, "Keep the pre-1.10 shared cgroup.", False, "F16"
            )
        return obj(props)

    def scaling(self) -> dict[str, Any]:
        return obj(
            {
                "kind": field(
                    {"type": "string", "enum": ["fixed"], "x-podlint-kind": "ScalingKind"},
                    True,
                    "Always `fixed` (exactly, lower case).",
                    spec="F17",
                ),
                "instances": field(
                    self.integer(32, 0), False, "Number of pod instances.", 1, "F18"
                ),
                "maxInstances": {
                    "description": "Not a pod field: Marathon never reads it.",
                    "x-podlint-ignored": "is not part of Marathon's pod API; Marathon never reads it",
                },
            }
        )

    def scheduling(self) -> dict[str, Any]:
        max_delay = 300 if self.since(8) else 3600
        operators = ["UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER"]
        if self.since(6):
            operators.append("IS")
        constraint = obj(
            {
                "fieldName": field(
                    self.string(), True, "Agent attribute or `hostname`.", spec="F28"
                ),
                "operator": field(self.enum(*operators), True, "Constraint operator.", spec="F29"),
                "value": field(self.string(), False, "Operator argument.", spec="F30"),
            }
        )
        unreachable = obj(
            {
                "inactiveAfterSeconds": field(
                    self.integer(64, 0),
                    False,
                    "Seconds before an unreachable instance is replaced.",
                    0,
                    "F34",
                ),
                "expungeAfterSeconds": field(
                    self.integer(64, 0),
                    False,
                    "Seconds before an unreachable instance is expunged.",
                    0,
                    "F35",
                ),
            }
        )
        # Any string parses as "disabled" (a string member of a union accepts any string).
        unreachable["type"] = ["string", "object"]
        return obj(
            {
                "backoff": field(
                    obj(
                        {
                            "backoff": field(
                                self.number(0), False, "Initial relaunch delay (s).", 1, "F20"
                            ),
                            "backoffFactor": field(
                                self.number(0), False, "Delay multiplier per failure.", 1.15, "F21"
                            ),
                            "maxLaunchDelay": field(
                                self.number(0),
                                False,
                                "Upper bound of the delay (s).",
                                max_delay,
                                "F22",
                            ),
                        }
                    ),
                    False,
                    "Relaunch back-off after failures.",
                    spec="F19",
                ),
                "upgrade": field(
                    obj(
                        {
                            "minimumHealthCapacity": field(
                                self.number(0, 1), False, "Fraction that stays healthy.", 1, "F24"
                            ),
                            "maximumOverCapacity": field(
                                self.number(0, 1), False, "Fraction of extra instances.", 1, "F25"
                            ),
                        }
                    ),
                    False,
                    "Rolling-upgrade policy.",
                    spec="F23",
                ),
                "placement": field(
                    obj(
                        {
                            "constraints": field(
                                self.array(constraint), False, "Placement constraints.", [], "F27"
                            ),
                            "acceptedResourceRoles": field(
                                self.array({"type": "string"}),
                                False,
                                "Offer roles accepted.",
                                [],
                                "F31",
                            ),
                        }
                    ),
                    False,
                    "Placement policy.",
                    spec="F26",
                ),
                "killSelection": field(
                    self.enum("YOUNGEST_FIRST", "OLDEST_FIRST"),
                    False,
                    "Which instance to kill first when scaling down.",
                    "YOUNGEST_FIRST",
                    "F32",
                ),
                "unreachableStrategy": field(
                    unreachable,
                    False,
                    '`"disabled"` or `{inactiveAfterSeconds, expungeAfterSeconds}`.',
                    spec="F33",
                ),
            }
        )

    def network(self) -> dict[str, Any]:
        modes = ["container", "host"]
        if self.since(5):
            modes.insert(1, "container/bridge")
        name = (
            self.string(
                min_length=1, max_length=63, pattern=NETWORK_NAME_PATTERN, kind="NetworkName"
            )
            if self.since(5)
            else self.name()
        )
        return obj(
            {
                "name": field(
                    name, False, "Virtual network to join (container mode only).", spec="F39"
                ),
                "mode": field(self.enum(*modes), False, "Networking mode.", "container", "F40"),
                "labels": field(self.labels(), False, "Labels on the network.", {}, "F41"),
            }
        )

    def volume(self) -> dict[str, Any]:
        if not self.since(5):
            return obj(
                {
                    "name": field(self.name(), True, "Volume name.", spec="F42"),
                    "host": field(
                        self.string(), False, "Agent path; absent = ephemeral.", spec="F43"
                    ),
                }
            )
        variants: list[dict[str, Any]] = []
        if self.since(6):
            variants.append(
                obj(
                    {
                        "name": field(self.string(min_length=1), True, "Volume name.", spec="F42"),
                        "persistent": field(
                            self.persistent(), True, "Local persistent volume.", spec="F45"
                        ),
                    }
                )
            )
        variants.append(
            obj(
                {
                    "name": field(self.string(min_length=1), True, "Volume name.", spec="F42"),
                    "secret": field(
                        self.string(min_length=1), True, "Secret to expose as a file.", spec="F44"
                    ),
                }
            )
        )
        variants.append(
            obj(
                {
                    "name": field(self.name(), True, "Volume name.", spec="F42"),
                    "host": field(self.string(), True, "Agent path to mount.", spec="F43"),
                }
            )
        )
        variants.append(obj({"name": field(self.name(), True, "Volume name.", spec="F42")}))
        return {"anyOf": variants, "x-podlint-union": "volume"}

    def persistent(self) -> dict[str, Any]:
        return obj(
            {
                "type": field(
                    self.enum("root", "path", "mount"), False, "Mesos disk type.", "root", "F46"
                ),
                "size": field(self.integer(64, 0), True, "Size in MiB.", spec="F47"),
                "maxSize": field(
                    self.integer(64, 0), False, "Upper bound for mount disks.", spec="F48"
                ),
                "profileName": field(self.string(), False, "Storage profile.", spec="F49"),
                "constraints": field(
                    # Item facets (2-3 strings per constraint) are not enforced at parse time.
                    self.array({"type": "array", "items": {"type": "string"}}),
                    False,
                    'Disk constraints, `["path", "LIKE", regex]`.',
                    [],
                    "F50",
                ),
            }
        )

    def seccomp(self) -> dict[str, Any]:
        return obj(
            {
                "profileName": field(self.string(), False, "Seccomp profile file.", spec="F68"),
                "unconfined": field(self.boolean(), False, "Run without seccomp.", False, "F69"),
            }
        )

    def ipc_info(self) -> dict[str, Any]:
        return obj(
            {
                "mode": field(
                    self.enum("PRIVATE", "SHARE_PARENT"), True, "IPC namespace mode.", spec="F71"
                ),
                "shmSize": field(self.integer(32), False, "/dev/shm size in MiB.", spec="F72"),
            }
        )

    def endpoint(self) -> dict[str, Any]:
        props = {
            "name": field(self.name(), True, "Port name (unique in the pod).", spec="F90"),
            "containerPort": field(
                self.port(False), False, "Port inside the container.", spec="F91"
            ),
            "hostPort": field(
                self.port(True), False, "Port on the agent; 0 = dynamic.", spec="F92"
            ),
            "protocol": field(
                # Item values are not validated (spec F93).
                self.array({"type": "string"}, min_items=1),
                False,
                'Protocols, e.g. `["tcp"]`.',
                spec="F93",
            ),
            "labels": field(self.labels(), False, "Port labels.", {}, "F94"),
        }
        if self.since(5):
            props["networkNames"] = field(
                self.array({"type": "string"}),
                False,
                "Networks this endpoint belongs to.",
                spec="F95",
            )
        return obj(props)

    def probe_parts(self, spec: dict[str, str]) -> dict[str, Any]:
        http = obj(
            {
                "endpoint": field(
                    self.name(),
                    True,
                    "Endpoint of this container to probe.",
                    spec=spec["http.endpoint"],
                ),
                "path": field(self.path(), False, "URL path.", spec=spec["http.path"]),
                "scheme": field(
                    self.enum("HTTP", "HTTPS"), False, "Scheme.", "HTTP", spec["http.scheme"]
                ),
            }
        )
        tcp = obj(
            {"endpoint": field(self.name(), True, "Endpoint to probe.", spec=spec["tcp.endpoint"])}
        )
        exec_ = obj(
            {"command": field(self.command(), True, "Probe command.", spec=spec["exec.command"])}
        )
        return {
            "http": (http, spec["http"]),
            "tcp": (tcp, spec["tcp"]),
            "exec": (exec_, spec["exec"]),
        }

    def health_check(self) -> dict[str, Any]:
        parts = self.probe_parts(
            {
                "http": "F96",
                "http.endpoint": "F97",
                "http.path": "F98",
                "http.scheme": "F99",
                "tcp": "F100",
                "tcp.endpoint": "F101",
                "exec": "F102",
                "exec.command": "F103",
            }
        )
        props = {k: field(s, False, f"{k} probe.", spec=f) for k, (s, f) in parts.items()}
        for key, default, spec, text in (
            ("gracePeriodSeconds", 300, "F104", "Failures are ignored this long after start."),
            ("intervalSeconds", 60, "F105", "Time between probes."),
            ("maxConsecutiveFailures", 3, "F106", "Failures before the instance is killed."),
            ("timeoutSeconds", 20, "F107", "Probe timeout; must be below intervalSeconds."),
            ("delaySeconds", 15, "F108", "Delay before the first probe."),
        ):
            props[key] = field(self.integer(32, 0), False, text, default, spec)
        return obj(props)

    def check(self) -> dict[str, Any]:
        parts = self.probe_parts(
            {
                "http": "F109",
                "http.endpoint": "F109",
                "http.path": "F109",
                "http.scheme": "F109",
                "tcp": "F110",
                "tcp.endpoint": "F110",
                "exec": "F111",
                "exec.command": "F111",
            }
        )
        props = {k: field(s, False, f"{k} check.", spec=f) for k, (s, f) in parts.items()}
        for key, default, spec in (
            ("intervalSeconds", 60, "F112"),
            ("timeoutSeconds", 20, "F113"),
            ("delaySeconds", 15, "F114"),
        ):
            props[key] = field(self.integer(32, 0), False, key, default, spec)
        s = obj(props)
        s["x-podlint-ignored"] = (
            "is checked when the pod is submitted, then discarded: Marathon never runs it"
        )
        return s

    def container(self) -> dict[str, Any]:
        kinds = ("DOCKER",) if self.since(9) else ("DOCKER", "APPC")
        image_props: dict[str, Any] = {
            "kind": field(self.enum(*kinds), True, "Image format.", spec="F74"),
            "id": field(self.path(), True, "Image name and tag.", spec="F75"),
            "forcePull": field(self.boolean(), False, "Always pull the image.", spec="F78"),
        }
        if self.since(5):
            image_props["pullConfig"] = field(
                obj(
                    {
                        "secret": field(
                            self.string(min_length=1),
                            True,
                            "Secret with a Docker config.json.",
                            spec="F77",
                        )
                    }
                ),
                False,
                "Registry credentials (needs the `secrets` feature).",
                spec="F76",
            )
            image_props["labels"] = field(
                self.labels(), False, "Image discovery labels.", {}, "F79"
            )
        props: dict[str, Any] = {
            "name": field(self.name(), True, "Container name (unique in the pod).", spec="F51"),
            "exec": field(
                obj(
                    {
                        "command": field(self.command(), True, "What to run.", spec="F53"),
                        "overrideEntrypoint": field(
                            self.boolean(),
                            False,
                            "With argv: replace the image entrypoint.",
                            spec="F56",
                        ),
                    }
                ),
                False,
                "What to run; absent = the image entrypoint.",
                spec="F52",
            ),
            "resources": field(
                obj(
                    {
                        "cpus": field(self.number(0.001), False, "CPU shares.", 1.0, "F58"),
                        "mem": field(self.number(0.001), False, "Memory (MiB).", 128.0, "F59"),
                        "disk": field(self.number(0), False, "Disk (MiB).", 0.0, "F60"),
                        "gpus": field(self.integer(32, 0), False, "GPUs.", 0, "F61"),
                    }
                ),
                True,
                "Container resources.",
                spec="F57",
            ),
            "endpoints": field(self.array(self.endpoint()), False, "Named ports.", [], "F65"),
            "image": field(obj(image_props), False, "Container image.", spec="F73"),
            "environment": field(
                self.environment(), False, "Container environment (overrides the pod's).", {}, "F80"
            ),
            "user": field(self.string(), False, "OS user for this container.", spec="F81"),
            "healthCheck": field(self.health_check(), False, "Mesos health check.", spec="F82"),
            "volumeMounts": field(
                self.array(
                    obj(
                        {
                            "name": field(self.name(), True, "Pod volume to mount.", spec="F115"),
                            "mountPath": field(self.path(), True, "Mount point.", spec="F116"),
                            "readOnly": field(
                                self.boolean(), False, "Mount read-only.", False, "F117"
                            ),
                        }
                    )
                ),
                False,
                "Mounts of pod volumes.",
                [],
                "F84",
            ),
            "artifacts": field(
                self.array(
                    obj(
                        {
                            "uri": field(self.path("Uri"), True, "What to fetch.", spec="F118"),
                            "extract": field(
                                self.boolean(), False, "Unpack archives.", True, "F119"
                            ),
                            "executable": field(self.boolean(), False, "chmod +x.", False, "F120"),
                            "cache": field(
                                self.boolean(), False, "Use the fetcher cache.", False, "F121"
                            ),
                            "destPath": field(
                                self.path(), False, "File name in the sandbox.", spec="F122"
                            ),
                        }
                    )
                ),
                False,
                "Files fetched before start.",
                [],
                "F85",
            ),
            "labels": field(self.labels(), False, "Container metadata.", {}, "F86"),
            "lifecycle": field(
                obj(
                    {
                        "killGracePeriodSeconds": field(
                            self.number(0),
                            False,
                            "SIGTERM to SIGKILL grace period (s).",
                            spec="F88",
                        )
                    }
                ),
                False,
                "Lifecycle settings.",
                spec="F87",
            ),
        }
        if self.since(5):
            props["tty"] = field(self.boolean(), False, "Allocate a pseudo-TTY.", False, "F89")
        if self.since(8):
            linux: dict[str, Any] = {
                "seccomp": field(self.seccomp(), False, "Seccomp profile selection.", spec="F67")
            }
            if self.since(9):
                linux["ipcInfo"] = field(
                    self.ipc_info(), False, "IPC namespace and /dev/shm.", spec="F70"
                )
            props["linuxInfo"] = field(obj(linux), False, "Container Linux settings.", spec="F66")
            props["check"] = field(
                self.check(), False, "Generic Mesos check (discarded).", spec="F83"
            )
        if self.since(10):
            limit = {"type": ["number", "string"], "x-podlint-kind": "ResourceLimit"}
            props["resourceLimits"] = field(
                obj(
                    {
                        "cpus": field(
                            dict(limit), False, 'CPU limit, or `"unlimited"`.', spec="F63"
                        ),
                        "mem": field(
                            dict(limit), False, 'Memory limit, or `"unlimited"`.', spec="F64"
                        ),
                    }
                ),
                False,
                "Burst limits above the request.",
                spec="F62",
            )
        return obj(props)


# ---- object assembly ----------------------------------------------------------------------------


def field(
    schema: dict[str, Any],
    required: bool,
    description: str,
    default: Any = None,
    spec: str | None = None,
) -> dict[str, Any]:
    """A property: its schema plus annotations; ``required`` is collected by :func:`obj`."""
    s = copy.deepcopy(schema)
    s["description"] = description
    if default is not None:
        s["default"] = default
    if spec:
        s["x-podlint-spec"] = spec
    s["x-podlint-required"] = required
    return s


def _allow_null(schema: dict[str, Any]) -> None:
    """An optional field may be ``null``: Marathon reads it as absent."""
    if "anyOf" in schema:
        raise ValueError("optional unions are not supported")
    t = schema.get("type")
    if t is None:
        return
    types = [t] if isinstance(t, str) else list(t)
    if "null" not in types:
        schema["type"] = [*types, "null"]
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]


def obj(props: dict[str, dict[str, Any]]) -> dict[str, Any]:
    required = []
    properties = {}
    for key, given in props.items():
        s = dict(given)
        if s.get("x-podlint-required"):
            required.append(key)
        else:
            s.pop("x-podlint-required", None)
            _allow_null(s)
        properties[key] = s
    out: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    return out


def build(version: str) -> dict[str, Any]:
    minor = int(version.split(".")[1])
    root = Builder(minor).pod()
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": ID_TEMPLATE.format(version=version),
        "title": f"Marathon {version} pod definition",
        "description": (
            f"A pod definition as Marathon {version} reads it (POST /v2/pods). Generated by podlint "
            "from the specification of Marathon's pod API; unknown keys are allowed because Marathon "
            "ignores them."
        ),
        **root,
    }


def render(version: str) -> str:
    return json.dumps(build(version), indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def schema_path(version: str) -> Path:
    return HERE / f"pod-{version}.json"


def write_all() -> list[Path]:
    written = []
    for version in VERSIONS:
        path = schema_path(version)
        text = render(version)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all():
        print(f"wrote {p.name}", file=sys.stderr)
