/**
 * The heap tables draw long lists a page at a time with a "Show more" row (no DOM, so it is
 * tested in Node): what that row and the constructor count say.
 */
import { formatCount } from '../../../src/format';

/** "Show 200 more (1,234 not shown)": the next page, or what is left when less. */
export function showMoreLabel(rest: number, page: number): string {
  return `Show ${formatCount(Math.min(rest, page))} more (${formatCount(rest)} not shown)`;
}

/** "Showing 200 of 1,234 constructors" while some are not drawn, else "1 constructor" / "12 constructors". */
export function constructorCount(shown: number, matching: number): string {
  if (matching > shown) return `Showing ${formatCount(shown)} of ${formatCount(matching)} constructors`;
  return `${formatCount(matching)} constructor${matching === 1 ? '' : 's'}`;
}
