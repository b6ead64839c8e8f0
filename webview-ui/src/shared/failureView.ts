/**
 * Shows a failure in one sentence. When nothing was shown yet it is the page: laid out like the
 * views (a header with the file's name, the sentence, the next step as a button). Otherwise it is
 * a banner above what is there (e.g. the worker stopped while the table was open), so what the
 * user was reading stays.
 */
import { failureActionLabels, type FailureAction, type PageFailed } from '../../../src/protocol/shared/messages';
import { el } from './dom';
import { hostChannel } from './host';

/** What a failure says: its sentence alone, or the host's whole failure message (file, next step). */
export type FailureShown = string | Pick<PageFailed<string>, 'message' | 'file' | 'action'>;

export function showFailure(app: HTMLElement, failure: FailureShown, keepPage: boolean): void {
  const { message, file, action } = typeof failure === 'string' ? { message: failure, file: undefined, action: undefined } : failure;
  const sentence = message.split('\n')[0];
  app.removeAttribute('aria-busy');
  if (!keepPage) {
    // A page that could show nothing: opening another file is the usual way on.
    const next = action === 'none' ? undefined : (action ?? 'openAnotherFile');
    app.replaceChildren(
      el(
        'div',
        { class: 'failure-page' },
        el('div', { class: 'header' }, el('h1', {}, file ? baseName(file) : document.title)),
        el('p', { class: 'error failure-sentence', role: 'alert' }, sentence),
        ...(next ? [actionButton(next)] : []),
      ),
    );
    app.querySelector<HTMLButtonElement>('.failure-action')?.focus();
    return;
  }
  app.querySelector('.error-banner')?.remove();
  const next = action && action !== 'none' ? [actionButton(action)] : [];
  app.prepend(el('div', { class: 'error error-banner', role: 'alert' }, sentence, ...next));
}

/** The button that asks the host to take the next step. */
function actionButton(action: FailureAction): HTMLButtonElement {
  const button = el('button', { class: 'failure-action', type: 'button' }, failureActionLabels[action]);
  button.addEventListener('click', () => hostChannel<{ type: 'failure/action'; action: FailureAction }>().post({ type: 'failure/action', action }));
  return button;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
