// The allocation table's rows: those that allocated by the chosen measure, most bytes first.
import * as assert from 'node:assert/strict';
import type { AllocationFunctionRowDto } from '../../../../src/protocol/allocation/views';
import { ALLOCATION_ROWS_SHOWN, allocationRowsShown } from '../../../../webview-ui/src/allocation/allocationRows';
import { filterText } from '../../../../webview-ui/src/shared/textFilter';

function row(name: string, selfBytes: number, totalBytes: number, file?: string): AllocationFunctionRowDto {
  return { key: name, name, location: file ? { file, line: 1 } : undefined, category: 'app', selfBytes, selfPct: 0, totalBytes, totalPct: 0 };
}

const rows = [
  row('main', 0, 900, '/app/main.js'),
  row('makeOrder', 500, 600, '/app/orders.js'),
  row('toJSON', 300, 300),
  row('parse', 400, 400, '/app/parse.js'),
];
const names = (shown: readonly AllocationFunctionRowDto[]) => shown.map((r) => r.name);

describe('webview allocation rows', () => {
  it('lists functions by the bytes they allocated themselves, leaving out those that allocated none', () => {
    assert.deepEqual(names(allocationRowsShown(rows, 'selfBytes', '')), ['makeOrder', 'parse', 'toJSON']);
  });

  it('lists them by the bytes allocated with what they call when sorted by total', () => {
    assert.deepEqual(names(allocationRowsShown(rows, 'totalBytes', '')), ['main', 'makeOrder', 'parse', 'toJSON']);
  });

  it('keeps the functions the search finds by name or file', () => {
    assert.deepEqual(names(allocationRowsShown(rows, 'totalBytes', filterText('ORDER'))), ['makeOrder']);
    assert.deepEqual(names(allocationRowsShown(rows, 'totalBytes', filterText('parse.js'))), ['parse']);
  });

  it('shows the largest 500 at most', () => {
    const many = Array.from({ length: 600 }, (_, i) => row(`f${i}`, i + 1, i + 1));
    const shown = allocationRowsShown(many, 'selfBytes', '');
    assert.equal(shown.length, ALLOCATION_ROWS_SHOWN);
    assert.equal(shown[0].name, 'f599');
    assert.equal(shown.at(-1)!.name, 'f100');
  });
});
