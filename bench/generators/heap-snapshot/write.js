'use strict';
/**
 * Writing: every node, edge and location goes to its section's temporary file as the clusters
 * are replayed, then the sections are joined under the header, exactly as V8 lays them out.
 */
const fs = require('node:fs');
const { MiB, META, NODE_FIELD_COUNT, T, Section } = require('./format');
const { makeText, stringSize } = require('./text');

/** One temporary file per section, next to the output. */
function openSections(outFile) {
  const tmp = (name) => `${outFile}.${name}.tmp`;
  return {
    nodes: new Section(tmp('nodes'), '\n,'),
    edges: new Section(tmp('edges'), '\n,'),
    locations: new Section(tmp('locations'), '\n,'),
    strings: new Section(tmp('strings'), ',\n'),
  };
}

/**
 * Writes clusters laid out from a given ordinal: content strings get their text (and size) only
 * now. `counts` sums the edges and locations written.
 */
function clusterWriter(sections, strings) {
  const counts = { edges: 0, locations: 0 };
  const write = (cluster, start) => {
    const nodes = cluster.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const ordinal = start + i;
      let name = node.name;
      let size = node.size;
      if (typeof name === 'object') {
        const full = makeText(name.seed, name.length, name.prefix);
        size = stringSize(full, name.logical ?? full.length);
        name = strings.add(full);
      }
      const edges = node.edges;
      for (let k = 0; k < edges.length; k += 3) {
        const to = edges[k + 2];
        sections.edges.add(`${edges[k]},${edges[k + 1]},${(to >= 0 ? start + to : -to - 1) * NODE_FIELD_COUNT}`);
      }
      counts.edges += edges.length / 3;
      const id = node.type === T.native ? 2 * ordinal + 2 : 2 * ordinal + 1;
      sections.nodes.add(`${node.type},${name},${id},${size},${edges.length / 3},0,${node.detachedness}`);
      if (node.loc) {
        sections.locations.add(`${ordinal * NODE_FIELD_COUNT},${node.loc}`);
        counts.locations++;
      }
    }
  };
  return { write, counts };
}

/** Joins the header and the sections' files into `outFile` (renamed into place when complete). */
function assemble(outFile, sections, { nodeCount, edgeCount }) {
  const partial = `${outFile}.partial`;
  const fd = fs.openSync(partial, 'w');
  const put = (text) => fs.writeSync(fd, text, null, 'latin1');
  const append = (file) => {
    const buffer = Buffer.allocUnsafe(8 * MiB);
    const input = fs.openSync(file, 'r');
    for (let read; (read = fs.readSync(input, buffer, 0, buffer.length, null)) > 0;) fs.writeSync(fd, buffer, 0, read);
    fs.closeSync(input);
    fs.unlinkSync(file);
  };
  put(`{"snapshot":{"meta":${JSON.stringify(META)},"node_count":${nodeCount},"edge_count":${edgeCount},"trace_function_count":0},\n"nodes":[`);
  append(sections.nodes.file);
  put('\n],\n"edges":[');
  append(sections.edges.file);
  put('\n],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[');
  append(sections.locations.file);
  put('\n],\n"strings":[');
  append(sections.strings.file);
  put(']}');
  fs.closeSync(fd);
  fs.renameSync(partial, outFile);
}

module.exports = { openSections, clusterWriter, assemble };
