/**
 * The details pane of the snapshot page: what keeps the chosen object alive, as the chain of
 * references from the object up to a GC root — each step says how it is held (variable,
 * property, element) and by what, with a link to where the holder is defined.
 * Keyboard: ↑/↓ move along the steps, Enter opens a step's source.
 */
import type { InstanceRowDto, RetainerPathDto, RetainerStepDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import { locationText } from '../shared/locationText';
import { bindRow } from '../shared/rowNavigation';
import { locationLink, type OpenLocation } from './locationLink';

const edgeKinds: Record<string, string> = {
  context: 'variable',
  property: 'property',
  element: 'element',
  internal: 'internal',
  hidden: 'hidden',
  shortcut: 'shortcut',
  weak: 'weak',
};

export class RetainerPane {
  readonly element = el('aside', { class: 'details', 'aria-label': 'What keeps the selected object alive' });
  private current: InstanceRowDto | undefined;

  constructor(private readonly open: OpenLocation) {
    this.clear();
  }

  clear(): void {
    this.current = undefined;
    this.element.replaceChildren(
      el('h2', {}, 'Retainers'),
      el('p', { class: 'muted' }, 'Expand a constructor and choose one of its objects to see what keeps it alive.'),
    );
  }

  /** An object was chosen; its path is on the way. */
  select(row: InstanceRowDto): void {
    this.current = row;
    this.element.replaceChildren(this.title(row), el('p', { class: 'muted loading-row' }, 'Finding the path to a GC root…'));
  }

  show(path: RetainerPathDto): void {
    const row = this.current;
    if (!row || row.ordinal !== path.ordinal) return; // an answer for an earlier choice
    const list = el('ol', { class: 'retainer-path', 'aria-label': `How ${row.label} @${row.id} is held, up to a GC root` });
    list.append(
      el(
        'li',
        { class: 'step object' },
        el('span', { class: 'arrow', 'aria-hidden': 'true' }),
        el('span', { class: 'step-body' }, el('span', { class: 'holder' }, row.label), el('span', { class: 'object-id' }, `@${row.id}`)),
      ),
    );
    for (const step of path.steps) list.append(this.step(step));
    list.append(
      el(
        'li',
        { class: 'step root muted' },
        el('span', { class: 'arrow', 'aria-hidden': 'true' }, '↑'),
        el('span', { class: 'step-body' }, path.steps.length ? 'GC root' : 'held directly by a GC root'),
      ),
    );
    this.element.replaceChildren(this.title(row), list);
    const first = list.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private title(row: InstanceRowDto): HTMLElement {
    return el('h2', {}, 'What keeps ', el('span', { class: 'code' }, `${row.label} @${row.id}`), ' alive');
  }

  private step(step: RetainerStepDto): HTMLElement {
    const kind = edgeKinds[step.edgeType] ?? step.edgeType;
    const item = el(
      'li',
      {
        class: 'step',
        'data-row': '',
        tabindex: '-1',
        title: step.location ? `${step.holder} — defined at ${locationText(step.location)}` : step.holder,
      },
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '↑'),
      el(
        'span',
        { class: 'step-body' },
        el('span', { class: 'via code' }, step.via),
        el('span', { class: 'edge-kind' }, kind),
        el('span', { class: 'in muted' }, 'in'),
        el('span', { class: 'holder' }, step.holder),
        el('span', { class: 'object-id' }, `@${step.holderId}`),
        locationLink(step.location, this.open),
      ),
    );
    const location = step.location;
    bindRow(this.element, item, { open: location && (() => this.open(location)) });
    return item;
  }
}
