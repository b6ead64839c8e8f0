'use strict';
/**
 * The check of a generated snapshot: Chrome DevTools' own parser (heap-snapshot-toolkit) must
 * read it with the same node and edge counts, report no problem, and reach every node.
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { BENCH_DIR } = require('../../lib');
const { MiB } = require('./format');

function validate(file, meta) {
  const script = `
    import('heap-snapshot-toolkit').then(async ({ parse }) => {
      const fs = require('node:fs');
      const problems = [];
      const warn = console.warn;
      console.warn = console.error = (...args) => problems.push(args.join(' ').slice(0, 300));
      const snapshot = await parse(fs.createReadStream(process.argv[1]));
      console.warn = warn;
      const stats = snapshot.getStatistics();
      // Nodes DevTools cannot reach from the root through strong edges keep distance -5.
      let unreachable = 0;
      for (let i = 0; i < snapshot.nodeCount; i++) if (snapshot.nodeDistances[i] === -5) unreachable++;
      process.stdout.write('B1-VALIDATE ' + JSON.stringify({ nodes: snapshot.nodeCount, edges: snapshot.containmentEdges.length / snapshot.edgeFieldsCount, total: stats.total, unreachable, problems }) + '\\n');
    });`;
  const result = spawnSync(process.execPath, ['--max-old-space-size=16384', '-e', script, file], { cwd: BENCH_DIR, encoding: 'utf8', maxBuffer: 64 * MiB });
  const line = (result.stdout || '').split('\n').find((l) => l.startsWith('B1-VALIDATE '));
  if (!line) throw new Error(`heap-snapshot-toolkit could not parse ${file}: ${result.status ?? result.signal}\n${(result.stderr || '').slice(-2000)}`);
  const v = JSON.parse(line.slice('B1-VALIDATE '.length));
  const errors = [];
  if (v.nodes !== meta.nodes) errors.push(`nodes ${v.nodes} ≠ ${meta.nodes}`);
  if (v.edges !== meta.edges) errors.push(`edges ${v.edges} ≠ ${meta.edges}`);
  if (v.unreachable > 0) errors.push(`${v.unreachable} nodes unreachable from the root through strong edges`);
  if (v.problems.length > 0) errors.push(`problems reported: ${v.problems.join(' | ')}`);
  if (errors.length > 0) throw new Error(`${path.basename(file)} does not parse cleanly with heap-snapshot-toolkit: ${errors.join('; ')}`);
  return { parser: 'heap-snapshot-toolkit', nodes: v.nodes, edges: v.edges, totalSize: v.total };
}

module.exports = { validate };
