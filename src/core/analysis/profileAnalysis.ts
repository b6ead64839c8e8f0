/**
 * Answers every question the profile views ask about one profile: overview and timeline,
 * flame tree (whole, or a subtree when zooming), top-down rows, bottom-up functions with
 * callers and callees, and per-file heat for editor annotations — each for an optional time
 * range. Runs in a worker thread in the extension; plain Node in tests.
 */
import * as path from 'node:path';
import type { FileHeatDto, FunctionRelationsDto, FunctionRowDto, ProfileOverviewDto, RelationDto, TreeRowDto } from '../../protocol/profile/views';
import type { FlameFrameDto, SourceLocationDto, TimeRangeDto } from '../../protocol/shared/views';
import { buildCpuModel, selfTimesUs, totalTimesUs, type CpuModel } from '../model/cpu/cpuModel';
import { localFile } from '../sources/localFile';
import { computeHotspots, type Hotspots } from '../model/cpu/hotspots';
import { sharePct } from '../model/cpu/share';
import { readCpuProfileFile } from '../model/cpu/profileFile';
import { buildFlameTree } from '../model/flame/flameTree';
import { annotateProfile } from '../sources/annotateProfile';
import { diskScriptSources } from '../sources/scriptSources';

const timelineBuckets = 400;
/** ~2 px of a wide panel: narrower frames can be neither read nor clicked; zooming in fetches them. */
const minFlameFraction = 1 / 800;

interface RangeResults {
  readonly self: Float64Array;
  readonly total: Float64Array;
  readonly hotspots: Hotspots;
}

export class ProfileAnalysis {
  private readonly byRange = new Map<string, RangeResults>();

  constructor(
    readonly model: CpuModel,
    readonly title: string,
  ) {}

  /** Reads a profile file, resolving source locations from disk when the file lacks them. */
  static async open(file: string): Promise<ProfileAnalysis> {
    const profile = await annotateProfile(await readCpuProfileFile(file), diskScriptSources());
    return new ProfileAnalysis(buildCpuModel(profile), path.basename(file));
  }

  overview(): ProfileOverviewDto {
    const { model } = this;
    const hot = this.results(null).hotspots;
    const durationMs = model.durationUs / 1000;
    const bucketMs = Math.max(durationMs / timelineBuckets, 0.001);
    const busy = new Float64Array(timelineBuckets);
    const all = new Float64Array(timelineBuckets);
    for (let i = 0; i < model.sampleNodes.length; i++) {
      const bucket = Math.min(timelineBuckets - 1, Math.floor(model.sampleTimesUs[i] / 1000 / bucketMs));
      const duration = model.sampleDurationsUs[i];
      all[bucket] += duration;
      if (model.locations[model.nodes[model.sampleNodes[i]].location].category !== 'idle') busy[bucket] += duration;
    }
    return {
      title: this.title,
      ...(model.annotations?.workerThreads ? { workerThreads: model.annotations.workerThreads } : {}),
      durationMs: round(durationMs),
      samples: model.sampleNodes.length,
      intervalUs: Math.round(model.intervalUs),
      byCategory: hot.byCategory,
      timeline: { bucketMs, busy: Array.from(busy, (b, i) => (all[i] > 0 ? round(b / all[i]) : 0)) },
    };
  }

  flame(range: TimeRangeDto | null, rootNode?: number): FlameFrameDto {
    const { hotspots, self, total } = this.results(range);
    return buildFlameTree(this.model, { range: range ?? undefined, rootNode, minFraction: minFlameFraction, hotspots, times: { self, total } });
  }

  /** Children of a top-down node (the root's children when `nodeId` is 0). */
  treeChildren(range: TimeRangeDto | null, nodeId: number): TreeRowDto[] {
    const { total, self } = this.results(range);
    const all = total[0];
    const node = this.model.nodes[nodeId];
    if (!node) return [];
    return node.children
      .filter((child) => total[child] > 0)
      .sort((a, b) => total[b] - total[a])
      .map((child) => {
        const location = this.model.locations[this.model.nodes[child].location];
        return {
          id: child,
          name: location.functionName,
          location: this.sourceOf(location),
          category: location.category,
          selfMs: round(self[child] / 1000),
          totalMs: round(total[child] / 1000),
          totalPct: sharePct(total[child], all),
          hasChildren: this.model.nodes[child].children.some((c) => total[c] > 0),
        };
      });
  }

  /** Functions by self time, inlining-aware (the bottom-up table). */
  functions(range: TimeRangeDto | null, limit = 200): FunctionRowDto[] {
    return this.results(range)
      .hotspots.functions.slice(0, limit)
      .map((f) => ({
        key: f.key,
        name: f.name,
        location: f.file && f.line ? { file: f.file, line: f.line } : undefined,
        category: f.category,
        selfMs: f.selfMs,
        selfPct: f.selfPct,
        totalMs: f.totalMs,
        totalPct: f.totalPct,
      }));
  }

  /** Who calls a function and what it calls, with the time through each edge. */
  relations(range: TimeRangeDto | null, key: string): FunctionRelationsDto {
    const { total, hotspots } = this.results(range);
    const owner = hotspots.functionOfNode;
    const callers = new Map<string, number>();
    const callees = new Map<string, number>();
    const add = (into: Map<string, number>, k: string, us: number) => into.set(k, (into.get(k) ?? 0) + us);
    this.model.nodes.forEach((node, index) => {
      // Time run inlined in this node: each function of a chain was called by the one before it.
      for (const { chain, us } of hotspots.inlinedByNode.get(index) ?? []) {
        const at = chain.indexOf(key);
        const callerOf = (i: number) => (i === 0 ? owner[index] : chain[i - 1]);
        if (at >= 0 && callerOf(at) !== key) add(callers, callerOf(at), us);
        if (owner[index] === key && chain[0] !== key) add(callees, chain[0], us);
        else if (at >= 0 && at + 1 < chain.length) add(callees, chain[at + 1], us);
      }
      if (owner[index] !== key || total[index] === 0 || this.hasAncestorIn(index, key, owner)) return;
      if (node.parent > 0) add(callers, owner[node.parent], total[index]);
      for (const child of node.children) if (owner[child] !== key && total[child] > 0) add(callees, owner[child], total[child]);
    });
    const all = total[0];
    const describe = (entries: Map<string, number>): RelationDto[] =>
      [...entries]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 50)
        .map(([k, us]) => {
          const f = hotspots.functions.find((candidate) => candidate.key === k);
          return {
            key: k,
            name: f?.name ?? '(unknown)',
            location: f?.file && f.line ? { file: f.file, line: f.line } : undefined,
            ms: round(us / 1000),
            pct: sharePct(us, all),
          };
        });
    return { key, callers: describe(callers), callees: describe(callees) };
  }

  /** Heat per original source file (whole recording), above `thresholdPct` of self time. */
  fileHeat(thresholdPct: number): FileHeatDto[] {
    const hot = this.results(null).hotspots;
    const files = new Map<string, { lines: FileHeatDto['lines'][number][]; functions: FunctionRowDto[] }>();
    const entry = (file: string) => {
      let e = files.get(file);
      if (!e) files.set(file, (e = { lines: [], functions: [] }));
      return e;
    };
    for (const l of hot.lines) {
      if (l.selfPct >= thresholdPct && path.isAbsolute(l.file)) entry(l.file).lines.push({ line: l.line, selfMs: l.selfMs, selfPct: l.selfPct });
    }
    for (const f of this.functions(null, Infinity)) {
      if (f.location && path.isAbsolute(f.location.file) && (f.selfPct >= thresholdPct || f.totalPct >= thresholdPct)) entry(f.location.file).functions.push(f);
    }
    return [...files].map(([file, e]) => ({ file, ...e }));
  }

  private hasAncestorIn(index: number, key: string, owner: readonly string[]): boolean {
    for (let at = this.model.nodes[index].parent; at >= 0; at = this.model.nodes[at].parent) if (owner[at] === key) return true;
    return false;
  }

  private sourceOf(location: CpuModel['locations'][number]): SourceLocationDto | undefined {
    if (location.original) return { file: location.original.file, line: location.original.line };
    return location.url ? { file: localFile(location.url) ?? location.url, line: location.line } : undefined;
  }

  private results(range: TimeRangeDto | null): RangeResults {
    const key = range ? `${range.startMs}:${range.endMs}` : 'all';
    let results = this.byRange.get(key);
    if (!results) {
      const self = selfTimesUs(this.model, range ?? undefined);
      results = { self, total: totalTimesUs(this.model, self), hotspots: computeHotspots(this.model, range ?? undefined) };
      if (this.byRange.size > 8) this.byRange.delete(this.byRange.keys().next().value!);
      this.byRange.set(key, results);
    }
    return results;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
