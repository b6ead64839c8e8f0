// The parts of d3-flame-graph the report uses beyond the webview's (webview-ui/src/shared/flame/d3-flame-graph.d.ts);
// the two declarations merge.
declare module 'd3-flame-graph' {
  interface FlameGraph<T> {
    width(): number;
    resetHeightOnZoom(value: boolean): FlameGraph<T>;
    getName(name: (d: FlameNode<T>) => string): FlameGraph<T>;
    setDetailsHandler(handler: (text: string | null) => void): FlameGraph<T>;
  }
}
