// A small TypeScript file for the extension tests to open and annotate.
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function main(): void {
  console.log(fib(25));
}
