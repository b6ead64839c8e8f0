'use strict';
/** B1 correctness: FlameLens' top constructors by retained size against DevTools' (and the other peers'). */
const { fmt } = require('../lib');

/** How many constructors are compared, and how far retained sizes may differ. */
const COMPARED = 10;
const RETAINED_TOLERANCE = 0.01;

function compareTop(ours, theirs) {
  const problems = [];
  const find = (rows, name) => rows.find((r) => r.name === name);
  const describe = (r, rows) =>
    r
      ? `#${rows.indexOf(r) + 1}: count ${fmt.count(r.count)}, retained ${fmt.count(r.retainedSize)}, shallow ${fmt.count(r.shallowSize)}`
      : 'not among its top 40';
  const oursTop = ours.slice(0, COMPARED);
  const theirsTop = theirs.slice(0, COMPARED);
  for (const t of theirsTop) {
    const o = find(ours, t.name);
    if (!find(oursTop, t.name)) {
      problems.push(`"${t.name}" is in DevTools' top ${COMPARED} (${describe(t, theirs)}) but not in FlameLens' (FlameLens ${describe(o, ours)})`);
      continue;
    }
    const diffs = [];
    if (o.count !== t.count) diffs.push(`count ${fmt.count(o.count)} vs DevTools ${fmt.count(t.count)}`);
    const rel = t.retainedSize === 0 ? (o.retainedSize === 0 ? 0 : Infinity) : Math.abs(o.retainedSize - t.retainedSize) / t.retainedSize;
    if (rel > RETAINED_TOLERANCE)
      diffs.push(`retained ${fmt.count(o.retainedSize)} vs DevTools ${fmt.count(t.retainedSize)} (${(rel * 100).toFixed(2)} % off)`);
    if (diffs.length) problems.push(`"${t.name}": ${diffs.join(', ')}`);
  }
  for (const o of oursTop) {
    if (!find(theirsTop, o.name))
      problems.push(
        `"${o.name}" is in FlameLens' top ${COMPARED} (${describe(o, ours)}) but not in DevTools' (DevTools ${describe(find(theirs, o.name), theirs)})`,
      );
  }
  return problems;
}

/** How far another peer's top 10 is from DevTools' (for information only). */
function peerAgreement(peer, devtools) {
  const names = new Set(devtools.slice(0, COMPARED).map((r) => r.name));
  const common = peer.slice(0, COMPARED).filter((r) => names.has(r.name));
  const within = common.filter((r) => {
    const t = devtools.find((d) => d.name === r.name);
    return t.retainedSize > 0 && Math.abs(r.retainedSize - t.retainedSize) / t.retainedSize <= RETAINED_TOLERANCE && r.count === t.count;
  });
  return `${common.length}/${COMPARED} names in common, ${within.length} with equal count and retained size within 1 %`;
}

module.exports = { compareTop, peerAgreement, COMPARED };
