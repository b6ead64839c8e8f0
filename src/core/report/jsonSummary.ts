/**
 * The JSON summary (`--json`): the contract CI scripts read. Field names and units are
 * part of the CLI's interface; change them only with a CHANGELOG entry.
 */
import type { CpuModel, TimeRange } from '../model/cpu/cpuModel';
import { computeHotspots, type HotFunction, type HotLine, type Hotspots } from '../model/cpu/hotspots';
import type { AllocationSummary } from '../model/allocation/allocationViews';
import type { MemorySummary } from '../model/timeline/memoryOverview';

export interface CpuSummary {
  readonly durationMs: number;
  readonly samples: number;
  /** Achieved sampling interval (median gap between samples), µs. */
  readonly intervalUs: number;
  readonly hotFunctions: ReadonlyArray<Omit<HotFunction, 'key'>>;
  readonly hotLines: ReadonlyArray<Omit<HotLine, 'category'>>;
  readonly byCategory: Readonly<Record<string, number>>;
  /** Worker threads that ran during the recording: their CPU time is not in this profile (only when some ran). */
  readonly workerThreads?: number;
  /** Only when the memory timeline was recorded (--memory). */
  readonly memory?: MemorySummary;
  /** Only when the allocation profile was recorded (--allocations). */
  readonly allocations?: AllocationSummary;
}

/** Summarises a model: the `top` hottest functions and lines by self time. */
export function summarizeCpuModel(model: CpuModel, options: { top?: number; range?: TimeRange; hotspots?: Hotspots } = {}): CpuSummary {
  const top = options.top ?? 20;
  const hot = options.hotspots ?? computeHotspots(model, options.range);
  return {
    durationMs: hot.durationMs,
    samples: hot.sampleCount,
    intervalUs: Math.round(model.intervalUs),
    hotFunctions: hot.functions.slice(0, top).map(({ key: _key, ...f }) => f),
    hotLines: hot.lines
      .filter((l) => l.category !== 'native' && l.category !== 'idle')
      .slice(0, top)
      .map(({ file, line, selfMs, selfPct }) => ({ file, line, selfMs, selfPct })),
    byCategory: hot.byCategory,
    ...(model.annotations?.workerThreads ? { workerThreads: model.annotations.workerThreads } : {}),
  };
}
