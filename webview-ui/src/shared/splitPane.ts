/**
 * Two panes one above the other with a splitter between them (the profile page: flamegraph
 * above, tables below). Drag the splitter, or focus it and use ↑/↓ (5 %), Page Up/Down (20 %),
 * Home/End; each pane scrolls on its own, so the page always fits the window. Where the user
 * put it is kept in the page's state (VS Code's getState/setState) across hiding and moving.
 */
import { el } from './dom';
import { clampSplit, SPLIT_MAX, SPLIT_MIN, splitAfterKey } from './splitKeys';

export interface SplitStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export class SplitPane {
  readonly element: HTMLElement;
  private readonly splitter: HTMLElement;
  private percent: number;

  constructor(
    private readonly top: HTMLElement,
    bottom: HTMLElement,
    private readonly options: { readonly label: string; readonly stateKey: string; readonly initial: number; readonly store?: SplitStore },
  ) {
    const saved = options.store?.get(options.stateKey);
    this.percent = clampSplit(typeof saved === 'number' ? saved : options.initial);
    this.splitter = el('div', {
      class: 'splitter',
      role: 'separator',
      tabindex: '0',
      'aria-orientation': 'horizontal',
      'aria-label': options.label,
      'aria-valuemin': String(SPLIT_MIN),
      'aria-valuemax': String(SPLIT_MAX),
      title: 'Drag, or focus and use ↑/↓, to resize',
    });
    top.classList.add('split-pane', 'split-top');
    bottom.classList.add('split-pane', 'split-bottom');
    this.element = el('div', { class: 'split' }, top, this.splitter, bottom);
    this.splitter.addEventListener('keydown', (event) => {
      const next = splitAfterKey(this.percent, event.key);
      if (next === undefined) return;
      event.preventDefault();
      this.move(next);
    });
    this.splitter.addEventListener('pointerdown', (event) => this.drag(event));
    this.apply();
  }

  private drag(start: PointerEvent): void {
    start.preventDefault();
    this.splitter.setPointerCapture(start.pointerId);
    this.splitter.classList.add('dragging');
    const onMove = (event: PointerEvent) => {
      const box = this.element.getBoundingClientRect();
      if (box.height > 0) this.move(((event.clientY - box.top) / box.height) * 100);
    };
    const onUp = () => {
      this.splitter.classList.remove('dragging');
      this.splitter.removeEventListener('pointermove', onMove);
      this.splitter.removeEventListener('pointerup', onUp);
      this.splitter.removeEventListener('pointercancel', onUp);
    };
    this.splitter.addEventListener('pointermove', onMove);
    this.splitter.addEventListener('pointerup', onUp);
    this.splitter.addEventListener('pointercancel', onUp);
  }

  private move(percent: number): void {
    const next = clampSplit(percent);
    if (next === this.percent) return;
    this.percent = next;
    this.apply();
    this.options.store?.set(this.options.stateKey, next);
  }

  private apply(): void {
    this.top.style.flexBasis = `${this.percent}%`;
    this.splitter.setAttribute('aria-valuenow', String(this.percent));
    this.splitter.setAttribute('aria-valuetext', `upper pane ${this.percent} % of the height`);
  }
}
