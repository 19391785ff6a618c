// How the language server is started: the command from the settings, and whether it exists.

import * as fs from "node:fs";
import * as path from "node:path";

export interface CommandSettings {
  path: string;
  args: readonly string[];
}

export interface ServerCommand {
  command: string;
  args: string[];
}

// `podlint.path` with `${workspaceFolder}` replaced and a relative path (one with a separator) taken
// from the workspace folder; a bare name is left for the PATH search.
export function serverCommand(settings: CommandSettings, workspaceFolder?: string): ServerCommand {
  let command = (settings.path || "podlint").trim();
  if (workspaceFolder !== undefined) {
    command = command.split("${workspaceFolder}").join(workspaceFolder);
    if (!path.isAbsolute(command) && /[\\/]/.test(command)) {
      command = path.join(workspaceFolder, command);
    }
  }
  return { command, args: [...settings.args, "lsp"] };
}

export interface LookupEnvironment {
  PATH?: string;
  PATHEXT?: string;
}

export type IsExecutable = (file: string) => boolean;

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

// Where `command` would be found when started, or undefined: a path is checked as it is, a bare
// name in each PATH folder (with each PATHEXT ending on Windows).
export function findExecutable(
  command: string,
  env: LookupEnvironment,
  platform: NodeJS.Platform = process.platform,
  isExecutable: IsExecutable = isExecutableFile,
): string | undefined {
  const pathApi = platform === "win32" ? path.win32 : path.posix;
  const endings =
    platform === "win32" ? ["", ...(env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";")] : [""];
  const candidates = (base: string): string[] =>
    endings.filter((e) => e === "" || !base.toLowerCase().endsWith(e.toLowerCase())).map((e) => base + e);
  if (/[\\/]/.test(command)) {
    return candidates(command).find(isExecutable);
  }
  for (const folder of (env.PATH ?? "").split(pathApi.delimiter)) {
    if (!folder) {
      continue;
    }
    const found = candidates(pathApi.join(folder, command)).find(isExecutable);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

// What the user reads when the executable is missing: what was looked for, and the two ways out.
export function notFoundMessage(command: string): string {
  const where = /[\\/]/.test(command) ? `at ${command}` : `on PATH`;
  return (
    `podlint: cannot start the language server: \`${command}\` was not found ${where}. ` +
    "Install podlint (pipx install podlint, or uv tool install podlint) or set " +
    '"podlint.path" to the podlint executable.'
  );
}

export interface InitializationOptions {
  config?: string;
  isolated?: boolean;
}

export function initializationOptions(config: string, isolated: boolean): InitializationOptions {
  const options: InitializationOptions = {};
  if (config.trim()) {
    options.config = config.trim();
  }
  if (isolated) {
    options.isolated = true;
  }
  return options;
}
