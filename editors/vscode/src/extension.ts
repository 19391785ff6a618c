// The VS Code side of podlint: starts `podlint lsp` once a pod is open and hands it every JSON and
// YAML document; the server stays silent on the ones that are not pods.

import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import {
  findExecutable,
  initializationOptions,
  notFoundMessage,
  serverCommand,
} from "./command";
import { looksLikePod } from "./pod";

const SECTION = "podlint";
let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
let output: vscode.OutputChannel | undefined;

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function isPod(document: vscode.TextDocument): boolean {
  return looksLikePod(document.fileName, document.languageId, document.getText());
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const folder = workspaceFolder();
  const { command, args } = serverCommand(
    { path: settings.get<string>("path", "podlint"), args: settings.get<string[]>("args", []) },
    folder,
  );
  if (findExecutable(command, process.env) === undefined) {
    const choice = await vscode.window.showErrorMessage(
      notFoundMessage(command),
      "Open Settings",
      "How to install",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "podlint.path");
    } else if (choice === "How to install") {
      await vscode.env.openExternal(
        vscode.Uri.parse("https://github.com/podlint/podlint#installation"),
      );
    }
    return;
  }
  output ??= vscode.window.createOutputChannel("podlint");
  const serverOptions: ServerOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "json" },
      { scheme: "file", language: "yaml" },
      { scheme: "untitled", language: "json" },
      { scheme: "untitled", language: "yaml" },
    ],
    initializationOptions: initializationOptions(
      settings.get<string>("config", ""),
      settings.get<boolean>("isolated", false),
    ),
    outputChannel: output,
    synchronize: {
      // Saving a configuration file re-lints the open pods (the server re-reads it).
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{.podlint.yaml,.podlint.yml,pyproject.toml}",
      ),
    },
  };
  const created = new LanguageClient(SECTION, "podlint", serverOptions, clientOptions);
  try {
    await created.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `podlint: the language server (${command} ${args.join(" ")}) did not start: ${reason}. ` +
        "The podlint output panel has its messages.",
    );
    output.show(true);
    return;
  }
  client = created;
  context.subscriptions.push(created);
}

function startOnce(context: vscode.ExtensionContext): Promise<void> {
  starting ??= start(context).finally(() => {
    if (client === undefined) {
      starting = undefined; // not started: try again when the next pod is opened
    }
  });
  return starting;
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  starting = undefined;
  await running?.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const maybeStart = (document: vscode.TextDocument): void => {
    if (client === undefined && isPod(document)) {
      void startOnce(context);
    }
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(maybeStart),
    vscode.workspace.onDidChangeTextDocument((event) => maybeStart(event.document)),
    vscode.commands.registerCommand("podlint.restart", async () => {
      await stop();
      await startOnce(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      const restart = ["path", "args", "config", "isolated"].some((key) =>
        event.affectsConfiguration(`${SECTION}.${key}`),
      );
      if (restart && client !== undefined) {
        await stop();
        await startOnce(context);
      }
    }),
  );
  vscode.workspace.textDocuments.forEach(maybeStart);
}

export async function deactivate(): Promise<void> {
  await stop();
}
