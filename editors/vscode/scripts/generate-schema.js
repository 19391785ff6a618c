#!/usr/bin/env node
// Writes schemas/pod.schema.json, the schema the extension contributes for pod files, from
// `podlint schema` at packaging time, so the packaged schema is always the installed podlint's.
//
// PODLINT names the command to run (default: podlint), e.g. PODLINT="python3 -m podlint".
// MARATHON_VERSION picks the Marathon version (default: podlint's newest).
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

function schemaCommand(env) {
  const words = (env.PODLINT || "podlint").trim().split(/\s+/);
  const args = [...words.slice(1), "schema"];
  if (env.MARATHON_VERSION) {
    args.push("--marathon-version", env.MARATHON_VERSION);
  }
  return { command: words[0], args };
}

function generate(env, outFile) {
  const { command, args } = schemaCommand(env);
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    throw new Error(
      `cannot run \`${command}\` (${run.error.code || run.error.message}): install podlint ` +
        "(pip install podlint) or name it with PODLINT=...",
    );
  }
  if (run.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` failed (exit ${run.status}): ${run.stderr.trim()}`);
  }
  const schema = JSON.parse(run.stdout);
  if (typeof schema !== "object" || schema === null || !("$schema" in schema)) {
    throw new Error(`\`${command} ${args.join(" ")}\` did not print a JSON Schema`);
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(schema, null, 2) + "\n");
  return schema;
}

module.exports = { schemaCommand, generate };

if (require.main === module) {
  const outFile = path.join(__dirname, "..", "schemas", "pod.schema.json");
  try {
    const schema = generate(process.env, outFile);
    console.log(`wrote ${path.relative(process.cwd(), outFile)} (${schema.title || "pod schema"})`);
  } catch (error) {
    console.error(`generate-schema: ${error.message}`);
    process.exit(1);
  }
}
