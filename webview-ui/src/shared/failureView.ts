/**
 * Shows a failure in one sentence: instead of the page when nothing was shown yet, otherwise as a
 * banner above what is there (e.g. the worker stopped while the table was open), so what the user
 * was reading stays.
 */
import { el } from './dom';

export function showFailure(app: HTMLElement, message: string, keepPage: boolean): void {
  const sentence = message.split('\n')[0];
  app.removeAttribute('aria-busy');
  if (!keepPage) {
    app.replaceChildren(el('div', { class: 'error', role: 'alert' }, sentence));
    return;
  }
  app.querySelector('.error-banner')?.remove();
  app.prepend(el('div', { class: 'error error-banner', role: 'alert' }, sentence));
}
