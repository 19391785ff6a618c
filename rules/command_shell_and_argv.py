"""Rule PL414 ``command-shell-and-argv``: a command with both ``shell`` and ``argv``, of which
Marathon uses one and silently drops the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.config.profile import MarathonVersion
from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label


class CommandShellAndArgv(Rule):
    """A command sets both `shell` and `argv`; Marathon runs one and ignores the other.

    What it does
    ------------
    Reports `exec.command` of a container, or of its health check, that sets both `shell` and
    `argv`, and says which of the two Marathon runs: `shell` whenever it is a readable command
    line, `argv` only when `shell` is empty (Marathon 1.5 and later reject an empty `shell` while
    reading the command, then try `argv`). It offers to remove the one Marathon ignores (an unsafe
    fix: the author may have meant the other).

    Why is this bad
    ---------------
    Marathon's pod API says a command is *either* a shell command line *or* an argument vector,
    but it does not reject both: it reads the alternatives in order and keeps the first that
    parses, without a word about the other. Someone who edits `argv` sees no effect, because the
    container still runs `shell`.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {
            "command": {"shell": "python3 -m http.server 8080", "argv": ["python3", "app.py"]}
          }
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"argv": ["python3", "app.py"]}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4-1.10, `docs/docs/rest-api/public/api/v2/types/mesosCommand.raml`: the command
      is a union of `ShellCommand` and `ArgvCommand`, documented as never both.
    - The generated JSON reader tries a union's alternatives in declaration order and keeps the
      first that parses (Marathon's `type-generator`, `UnionVisitor`); a body with both is read as
      a shell command. From 1.5 an empty `shell` fails that alternative (`error.minLength`), so
      `argv` is read instead.
    """

    code = "PL414"
    name = "command-shell-and-argv"
    severity = Severity.WARNING
    summary = "A command sets both shell and argv; Marathon silently ignores one"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            label = container_label(i, c)
            base = join_pointer("/containers", i)
            places = (
                (join_pointer(base, "exec", "command"), as_dict(c.get("exec")), "container"),
                (
                    join_pointer(base, "healthCheck", "exec", "command"),
                    as_dict(as_dict(c.get("healthCheck")).get("exec")),
                    "health check",
                ),
            )
            for pointer, exec_, whose in places:
                command = exec_.get("command")
                if not isinstance(command, dict):
                    continue
                used = _used(command, ctx.version)
                if used is None:
                    continue
                ignored = "argv" if used == "shell" else "shell"
                owner = (
                    f"container {label}"
                    if whose == "container"
                    else f"the health check of container {label}"
                )
                why = "" if used == "shell" else " (`shell` is empty, which Marathon cannot read)"
                yield Finding(
                    join_pointer(pointer, ignored),
                    f"the command of {owner} sets both `shell` and `argv`; Marathon runs "
                    f"`{used}` and ignores `{ignored}`{why}",
                    help=f"Keep one of the two: remove `{ignored}` if `{used}` is what should run.",
                    target="key",
                    fix=Fix(
                        f"Remove `{ignored}`",
                        "unsafe",
                        (FixOp("remove", join_pointer(pointer, ignored)),),
                    ),
                )


def _used(command: dict[str, Any], version: MarathonVersion) -> str | None:
    """Which of `shell` and `argv` Marathon reads when both are set; None when not both are, or when
    neither can be read (the schema rules report that)."""
    shell, argv = command.get("shell"), command.get("argv")
    if shell is None or argv is None:
        return None
    if isinstance(shell, str) and (shell or not version.at_least(5)):
        return "shell"
    argv_ok = isinstance(argv, list) and all(isinstance(a, str) for a in argv)
    if argv_ok and (argv or not version.at_least(5)):
        return "argv"
    return None
