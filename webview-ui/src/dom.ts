// Small DOM helpers: elements are built with textContent only, never innerHTML.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatPct(pct: number): string {
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

/** The last path segments of a file, for narrow columns (the full path goes in a title). */
export function shortPath(file: string, segments = 2): string {
  const parts = file.split(/[\\/]/);
  return parts.length <= segments ? file : `…/${parts.slice(-segments).join('/')}`;
}

export const categoryLabels: Record<string, string> = {
  app: 'Your code',
  dependency: 'Dependencies',
  node: 'Node.js',
  native: 'V8 / native',
  idle: 'Idle',
};
