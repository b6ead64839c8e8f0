// A "file.js:12" link that asks the host to open a source line. Kept out of the tab order: rows
// are reached with the arrow keys and open their source with Ctrl+Enter instead.
import type { SourceLocationDto } from '../../../src/protocol/profileViews';
import { el } from '../dom';
import { postToHost } from './host';

export function openLocation(location: SourceLocationDto): void {
  postToHost({ type: 'editor/openLocation', file: location.file, line: location.line });
}

export function locationLink(location: SourceLocationDto | undefined): HTMLElement {
  if (!location) return el('span', { class: 'where' });
  const link = el(
    'button',
    { type: 'button', class: 'link where', tabindex: '-1', title: `Open ${location.file}:${location.line}` },
    `${location.file.split(/[\\/]/).pop()}:${location.line}`,
  );
  link.addEventListener('click', (event) => {
    event.stopPropagation();
    openLocation(location);
  });
  return link;
}
