/**
 * The extent of every function in a script (index 0 is the script's top level, so every
 * line has an owner). A view of scriptStructure.ts for callers that need only the ranges.
 */
import type { FunctionRange } from '../model/cpu/savedProfile';
import { scriptStructureOf } from './scriptStructure';

/** Function ranges of JavaScript source text; undefined when it does not parse (e.g. TypeScript). */
export function functionRangesOf(text: string): FunctionRange[] | undefined {
  return scriptStructureOf(text)?.functions;
}
