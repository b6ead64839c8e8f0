/**
 * The allocation model: an immutable call tree of bytes allocated, built from a validated
 * .heapprofile without touching it. Nodes are in depth-first order (a parent before its
 * children), call frames are de-duplicated into locations, and self/total bytes per node are
 * typed arrays.
 *
 * What V8 records, honestly: each sample's stack of call frames, and a call frame names the
 * FUNCTION (its start line and column), not the line inside it that allocated. So "bytes per
 * line" here means bytes per function, shown on the function's own line.
 */
import { LocationTable, type CodeLocation } from '../cpu/codeLocations';
import { localFile } from '../../sources/localFile';
import type { HeapProfileNode, SavedHeapProfile } from './savedHeapProfile';

/** A function that allocated: the same location table as the CPU model's. */
export type AllocationLocation = CodeLocation;

export interface AllocationNode {
  readonly index: number;
  /** -1 for the root. */
  readonly parent: number;
  readonly children: readonly number[];
  readonly location: number;
}

export interface AllocationModel {
  /** Depth-first; index 0 is the root. */
  readonly nodes: readonly AllocationNode[];
  readonly locations: readonly AllocationLocation[];
  /** Bytes allocated by each node itself. */
  readonly selfBytes: Float64Array;
  /** Bytes allocated by each node and its descendants. */
  readonly totalBytes: Float64Array;
  readonly sampleCount: number;
  readonly samplingIntervalBytes?: number;
  /** True when collected objects count (FlameLens recordings); false/absent for live-only profiles (`node --heap-prof`). */
  readonly includesCollected?: boolean;
  readonly rootPath?: string;
}

/** Builds the model of a validated allocation profile. */
export function buildAllocationModel(profile: SavedHeapProfile): AllocationModel {
  const table = new LocationTable(profile.$vscode);

  // Depth-first, iteratively: a deep tree must not overflow our stack.
  const nodes: AllocationNode[] = [];
  const self: number[] = [];
  const children: number[][] = [];
  const stack: Array<{ node: HeapProfileNode; parent: number }> = [{ node: profile.head, parent: -1 }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    const index = nodes.length;
    children.push([]);
    if (parent >= 0) children[parent].push(index);
    nodes.push({ index, parent, children: children[index], location: table.indexOf(node) });
    self.push(node.selfSize);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], parent: index });
  }
  const selfBytes = Float64Array.from(self);
  const totalBytes = Float64Array.from(self);
  for (let i = nodes.length - 1; i > 0; i--) totalBytes[nodes[i].parent] += totalBytes[i];

  return {
    nodes,
    locations: table.locations,
    selfBytes,
    totalBytes,
    sampleCount: profile.samples.length,
    samplingIntervalBytes: profile.$flamelens?.samplingIntervalBytes,
    includesCollected: profile.$flamelens?.includesCollected,
    rootPath: profile.$vscode?.rootPath,
  };
}

/** Where a location is, for people: the original file and line when known, else the script's. */
export function placeOf(location: AllocationLocation): { file: string; line: number } | undefined {
  if (location.original) return { file: location.original.file, line: location.original.line };
  if (!location.url) return undefined;
  return { file: localFile(location.url) ?? location.url, line: location.line };
}
