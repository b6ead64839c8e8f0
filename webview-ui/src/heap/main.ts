/**
 * Entry of the heap webview bundle: `<body data-page="snapshot">` (the .heapsnapshot editor) or
 * `data-page="comparison"` (the comparison panel) chooses the page; one message listener feeds it.
 */
import type { HeapHostMessage } from '../../../src/protocol/heapMessages';
import { ComparisonPage } from './comparisonPage';
import { postToHost } from './host';
import { SnapshotPage } from './snapshotPage';

const app = document.getElementById('app')!;
const page = document.body.dataset.page === 'comparison' ? new ComparisonPage(app) : new SnapshotPage(app);

window.addEventListener('message', (event: MessageEvent<HeapHostMessage>) => page.handle(event.data));
postToHost({ type: 'webview/ready' });
