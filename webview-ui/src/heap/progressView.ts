// What the page shows while the worker reads snapshots: a progress bar, the percent and the phase.
import { el } from '../dom';

export class ProgressView {
  readonly element: HTMLElement;
  private readonly bar = el('progress', { max: '1', value: '0', 'aria-label': 'Opening progress' });
  private readonly text = el('p', { class: 'progress-text', role: 'status', 'aria-live': 'polite' }, 'Starting…');

  constructor(title: string) {
    this.element = el('div', { class: 'progress' }, el('h1', {}, title), this.bar, this.text);
  }

  show(fraction: number, phase: string): void {
    const clamped = Math.max(0, Math.min(1, fraction));
    this.bar.value = clamped;
    this.text.textContent = `${phase} — ${Math.floor(clamped * 100)} %`;
  }
}
