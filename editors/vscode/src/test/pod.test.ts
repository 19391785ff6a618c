import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { isPodKeys, isPodName, looksLikePod, MAX_SNIFFED_CHARACTERS, yamlTopLevelKeys } from "../pod";

const ROOT = path.join(__dirname, "..", "..");

describe("looksLikePod", () => {
  it("takes a JSON document with containers for a pod", () => {
    const text = JSON.stringify({ id: "/web", containers: [{ name: "web" }] });
    assert.equal(looksLikePod("/repo/web.json", "json", text), true);
  });

  it("takes an id with pod-only fields for a pod, but not an app definition", () => {
    assert.equal(looksLikePod("/r/a.json", "json", '{"id": "/a", "scaling": {}}'), true);
    assert.equal(looksLikePod("/r/a.json", "json", '{"id": "/a", "cmd": "x", "volumes": []}'), false);
  });

  it("leaves package.json, tsconfig and compose files alone", () => {
    const pkg = fs.readFileSync(path.join(ROOT, "package.json"), "utf8");
    assert.equal(looksLikePod("/r/package.json", "json", pkg), false);
    const tsconfig = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
    assert.equal(looksLikePod("/r/tsconfig.json", "json", tsconfig), false);
    const compose = "services:\n  web:\n    image: nginx\n    volumes: [data:/data]\n";
    assert.equal(looksLikePod("/r/compose.yaml", "yaml", compose), false);
  });

  it("recognises a JSON pod that does not parse while it is typed", () => {
    const typing = '{\n  "id": "/web",\n  "containers": [ { "name": "web", \n';
    assert.equal(looksLikePod("/r/web.json", "json", typing), true);
  });

  it("reads the top level of a YAML pod, not nested keys", () => {
    const pod = "# a pod\nid: /web\ncontainers:\n  - name: web\n";
    assert.equal(looksLikePod("/r/web.yaml", "yaml", pod), true);
    const nested = "spec:\n  containers:\n    - name: web\n";
    assert.equal(looksLikePod("/r/k8s.yaml", "yaml", nested), false);
  });

  it("goes by the name for files named or placed like pods", () => {
    assert.equal(looksLikePod("/r/web.pod.json", "json", ""), true);
    assert.equal(looksLikePod("/r/deploy/pods/shop/web.yml", "yaml", "{}"), true);
    assert.equal(looksLikePod("C:\\r\\pods\\web.json", "json", ""), true);
    assert.equal(looksLikePod("/r/podsx/web.json", "json", "{}"), false);
  });

  it("ignores other languages and very large documents", () => {
    assert.equal(looksLikePod("/r/web.json", "plaintext", '{"containers": []}'), false);
    const huge = `{"containers": [], "pad": "${"x".repeat(MAX_SNIFFED_CHARACTERS)}"}`;
    assert.equal(looksLikePod("/r/big.json", "json", huge), false);
  });
});

describe("yamlTopLevelKeys", () => {
  it("reads plain and quoted keys of the first document only", () => {
    const text = 'id: /a\n"containers": []\n\'scaling\': {}\n---\nsecrets: {}\n';
    assert.deepEqual(yamlTopLevelKeys(text), ["id", "containers", "scaling"]);
  });

  it("skips a leading document marker, comments and CRLF line ends", () => {
    assert.deepEqual(yamlTopLevelKeys("---\r\n# c\r\nid: /a\r\nnetworks: []\r\n"), ["id", "networks"]);
  });

  it("does not take a scalar with a colon for a key", () => {
    assert.deepEqual(yamlTopLevelKeys("id: /a\ncmd: echo a:b\n"), ["id", "cmd"]);
    assert.deepEqual(yamlTopLevelKeys("http://example.com\n"), []);
  });
});

describe("isPodKeys", () => {
  it("agrees with podlint's rule", () => {
    assert.equal(isPodKeys(["containers"]), true);
    assert.equal(isPodKeys(["id"]), false);
    assert.equal(isPodKeys(["id", "networks"]), true);
    assert.equal(isPodKeys(["id", "networks", "instances"]), false);
  });
});

describe("the contributed schema globs", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const samples: Record<string, string> = {
    "*.pod.json": "/r/web.pod.json",
    "**/pods/**/*.json": "/r/pods/shop/web.json",
    "*.pod.yaml": "/r/web.pod.yaml",
    "*.pod.yml": "/r/web.pod.yml",
    "**/pods/**/*.yaml": "/r/pods/web.yaml",
    "**/pods/**/*.yml": "/r/x/pods/web.yml",
  };

  it("point at the generated schema, and every glob is one the extension starts for", () => {
    const contributions = [...manifest.contributes.jsonValidation, ...manifest.contributes.yamlValidation];
    for (const { fileMatch, url } of contributions) {
      assert.equal(url, "./schemas/pod.schema.json");
      for (const glob of fileMatch as string[]) {
        assert.ok(glob in samples, `no sample for ${glob}`);
        assert.equal(isPodName(samples[glob]), true, glob);
      }
    }
  });
});
