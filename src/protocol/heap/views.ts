/**
 * What the heap views (a heap snapshot, a comparison of snapshots) show, as plain JSON:
 * produced by the heap analysis (in a worker), carried over postMessage to the webview and
 * written by the CLI. Sizes are bytes; lines are 1-based.
 */
import type { SourceLocationDto } from '../shared/views';

/** One constructor (class) in a snapshot. */
export interface ConstructorRowDto {
  /** Stable within one open snapshot; used to ask for the instances. */
  readonly classId: number;
  readonly name: string;
  readonly count: number;
  readonly shallowSize: number;
  /** What freeing all of them would free (objects of the class inside others counted once). */
  readonly retainedSize: number;
  /** Where the class (its constructor function) is defined, when the snapshot says. */
  readonly location?: SourceLocationDto;
}

export interface HeapSummaryDto {
  readonly title: string;
  readonly nodes: number;
  readonly totalSize: number;
  readonly constructors: readonly ConstructorRowDto[];
}

/** One object of a class. */
export interface InstanceRowDto {
  /** The node's index in the open snapshot, to ask for its retainer path. */
  readonly ordinal: number;
  /** V8's object id (`@123` in DevTools), stable across snapshots of one process. */
  readonly id: number;
  /** The class, or the first characters of a string. */
  readonly label: string;
  readonly shallowSize: number;
  readonly retainedSize: number;
}

export interface InstancePageDto {
  readonly classId: number;
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly InstanceRowDto[];
}

/** One step from an object towards a GC root: `via` is how `holder` refers to the object below. */
export interface RetainerStepDto {
  readonly via: string;
  readonly edgeType: string;
  readonly holder: string;
  readonly holderId: number;
  readonly ordinal: number;
  /** Where the holder is defined (functions, and closure scopes through their function). */
  readonly location?: SourceLocationDto;
}

export interface RetainerPathDto {
  readonly ordinal: number;
  /** From the object's nearest holder up to a GC root; empty when only the root holds it. */
  readonly steps: readonly RetainerStepDto[];
}

/** A constructor's change between snapshots, leak-ranked. */
export interface GrowthRowDto {
  readonly name: string;
  /** Objects of this class that are new since the first snapshot and still alive in the last. */
  readonly countDelta: number;
  /** Bytes they hold: themselves and the new objects only they keep alive. */
  readonly sizeDelta: number;
  /** How a representative one is held, from its holder up to a GC root, as readable steps. */
  readonly retainerPath: readonly string[];
  readonly location?: SourceLocationDto;
}

/** Plain per-constructor difference, as DevTools' Comparison view shows it. */
export interface ConstructorDeltaDto {
  readonly name: string;
  readonly newCount: number;
  readonly deletedCount: number;
  readonly countDelta: number;
  readonly sizeDelta: number;
}

export interface HeapDiffDto {
  readonly snapshots: readonly string[];
  readonly growth: readonly GrowthRowDto[];
  /** Constructors whose count or size changed (a change of 0 objects and 0 B is not listed). */
  readonly constructors: readonly ConstructorDeltaDto[];
  /** Constructors with objects replaced one for one (new and deleted, no change in count or size): counted, not listed. */
  readonly unchangedConstructors: number;
  /** Total bytes of the heap in each snapshot. */
  readonly totalSizes: readonly number[];
}

/** One line of a growth row's retainer path, split so the view can link its location. */
export interface RetainerLineDto {
  /** The property, variable or index that holds the object below ("auditTrail", "[30]"). */
  readonly via: string;
  /** What holds it ("closure scope", "Array"). */
  readonly holder: string;
  readonly location?: SourceLocationDto;
}

/** What the comparison page shows: the engine's diff plus each growth row's path, split. */
export interface HeapComparisonDto {
  readonly diff: HeapDiffDto;
  /** `paths[i]` belongs to `diff.growth[i]`. */
  readonly paths: readonly (readonly RetainerLineDto[])[];
}
