/**
 * The toolbar above a flamegraph (the profile page's and the allocation page's): the search box
 * ("/" focuses it) with what the search matched, "Callers on top / below", and "Reset zoom".
 */
import { el } from '../dom';
import { focusOnSlash } from '../searchShortcut';

export interface FlameToolbarEvents {
  /** The search text changed (also when the host sets it). */
  search(text: string): void;
  invert(inverted: boolean): void;
  resetZoom(): void;
}

export class FlameToolbar {
  readonly element: HTMLElement;
  private readonly searchBox: HTMLInputElement;
  private readonly result = el('span', { class: 'muted search-result', 'aria-live': 'polite' });
  private readonly invertButton = el(
    'button',
    { type: 'button', class: 'secondary', 'aria-pressed': 'true', title: 'Callers on top (icicle) or below (flame)' },
    'Callers on top',
  );
  private readonly resetButton = el(
    'button',
    { type: 'button', class: 'secondary reset-zoom', title: 'Show the whole graph again (Escape in the graph)' },
    'Reset zoom',
  );

  constructor(searchLabel: string, events: FlameToolbarEvents) {
    this.searchBox = el('input', { type: 'search', placeholder: 'Search functions or files  ( / )', 'aria-label': searchLabel });
    this.searchBox.addEventListener('input', () => events.search(this.searchBox.value));
    this.invertButton.addEventListener('click', () => {
      const inverted = this.invertButton.getAttribute('aria-pressed') !== 'true';
      this.invertButton.setAttribute('aria-pressed', String(inverted));
      this.invertButton.textContent = inverted ? 'Callers on top' : 'Callers below';
      events.invert(inverted);
    });
    this.resetButton.addEventListener('click', () => events.resetZoom());
    focusOnSlash(this.searchBox);
    this.element = el('div', { class: 'toolbar' }, this.searchBox, this.result, el('span', { class: 'spacer' }), this.invertButton, this.resetButton);
  }

  /** What the search matched, in the page's words; nothing while the box is empty. */
  showMatch(text: string): void {
    this.result.textContent = this.searchBox.value.trim() ? text : '';
  }

  /** The host asked for a search (e.g. "Search in FlameLens" from the editor). */
  setSearch(text: string): void {
    this.searchBox.value = text;
  }
}
