// Minimal typings for the parts of d3-shape and d3-axis the memory charts use (both ship with
// the d3 dependency; their @types packages are not installed).
declare module 'd3-shape' {
  export interface Line<T> {
    (data: Iterable<T>): string | null;
    x(x: (d: T, index: number) => number): Line<T>;
    y(y: (d: T, index: number) => number): Line<T>;
    defined(defined: (d: T, index: number) => boolean): Line<T>;
    curve(curve: CurveFactory): Line<T>;
  }
  export interface CurveFactory {
    readonly __curve: unique symbol;
  }
  export function line<T>(): Line<T>;
  export const curveLinear: CurveFactory;
  export const curveMonotoneX: CurveFactory;
  export const curveStepAfter: CurveFactory;
}

declare module 'd3-axis' {
  import type { Selection } from 'd3-selection';
  export interface AxisScale {
    (value: number): number | undefined;
    domain(): number[];
    range(): number[];
  }
  export interface Axis {
    (selection: Selection<SVGGElement, unknown, null, undefined>): void;
    ticks(count: number): Axis;
    tickValues(values: readonly number[]): Axis;
    tickFormat(format: (value: number) => string): Axis;
    tickSizeInner(size: number): Axis;
    tickSizeOuter(size: number): Axis;
    tickPadding(padding: number): Axis;
  }
  export function axisBottom(scale: AxisScale): Axis;
  export function axisLeft(scale: AxisScale): Axis;
}
