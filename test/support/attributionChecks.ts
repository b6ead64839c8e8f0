// Compares a `--json` summary with a fixture's known answer (attributionTruth.ts). Returns every
// way the summary is wrong, as sentences, so a failing test (and the before/after table of issue 8)
// says all of what is wrong at once rather than the first thing.
import * as fs from 'node:fs';
import { attributionApps, functionTruth, pctTolerance, type FunctionTruth, type ShapeTruth } from './attributionTruth';

interface SummaryFunction {
  name: string;
  file: string;
  line: number;
  selfMs: number;
  selfPct: number;
  totalPct: number;
  category: string;
}
interface SummaryLine {
  file: string;
  line: number;
  selfPct: number;
}
export interface AttributionSummary {
  samples: number;
  hotFunctions: SummaryFunction[];
  hotLines: SummaryLine[];
}

/**
 * By construction the fixtures' other code (loops around the calls, start-up, the module body)
 * does a few % of the work: no line or function outside the hot one may hold more than this.
 */
export const otherCodeMaxPct = 15;

/** `name`'s extent when `file` declares a top-level function of that name (else undefined). */
function declaredFunction(file: string, name: string): FunctionTruth | undefined {
  if (!/^[\w$]+$/.test(name) || !fs.existsSync(file)) return undefined;
  try {
    return functionTruth(file, name);
  } catch {
    return undefined; // Not declared there (a minified name, an anonymous function): nothing to check.
  }
}

const where = (f: { file: string; line: number }) => `${f.file}:${f.line}`;
const inRange = (fn: FunctionTruth, file: string, line: number) => file === fn.file && line >= fn.startLine && line <= fn.endLine;

/**
 * `major`: the Node version the profile came from. Functions the raw samples cannot tell apart
 * (`inseparableFrom`) are accepted only below Node 26, whose V8 gives inlined frames nodes of their own.
 */
export function attributionProblems(summary: AttributionSummary, truth: ShapeTruth, major: number): string[] {
  const problems: string[] = [];
  const { hot } = truth;
  const accepted = [hot, ...(major < 26 ? (truth.inseparableFrom?.functions ?? []) : [])];

  // 1. The top self function is the hot one, by its original name and original file.
  const top = summary.hotFunctions[0];
  if (!top) return ['the summary lists no functions'];
  const topTruth = accepted.find((f) => f.name === top.name && f.file === top.file);
  if (!topTruth) {
    problems.push(`top function is ${top.name} (${where(top)}, ${top.selfPct} % self), expected ${hot.name} (${hot.file}:${hot.startLine})`);
  } else {
    // 2. Its line is its own declaration in the original source (not another function's line).
    if (!inRange(topTruth, top.file, top.line)) {
      problems.push(`${top.name} is placed on line ${top.line}, outside its lines ${topTruth.startLine}–${topTruth.endLine}`);
    }
    // 3. Its share is at least the construction's minimum. Where the raw samples cannot tell the
    //    hot function from the ones it is inlined into (one-line code below Node 26), only their
    //    sum is known: that sum must reach the minimum.
    const together = summary.hotFunctions.filter((f) => accepted.some((a) => a.name === f.name && a.file === f.file));
    const share = accepted.length > 1 ? together.reduce((sum, f) => sum + f.selfPct, 0) : top.selfPct;
    if (share < truth.minSelfPct) {
      problems.push(
        `${together.map((f) => f.name).join(' + ') || top.name} has ${Math.round(share * 100) / 100} % self, expected at least ${truth.minSelfPct} %`,
      );
    }
  }
  // No function of the fixture's sources, wherever it ranks, is shown at another function's line
  // (issue 8, item 5): a listed name declared in its file must be placed within its own lines.
  for (const f of summary.hotFunctions) {
    if (f === top || !f.file.startsWith(attributionApps)) continue;
    const declared = declaredFunction(f.file, f.name);
    if (declared && !inRange(declared, f.file, f.line)) {
      problems.push(`${f.name} is listed on line ${f.line} of ${f.file}, outside its lines ${declared.startLine}–${declared.endLine}`);
    }
  }

  // 4. No figure above 100 %.
  for (const f of summary.hotFunctions) {
    if (f.selfPct > 100 + pctTolerance || f.totalPct > 100 + pctTolerance) {
      problems.push(`${f.name} (${where(f)}) has ${f.selfPct} % self and ${f.totalPct} % total: above 100 %`);
    }
  }

  // 5. No line of the program's own files outside the hot function(s) holds more than any other
  // code of the program can by construction. (Node's own start-up — type stripping's compiler,
  // a worker's bootstrap — is real time on a loaded machine, and not the program's.)
  const foreignMax = otherCodeMaxPct;
  for (const l of summary.hotLines) {
    if (l.selfPct > foreignMax && l.file.startsWith(attributionApps) && !accepted.some((fn) => inRange(fn, l.file, l.line))) {
      problems.push(
        `line ${where(l)} has ${l.selfPct} % self, outside ${hot.name}'s lines ${hot.startLine}–${hot.endLine} (at most ${foreignMax} % can be elsewhere)`,
      );
    }
  }

  // 6. Functions declared on line 1 keep their names; the module wrapper does not take their time.
  for (const name of truth.lineOneFunctions ?? []) {
    if (!summary.hotFunctions.some((f) => f.name === name)) problems.push(`${name}, declared on line 1, is missing from the hot functions`);
  }
  const wrapper = summary.hotFunctions.find((f) => f.name === '(anonymous)' && f.line === 1 && f.file === hot.file);
  if (wrapper && wrapper.selfPct > foreignMax) problems.push(`"(anonymous)" on line 1 of ${hot.file} has ${wrapper.selfPct} % self`);
  return problems;
}
