"""Realistic Marathon pod definitions drawn from a seeded random generator.

Every pod is meant to be accepted by Marathon 1.10 on a cluster started with ``--enable_features
secrets``, ``--default_network_name dcos`` and a Mesos master that supports command health checks
(``CORPUS_PROFILE``), and to produce no error from podlint with that profile. The shapes follow the
field reference (spec §3) and the real pods in the shared corpus; the rules that keep them valid are
noted where they apply (R-numbers of the spec).

About 4 % of pods are deliberately broken with exactly one defect (``DEFECT_KINDS``); one block of 25
consecutive pods holds exactly one broken pod, so every prefix of the corpus has the same share.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any, Literal

Pod = dict[str, Any]
NetworkMode = Literal["container", "host", "bridge"]

# The settings the corpus is valid for: written next to the corpus as its ``.podlint.yaml``.
CORPUS_PROFILE: dict[str, Any] = {
    "cluster": {
        "marathon_version": "1.10",
        "features": ["secrets"],
        "default_network_name": "dcos",
        # Command health checks need Mesos >= 1.3.0 (R61); DC/OS 2.x runs Mesos 1.10.
        "mesos_master_version": "1.10.0",
    }
}

BROKEN_BLOCK = 25  # one broken pod in every block of this many: 4 %
DEFECT_KINDS: tuple[str, ...] = (
    "string-for-number",
    "bad-name",
    "unknown-key",
    "bad-enum",
    "port-out-of-range",
    "missing-required",
    "dangling-volume-mount",
    "missing-health-endpoint",
)
# Marathon ignores unknown keys (spec §1.1), so that defect is a warning; all others are rejected.
EXPECTED_SEVERITY = dict.fromkeys(DEFECT_KINDS, "error") | {"unknown-key": "warning"}

TEAMS = (
    "payments", "search", "checkout", "identity", "billing", "data", "platform", "ml", "ads",
    "media", "iot", "ops", "fraud", "catalog", "growth", "infra",
)  # fmt: skip
SERVICES = (
    "api", "web", "worker", "gateway", "cache", "indexer", "scheduler", "ingest", "frontend",
    "auth", "metrics", "proxy", "consumer", "broker", "notifier", "reporter", "sync", "router",
)  # fmt: skip
CONTAINER_ROLES = (
    "app", "server", "sidecar", "envoy", "log-shipper", "metrics", "nginx", "worker", "redis",
    "agent", "migrate", "cron", "exporter", "init",
)  # fmt: skip
IMAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nginx", ("1.19.3", "1.21-alpine", "1.25.3", "stable")),
    ("redis", ("6.2", "7.0.15-alpine")),
    ("python", ("3.9-slim", "3.11-slim-bookworm")),
    ("eclipse-temurin", ("11-jre", "17-jre-jammy")),
    ("envoyproxy/envoy", ("v1.18.3", "v1.27.2")),
    ("prom/node-exporter", ("v1.3.1", "v1.7.0")),
    ("fluent/fluent-bit", ("1.9.10", "2.2")),
    ("busybox", ("1.36", "1.35.0-musl")),
    ("alpine", ("3.18", "3.19.1")),
    ("golang", ("1.21-alpine",)),
    ("mesosphere/marathon", ("v1.10.26",)),
    ("registry.example.com/{team}/{service}", ("1.4.2", "2.0.0-rc.1", "2023.11.07")),
    ("docker.io/library/postgres", ("13.4", "15-alpine")),
)
ENV_POOL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("LOG_LEVEL", ("info", "debug", "warn")),
    ("ENVIRONMENT", ("production", "staging")),
    ("PORT", ("8080", "3000", "9000")),
    ("JAVA_OPTS", ("-Xms256m -Xmx512m", "-XX:+UseG1GC -XX:MaxRAMPercentage=75")),
    ("ENABLE_TRACING", ("true", "false")),
    ("WORKERS", ("4", "8", "16")),
    ("TZ", ("UTC", "Europe/Berlin")),
    ("REGION", ("us-east-1", "eu-west-1")),
    ("DATABASE_URL", ("postgres://db.{team}.mesos:5432/{service}",)),
    ("CACHE_TTL", ("300", "3600")),
    ("SAMPLE_RATE", ("0.25", "1.0", "0.05")),
    ("NODE_ENV", ("production",)),
    ("GOMAXPROCS", ("2",)),
    ("SERVICE_NAME", ("{service}",)),
    ("UPSTREAM", ("{service}.marathon.l4lb.thisdcos.directory:80",)),
    ("FEATURE_FLAGS", ("checkout-v2,new-search", "none")),
    ("http_proxy", ("http://proxy.internal:3128",)),
    ("STATSD_HOST", ("statsd.marathon.mesos",)),
    ("RETRIES", ("3", "0")),
    ("DEBUG", ("no", "off", "0")),
)
SECRET_POOL = ("db-password", "api-token", "tls-cert", "aws-access-key", "oauth-client-secret")
ENDPOINT_NAMES = (
    "http", "https", "admin", "metrics", "grpc", "health", "api", "web", "debug", "stats", "ws",
    "redis", "amqp", "thrift",
)  # fmt: skip
COMMON_PORTS = (80, 443, 8080, 8000, 9090, 3000, 5000, 6379, 9000, 8443, 9100, 15000, 8081, 7070)
HEALTH_PATHS = ("/health", "/healthz", "/ping", "/status", "/-/ready", "/api/v1/health", "/")
CONSTRAINTS: tuple[dict[str, str], ...] = (
    {"fieldName": "hostname", "operator": "UNIQUE"},
    {"fieldName": "@zone", "operator": "GROUP_BY", "value": "3"},
    {"fieldName": "@region", "operator": "GROUP_BY"},
    {"fieldName": "rack_id", "operator": "MAX_PER", "value": "2"},
    {"fieldName": "hostname", "operator": "LIKE", "value": "10\\.0\\.[0-9]+\\.[0-9]+"},
    {"fieldName": "node-type", "operator": "UNLIKE", "value": "gpu-.*"},
    {"fieldName": "os", "operator": "IS", "value": "linux"},
    {"fieldName": "@region", "operator": "CLUSTER", "value": "us-east-1"},
    {"fieldName": "instance-class", "operator": "LIKE", "value": "m5\\..*|c5\\..*"},
)


@dataclass(frozen=True)
class Defect:
    kind: str
    # JSON Pointer of the broken member (for a missing member: where it should be).
    pointer: str
    severity: str
    note: str


@dataclass(frozen=True)
class GeneratedPod:
    index: int
    data: Pod
    defect: Defect | None


def defect_kind_for(seed: int, index: int) -> str | None:
    """The defect pod ``index`` carries, or None: exactly one pod per block of 25 is broken."""
    block = index // BROKEN_BLOCK
    position = random.Random(f"podlint-bench-block:{seed}:{block}").randrange(BROKEN_BLOCK)
    if index % BROKEN_BLOCK != position:
        return None
    # Walk the kinds in turn so every kind appears equally often.
    return DEFECT_KINDS[(block + seed) % len(DEFECT_KINDS)]


def hex_label(rng: random.Random) -> str:
    """A commit-like label value; some look like numbers to a YAML reader and must stay strings."""
    roll = rng.random()
    if roll < 0.45:
        return "".join(rng.choice("0123456789abcdef") for _ in range(7))
    if roll < 0.6:
        return "".join(rng.choice("0123456789abcdef") for _ in range(40))
    if roll < 0.75:  # all digits: an int to YAML
        return "".join(rng.choice(string.digits) for _ in range(7))
    if roll < 0.9:  # digits, "e", digits: a float to YAML 1.2
        return f"{rng.randrange(1, 99)}e{rng.randrange(1000, 99999)}"
    return f"{rng.randrange(1, 9)}e{rng.randrange(1, 9)}{rng.choice('abcdef')}{rng.randrange(100, 999)}"


class _PodBuilder:
    """Draws one pod; keeps the pod-wide uniqueness sets that Marathon enforces (R13, R15, R32-R34)."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.team = rng.choice(TEAMS)
        self.service = rng.choice(SERVICES)
        self.endpoint_names: set[str] = set()
        self.container_ports: set[int] = set()
        self.host_ports: set[int] = set()
        self.container_names: set[str] = set()
        self.secrets: dict[str, dict[str, str]] = {}
        self.network_names: list[str] = []
        self.mode: NetworkMode = "container"
        self.resident = False

    # -- small helpers -------------------------------------------------------------------------
    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def fill(self, text: str) -> str:
        return text.format(team=self.team, service=self.service)

    def secret(self, name: str) -> str:
        self.secrets.setdefault(name, {"source": f"{self.team}/{self.service}/{name}"})
        return name

    def unique(self, base: str, taken: set[str]) -> str:
        name, suffix = base, 2
        while name in taken:
            name, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(name)
        return name

    def port(self, taken: set[int], low: int, high: int, common: bool) -> int:
        if common:
            free = [p for p in COMMON_PORTS if p not in taken]
            if free:
                chosen = self.rng.choice(free)
                taken.add(chosen)
                return chosen
        while True:
            chosen = self.rng.randrange(low, high)
            if chosen not in taken:
                taken.add(chosen)
                return chosen

    # -- the pod -------------------------------------------------------------------------------
    def build(self) -> Pod:
        rng = self.rng
        self.resident = self.chance(0.05)
        pod: Pod = {"id": self.pod_id()}
        if self.chance(0.6):
            pod["labels"] = self.labels(pod_level=True)
        if self.chance(0.1):
            pod["user"] = rng.choice(("nobody", "root", "app"))
        pod_env = self.environment(rng.randrange(0, 6), taken=set())
        if pod_env:
            pod["environment"] = pod_env

        self.mode = rng.choices(("container", "host", "bridge"), (55, 28, 17))[0]
        networks = self.networks()
        count = rng.choices((1, 2, 3, 4, 5), (50, 28, 14, 6, 2))[0]
        containers = [self.container(position, set(pod_env)) for position in range(count)]
        volumes = self.volumes(containers)

        pod["containers"] = containers
        if self.secrets:
            pod["secrets"] = dict(sorted(self.secrets.items()))
        if volumes:
            pod["volumes"] = volumes
        pod["networks"] = networks
        if self.chance(0.85):
            pod["scaling"] = {"kind": "fixed", "instances": rng.choice((0, 1, 1, 1, 2, 3, 5, 10))}
        scheduling = self.scheduling()
        if scheduling:
            pod["scheduling"] = scheduling
        if self.chance(0.3):
            pod["executorResources"] = self.executor_resources()
        if self.resident:
            # Resident pods need a role other than "*" (R72); under /team that role may be "team".
            pod["role"] = self.team
        if self.chance(0.03):
            pod["linuxInfo"] = {"ipcInfo": {"mode": "PRIVATE", "shmSize": rng.choice((64, 128))}}
        return self.reorder(pod)

    def reorder(self, pod: Pod) -> Pod:
        # Real files put keys in many orders; shuffle the top level a little (containers stay early).
        if not self.chance(0.3):
            return pod
        keys = list(pod)
        self.rng.shuffle(keys)
        return {key: pod[key] for key in keys}

    def pod_id(self) -> str:
        # Resident pods live under a top-level group so their role can be the group name (R71, R72).
        depth = 2 if self.resident else self.rng.choices((1, 2, 3), (30, 55, 15))[0]
        leaf = f"{self.service}-{self.index:05d}"
        parts = {
            1: [leaf],
            2: [self.team, leaf],
            3: [self.team, self.rng.choice(("prod", "staging", "canary")), leaf],
        }
        return "/" + "/".join(parts[depth])

    def labels(self, pod_level: bool) -> dict[str, str]:
        rng = self.rng
        candidates: list[tuple[str, str]] = [
            ("owner", self.team),
            ("team", f"team-{self.team}"),
            ("commit", hex_label(rng)),
            ("git-sha", hex_label(rng)),
            ("build", str(rng.randrange(1, 99999))),
            ("version", f"{rng.randrange(0, 4)}.{rng.randrange(0, 30)}.{rng.randrange(0, 12)}"),
            ("tier", rng.choice(("frontend", "backend", "batch"))),
            ("release", f"{rng.randrange(2019, 2025)}.{rng.randrange(1, 13):02d}"),
            ("on-call", rng.choice(("yes", "no"))),
            ("cost-center", f"cc-{rng.randrange(100, 999)}"),
        ]
        if pod_level:
            candidates.append(("HAPROXY_GROUP", rng.choice(("external", "internal"))))
            candidates.append(("DCOS_PACKAGE_COMMIT", hex_label(rng)))
        chosen = rng.sample(candidates, rng.randrange(1, 5))
        has_commit = any(key in ("commit", "git-sha", "DCOS_PACKAGE_COMMIT") for key, _ in chosen)
        if pod_level and not has_commit and self.chance(0.6):
            chosen.append(("commit", hex_label(rng)))
        return dict(chosen)

    def environment(self, count: int, taken: set[str]) -> dict[str, Any]:
        """``count`` variables whose names are not in ``taken`` (container env must not shadow pod env)."""
        env: dict[str, Any] = {}
        pool = [entry for entry in ENV_POOL if entry[0] not in taken]
        for name, values in self.rng.sample(pool, min(count, len(pool))):
            env[name] = self.fill(self.rng.choice(values))
            taken.add(name)
        if self.chance(0.15):
            secret = self.rng.choice(
                ("db-password", "api-token", "aws-access-key", "oauth-client-secret")
            )
            var = secret.upper().replace("-", "_")
            if var not in taken:
                env[var] = {"secret": self.secret(secret)}
                taken.add(var)
        return env

    def networks(self) -> list[dict[str, Any]]:
        rng = self.rng
        if self.mode == "host":
            self.network_names = []
            return [{"mode": "host"}]
        if self.mode == "bridge":
            self.network_names = []
            return [{"mode": "container/bridge"}]
        if self.chance(0.08):
            self.network_names = ["dcos", rng.choice(("calico", "overlay-2", "weave_net"))]
            return [{"name": name, "mode": "container"} for name in self.network_names]
        self.network_names = ["dcos"]
        shape = rng.randrange(4)
        if shape == 0:
            return [{"name": "dcos", "mode": "container"}]
        if shape == 1:
            return [{"name": "dcos"}]
        if shape == 2:  # unnamed: Marathon fills in --default_network_name (R23)
            return [{"mode": "container"}]
        return [{"mode": "container", "name": "dcos", "labels": {"subnet": "10.16.0.0/12"}}]

    def endpoint(self, container: str) -> dict[str, Any]:
        rng = self.rng
        base = rng.choice(ENDPOINT_NAMES)
        if base in self.endpoint_names and self.chance(0.5):
            base = f"{container}-{base}"
        endpoint: dict[str, Any] = {"name": self.unique(base, self.endpoint_names)}
        # Container and bridge networks need a containerPort (R48; bridge: spec §10.9); host forbids it (R47).
        if self.mode != "host":
            endpoint["containerPort"] = self.port(self.container_ports, 1024, 32000, common=True)
        host_roll = rng.random()
        if self.mode == "host":
            if host_roll < 0.5:
                endpoint["hostPort"] = 0
            elif host_roll < 0.8:
                endpoint["hostPort"] = self.port(self.host_ports, 10000, 32000, common=False)
        elif host_roll < 0.2:
            endpoint["hostPort"] = 0
        elif host_roll < 0.4:
            endpoint["hostPort"] = self.port(self.host_ports, 10000, 32000, common=False)
        if len(self.network_names) > 1 and ("hostPort" in endpoint or self.chance(0.5)):
            # With a hostPort and several container networks exactly one network must be named (R50).
            endpoint["networkNames"] = [rng.choice(self.network_names)]
        protocol_roll = rng.random()
        if protocol_roll < 0.7:
            endpoint["protocol"] = ["tcp"]
        elif protocol_roll < 0.8:
            endpoint["protocol"] = ["udp"]
        elif protocol_roll < 0.9:
            endpoint["protocol"] = ["tcp", "udp"]
        if self.chance(0.3):
            port = endpoint.get("containerPort") or endpoint.get("hostPort") or 80
            endpoint["labels"] = {"VIP_0": f"/{self.service}:{port}"}
        return endpoint

    def command(self) -> dict[str, Any]:
        rng = self.rng
        if self.chance(0.6):
            shell = rng.choice(
                (
                    "sleep 3600",
                    "exec ./bin/server --port $PORT0",
                    "python -m http.server $ENDPOINT_HTTP",
                    "./run.sh && tail -f /dev/null",
                    "echo starting {service}; exec /app/{service} serve",
                    "while true; do date; sleep 30; done",
                )
            )
            return {"command": {"shell": self.fill(shell)}}
        argv = rng.choice(
            (
                ["/app/{service}", "serve", "--config", "/etc/{service}/config.yaml"],
                ["java", "-jar", "/opt/{service}.jar"],
                ["/usr/local/bin/envoy", "-c", "/etc/envoy/envoy.yaml"],
                ["redis-server", "--appendonly", "yes"],
            )
        )
        exec_block: dict[str, Any] = {"command": {"argv": [self.fill(arg) for arg in argv]}}
        if self.chance(0.5):
            # Only with argv: overrideEntrypoint false with a shell is a documented mistake (§10.11).
            exec_block["overrideEntrypoint"] = True
        return exec_block

    def image(self) -> dict[str, Any]:
        rng = self.rng
        name, tags = rng.choice(IMAGES)
        image_id = f"{self.fill(name)}:{rng.choice(tags)}"
        if self.chance(0.05):
            image_id += "@sha256:" + "".join(rng.choice("0123456789abcdef") for _ in range(64))
        image: dict[str, Any] = {"kind": "DOCKER", "id": image_id}
        if self.chance(0.3):
            image["forcePull"] = rng.random() < 0.5
        if name.startswith("registry.example.com") and self.chance(0.6):
            image["pullConfig"] = {"secret": self.secret("registry-creds")}
        if self.chance(0.04):
            image["labels"] = {"com.example.scan": "passed"}
        return image

    def health_check(self, endpoints: list[dict[str, Any]]) -> dict[str, Any] | None:
        rng = self.rng
        if endpoints and self.chance(0.7):
            kind = rng.choices(("http", "tcp", "exec"), (60, 25, 15))[0]
        elif self.chance(0.3):
            kind = "exec"
        else:
            return None
        check: dict[str, Any] = {}
        if kind == "http":
            # The endpoint must belong to this container (R59).
            target = rng.choice(endpoints)["name"]
            http: dict[str, Any] = {"endpoint": target, "path": rng.choice(HEALTH_PATHS)}
            if self.chance(0.4):
                http["scheme"] = "HTTPS" if "https" in target else "HTTP"
            check["http"] = http
        elif kind == "tcp":
            check["tcp"] = {"endpoint": rng.choice(endpoints)["name"]}
        elif self.chance(0.6):
            check["exec"] = {
                "command": {"shell": "curl -fsS http://localhost:8080/health || exit 1"}
            }
        else:
            check["exec"] = {"command": {"argv": ["/bin/healthcheck", "--quiet"]}}
        if self.chance(0.55):
            interval = rng.choice((5, 10, 15, 20, 30, 60))
            timing = {
                "gracePeriodSeconds": rng.choice((30, 60, 120, 300)),
                "intervalSeconds": interval,
                "timeoutSeconds": rng.choice([t for t in (1, 2, 3, 5, 10, 20) if t < interval]),
                "maxConsecutiveFailures": rng.choice((1, 3, 5)),
                "delaySeconds": rng.choice((0, 5, 15)),
            }
            for key in list(timing):
                if self.chance(0.25):
                    del timing[key]
            # timeoutSeconds must stay below intervalSeconds after defaults 20 / 60 (R55, §10.6).
            if timing.get("timeoutSeconds", 20) >= timing.get("intervalSeconds", 60):
                timing["timeoutSeconds"] = max(1, timing.get("intervalSeconds", 60) // 3)
            check.update(timing)
        return check

    def container(self, position: int, pod_env: set[str]) -> dict[str, Any]:
        rng = self.rng
        name = self.unique(
            CONTAINER_ROLES[0] if position == 0 else rng.choice(CONTAINER_ROLES),
            self.container_names,
        )
        container: dict[str, Any] = {"name": name}
        has_image = self.chance(0.9)
        # A container with neither image nor command has nothing to run (§10.10).
        if not has_image or self.chance(0.45):
            container["exec"] = self.command()
        cpus = rng.choice((0.1, 0.25, 0.5, 1, 1, 1.5, 2))
        mem = rng.choice((64, 128, 256, 512, 768, 1024, 2048, 4096))
        resources: dict[str, Any] = {"cpus": cpus, "mem": mem}
        if self.chance(0.4):
            resources["disk"] = rng.choice((0, 100, 512, 1024))
        if self.chance(0.15):
            resources["gpus"] = 0
        container["resources"] = resources
        if self.chance(0.08):
            limits: dict[str, Any] = {}
            if self.chance(0.6):
                limits["cpus"] = "unlimited" if self.chance(0.4) else cpus * 2
            limits["mem"] = "unlimited" if self.chance(0.3) else mem * 2
            container["resourceLimits"] = limits  # limits >= requests (R44)
        if has_image:
            container["image"] = self.image()
        endpoint_count = rng.choices((0, 1, 2, 3), (30, 45, 18, 7))[0]
        endpoints = [self.endpoint(name) for _ in range(endpoint_count)]
        if endpoints:
            container["endpoints"] = endpoints
        env = self.environment(
            rng.choices((0, 1, 2, 3, 4), (45, 20, 15, 12, 8))[0], taken=set(pod_env)
        )
        if env:
            container["environment"] = env
        check = self.health_check(endpoints)
        if check:
            container["healthCheck"] = check
        if self.chance(0.25):
            container["artifacts"] = self.artifacts()
        if self.chance(0.2):
            container["labels"] = self.labels(pod_level=False)
        if self.chance(0.2):
            container["lifecycle"] = {"killGracePeriodSeconds": rng.choice((5, 10, 30, 60, 120.5))}
        if self.chance(0.05):
            container["linuxInfo"] = rng.choice(
                (
                    {"seccomp": {"unconfined": True}},
                    {"seccomp": {"profileName": "default.json"}},
                    {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}},
                    {"ipcInfo": {"mode": "SHARE_PARENT"}},
                )
            )
        if self.chance(0.08):
            container["user"] = rng.choice(("nobody", "www-data", "1000"))
        if self.chance(0.03):
            container["tty"] = rng.random() < 0.5
        return container

    def artifacts(self) -> list[dict[str, Any]]:
        rng = self.rng
        version = f"{rng.randrange(0, 5)}.{rng.randrange(0, 20)}.{rng.randrange(0, 10)}"
        pool: list[dict[str, Any]] = [
            {
                "uri": self.fill(
                    f"https://downloads.example.com/{{service}}/{{service}}-{version}.tar.gz"
                ),
                "extract": True,
            },
            {
                "uri": self.fill("https://s3.amazonaws.com/{team}-config/{service}/config.json"),
                "extract": False,
                "cache": True,
                "destPath": "config.json",
            },
            {
                "uri": "https://example.com/bin/jq-linux64",
                "executable": True,
                "extract": False,
                "destPath": "jq",
            },
            {"uri": self.fill("hdfs://namenode.{team}.mesos:9000/models/{service}.bin")},
        ]
        return rng.sample(pool, rng.randrange(1, 3))

    def volumes(self, containers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Pod volumes, each mounted by at least one container (R12, R65) and uniquely named (R13)."""
        rng = self.rng
        volumes: list[dict[str, Any]] = []
        if self.chance(0.25):
            host = rng.choice(
                (
                    ("logs", "/var/log/{team}"),
                    ("docker-sock", "/var/run/docker.sock"),
                    ("etc", "/etc"),
                    ("scratch", "/tmp"),
                )
            )
            volumes.append({"name": host[0], "host": self.fill(host[1])})
        if self.chance(0.25) or (len(containers) > 2 and self.chance(0.5)):
            volumes.append({"name": rng.choice(("shared-data", "cache", "tmp", "work"))})
        if self.resident:
            persistent: dict[str, Any] = {"size": rng.choice((100, 512, 1024, 10240))}
            style = rng.randrange(3)
            if style == 1:
                persistent = {
                    "type": "mount",
                    "size": persistent["size"],
                    "maxSize": persistent["size"] * 4,
                    "profileName": "fast-ssd",
                }
            elif style == 2:
                persistent["type"] = "path"
                persistent["constraints"] = [["path", "LIKE", "/mnt/disk-[0-9]+"]]
            volumes.append({"name": "pgdata", "persistent": persistent})
        if self.chance(0.08):
            volumes.append({"name": "tls", "secret": self.secret("tls-cert")})
        mount_paths = {
            "logs": "/var/log/app",
            "docker-sock": "/var/run/docker.sock",
            "etc": "/mnt/etc",
            "scratch": "scratch",
            "pgdata": "/var/lib/postgresql/data",
            "tls": "/etc/tls",
        }
        for volume in volumes:
            users = [containers[0]] + [c for c in containers[1:] if self.chance(0.5)]
            for container in users:
                mount: dict[str, Any] = {
                    "name": volume["name"],
                    "mountPath": mount_paths.get(volume["name"], "/" + volume["name"]),
                }
                if self.chance(0.3):
                    mount["readOnly"] = volume["name"] in ("etc", "tls") or self.chance(0.3)
                container.setdefault("volumeMounts", []).append(mount)
        return volumes

    def scheduling(self) -> dict[str, Any]:
        rng = self.rng
        scheduling: dict[str, Any] = {}
        if self.chance(0.35):
            scheduling["backoff"] = {
                "backoff": rng.choice((1, 2, 5)),
                "backoffFactor": rng.choice((1.15, 1.5, 2)),
                "maxLaunchDelay": rng.choice((300, 600, 3600)),
            }
        if self.resident:
            # Resident pods may not over-provision during upgrades (R35).
            if self.chance(0.6):
                scheduling["upgrade"] = {
                    "minimumHealthCapacity": rng.choice((0, 0.5)),
                    "maximumOverCapacity": 0,
                }
        elif self.chance(0.35):
            scheduling["upgrade"] = {
                "minimumHealthCapacity": rng.choice((0, 0.5, 0.8, 1)),
                "maximumOverCapacity": rng.choice((0, 0.2, 0.5, 1)),
            }
        if self.chance(0.45):
            placement: dict[str, Any] = {}
            count = rng.choices((0, 1, 2, 3), (15, 50, 25, 10))[0]
            placement["constraints"] = [dict(c) for c in rng.sample(CONSTRAINTS, count)]
            if self.chance(0.25):
                # Only "*" and the pod's own role (R74); resident pods exactly ["*"] (R37).
                placement["acceptedResourceRoles"] = ["*"]
            scheduling["placement"] = placement
        if self.chance(0.2):
            scheduling["killSelection"] = rng.choice(("YOUNGEST_FIRST", "OLDEST_FIRST"))
        if self.resident:
            if self.chance(0.5):
                scheduling["unreachableStrategy"] = "disabled"  # any other value is rejected (R36)
        elif self.chance(0.25):
            if self.chance(0.15):
                scheduling["unreachableStrategy"] = "disabled"
            else:
                inactive = rng.choice((0, 60, 300, 900))
                scheduling["unreachableStrategy"] = {
                    "inactiveAfterSeconds": inactive,
                    "expungeAfterSeconds": inactive + rng.choice((0, 300, 600, 3600)),
                }
        return scheduling

    def executor_resources(self) -> dict[str, Any]:
        rng = self.rng
        resources = {
            "cpus": rng.choice((0.1, 0.2, 0.5)),
            "mem": rng.choice((32, 64, 128)),
            "disk": rng.choice((10, 50, 100)),
        }
        for key in list(resources):
            if self.chance(0.2):
                del resources[key]
        return resources


def draw_pod(rng: random.Random, index: int) -> Pod:
    """One valid pod (for ``CORPUS_PROFILE``)."""
    return _PodBuilder(rng, index).build()


# -- deliberate defects ----------------------------------------------------------------------------


def _containers(pod: Pod) -> list[dict[str, Any]]:
    return pod["containers"]


def inject_defect(rng: random.Random, pod: Pod, kind: str) -> Defect:
    """Break ``pod`` in place with one defect of ``kind``; return what was done and where."""
    containers = _containers(pod)
    position = rng.randrange(len(containers))
    container = containers[position]
    base = f"/containers/{position}"
    severity = EXPECTED_SEVERITY[kind]

    if kind == "string-for-number":
        if "scaling" in pod and rng.random() < 0.3:
            pod["scaling"]["instances"] = str(pod["scaling"]["instances"])
            return Defect(kind, "/scaling/instances", severity, "instances given as a string")
        field = rng.choice(("mem", "cpus"))
        container["resources"][field] = str(container["resources"][field])
        return Defect(kind, f"{base}/resources/{field}", severity, f"{field} given as a string")

    if kind == "bad-name":
        if rng.random() < 0.25:
            pod["id"] = pod["id"].replace("-", "_", 1).replace("/", "/Prod_", 1)
            return Defect(kind, "/id", severity, "id segment with capitals and underscore")
        container["name"] = rng.choice(("Web_Server", "apiServer", "worker_1", "-sidecar", "APP"))
        return Defect(kind, f"{base}/name", severity, "container name breaks the Name pattern")

    if kind == "unknown-key":
        image = container.get("image")
        roll = rng.randrange(4)
        if roll == 0 and isinstance(image, dict):
            image["force"] = True
            return Defect(kind, f"{base}/image/force", severity, "'force' instead of 'forcePull'")
        if roll == 1:
            pod["env"] = {"LOG_LEVEL": "debug"}
            return Defect(kind, "/env", severity, "app field 'env' instead of 'environment'")
        if roll == 2:
            pod["fetch"] = [{"uri": "https://example.com/app.tgz"}]
            return Defect(
                kind, "/fetch", severity, "app field 'fetch' instead of container 'artifacts'"
            )
        pod.setdefault("scaling", {"kind": "fixed", "instances": 1})["maxInstances"] = 10
        return Defect(
            kind, "/scaling/maxInstances", severity, "'maxInstances' is not read by Marathon"
        )

    if kind == "bad-enum":
        image = container.get("image")
        roll = rng.randrange(3)
        if roll == 0 and isinstance(image, dict):
            image["kind"] = rng.choice(("OCI", "DOCKERFILE"))
            return Defect(kind, f"{base}/image/kind", severity, "unknown image kind")
        if roll == 1:
            pod.setdefault("scheduling", {})["killSelection"] = "NEWEST_FIRST"
            return Defect(kind, "/scheduling/killSelection", severity, "unknown killSelection")
        pod["networks"][0]["mode"] = "overlay"
        return Defect(kind, "/networks/0/mode", severity, "unknown network mode")

    if kind == "port-out-of-range":
        host_mode = pod["networks"][0].get("mode") == "host"
        field = "hostPort" if host_mode else "containerPort"
        bad_port = rng.randrange(65536, 99999)
        endpoints = container.get("endpoints")
        if endpoints:
            j = rng.randrange(len(endpoints))
            endpoints[j][field] = bad_port
        else:
            container["endpoints"] = [{"name": "broken-port", field: bad_port, "protocol": ["tcp"]}]
            j = 0
        return Defect(
            kind, f"{base}/endpoints/{j}/{field}", severity, f"{field} {bad_port} > 65535"
        )

    if kind == "missing-required":
        roll = rng.randrange(4)
        if roll == 0:
            del container["resources"]
            return Defect(kind, f"{base}/resources", severity, "container without resources")
        if roll == 1 and isinstance(container.get("image"), dict):
            del container["image"]["id"]
            return Defect(kind, f"{base}/image/id", severity, "image without id")
        if roll == 2:
            del pod["id"]
            return Defect(kind, "/id", severity, "pod without id")
        del container["name"]
        return Defect(kind, f"{base}/name", severity, "container without name")

    if kind == "dangling-volume-mount":
        declared = {v.get("name") for v in pod.get("volumes", [])}
        name = next(
            n for n in ("scratch-cache", "scratch-cache-2", "scratch-cache-3") if n not in declared
        )
        mounts = container.setdefault("volumeMounts", [])
        mounts.append({"name": name, "mountPath": "/cache"})
        return Defect(
            kind,
            f"{base}/volumeMounts/{len(mounts) - 1}/name",
            severity,
            f"mount of undeclared volume {name!r}",
        )

    if kind == "missing-health-endpoint":
        own = {e.get("name") for e in container.get("endpoints", [])}
        name = next(n for n in ("metrics", "metrics-9102", "admin-port") if n not in own)
        probe = rng.choice(("http", "tcp"))
        check: dict[str, Any] = {probe: {"endpoint": name}}
        if probe == "http":
            check["http"]["path"] = "/metrics"
        container["healthCheck"] = check
        return Defect(
            kind,
            f"{base}/healthCheck/{probe}/endpoint",
            severity,
            f"health check names missing endpoint {name!r}",
        )

    raise ValueError(f"unknown defect kind {kind!r}")
