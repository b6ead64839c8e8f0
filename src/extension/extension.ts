/**
 * The VS Code layer's entry point: wires the engine to commands, panels and editors by hand.
 * Kept light: nothing heavy is loaded until a command runs.
 */
import * as vscode from 'vscode';

export interface FlameLensApi {
  profile(
    target: { pid?: number; address?: string; command?: string[]; cwd?: string },
    options: { durationMs: number; intervalUs?: number },
  ): Promise<{ file: string }>;
  openProfile(file: string): Promise<void>;
  hotLines(file: string): Array<{ line: number; selfMs: number; selfPct: number }>;
}

export function activate(context: vscode.ExtensionContext): FlameLensApi {
  context.subscriptions.push(
    vscode.commands.registerCommand('flamelens.toggleAnnotations', () => undefined),
  );
  return {
    profile: async () => {
      throw new Error('not implemented yet');
    },
    openProfile: async () => undefined,
    hotLines: () => [],
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
