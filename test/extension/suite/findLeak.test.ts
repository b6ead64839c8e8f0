// "Find Memory Leak" and "Take Heap Snapshot" end to end in a real VS Code, through the API the
// commands share: snapshots of a real leaking server with real load in between (the callback
// stands in for the user pressing "Take Snapshot N" after their load test), then the comparison.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { portFrom, sendOrders } from '../../support/load';
import { fixtureApps } from '../../support/paths';
import { startTarget, type RunningTarget } from '../../support/targets';
import { closeAllEditors, eventually, flameLens } from './helpers';
import { bridgeAvailable, queryWebview, waitForWebview } from './webviewBridge';

describe('find memory leak', function () {
  this.timeout(180_000);
  let server: (RunningTarget & { readyLine: string }) | undefined;

  beforeEach(async () => {
    await closeAllEditors();
    // Its own inspector port (not SIGUSR1's 9229, which another process may hold).
    server = await startTarget(path.join(fixtureApps, 'leaky-server.js'), ['--inspect=127.0.0.1:0']);
  });
  afterEach(async () => {
    server?.kill();
    await closeAllEditors();
  });

  it('takes three snapshots with load in between and names the leak first', async () => {
    const api = await flameLens();
    const port = portFrom(server!.readyLine);
    const asked: number[] = [];
    const result = await api.findLeak(
      { pid: server!.pid },
      {
        waitForLoad: async (taken) => {
          asked.push(taken);
          await sendOrders(port, 60);
          return true;
        },
      },
    );
    assert.deepEqual(asked, [1, 2], 'asked for load after the first and the second snapshot');
    assert.equal(result.files.length, 3);
    result.files.forEach((file) => assert.ok(fs.existsSync(file) && file.endsWith('.heapsnapshot'), file));
    assert.equal(result.growth[0].name, 'AuditRecord', JSON.stringify(result.growth.slice(0, 3)));
    assert.equal(result.growth[0].countDelta, 60 * 50);
    assert.ok(
      result.growth[0].retainerPath.some((step) => step.startsWith('auditTrail')),
      result.growth[0].retainerPath.join(' ← '),
    );
    if (bridgeAvailable()) {
      await waitForWebview('.headline', 30_000);
      const headline = await queryWebview('.headline');
      assert.match(headline.texts[0], /AuditRecord/);
    }
  });

  it('takes one snapshot and opens it in the heap view', async () => {
    const api = await flameLens();
    await sendOrders(portFrom(server!.readyLine), 10);
    const { file } = await api.takeHeapSnapshot({ pid: server!.pid });
    assert.ok(fs.existsSync(file) && !fs.existsSync(`${file}.partial`));
    await eventually(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => (tab.input as { uri?: vscode.Uri })?.uri?.fsPath === file),
      'the snapshot to open in the heap view',
    );
  });
});
