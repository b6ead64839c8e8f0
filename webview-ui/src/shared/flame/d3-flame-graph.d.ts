// Minimal typings for the parts of d3-flame-graph and d3 the webview uses.
declare module 'd3-flame-graph' {
  export interface FlameNode<T> {
    data: T;
    x0: number;
    x1: number;
    depth: number;
    value: number;
    parent: FlameNode<T> | null;
  }
  /** The library takes a tooltip only when it is a function (it calls it on the svg, as d3-tip does). */
  export interface FlameTooltip<T> {
    (svg: unknown): void;
    show(event: MouseEvent, d: FlameNode<T>): void;
    hide(): void;
  }
  export interface FlameGraph<T> {
    (selection: unknown): void;
    width(w: number): FlameGraph<T>;
    cellHeight(h: number): FlameGraph<T>;
    minFrameSize(px: number): FlameGraph<T>;
    transitionDuration(ms: number): FlameGraph<T>;
    inverted(value: boolean): FlameGraph<T>;
    sort(value: boolean | ((a: FlameNode<T>, b: FlameNode<T>) => number)): FlameGraph<T>;
    selfValue(value: boolean): FlameGraph<T>;
    tooltip(tip: FlameTooltip<T>): FlameGraph<T>;
    setColorMapper(mapper: (d: FlameNode<T> & { highlight?: boolean }, original: string) => string): FlameGraph<T>;
    setSearchMatch(match: (d: FlameNode<T>, term: string) => boolean): FlameGraph<T>;
    setSearchHandler(handler: (results: FlameNode<T>[], sum: number, total: number) => void): FlameGraph<T>;
    onClick(handler: (d: FlameNode<T>) => void): FlameGraph<T>;
    search(term: string): void;
    clear(): void;
    resetZoom(): void;
    zoomTo(d: FlameNode<T>): void;
    update(data?: T): void;
    destroy(): void;
  }
  export default function flamegraph<T>(): FlameGraph<T>;
}
