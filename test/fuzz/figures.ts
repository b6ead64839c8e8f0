// What "every figure is sane" means for the fuzzer: every number in a result is finite, and the
// ones that are times, sizes, counts or shares are not negative.

/** Keys whose numbers may be negative by design (growth can shrink; inlined frames get ids < 0). */
const signed = new Set(['id', 'growthBytesPerMinute', 'countDelta', 'sizeDelta']);

/** The first figure that is not finite, or negative where it should not be; '' when all are fine. */
export function nonFiniteFigure(value: unknown): string {
  const stack: Array<{ value: unknown; where: string; key: string }> = [{ value, where: '', key: '' }];
  let seen = 0;
  while (stack.length > 0) {
    const { value: v, where, key } = stack.pop()!;
    if (++seen > 5_000_000) return '';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${where || '(value)'} is ${v}`;
      if (v < 0 && !signed.has(key)) return `${where} is ${v} (negative)`;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], where: `${where}[${i}]`, key });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push({ value: child, where: where ? `${where}.${k}` : k, key: k });
    }
  }
  return '';
}
