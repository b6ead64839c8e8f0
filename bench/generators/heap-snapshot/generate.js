'use strict';
/**
 * One snapshot, streamed to disk in named steps: the prefix (roots, classes, singletons), the
 * plan of the clusters sized to the target, the containers and natives after them, then the
 * write (prefix, clusters re-built from their seeds, containers, natives) and the assembly.
 */
const fs = require('node:fs');
const { MiB, StringTable } = require('./format');
const { buildPrefix } = require('./prefix');
const { templates } = require('./templates');
const { sizedPlan, replayClusters } = require('./plan');
const { layoutTail, containerCluster } = require('./layout');
const { openSections, clusterWriter, assemble } = require('./write');

/** Bump when the output changes: cached inputs are rebuilt. */
const GENERATOR_VERSION = 3;

async function generate(spec, outFile, log = console.log) {
  const started = Date.now();
  const sections = openSections(outFile);
  const strings = new StringTable(sections.strings);
  strings.add('<dummy>');
  strings.intern('');
  const { prefix, at } = buildPrefix(strings);
  const make = templates(strings, at, spec.mode);
  const prefixSize = prefix.nodes.length;

  const { count, plan } = sizedPlan({ spec, make, prefixSize });
  log(
    `  plan: ${count.toLocaleString('en-US')} clusters, ${plan.clusterNodes.toLocaleString('en-US')} nodes in them, ~${(plan.bytes / MiB).toFixed(0)} MiB estimated (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const tail = layoutTail({ prefix, at, plan, strings, prefixSize });

  const writer = clusterWriter(sections, strings);
  writer.write(prefix, 0);
  replayClusters({ spec, make, prefixSize, plan, onCluster: writer.write, verify: true });
  for (const c of tail.containers) writer.write(containerCluster(c, at, strings), c.ordinal);
  writer.write(tail.natives, tail.nativesStart);
  if (sections.nodes.items !== tail.nodeCount) throw new Error(`internal: wrote ${sections.nodes.items} nodes, planned ${tail.nodeCount}`);
  for (const section of Object.values(sections)) section.close();
  assemble(outFile, sections, { nodeCount: tail.nodeCount, edgeCount: writer.counts.edges });

  return {
    version: GENERATOR_VERSION,
    seed: spec.seed,
    mode: spec.mode,
    bytes: fs.statSync(outFile).size,
    nodes: tail.nodeCount,
    edges: writer.counts.edges,
    strings: strings.count,
    stringsSectionBytes: sections.strings.bytes,
    locations: writer.counts.locations,
    clusters: count,
    generateSeconds: (Date.now() - started) / 1000,
  };
}

module.exports = { generate, GENERATOR_VERSION };
