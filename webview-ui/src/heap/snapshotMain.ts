// Entry of the heap snapshot page's bundle (dist/heapSnapshot.js): the .heapsnapshot editor.
import type { HeapSnapshotHostMessage, HeapSnapshotRequest } from '../../../src/protocol/heap/messages';
import { mountPage } from '../shared/mountPage';
import { SnapshotPage } from './snapshotPage';

mountPage<HeapSnapshotHostMessage, HeapSnapshotRequest>((page) => new SnapshotPage(page).handlers);
