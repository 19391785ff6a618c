import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

interface Generator {
  schemaCommand(env: Record<string, string | undefined>): { command: string; args: string[] };
  generate(env: Record<string, string | undefined>, outFile: string): Record<string, unknown>;
}

const generator: Generator = require(path.join(__dirname, "..", "..", "scripts", "generate-schema.js"));

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "podlint-schema-")), "schemas", "pod.schema.json");
}

describe("generate-schema", () => {
  it("runs `podlint schema`, or the command named by PODLINT", () => {
    assert.deepEqual(generator.schemaCommand({}), { command: "podlint", args: ["schema"] });
    assert.deepEqual(generator.schemaCommand({ PODLINT: "python3 -m podlint", MARATHON_VERSION: "1.9" }), {
      command: "python3",
      args: ["-m", "podlint", "schema", "--marathon-version", "1.9"],
    });
  });

  it("writes the schema podlint prints", (t) => {
    const command = generator.schemaCommand(process.env);
    const probe = spawnSync(command.command, ["--version"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
      t.skip(`podlint is not installed here (${command.command}); set PODLINT to run this test`);
      return;
    }
    const out = tempFile();
    generator.generate(process.env, out);
    const schema = JSON.parse(fs.readFileSync(out, "utf8"));
    assert.match(String(schema.$schema), /json-schema\.org/);
    assert.ok("containers" in (schema.properties as object), "the pod schema describes containers");
  });

  it("fails with the reason when the command fails or is missing", () => {
    assert.throws(
      () => generator.generate({ PODLINT: `${process.execPath} -e process.exit(3)` }, tempFile()),
      /failed \(exit 3\)/,
    );
    assert.throws(
      () => generator.generate({ PODLINT: "podlint-no-such-command" }, tempFile()),
      /cannot run `podlint-no-such-command` \(ENOENT\): install podlint/,
    );
  });
});
