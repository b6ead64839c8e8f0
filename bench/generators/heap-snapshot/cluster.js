'use strict';
/**
 * A run of nodes laid out together. Edge targets are local indices (≥ 0) or absolute ordinals
 * encoded as -(ordinal + 1). Node names are string indices, or a deferred content string
 * { seed, length, prefix, logical } whose text is made only when the node is written.
 */
class Cluster {
  constructor() {
    this.nodes = [];
  }
  add(type, name, size, loc, detachedness = 0) {
    this.nodes.push({ type, name, size, loc, detachedness, edges: [] });
    return this.nodes.length - 1;
  }
  edge(from, type, name, to) {
    this.nodes[from].edges.push(type, name, to);
  }
}
const abs = (ordinal) => -ordinal - 1;

module.exports = { Cluster, abs };
