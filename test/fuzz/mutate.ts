// Seeded randomness and the mutations the fuzzer applies to a file: structural ones on the parsed
// JSON (delete, retype, extreme numbers, deep nesting, duplicate and out-of-range ids, cycles,
// control characters) and byte-level ones on the text (truncation, flipped bytes).
import { stringifyJson } from '../../src/core/files/jsonFile';

/** A small, fast, seedable generator (mulberry32): the same seed gives the same cases everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A stable 32-bit hash of the parts of a case's name, to seed it. */
export function caseSeed(...parts: Array<string | number>): number {
  let h = 2166136261;
  for (const c of parts.join('\u0000')) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

// Numbers that JSON cannot hold are written as markers and turned into number literals that
// parse to them (1e999 is Infinity for JSON.parse) after serialising.
const INFINITY = '\u0000fuzz:Infinity';
const MINUS_INFINITY = '\u0000fuzz:-Infinity';

/** Serialises a mutated value, turning the markers into the literals JSON.parse reads as ±Infinity. */
export function toText(value: unknown): string {
  return stringifyJson(value).replaceAll(JSON.stringify(INFINITY), '1e999').replaceAll(JSON.stringify(MINUS_INFINITY), '-1e999');
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
  readonly depth: number;
}

/** Every (container, key) of a JSON value, up to `limit` of them, breadth-first from a random start. */
function slots(root: unknown, limit = 200_000): Slot[] {
  const found: Slot[] = [];
  const queue: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let q = 0; q < queue.length && found.length < limit; q++) {
    const { value, depth } = queue[q];
    if (value === null || typeof value !== 'object') continue;
    const container = value as Container;
    const keys: Array<string | number> = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const key of keys) {
      found.push({ parent: container, key, depth });
      queue.push({ value: (container as Record<string | number, unknown>)[key], depth: depth + 1 });
    }
  }
  return found;
}

const controlStrings = [
  '\u001b[2J\u001b[H',
  '\u001b]0;pwned\u0007',
  '\u001b]52;c;cHduZWQ=\u0007',
  'a\u0000b',
  '\r\n\t',
  '\u202e',
  '\u2028',
  '<script>x</script>',
];

/** Values of every other shape, to put where something else belongs. */
function strangeValue(random: Random, near: unknown): unknown {
  const n = typeof near === 'number' ? near : 1;
  switch (random.int(22)) {
    case 0:
      return null;
    case 1:
      return random.int(2) === 0;
    case 2:
      return String(n);
    case 3:
      return 'x'.repeat(random.pick([1, 300, 5000]));
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [n, n];
    case 7:
      return { value: n };
    case 8:
      return 1e308;
    case 9:
      return -1e308;
    case 10:
      return INFINITY;
    case 11:
      return MINUS_INFINITY;
    case 12:
      return -1;
    case 13:
      return -n;
    case 14:
      return n + 0.5;
    case 15:
      return 2 ** 32 + n;
    case 16:
      return Number.MAX_SAFE_INTEGER;
    case 17:
      return 5e-324;
    case 18:
      return random.pick(controlStrings);
    case 19:
      return n * 1e9;
    case 20:
      return 0;
    default:
      return -0.000001;
  }
}

function deepValue(random: Random): unknown {
  const depth = random.pick([200, 3000, 20000]);
  let value: unknown = random.chance(0.5) ? 1 : 'deep';
  for (let i = 0; i < depth; i++) value = random.chance(0.5) ? [value] : { children: [value] };
  return value;
}

/**
 * One structural mutation in place (returns the possibly replaced root). `ids` names the fields
 * that hold ids (so duplicates, cycles and out-of-range references are made where they matter).
 */
export function mutateStructure(root: unknown, random: Random, ids: readonly string[] = []): unknown {
  const all = slots(root);
  if (all.length === 0) return strangeValue(random, root);
  const slot = random.pick(all);
  const parent = slot.parent as Record<string | number, unknown>;
  const current = parent[slot.key];
  const op = random.int(12);
  switch (op) {
    case 0: // delete the field (or the element)
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete parent[slot.key];
      break;
    case 1:
    case 2:
    case 3: // another shape or an extreme number
      parent[slot.key] = strangeValue(random, current);
      break;
    case 4: // deep nesting
      parent[slot.key] = deepValue(random);
      break;
    case 5: // control characters in a string
      parent[slot.key] = typeof current === 'string' ? current + random.pick(controlStrings) : random.pick(controlStrings);
      break;
    case 6: {
      // duplicate an element of an array (duplicate ids, duplicate nodes)
      if (Array.isArray(slot.parent)) slot.parent.splice(random.int(slot.parent.length + 1), 0, JSON.parse(stringifyJson(current ?? null)));
      else parent[slot.key] = [current, current];
      break;
    }
    case 7:
    case 8: {
      // an id field: copy another id (duplicate / cycle) or point nowhere
      const idSlots = all.filter((s) => typeof s.key === 'string' && ids.includes(s.key) && typeof (s.parent as Record<string, unknown>)[s.key] === 'number');
      const arraysOfIds = all.filter((s) => typeof s.key === 'string' && ids.includes(s.key) && Array.isArray((s.parent as Record<string, unknown>)[s.key]));
      if (idSlots.length === 0) {
        parent[slot.key] = strangeValue(random, current);
        break;
      }
      const source = random.pick(idSlots);
      const someId = (source.parent as Record<string, unknown>)[source.key as string] as number;
      if (op === 7 && arraysOfIds.length > 0) {
        // a reference list gains an existing id (a cycle, a second parent) or one that is nowhere
        const holder = random.pick(arraysOfIds);
        const list = (holder.parent as Record<string, unknown[]>)[holder.key as string];
        list.push(random.chance(0.7) ? someId : random.pick([999999, -1, 0, 1.5, 2 ** 31]));
      } else {
        const victim = random.pick(idSlots);
        (victim.parent as Record<string, unknown>)[victim.key as string] = random.chance(0.6) ? someId : random.pick([999999, -1, 0, 1.5, 2 ** 31, 1e308]);
      }
      break;
    }
    case 9: {
      // swap two values of different places (not a value with one inside it: JSON has no cycles)
      const other = random.pick(all);
      const otherParent = other.parent as Record<string | number, unknown>;
      const value = otherParent[other.key];
      if (contains(current, other.parent) || contains(value, slot.parent)) break;
      otherParent[other.key] = current;
      parent[slot.key] = value;
      break;
    }
    case 10: // a huge array where a small thing was
      parent[slot.key] = Array.from({ length: random.pick([10, 1000, 100_000]) }, () => (typeof current === 'number' ? current : 0));
      break;
    default: // the field gets a number where a number is expected, but absurd
      parent[slot.key] =
        typeof current === 'number' ? random.pick([current * 1e300, -current - 1, current + 1e15, 1e308, INFINITY]) : strangeValue(random, current);
  }
  return root;
}

/** True when `container` is `value` or somewhere inside it. */
function contains(value: unknown, container: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const at = stack.pop();
    if (at === container) return true;
    if (at !== null && typeof at === 'object') for (const child of Object.values(at as object)) stack.push(child);
  }
  return false;
}

/**
 * A mutation that keeps each value's type (a number stays a number, a list a list): most such
 * files still read, so the model, the reports and the views see odd but well-formed input.
 */
export function mutateGently(root: unknown, random: Random): unknown {
  const all = slots(root);
  if (all.length === 0) return root;
  const slot = random.pick(all);
  const parent = slot.parent as Record<string | number, unknown>;
  const current = parent[slot.key];
  if (typeof current === 'number') {
    const others = all.filter((s) => typeof (s.parent as Record<string | number, unknown>)[s.key] === 'number');
    const another = (() => {
      const s = random.pick(others);
      return (s.parent as Record<string | number, unknown>)[s.key] as number;
    })();
    parent[slot.key] = random.pick([
      0,
      1,
      current + 1,
      current - 1,
      current * 2,
      current * 1000,
      current * 1e6,
      2 ** 31 - 1,
      another,
      Math.round(current / 7),
      current + 0.25,
    ]);
  } else if (typeof current === 'string') {
    parent[slot.key] = random.pick([
      '',
      current + random.pick(controlStrings),
      random.pick(controlStrings),
      current.repeat(3),
      '42',
      'file:///',
      'node:x',
      `${current}/node_modules/x.js`,
    ]);
  } else if (Array.isArray(current) && current.length > 0) {
    const op = random.int(3);
    if (op === 0) current.splice(random.int(current.length), 1);
    else if (op === 1) current.push(JSON.parse(stringifyJson(random.pick(current) ?? null)));
    else current.reverse();
  } else if (current !== null && typeof current === 'object') {
    const keys = Object.keys(current);
    if (keys.length > 0) delete (current as Record<string, unknown>)[random.pick(keys)];
  }
  return root;
}

/** Byte-level damage: cut short, a flipped byte, a control character or a stray quote. */
export function mutateText(text: string, random: Random): string {
  if (text.length === 0) return text;
  const at = random.int(text.length);
  switch (random.int(5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(random.int(128)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + random.pick(['"', ']', '}', ',', '-', 'e', '\u0000', '\\']) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random.int(64)));
    default:
      return text.slice(0, at) + random.pick(['9'.repeat(400), '1e308', '-1', 'NaN', '0.5']) + text.slice(at);
  }
}
