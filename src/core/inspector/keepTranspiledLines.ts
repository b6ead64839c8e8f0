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
 * How: before tsx loads esbuild, load it from tsx's own location and put a copy with wrapped
 * transforms in its place in the CommonJS module cache, so tsx receives the copy. Nothing is
 * hooked into module loading itself: a hook would sit on the stack under the user's whole
 * program and show in its profile. Covers tsx's CommonJS path on the main thread; ES modules
 * transpiled in Node's loader thread keep their compacted form, and attribution says that
 * line detail is not available there.
 */
import { createRequire } from 'node:module';

type EsbuildTransform = (input: unknown, options?: { minifyWhitespace?: boolean }) => unknown;

/** tsx's files as it names them in the program's `--require`/`--import` options. */
const tsxFile = /[\\/]tsx[\\/]dist[\\/][^\\/]+\.(c|m)?js$/;

export function keepTranspiledLines(): void {
  const fromTsx = process.execArgv.find((arg) => tsxFile.test(arg));
  if (!fromTsx) return; // not run by tsx
  try {
    const requireFromTsx = createRequire(fromTsx.startsWith('file:') ? new URL(fromTsx) : fromTsx);
    const esbuildPath = requireFromTsx.resolve('esbuild');
    const esbuild = requireFromTsx('esbuild') as Record<string, unknown>;
    const cached = requireFromTsx.cache[esbuildPath];
    if (!cached || cached.exports !== esbuild) return; // tsx has it already: too late to help
    // esbuild's exports are getters: a copy with wrapped transforms, not an assignment.
    const wrapped: Record<string, unknown> = { ...esbuild };
    for (const name of ['transform', 'transformSync']) {
      const transform = esbuild[name] as EsbuildTransform | undefined;
      if (typeof transform === 'function') {
        wrapped[name] = (input: unknown, options?: { minifyWhitespace?: boolean }) =>
          transform(input, options?.minifyWhitespace ? { ...options, minifyWhitespace: false } : options);
      }
    }
    cached.exports = wrapped;
    process.env.TSX_DISABLE_CACHE = '1';
  } catch {
    // tsx without a resolvable esbuild: its output stays compacted, attribution copes.
  }
}
