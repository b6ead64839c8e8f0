/**
 * The flamegraph's hover card: one element on the page, filled with a frame's figures and placed
 * beside the pointer inside the viewport. Theme colours come from flame.css; the position is
 * set through the CSSOM (the webview's CSP allows no inline style attributes).
 */
import { el } from '../dom';
import { cardPosition, type FrameCard } from './frameCard';

export class FrameCardView {
  private readonly element = el('div', { class: 'flame-card tooltip', role: 'tooltip', hidden: '' });

  constructor() {
    document.body.append(this.element);
  }

  show(card: FrameCard, pointer: { clientX: number; clientY: number }): void {
    this.element.replaceChildren(el('strong', {}, card.title), ...card.lines.map((line) => el('div', {}, line)));
    this.element.hidden = false;
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const size = { width: this.element.offsetWidth, height: this.element.offsetHeight };
    const { left, top } = cardPosition({ x: pointer.clientX, y: pointer.clientY }, size, viewport);
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
