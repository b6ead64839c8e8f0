/**
 * Binds a webview (a panel or a custom editor) to one open profile: serves the profile page
 * through `WebviewChannel` (nonce CSP, posts queued until `webview/ready`, only shown files
 * opened), validates every message from it, and answers with data computed in the worker.
 */
import * as vscode from 'vscode';
import type { OpenProfile } from '../../core/analysis/analysisClient';
import { profileRequests, type ProfileHostMessage, type ProfileRequest } from '../../protocol/profile/messages';
import type { TimeRangeDto } from '../../protocol/shared/views';
import { WebviewChannel, type PageRequest, type ViewPage } from '../panels/webviewPage';

const profilePage: ViewPage<ProfileHostMessage, ProfileRequest> = {
  page: { script: 'profile.js', styles: ['base.css', 'controls.css', 'flame.css', 'profile.css'], title: 'FlameLens', loading: 'Reading the profile…' },
  requests: profileRequests,
  failure: (message, file) => ({ type: 'profile/failed', message, file }),
};

export class ProfileView implements vscode.Disposable {
  private readonly channel: WebviewChannel<ProfileHostMessage, ProfileRequest>;
  private range: TimeRangeDto | null = null;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly opening: Promise<OpenProfile>,
    extensionUri: vscode.Uri,
  ) {
    this.channel = new WebviewChannel(panel, extensionUri, { ...profilePage, onRequest: (message) => this.handle(message) });
    void this.load();
  }

  /** Puts a function into the search box (from a CodeLens). */
  search(query: string): void {
    this.channel.post({ type: 'view/search', query });
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private profile!: OpenProfile;

  private async load(): Promise<void> {
    try {
      this.profile = await this.opening;
      this.channel.post({ type: 'profile/loaded', overview: await this.profile.call('overview') });
      await this.sendViews();
    } catch (error) {
      this.channel.fail(error);
    }
  }

  private async sendViews(): Promise<void> {
    const [flame, roots, functions] = await Promise.all([
      this.profile.call('flame', this.range),
      this.profile.call('treeChildren', this.range, 0),
      this.profile.call('functions', this.range),
    ]);
    this.channel.rememberFlame(flame);
    [...roots, ...functions].forEach((row) => this.channel.remember(row.location));
    this.channel.post({ type: 'views/data', range: this.range, flame, roots, functions });
  }

  private async handle(message: PageRequest<ProfileRequest>): Promise<void> {
    await this.opening;
    const { type } = message; // narrowed through `type`: a one-message union is not narrowed to never through `message`
    switch (type) {
      case 'range/select':
        this.range = message.range;
        return this.sendViews();
      case 'flame/expand': {
        const frame = await this.profile.call('flame', this.range, message.nodeId);
        this.channel.rememberFlame(frame);
        return this.channel.post({ type: 'flame/subtree', frame });
      }
      case 'tree/expand': {
        const rows = await this.profile.call('treeChildren', this.range, message.nodeId);
        rows.forEach((row) => this.channel.remember(row.location));
        return this.channel.post({ type: 'tree/children', parentId: message.nodeId, rows });
      }
      case 'function/expand': {
        const relations = await this.profile.call('relations', this.range, message.key);
        [...relations.callers, ...relations.callees].forEach((r) => this.channel.remember(r.location));
        return this.channel.post({ type: 'function/relations', relations });
      }
      default: {
        const unhandled: never = type;
        return unhandled;
      }
    }
  }
}
