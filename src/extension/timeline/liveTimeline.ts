/**
 * The memory timeline of a recording while it runs, for the live timeline panel. It follows the
 * recording's own memory sampler when the recording hands it over (`sampler`): then the live
 * verdict and the saved one are computed from one series, and the last live verdict is the
 * saved file's. Without it (an older caller), it watches the same target through a second
 * inspector session (Node accepts several) with the engine's sampler; that series starts later
 * and can be judged differently, which is why the recording's own is preferred. When the
 * recording ends, the panel gets the recording's timeline — the one that is saved.
 * If live samples cannot be had, the panel says so and shows the timeline at the end.
 */
import * as vscode from 'vscode';
import type { MemorySampler } from '../../core/capture/memorySampler';
import type { MemoryOverviewDto } from '../../protocol/timeline/views';

/** How the recording ended, for the panel. */
export interface LiveTimelineEnd {
  /** The recording's own timeline, as saved. */
  readonly overview?: MemoryOverviewDto;
  /** The saved `.memory.json`. */
  readonly savedAs?: string;
  /** Why there is nothing to keep (cancelled, the target failed). */
  readonly message?: string;
}

export class LiveTimeline implements vscode.Disposable {
  private readonly updated = new vscode.EventEmitter<MemoryOverviewDto>();
  private readonly endedEmitter = new vscode.EventEmitter<LiveTimelineEnd>();
  /** A new overview every interval while the recording runs. */
  readonly onDidUpdate = this.updated.event;
  readonly onDidEnd = this.endedEmitter.event;
  private readonly unavailableEmitter = new vscode.EventEmitter<string>();
  /** Live samples cannot be had (the sentence says why); the timeline still comes at the end. */
  readonly onDidBecomeUnavailable = this.unavailableEmitter.event;
  private latest: MemoryOverviewDto | undefined;
  private result: LiveTimelineEnd | undefined;
  private readonly startedAt = Date.now();
  private stopSampling: (() => Promise<void>) | undefined;
  private problem: string | undefined;

  constructor(
    /** The recording's target, in the user's words. */
    readonly label: string,
    /** The target's inspector: a heap snapshot taken from the panel goes through it too. */
    readonly webSocketUrl: string,
    readonly intervalMs: number,
    /** The recording's own memory sampler, when the recording hands it over. */
    sampler?: MemorySampler,
  ) {
    void (sampler ? this.follow(sampler) : this.start());
  }

  get running(): boolean {
    return this.result === undefined;
  }

  /** The newest timeline (while running) or the final one. */
  get current(): MemoryOverviewDto | undefined {
    return this.result?.overview ?? this.latest;
  }

  get ended(): LiveTimelineEnd | undefined {
    return this.result;
  }

  /** Why live samples are missing, when they are. */
  get unavailable(): string | undefined {
    return this.problem;
  }

  /** ms since the recording started (for marks such as a heap snapshot taken now). */
  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** The recording ended: show its own timeline (or why there is none) and stop watching. */
  async end(end: LiveTimelineEnd): Promise<void> {
    if (this.result) return;
    this.result = end.overview || end.message ? end : { ...end, overview: this.latest };
    await this.stopSampling?.().catch(() => undefined);
    this.endedEmitter.fire(this.result);
  }

  dispose(): void {
    void this.end({ message: 'The recording ended.' });
    this.updated.dispose();
    this.endedEmitter.dispose();
    this.unavailableEmitter.dispose();
  }

  /** Shows the recording's own series; the recording stops its sampler, so this only stops listening. */
  private async follow(sampler: MemorySampler): Promise<void> {
    const { memoryOverview } = await import('../../core/model/timeline/memoryOverview');
    if (!this.running) return;
    const update = () => {
      if (!this.running) return;
      this.latest = memoryOverview(sampler.current());
      this.updated.fire(this.latest);
    };
    const unsubscribe = sampler.onSample(update);
    this.stopSampling = async () => void unsubscribe();
    update();
  }

  private async start(): Promise<void> {
    try {
      // Loaded on first use, like the rest of the recording engine.
      const [{ connectInspector }, { startMemorySampler }, { memoryOverview }] = await Promise.all([
        import('../../core/inspector/session'),
        import('../../core/capture/memorySampler'),
        import('../../core/model/timeline/memoryOverview'),
      ]);
      if (!this.running) return;
      const session = await connectInspector(this.webSocketUrl);
      const sampler = await startMemorySampler(session, { intervalMs: this.intervalMs }).catch(async (error) => {
        await session.close();
        throw error;
      });
      this.stopSampling = async () => {
        await sampler.stop().catch(() => undefined);
        await session.close();
      };
      if (!this.running) return void (await this.stopSampling());
      sampler.onSample(() => {
        if (!this.running) return;
        this.latest = memoryOverview(sampler.current());
        this.updated.fire(this.latest);
      });
    } catch (error) {
      this.problem = `Live memory samples are not available for this target (${(error as Error).message}); the timeline appears when the recording stops.`;
      if (this.running) this.unavailableEmitter.fire(this.problem);
    }
  }
}
