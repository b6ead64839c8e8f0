/**
 * The VS Code layer's entry point. Activation creates the window's services (cheap: workers and
 * inspectors start when a command needs them), registers the command table and the custom
 * editors' table, and returns the API.
 */
import type * as vscode from 'vscode';
import { flameLensApi, type FlameLensApi } from './api';
import { registerCommands } from './commandTable';
import { createServices } from './services';

export type { FlameLensApi } from './api';

export function activate(context: vscode.ExtensionContext): FlameLensApi {
  const services = createServices(context);
  context.subscriptions.push(...registerCommands(services));
  return flameLensApi(services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
