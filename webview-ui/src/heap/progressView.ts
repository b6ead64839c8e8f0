// What a heap page shows while the worker reads snapshots: a progress bar, the percent and the
// phase — and the messages both heap pages get meanwhile.
import type { HeapSnapshotHostMessage } from '../../../src/protocol/heap/messages';
import { el } from '../shared/dom';
import type { Handlers, Page } from '../shared/mountPage';

type LoadingMessage = Extract<HeapSnapshotHostMessage, { type: 'heap/progress' | 'heap/failed' }>;

export class ProgressView {
  readonly element: HTMLElement;
  private readonly bar = el('progress', { max: '1', value: '0', 'aria-label': 'Opening progress' });
  private readonly text = el('p', { class: 'progress-text', role: 'status', 'aria-live': 'polite' }, 'Starting…');

  constructor(title: string) {
    this.element = el('div', { class: 'progress' }, el('h1', {}, title), this.bar, this.text);
  }

  /** Progress until the page shows what it opened (later progress is for nothing on screen); failures as on every page. */
  handlers<Out extends { readonly type: string }>(page: Page<Out>): Handlers<LoadingMessage> {
    return {
      'heap/progress': ({ fraction, phase }) => {
        if (!page.shown) this.show(fraction, phase);
      },
      'heap/failed': ({ message }) => page.fail(message),
    };
  }

  private show(fraction: number, phase: string): void {
    const clamped = Math.max(0, Math.min(1, fraction));
    this.bar.value = clamped;
    this.text.textContent = `${phase} — ${Math.floor(clamped * 100)} %`;
  }
}
