/**
 * Which functions the allocation table lists, in which order (no DOM, so it is tested in Node):
 * those that allocated by the chosen measure and match the search, most bytes first, at most 500.
 */
import type { AllocationFunctionRowDto } from '../../../src/protocol/allocation/views';
import { matchesNameOrFile } from '../shared/textFilter';

/** Self: bytes a function allocated itself; total: with what it calls. */
export type AllocationSortKey = 'selfBytes' | 'totalBytes';

/** More rows than anyone reads; the search finds the rest. */
export const ALLOCATION_ROWS_SHOWN = 500;

/** `filter` comes from `filterText`. */
export function allocationRowsShown(rows: readonly AllocationFunctionRowDto[], sortBy: AllocationSortKey, filter: string): AllocationFunctionRowDto[] {
  return rows
    .filter((row) => row[sortBy] > 0 && matchesNameOrFile(row, filter))
    .sort((a, b) => b[sortBy] - a[sortBy])
    .slice(0, ALLOCATION_ROWS_SHOWN);
}
