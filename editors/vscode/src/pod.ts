// Which open documents are Marathon pods: the extension starts the language server only once one
// is open, so a workspace of unrelated JSON and YAML never spawns podlint. The rule mirrors
// podlint's own (podlint/identify.py); the server decides again for each document and stays silent
// on the ones that are not pods.

// Fields only a pod has; with an `id` they make a document a pod even without `containers`.
export const POD_FIELDS: ReadonlySet<string> = new Set([
  "containers",
  "scaling",
  "scheduling",
  "executorResources",
  "volumes",
  "networks",
  "secrets",
  "legacySharedCgroups",
  "linuxInfo",
]);

// Fields of Marathon app definitions (/v2/apps) that pods do not have.
export const APP_FIELDS: ReadonlySet<string> = new Set([
  "cmd",
  "args",
  "container",
  "instances",
  "cpus",
  "mem",
  "portDefinitions",
  "healthChecks",
  "upgradeStrategy",
  "constraints",
  "acceptedResourceRoles",
  "fetch",
  "uris",
  "env",
  "backoffSeconds",
  "dependencies",
  "ports",
  "requirePorts",
  "readinessChecks",
]);

// The same globs the extension contributes the pod schema for (package.json, jsonValidation and
// yamlValidation): a file named like a pod is one, whatever it holds yet.
const POD_NAME = /(?:^|[\\/])[^\\/]+\.pod\.(?:json|ya?ml)$/i;
const IN_PODS_FOLDER = /(?:^|[\\/])pods[\\/](?:.*[\\/])?[^\\/]+\.(?:json|ya?ml)$/i;

export function isPodName(fileName: string): boolean {
  return POD_NAME.test(fileName) || IN_PODS_FOLDER.test(fileName);
}

export function isPodKeys(keys: Iterable<string>): boolean {
  const all = new Set(keys);
  if (all.has("containers")) {
    return true;
  }
  if (!all.has("id")) {
    return false;
  }
  let podField = false;
  for (const key of all) {
    if (APP_FIELDS.has(key)) {
      return false;
    }
    podField ||= POD_FIELDS.has(key);
  }
  return podField;
}

// The keys of a YAML document's top-level mapping: keys at column 0, plain or quoted. Only the
// first document of a stream counts, as for podlint.
export function yamlTopLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let started = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.startsWith("---")) {
      if (started) {
        break;
      }
      continue;
    }
    const match = /^(?:"([^"]+)"|'([^']+)'|([A-Za-z_][\w.-]*))\s*:(?:\s|$)/.exec(line);
    if (match) {
      keys.push(match[1] ?? match[2] ?? match[3]);
      started = true;
    } else if (/^\S/.test(line) && !line.startsWith("#")) {
      started = true;
    }
  }
  return keys;
}

function jsonTopLevelKeys(text: string): string[] | undefined {
  try {
    const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    if (data !== null && typeof data === "object" && !Array.isArray(data)) {
      return Object.keys(data);
    }
    return [];
  } catch {
    return undefined;
  }
}

// Larger documents are judged by their name alone: this runs as the user types, and podlint does
// not read files this large anyway.
export const MAX_SNIFFED_CHARACTERS = 1_000_000;

export function looksLikePod(fileName: string, languageId: string, text: string): boolean {
  if (languageId !== "json" && languageId !== "yaml") {
    return false;
  }
  if (isPodName(fileName)) {
    return true;
  }
  if (text.length > MAX_SNIFFED_CHARACTERS) {
    return false;
  }
  if (languageId === "json") {
    const keys = jsonTopLevelKeys(text);
    // A JSON pod being typed rarely parses; `"containers":` is what makes it one.
    return keys === undefined ? /"containers"\s*:/.test(text) : isPodKeys(keys);
  }
  return isPodKeys(yamlTopLevelKeys(text));
}
