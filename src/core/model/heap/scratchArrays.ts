/**
 * A pool of per-node Uint32Arrays for the analysis passes (retainers, DFS numbering, dominators,
 * class sums). Each pass hands its temporaries back for the next, so the peak is the most any
 * one pass needs rather than everything allocated before the garbage collector gets round to
 * freeing it — which on a 1 GiB snapshot is the difference of hundreds of MB.
 */
export class ScratchArrays {
  private readonly free: Uint32Array[] = [];

  /** `length` is the node count + 1, enough for prefix-sum arrays too. */
  constructor(readonly length: number) {}

  /** An array of `length` elements, every one set to `fill`. */
  take(fill = 0): Uint32Array {
    const array = this.free.pop() ?? new Uint32Array(this.length);
    return array.fill(fill);
  }

  give(...arrays: Uint32Array[]): void {
    for (const array of arrays) if (array.length === this.length) this.free.push(array);
  }
}
