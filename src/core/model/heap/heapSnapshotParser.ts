/**
 * A streaming parser for V8 .heapsnapshot files: bytes in, typed arrays out. It never builds
 * the snapshot as one string (V8 strings stop at ~512M characters) nor as JS arrays of numbers
 * (8+ bytes per number): it scans chunk by chunk, writes node and edge fields straight into
 * preallocated typed arrays, and records only where each string is in the file. The same
 * parser reads a file from disk or a snapshot while it streams in from the inspector.
 *
 * Written by hand rather than with a JSON streaming library because those materialise every
 * number as a JS value and every string as a JS string, which is exactly the memory this avoids.
 */
import { badInput } from '../../errors';
import { HeapGraph } from './heapGraph';
import { checkSnapshotValues, readSnapshotLayout, type SnapshotLayout } from './snapshotFormat';
import { SnapshotStrings } from './snapshotStrings';

const enum Mode {
  Header,
  SeekKey,
  Key,
  SeekArray,
  Numbers,
  Strings,
  Skip,
  Done,
}

const enum Section {
  Nodes,
  Edges,
  Locations,
  Other,
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MAX_HEADER_BYTES = 1 << 20;
const UINT32_MAX = 0xffffffff;

export class HeapSnapshotParser {
  private mode = Mode.Header;
  /** Bytes of the whole input seen before the current chunk. */
  private offset = 0;
  private readonly name: string;

  // Header: collected as text until the `snapshot` object closes.
  private header: number[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;

  private key = '';
  private section = Section.Other;

  // Number scanning state, carried across chunks.
  private value = 0;
  private hasDigits = false;
  private field = 0;
  private index = 0;

  // Strings: where each one starts in the input and how long its raw contents are.
  private stringStarts = new Float64Array(1 << 16);
  private stringLengths = new Uint32Array(1 << 16);
  private stringCount = 0;
  private stringStart = 0;

  private layout: SnapshotLayout | undefined;
  private arrays:
    | {
        nodeType: Uint8Array;
        nodeName: Uint32Array;
        nodeId: Uint32Array;
        nodeSelfSize: Uint32Array;
        firstEdge: Uint32Array;
        edgeType: Uint8Array;
        edgeNameOrIndex: Uint32Array;
        edgeTo: Uint32Array;
      }
    | undefined;
  private locations = new Uint32Array(1 << 12);
  private locationValues = 0;
  private nodesSeen = 0;
  private edgesSeen = 0;
  private badEdgeTarget = false;

  /** The whole input's size when known (a file): a header promising more than it can hold is damage. */
  private readonly byteLength: number | undefined;

  /** `name` appears in error messages (usually the file name). */
  constructor(name = 'The heap snapshot', options: { readonly byteLength?: number } = {}) {
    this.name = name;
    this.byteLength = options.byteLength;
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.offset;
  }

  /** Feeds the next chunk. Strings must be the snapshot's text (V8 writes it as ASCII). */
  write(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    let i = 0;
    const length = bytes.length;
    while (i < length) {
      switch (this.mode) {
        case Mode.Header:
          i = this.scanHeader(bytes, i);
          break;
        case Mode.SeekKey:
          i = this.seekKey(bytes, i);
          break;
        case Mode.Key:
          i = this.readKey(bytes, i);
          break;
        case Mode.SeekArray:
          i = this.seekArray(bytes, i);
          break;
        case Mode.Numbers:
          i = this.readNumbers(bytes, i);
          break;
        case Mode.Strings:
          i = this.readStrings(bytes, i);
          break;
        case Mode.Skip:
          i = this.skipArray(bytes, i);
          break;
        case Mode.Done:
          i = this.trailing(bytes, i);
          break;
      }
    }
    this.offset += length;
  }

  /**
   * Finishes the parse. `file` is where the bytes are stored (the strings are read from it
   * later); it must hold exactly what was written.
   */
  end(file: string): HeapGraph {
    if (this.offset === 0) throw badInput(`${this.name} is empty; it is not a heap snapshot.`);
    if (this.mode === Mode.Header && this.depth <= 0) throw badInput(`${this.name} is not a heap snapshot: it has no snapshot header.`);
    if (this.mode !== Mode.Done || !this.layout || !this.arrays) {
      throw badInput(`${this.name} ends in the middle of the snapshot (the file is truncated); take the snapshot again.`);
    }
    const layout = this.layout;
    if (this.nodesSeen !== layout.nodeCount || this.edgesSeen !== layout.edgeCount || this.badEdgeTarget) {
      throw badInput(
        `${this.name} is damaged: its header promises ${layout.nodeCount} objects and ${layout.edgeCount} references, ` +
          `the file holds ${this.nodesSeen} and ${this.edgesSeen}${this.badEdgeTarget ? ' and points outside itself' : ''}. Take the snapshot again.`,
      );
    }
    if (this.arrays.firstEdge[layout.nodeCount] !== layout.edgeCount) {
      throw badInput(`${this.name} is damaged: its objects' reference counts do not add up to its references. Take the snapshot again.`);
    }
    checkSnapshotValues(this.name, layout, this.arrays, this.stringCount, this.locations.subarray(0, this.locationValues));
    const strings = new SnapshotStrings(this.stringStarts, this.stringLengths, this.stringCount);
    strings.attach(file);
    const locations = this.locations.subarray(0, this.locationValues - (this.locationValues % layout.locationFieldCount));
    return new HeapGraph(layout, { ...this.arrays, locations }, strings);
  }

  private damaged(what: string): Error {
    return badInput(`${this.name} is damaged: ${what}. Take the snapshot again.`);
  }

  // --- Header: `{"snapshot":{...}` up to the end of the snapshot object. -----------------

  private scanHeader(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      this.header.push(c);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 1) {
          this.readHeader();
          this.mode = Mode.SeekKey;
          return i + 1;
        }
      } else if (this.depth === 0 && c > 32) {
        throw badInput(`${this.name} is not a heap snapshot: it does not start with a JSON object.`);
      }
      if (this.header.length > MAX_HEADER_BYTES) throw badInput(`${this.name} is not a heap snapshot: no snapshot header found.`);
    }
    return bytes.length;
  }

  private readHeader(): void {
    const text = Buffer.from(this.header).toString('utf8');
    this.header = [];
    let snapshot: unknown;
    try {
      snapshot = (JSON.parse(text + '}') as { snapshot?: unknown }).snapshot;
    } catch {
      throw badInput(`${this.name} is not a heap snapshot: its header is not the JSON V8 writes.`);
    }
    const layout = readSnapshotLayout(snapshot, this.name);
    // Every number takes at least two bytes ("0,"): a header promising more objects than the
    // file has room for is damaged, and must not make us allocate gigabytes first.
    const leastBytes = 2 * (layout.nodeCount * layout.nodeFieldCount + layout.edgeCount * layout.edgeFieldCount);
    if (this.byteLength !== undefined && leastBytes > this.byteLength) {
      throw this.damaged(`its header counts ${layout.nodeCount} objects and ${layout.edgeCount} references, more than its ${this.byteLength} bytes can hold`);
    }
    this.layout = layout;
    try {
      this.arrays = {
        nodeType: new Uint8Array(layout.nodeCount),
        nodeName: new Uint32Array(layout.nodeCount),
        nodeId: new Uint32Array(layout.nodeCount),
        nodeSelfSize: new Uint32Array(layout.nodeCount),
        firstEdge: new Uint32Array(layout.nodeCount + 1),
        edgeType: new Uint8Array(layout.edgeCount),
        edgeNameOrIndex: new Uint32Array(layout.edgeCount),
        edgeTo: new Uint32Array(layout.edgeCount),
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw badInput(
        `${this.name} is too big to open here: its ${layout.nodeCount} objects need more memory than is available. Open it on a machine with more memory.`,
        error,
      );
    }
  }

  // --- Between sections: `,"name":[` ------------------------------------------------------

  private seekKey(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === QUOTE) {
        this.key = '';
        this.mode = Mode.Key;
        return i + 1;
      }
      if (c === CLOSE_BRACE) {
        this.mode = Mode.Done;
        return i + 1;
      }
      if (c > 32 && c !== 44 /* , */) throw this.malformed(i);
    }
    return bytes.length;
  }

  private readKey(bytes: Buffer, start: number): number {
    const end = bytes.indexOf(QUOTE, start);
    if (end < 0) {
      this.key += bytes.toString('latin1', start);
      return bytes.length;
    }
    this.key += bytes.toString('latin1', start, end);
    this.mode = Mode.SeekArray;
    return end + 1;
  }

  private seekArray(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === OPEN_BRACKET) {
        this.startSection();
        return i + 1;
      }
      if (c > 32 && c !== 58 /* : */) throw this.malformed(i);
    }
    return bytes.length;
  }

  private startSection(): void {
    this.value = 0;
    this.hasDigits = false;
    this.field = 0;
    this.index = 0;
    this.depth = 1;
    this.inString = false;
    this.escaped = false;
    switch (this.key) {
      case 'nodes':
        this.section = Section.Nodes;
        this.mode = Mode.Numbers;
        return;
      case 'edges':
        this.section = Section.Edges;
        this.mode = Mode.Numbers;
        return;
      case 'locations':
        this.section = Section.Locations;
        this.mode = Mode.Numbers;
        return;
      case 'strings':
        this.mode = Mode.Strings;
        return;
      default:
        // trace_function_infos, trace_tree, samples: allocation tracking data FlameLens does not use.
        this.section = Section.Other;
        this.mode = Mode.Skip;
    }
  }

  // --- Number sections ---------------------------------------------------------------------

  private readNumbers(bytes: Buffer, start: number): number {
    let value = this.value;
    let hasDigits = this.hasDigits;
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        hasDigits = true;
        continue;
      }
      if (hasDigits) {
        this.emit(value, i);
        value = 0;
        hasDigits = false;
      }
      if (c === CLOSE_BRACKET) {
        this.value = 0;
        this.hasDigits = false;
        this.endNumbers(i);
        return i + 1;
      }
      if (c !== 44 && c > 32) throw this.malformed(i);
    }
    this.value = value;
    this.hasDigits = hasDigits;
    return bytes.length;
  }

  private emit(value: number, at: number): void {
    switch (this.section) {
      case Section.Nodes:
        return this.emitNodeField(value, at);
      case Section.Edges:
        return this.emitEdgeField(value, at);
      case Section.Locations:
        return this.emitLocation(value);
    }
  }

  private emitNodeField(value: number, at: number): void {
    const layout = this.layout!;
    const arrays = this.arrays!;
    const ordinal = this.index;
    if (ordinal >= layout.nodeCount) throw this.malformed(at);
    const field = this.field;
    if (field === layout.nodeType) arrays.nodeType[ordinal] = value;
    else if (field === layout.nodeName) arrays.nodeName[ordinal] = value;
    else if (field === layout.nodeId) arrays.nodeId[ordinal] = value;
    else if (field === layout.nodeSelfSize) arrays.nodeSelfSize[ordinal] = value > UINT32_MAX ? UINT32_MAX : value;
    else if (field === layout.nodeEdgeCount) {
      // More references than the header has room for would wrap around the 32-bit positions.
      if (value > layout.edgeCount - arrays.firstEdge[ordinal]) throw this.damaged('its objects have more references than its header counts');
      arrays.firstEdge[ordinal + 1] = arrays.firstEdge[ordinal] + value;
    }
    if (++this.field === layout.nodeFieldCount) {
      this.field = 0;
      this.index++;
    }
  }

  private emitEdgeField(value: number, at: number): void {
    const layout = this.layout!;
    const arrays = this.arrays!;
    const edge = this.index;
    if (edge >= layout.edgeCount) throw this.malformed(at);
    const field = this.field;
    if (field === layout.edgeType) arrays.edgeType[edge] = value;
    else if (field === layout.edgeNameOrIndex) arrays.edgeNameOrIndex[edge] = value;
    else if (field === layout.edgeToNode) {
      const ordinal = value / layout.nodeFieldCount;
      if (ordinal >= layout.nodeCount || ordinal !== Math.floor(ordinal)) this.badEdgeTarget = true;
      else arrays.edgeTo[edge] = ordinal;
    }
    if (++this.field === layout.edgeFieldCount) {
      this.field = 0;
      this.index++;
    }
  }

  private emitLocation(value: number): void {
    if (this.locationValues === this.locations.length) {
      const grown = new Uint32Array(this.locations.length * 2);
      grown.set(this.locations);
      this.locations = grown;
    }
    // The first field is a node index (ordinal × field count); store the ordinal.
    const isObjectIndex = this.locationValues % this.layout!.locationFieldCount === 0;
    const ordinal = value / this.layout!.nodeFieldCount;
    if (isObjectIndex && ordinal !== Math.floor(ordinal)) throw this.damaged('a source location names something that is not an object');
    this.locations[this.locationValues++] = isObjectIndex ? ordinal : value;
  }

  private endNumbers(at: number): void {
    const layout = this.layout;
    if (!layout || this.field !== 0) throw this.malformed(at);
    if (this.section === Section.Nodes) this.nodesSeen = this.index;
    if (this.section === Section.Edges) this.edgesSeen = this.index;
    this.mode = Mode.SeekKey;
  }

  // --- The strings section -----------------------------------------------------------------

  private readStrings(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) {
      if (this.inString) {
        // Jump to the next quote or backslash; string contents are most of a string-heavy file.
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        const quote = bytes.indexOf(QUOTE, i);
        const until = quote < 0 ? bytes.length : quote;
        const backslash = bytes.subarray(i, until).indexOf(BACKSLASH);
        if (backslash >= 0) {
          i += backslash;
          this.escaped = true;
          continue;
        }
        if (quote < 0) return bytes.length;
        i = quote;
        this.inString = false;
        this.addString(this.offset + i);
        continue;
      }
      const c = bytes[i];
      if (c === QUOTE) {
        this.inString = true;
        this.stringStart = this.offset + i + 1;
      } else if (c === CLOSE_BRACKET) {
        this.mode = Mode.SeekKey;
        return i + 1;
      } else if (c !== 44 && c > 32) throw this.malformed(i);
    }
    return bytes.length;
  }

  private addString(endOffset: number): void {
    if (this.stringCount === this.stringStarts.length) {
      const starts = new Float64Array(this.stringCount * 2);
      starts.set(this.stringStarts);
      this.stringStarts = starts;
      const lengths = new Uint32Array(this.stringCount * 2);
      lengths.set(this.stringLengths);
      this.stringLengths = lengths;
    }
    this.stringStarts[this.stringCount] = this.stringStart;
    this.stringLengths[this.stringCount] = endOffset - this.stringStart;
    this.stringCount++;
  }

  // --- Sections FlameLens skips (may nest: trace_tree) -----------------------------------

  private skipArray(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACKET && --this.depth === 0) {
        this.mode = Mode.SeekKey;
        return i + 1;
      }
    }
    return bytes.length;
  }

  private trailing(bytes: Buffer, start: number): number {
    for (let i = start; i < bytes.length; i++) if (bytes[i] > 32) throw this.malformed(i);
    return bytes.length;
  }

  /** `at` is the position in the current chunk; the message gives the position in the whole input. */
  private malformed(at: number): Error {
    return badInput(`${this.name} is damaged near byte ${this.offset + at}: it is not the JSON V8 writes. Take the snapshot again.`);
  }
}
