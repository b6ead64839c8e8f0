/**
 * The timeline page: header with the session's figures, the leak banner, the legend,
 * the memory chart and the event-loop delay chart. Live while a recording runs (the host sends
 * the whole, downsampled timeline every interval) — then "Take heap snapshot" and clicks on the
 * chart ask for a snapshot, marked on the chart; static for a saved `.memory.json`.
 */
import type { TimelineHostMessage, TimelineRequest } from '../../../src/protocol/timeline/messages';
import type { MemoryOverviewDto, SnapshotMarkDto } from '../../../src/protocol/timeline/views';
import { el } from '../shared/dom';
import type { Handlers, Page } from '../shared/mountPage';
import { formatBytes, formatCount, formatDuration } from '../../../src/format';
import { LeakBanner } from './leakBanner';
import { LoopDelayChart } from './loopDelayChart';
import { MemoryChart } from './memoryChart';
import { SeriesLegend } from './seriesLegend';

export class TimelinePage {
  private readonly header = el('header', { class: 'header' });
  private readonly liveBar = el('div', { class: 'live-bar' });
  private readonly snapshotButton = el('button', { type: 'button', class: 'snapshot-button' }, 'Take heap snapshot');
  private readonly notice = el('div', { class: 'notice', role: 'status', hidden: '' });
  private readonly banner = new LeakBanner();
  private readonly chart = new MemoryChart({ onPick: (t) => this.requestSnapshot(t) });
  private readonly legend = new SeriesLegend((hidden, showGcs) => this.chart.setHidden(hidden, showGcs));
  private readonly loop = new LoopDelayChart();
  private readonly snapshotList = el('ul', { class: 'snapshot-list', 'aria-label': 'Heap snapshots taken' });
  private readonly snapshots = new Map<number, SnapshotMarkDto>();
  private overview: MemoryOverviewDto | undefined;
  private live = false;

  constructor(private readonly page: Page<TimelineRequest>) {
    this.snapshotButton.addEventListener('click', () => {
      const samples = this.overview?.timeline.samples;
      this.requestSnapshot(samples && samples.length > 0 ? samples[samples.length - 1].t : 0);
    });
  }

  readonly handlers: Handlers<TimelineHostMessage> = {
    'memory/timeline': ({ title, overview, live, savedAs }) => this.showTimeline(title, overview, live, savedAs),
    'memory/ended': ({ message }) => {
      this.live = false;
      this.updateLiveBar();
      this.chart.show(this.overview?.timeline ?? emptyTimeline(), this.overview?.trend ?? emptyTrend(), false);
      this.showNotice(message);
    },
    'memory/snapshot': ({ mark }) => {
      this.snapshots.set(mark.id, mark);
      this.chart.setSnapshots([...this.snapshots.values()]);
      this.renderSnapshotList();
    },
    'memory/failed': ({ message }) => this.page.fail(message),
  };

  private showTimeline(title: string, overview: MemoryOverviewDto, live: boolean, savedAs: string | undefined): void {
    const first = !this.page.shown;
    const wasLive = this.live;
    this.overview = overview;
    this.live = live;
    if (first)
      this.page.show(
        this.header,
        this.liveBar,
        this.notice,
        this.banner.element,
        this.legend.element,
        this.chart.element,
        this.loop.element,
        this.snapshotList,
      );
    const { timeline } = overview;
    const majors = timeline.gcs.filter((g) => g.kind === 'major').reduce((n, g) => n + g.count, 0);
    this.header.replaceChildren(
      el('h1', {}, title),
      el(
        'div',
        { class: 'stats' },
        [
          `${formatDuration(timeline.durationMs)}`,
          `${formatCount(timeline.samples.length)} points every ${formatDuration(timeline.intervalMs)}`,
          `${formatCount(timeline.gcCount)} GCs (${formatDuration(timeline.gcTotalMs)} paused)`,
          `peak heap ${formatBytes(overview.peakHeapUsed)}`,
          `peak RSS ${formatBytes(overview.peakRss)}`,
        ].join(' · '),
      ),
      ...(savedAs ? [el('div', { class: 'muted saved-as' }, `Saved as ${savedAs}`)] : []),
    );
    this.updateLiveBar();
    this.banner.show(overview.trend, live);
    this.legend.update(timeline.samples[timeline.samples.length - 1], timeline.gcCount, majors);
    this.chart.show(timeline, overview.trend, live);
    this.loop.show(timeline, this.chart.timeDomain);
    // Tests read how far a live page has got from these.
    this.page.app.dataset.samples = String(timeline.samples.length);
    this.page.app.dataset.live = String(live);
    if (first || wasLive !== live) this.page.rendered();
  }

  private updateLiveBar(): void {
    if (!this.live) {
      this.liveBar.replaceChildren();
      this.liveBar.hidden = true;
      return;
    }
    this.liveBar.hidden = false;
    if (this.liveBar.childElementCount === 0) {
      this.liveBar.append(
        el('span', { class: 'live-badge' }, el('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Recording'),
        this.snapshotButton,
        el('span', { class: 'muted' }, 'or click a point in the chart to take a heap snapshot now'),
      );
    }
  }

  private requestSnapshot(t: number): void {
    if (!this.live) return;
    this.page.post({ type: 'memory/takeSnapshot', t });
  }

  private renderSnapshotList(): void {
    const marks = [...this.snapshots.values()].sort((a, b) => a.t - b.t);
    this.snapshotList.replaceChildren(
      ...marks.map((m) =>
        el(
          'li',
          { class: `snapshot-item ${m.state}` },
          el('span', { class: 'snapshot-diamond', 'aria-hidden': 'true' }),
          `Heap snapshot at ${formatDuration(m.t)}: `,
          m.state === 'taking' ? 'taking…' : m.state === 'saved' ? (m.label ?? 'saved') : `failed — ${m.label ?? ''}`,
        ),
      ),
    );
  }

  /** Why the recording ended: a note above the chart, or the whole page when nothing was shown. */
  private showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = false;
    if (!this.page.shown) this.page.fail(text);
  }
}

function emptyTimeline(): MemoryOverviewDto['timeline'] {
  return {
    startedAt: '',
    intervalMs: 1,
    sampleIntervalMs: 1,
    durationMs: 0,
    samples: [],
    gcs: [],
    gcCount: 0,
    gcTotalMs: 0,
    capabilities: { gcMarks: false, loopDelay: false },
  };
}

function emptyTrend(): MemoryOverviewDto['trend'] {
  return { status: 'not-enough-data', basis: 'none', growthBytesPerMinute: null, confidence: null, sustained: false, points: 0, message: '' };
}
