// A "file.js:12" link that asks the host to open a source line. Kept out of the tab order: rows
// are reached with the arrow keys and open their source with Ctrl+Enter instead.
import { formatLocation } from '../../../src/format';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { locationText } from '../shared/locationText';

export type OpenLocation = (location: SourceLocationDto) => void;

export function locationLink(location: SourceLocationDto | undefined, open: OpenLocation): HTMLElement {
  if (!location) return el('span', { class: 'where' });
  const link = el(
    'button',
    { type: 'button', class: 'link where', tabindex: '-1', title: `Open ${locationText(location)}` },
    // The file's name only: the link sits in a narrow column beside the constructor's name.
    formatLocation(location.file.split(/[\\/]/).pop() ?? location.file, location.line),
  );
  link.addEventListener('click', (event) => {
    event.stopPropagation();
    open(location);
  });
  return link;
}
