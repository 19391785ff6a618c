import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

import {
  findExecutable,
  initializationOptions,
  isExecutableFile,
  notFoundMessage,
  serverCommand,
} from "../command";

describe("serverCommand", () => {
  it("runs `podlint lsp` by default", () => {
    assert.deepEqual(serverCommand({ path: "", args: [] }), { command: "podlint", args: ["lsp"] });
  });

  it("places extra arguments before lsp, for an interpreter running the module", () => {
    assert.deepEqual(serverCommand({ path: "python3", args: ["-m", "podlint"] }, "/ws"), {
      command: "python3",
      args: ["-m", "podlint", "lsp"],
    });
  });

  it("takes relative paths and ${workspaceFolder} from the workspace folder", () => {
    assert.equal(serverCommand({ path: ".venv/bin/podlint", args: [] }, "/ws").command, path.join("/ws", ".venv/bin/podlint"));
    assert.equal(
      serverCommand({ path: "${workspaceFolder}/.venv/bin/podlint", args: [] }, "/ws").command,
      "/ws/.venv/bin/podlint",
    );
    assert.equal(serverCommand({ path: "/opt/podlint", args: [] }, "/ws").command, "/opt/podlint");
  });
});

describe("findExecutable", () => {
  const present = (files: string[]) => (file: string) => files.includes(file);

  it("searches PATH for a bare name", () => {
    const found = findExecutable("podlint", { PATH: "/a:/b" }, "linux", present(["/b/podlint"]));
    assert.equal(found, "/b/podlint");
    assert.equal(findExecutable("podlint", { PATH: "/a" }, "linux", present([])), undefined);
    assert.equal(findExecutable("podlint", {}, "linux", present(["/a/podlint"])), undefined);
  });

  it("checks a path as it is", () => {
    assert.equal(findExecutable("/x/podlint", { PATH: "/a" }, "linux", present(["/x/podlint"])), "/x/podlint");
    assert.equal(findExecutable("./podlint", { PATH: "/a" }, "linux", present(["/a/podlint"])), undefined);
  });

  it("tries PATHEXT endings on Windows", () => {
    const found = findExecutable(
      "podlint",
      { PATH: "C:\\py\\Scripts;C:\\bin", PATHEXT: ".COM;.EXE" },
      "win32",
      present(["C:\\bin\\podlint.EXE"]),
    );
    assert.equal(found, "C:\\bin\\podlint.EXE");
  });

  it("finds a real executable and refuses a file that cannot run", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podlint-ext-"));
    const tool = path.join(dir, "podlint");
    fs.writeFileSync(tool, "#!/bin/sh\n", { mode: 0o755 });
    const plain = path.join(dir, "notes");
    fs.writeFileSync(plain, "", { mode: 0o644 });
    assert.equal(findExecutable("podlint", { PATH: dir }), tool);
    assert.equal(isExecutableFile(dir), false);
    if (process.platform !== "win32" && process.getuid?.() !== 0) {
      assert.equal(isExecutableFile(plain), false);
    }
    fs.rmSync(dir, { recursive: true });
  });
});

describe("messages and options", () => {
  it("says what was looked for and how to fix it", () => {
    const message = notFoundMessage("podlint");
    assert.match(message, /`podlint` was not found on PATH/);
    assert.match(message, /pipx install podlint/);
    assert.match(message, /"podlint.path"/);
    assert.match(notFoundMessage("/opt/p/podlint"), /not found at \/opt\/p\/podlint/);
  });

  it("sends only the options that are set", () => {
    assert.deepEqual(initializationOptions("", false), {});
    assert.deepEqual(initializationOptions(" ./org.yaml ", true), { config: "./org.yaml", isolated: true });
  });
});
