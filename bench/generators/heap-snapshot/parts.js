'use strict';
/**
 * The parts cluster templates are made of: objects of a class (with their prototype and map),
 * heap numbers, content strings (text made only when written), Arrays with their elements
 * store, closures with their context, Dates; and the interned property names.
 */
const { T, E } = require('./format');
const { abs } = require('./cluster');
const { VOCABULARY } = require('./shape');

/** Property names of the app's objects, interned in this order when the templates are made. */
const PROPERTY_NAMES = (
  'id status total customer items createdAt note onUpdate meta product price order discount reason pct name email ' +
  'address street city zip tags prefs theme locale sku title category stock description token user data cart ' +
  'lastSeen timer lastOrder target message level ts subject ctx requestId route owner url payload body source ' +
  'retries _onTimeout _idleTimeout first second buffer backing_store elements map __proto__ context shared code ' +
  'size'
).split(' ');

function parts(strings, at) {
  const s = (text) => strings.intern(text);
  const text = (random, length, prefix = '') => ({ seed: Math.floor(random() * 2 ** 32), length, prefix });
  const pick = (random, list) => list[Math.floor(random() * list.length)];
  const interned = (random, kind) => abs(at.interned.get(pick(random, VOCABULARY[kind])));
  const P = Object.create(null); // has a '__proto__' key
  for (const k of PROPERTY_NAMES) P[k] = s(k);

  function object(c, cls, size) {
    const k = at.cls[cls];
    const o = c.add(T.object, k.name, size, k.loc);
    c.edge(o, E.property, P.__proto__, abs(k.proto));
    c.edge(o, E.internal, P.map, abs(k.map));
    return o;
  }
  function number(c) {
    const o = c.add(T.number, s('heap number'), 16);
    c.edge(o, E.internal, P.map, abs(at.numberMap));
    return o;
  }
  function string(c, random, length, prefix) {
    const o = c.add(T.string, text(random, length, prefix), 0); // size set when written (depends on the text)
    c.edge(o, E.internal, P.map, abs(at.stringMap));
    return o;
  }
  /** A JS Array with element edges plus its elements store (internal edges "0", "1", ...). */
  function array(c, targets) {
    const a = object(c, 'Array', 32);
    const store = c.add(T.array, s('(object elements)'), 16 + 8 * targets.length);
    targets.forEach((t, i) => c.edge(a, E.element, i, t));
    c.edge(a, E.internal, P.elements, store);
    targets.forEach((t, i) => c.edge(store, E.internal, strings.number(i), t));
    c.edge(store, E.internal, P.map, abs(at.fixedArrayMap));
    return a;
  }
  function closure(c, fn, loc, captured) {
    const f = c.add(T.closure, s(fn), 64, loc);
    const ctx = c.add(T.object, s('system / Context'), 24 + 8 * captured.length);
    for (const [name, target] of captured) c.edge(ctx, E.context, s(name), target);
    c.edge(ctx, E.internal, P.map, abs(at.contextMap));
    c.edge(f, E.internal, P.context, ctx);
    c.edge(f, E.internal, P.shared, abs(at.sfi[fn]));
    c.edge(f, E.internal, P.code, abs(at.interpreter));
    c.edge(f, E.internal, P.map, abs(at.closureMap));
    return f;
  }
  function date(c) {
    return object(c, 'Date', 32);
  }

  return { s, P, interned, object, number, string, array, closure, date };
}

module.exports = { parts };
