/**
 * The location table both models (CPU and allocation) build from their profile's nodes: each
 * distinct call frame once, with its generated position, its category and, when the file has
 * `$vscode` locations, where it is in the original source.
 */
import { categorize, type Category } from './categories';
import type { CallFrame, VsCodeAnnotations } from './savedProfile';

export interface OriginalPosition {
  /** Absolute path of the original source (e.g. the .ts file). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface CodeLocation {
  readonly index: number;
  readonly functionName: string;
  readonly url: string;
  readonly scriptId: string;
  /** 1-based line of the function in the generated script (0 when V8 gave none). */
  readonly line: number;
  /** 1-based column (0 when V8 gave none). */
  readonly column: number;
  readonly category: Category;
  /** Where the function is in the original source, when known ($vscode locations). */
  readonly original?: OriginalPosition;
}

/** What a profile node (CPU or allocation) says about where it runs. */
export interface LocatedNode {
  readonly callFrame: CallFrame;
  /** Index into `$vscode.locations`, when the file has them. */
  readonly locationId?: number;
}

/** Collects the distinct locations of a profile's nodes, in the order they are first met. */
export class LocationTable {
  readonly locations: CodeLocation[] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly vscode: VsCodeAnnotations | undefined) {}

  /** The index of the node's location, added on first sight. */
  indexOf(node: LocatedNode): number {
    const key = locationKey(node);
    let index = this.indexByKey.get(key);
    if (index === undefined) {
      index = this.locations.length;
      this.indexByKey.set(key, index);
      this.locations.push(this.describe(index, node));
    }
    return index;
  }

  private describe(index: number, node: LocatedNode): CodeLocation {
    const frame = node.callFrame;
    const source = node.locationId !== undefined ? this.vscode?.locations[node.locationId]?.locations[0] : undefined;
    const originalFile = source?.source.path;
    return {
      index,
      functionName: frame.functionName || '(anonymous)',
      url: frame.url,
      scriptId: String(frame.scriptId),
      // V8 gives -1 for frames that are not functions ((root), (program), (garbage collector)).
      line: Math.max(0, frame.lineNumber + 1),
      column: Math.max(0, frame.columnNumber + 1),
      category: categorize(frame.functionName, originalFile ?? frame.url),
      original: originalFile ? { file: originalFile, line: source!.lineNumber, column: source!.columnNumber } : undefined,
    };
  }
}

/**
 * `locationId` ($vscode) already names a call frame's position; the name is part of the key
 * because js-debug gives (program), (idle) and (garbage collector) the same one.
 */
function locationKey(node: LocatedNode): string {
  const frame = node.callFrame;
  if (node.locationId !== undefined) return `${node.locationId}\u0000${frame.functionName}`;
  return `${frame.scriptId}\u0000${frame.url}\u0000${frame.functionName}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}
