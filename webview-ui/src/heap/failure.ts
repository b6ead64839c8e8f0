// Shows a failure in one sentence: instead of the page when nothing was shown yet, otherwise as a
// banner above what is there (e.g. the worker stopped while the table was open).
import { el } from '../dom';

export function showFailure(app: HTMLElement, message: string, keepPage: boolean): void {
  const line = message.split('\n')[0];
  app.removeAttribute('aria-busy');
  if (!keepPage) {
    app.replaceChildren(el('div', { class: 'error', role: 'alert' }, line));
    return;
  }
  app.querySelector('.error-banner')?.remove();
  app.prepend(el('div', { class: 'error error-banner', role: 'alert' }, line));
}
