'use strict';
/** Serialisation: compact JSON, as node --cpu-prof writes it (ids are 1-based), built in chunks. */
const fs = require('node:fs');

function writeProfile(file, tree, sampled, random) {
  const { count, parent, fn, functions } = tree;
  const children = new Array(count);
  for (let i = 1; i < count; i++) (children[parent[i]] ??= []).push(i + 1);
  const parts = [];
  let chunk = '{"nodes":[';
  const flush = () => {
    parts.push(chunk);
    chunk = '';
  };
  for (let i = 0; i < count; i++) {
    const f = functions[fn[i]];
    chunk +=
      (i ? ',' : '') +
      `{"id":${i + 1},"callFrame":{"functionName":${JSON.stringify(f.name)},"scriptId":"${f.scriptId}","url":${JSON.stringify(f.url)},"lineNumber":${f.line},"columnNumber":${f.column}},"hitCount":${sampled.hits[i]}`;
    if (children[i]) chunk += `,"children":[${children[i].join(',')}]`;
    if (sampled.hits[i] > 0 && f.url && random() < 0.4) chunk += `,"positionTicks":${JSON.stringify(positionTicks(f.line, sampled.hits[i], random))}`;
    chunk += '}';
    if (chunk.length > 1 << 20) flush();
  }
  const startTime = 81_234_567_890;
  let duration = 0;
  for (const d of sampled.deltas) duration += d;
  chunk += `],"startTime":${startTime},"endTime":${startTime + duration + 420},"samples":[`;
  flush();
  joinInts(parts, sampled.samples, 1);
  parts.push('],"timeDeltas":[');
  joinInts(parts, sampled.deltas, 0);
  parts.push(']}');
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, parts.join(''));
  fs.renameSync(temporary, file);
  return duration;
}

/** Per-line hits (1-based lines) spread over 1-3 lines of the function. */
function positionTicks(line0, hits, random) {
  const lines = Math.min(hits, 1 + Math.floor(random() * 3));
  const ticks = [];
  let left = hits;
  for (let k = 0; k < lines; k++) {
    const t = k === lines - 1 ? left : 1 + Math.floor(random() * (left - (lines - k - 1)));
    left -= t;
    ticks.push({ line: line0 + 2 + k * (1 + Math.floor(random() * 4)), ticks: t });
  }
  return ticks;
}

function joinInts(parts, values, add) {
  for (let i = 0; i < values.length; i += 100_000) {
    const end = Math.min(values.length, i + 100_000);
    let s = '';
    for (let k = i; k < end; k++) s += (k ? ',' : '') + (values[k] + add);
    parts.push(s);
  }
}

module.exports = { writeProfile };
