/**
 * The memory webview's entry: one bundle for the memory timeline page and the allocation profile
 * page (the host says which in `#app[data-page]`), and the one message switch.
 */
import type { MemoryHostMessage } from '../../../src/protocol/memoryMessages';
import { el } from '../dom';
import { AllocationPage } from './allocationPage';
import { postToHost } from './host';
import { TimelinePage } from './timelinePage';

const app = document.getElementById('app')!;
const timeline = app.dataset.page === 'timeline' ? new TimelinePage(app) : undefined;
const allocations = app.dataset.page === 'allocations' ? new AllocationPage(app) : undefined;
let shownAnything = false;

function handle(message: MemoryHostMessage): void {
  switch (message.type) {
    case 'memory/timeline':
    case 'memory/ended':
    case 'memory/snapshot':
      timeline?.handle(message);
      break;
    case 'allocations/loaded':
    case 'allocations/subtree':
      allocations?.handle(message);
      break;
    case 'memory/failed':
      fail(message.message);
      return;
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
  shownAnything ||= message.type === 'memory/timeline' || message.type === 'allocations/loaded';
}

/** Before anything was shown the message replaces the page; afterwards it is a banner on top. */
function fail(text: string): void {
  app.removeAttribute('aria-busy');
  if (!shownAnything) {
    app.replaceChildren(el('div', { class: 'error', role: 'alert' }, text));
    return;
  }
  app.querySelector('.error-banner')?.remove();
  app.prepend(el('div', { class: 'error-banner', role: 'alert' }, text));
}

window.addEventListener('message', (event: MessageEvent<MemoryHostMessage>) => handle(event.data));
postToHost({ type: 'webview/ready' });
