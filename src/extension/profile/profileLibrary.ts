/**
 * The profiles open in this window, analysed in one worker. The most recently opened profile
 * is the one annotations follow; views subscribe to changes of it.
 */
import * as vscode from 'vscode';
import { AnalysisClient, type OpenProfile } from '../../core/analysis/analysisClient';
import type { FileHeatDto } from '../../protocol/profile/views';
import { ContextKeys } from '../contributions';
import { settings } from '../settings';

export class ProfileLibrary implements vscode.Disposable {
  private readonly client = new AnalysisClient();
  private readonly open = new Map<string, Promise<OpenProfile>>();
  private latestProfile: OpenProfile | undefined;
  private heat = new Map<string, FileHeatDto>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the most recent profile or its heat changes. */
  readonly onDidChange = this.changed.event;

  /** Opens (or reuses) a profile and makes it the most recent one. */
  async openProfile(file: string): Promise<OpenProfile> {
    let pending = this.open.get(file);
    if (!pending) {
      pending = this.client.open(file);
      this.open.set(file, pending);
      pending.catch(() => this.open.delete(file));
    }
    const profile = await pending;
    this.latestProfile = profile;
    await this.refreshHeat();
    void vscode.commands.executeCommand('setContext', ContextKeys.hasProfile, true);
    return profile;
  }

  get latest(): OpenProfile | undefined {
    return this.latestProfile;
  }

  /** Heat of one source file in the most recent profile (threshold applied). */
  heatOf(file: string): FileHeatDto | undefined {
    return this.heat.get(normalize(file));
  }

  /** Self time of the hottest line in the most recent profile (to scale heat). */
  maxLineSelfMs(): number {
    let max = 0;
    for (const file of this.heat.values()) for (const line of file.lines) max = Math.max(max, line.selfMs);
    return max;
  }

  /** Recomputes heat, e.g. after the threshold setting changed. */
  async refreshHeat(): Promise<void> {
    const profile = this.latestProfile;
    const files = profile ? await profile.call('fileHeat', settings.annotationThresholdPct()) : [];
    this.heat = new Map(files.map((f) => [normalize(f.file), f]));
    this.changed.fire();
  }

  /** Forgets a profile whose file changed on disk, so it is read again. */
  forget(file: string): void {
    const pending = this.open.get(file);
    this.open.delete(file);
    void pending?.then(
      (p) => p.dispose(),
      () => undefined,
    );
  }

  dispose(): void {
    this.client.dispose();
    this.changed.dispose();
  }
}

function normalize(file: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? file.toLowerCase() : file;
}
