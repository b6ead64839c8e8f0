/**
 * Runs inside the profiled program (loaded by the bootloader; free of project imports).
 *
 * tsx transpiles TypeScript with esbuild and `minifyWhitespace`, which puts a whole module
 * on one line. V8 records where samples fall by LINE only, so in that code every tick has
 * the same line and no source map can say which statement was hot. Asking esbuild to keep
 * the line breaks changes nothing but whitespace in the generated code (its source map
 * still points at the user's .ts), and gives the profile its lines back. tsx's transform
 * cache would hand back the compacted output, so it is bypassed for this run.
 *
 * Covers esbuild as loaded by CommonJS `require` on the program's main thread (tsx's
 * CommonJS path); ES modules transpiled in Node's loader thread keep their compacted form,
 * and the profile says that line detail is not available there.
 */
import Module = require('node:module');

type EsbuildTransform = (input: unknown, options?: { minifyWhitespace?: boolean }) => unknown;

export function keepTranspiledLines(): void {
  process.env.TSX_DISABLE_CACHE = '1';
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  const patched = new WeakMap<object, object>();
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    const exported = load.call(this, request, ...rest);
    if (request !== 'esbuild' || !exported || typeof exported !== 'object') return exported;
    let copy = patched.get(exported);
    if (!copy) {
      // esbuild's exports are getters: a copy with wrapped transforms, not an assignment.
      const wrapped: Record<string, unknown> = { ...(exported as Record<string, unknown>) };
      for (const name of ['transform', 'transformSync']) {
        const transform = wrapped[name] as EsbuildTransform | undefined;
        if (typeof transform === 'function') {
          wrapped[name] = (input: unknown, options?: { minifyWhitespace?: boolean }) =>
            transform(input, options?.minifyWhitespace ? { ...options, minifyWhitespace: false } : options);
        }
      }
      patched.set(exported, (copy = wrapped));
    }
    return copy;
  };
}
