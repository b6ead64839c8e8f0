'use strict';
/**
 * Cluster templates: each builds one object of the app and what it owns, from its own random
 * stream, and tells the world (the plan) where it belongs: which shard, category, cache...
 */
const { T, E, STRING_NAME_LIMIT } = require('./format');
const { Cluster, abs } = require('./cluster');
const { USER_CLASSES, SHARDS, CATEGORIES } = require('./shape');
const { parts } = require('./parts');

function templates(strings, at, mode) {
  const { s, P, interned, object, number, string, array, closure, date } = parts(strings, at);
  const long = mode === 'strings';

  return {
    customer(random, world) {
      const c = new Cluster();
      const o = object(c, 'Customer', 24 + 8 * 7);
      const id = string(c, random, 12, 'cus_');
      c.edge(o, E.property, P.id, id);
      c.edge(o, E.property, P.name, string(c, random, 8 + Math.floor(random() * 14), ''));
      c.edge(o, E.property, P.email, string(c, random, 14 + Math.floor(random() * 16), 'mail '));
      const addr = object(c, 'Address', 24 + 8 * 3);
      c.edge(o, E.property, P.address, addr);
      c.edge(addr, E.property, P.street, string(c, random, 16 + Math.floor(random() * 20), ''));
      c.edge(addr, E.property, P.city, interned(random, 'city'));
      c.edge(addr, E.property, P.zip, string(c, random, 8, ''));
      const tagCount = Math.floor(random() * 4);
      c.edge(
        o,
        E.property,
        P.tags,
        array(
          c,
          Array.from({ length: tagCount }, () => interned(random, 'tag')),
        ),
      );
      c.edge(o, E.property, P.createdAt, date(c));
      if (random() < 0.5) {
        const prefs = object(c, 'Object', 40);
        c.edge(prefs, E.property, P.theme, interned(random, 'theme'));
        c.edge(prefs, E.property, P.locale, interned(random, 'locale'));
        c.edge(o, E.property, P.prefs, prefs);
      }
      world.customerInRegistry = random() < 0.7;
      world.customerId = id;
      return c;
    },
    product(random, world) {
      const c = new Cluster();
      const o = object(c, 'Product', 24 + 8 * 7);
      c.edge(o, E.property, P.sku, string(c, random, 10, 'SKU-'));
      c.edge(o, E.property, P.title, string(c, random, 20 + Math.floor(random() * 40), ''));
      c.edge(o, E.property, P.price, number(c));
      c.edge(o, E.property, P.stock, number(c));
      const desc = long ? 400 + Math.floor(random() * 600) : 40 + Math.floor(random() * 160);
      c.edge(o, E.property, P.description, string(c, random, desc, ''));
      world.productCategory = Math.floor(random() * CATEGORIES);
      c.edge(o, E.property, P.category, abs(at.categories[world.productCategory]));
      return c;
    },
    order(random, world) {
      const c = new Cluster();
      const o = object(c, 'Order', 24 + 8 * 9);
      c.edge(o, E.property, P.id, string(c, random, 14, 'ord_'));
      c.edge(o, E.property, P.status, interned(random, 'status'));
      c.edge(o, E.property, P.total, number(c));
      c.edge(o, E.property, P.customer, abs(world.customer(random)));
      const itemCount = 1 + Math.floor(random() * random() * 8);
      const items = [];
      for (let i = 0; i < itemCount; i++) {
        const it = object(c, 'OrderItem', 24 + 8 * 4);
        c.edge(it, E.property, P.product, abs(world.product(random)));
        c.edge(it, E.property, P.price, number(c));
        c.edge(it, E.property, P.order, o); // back reference: a cycle
        if (random() < 0.2) {
          const d = object(c, 'Object', 40);
          c.edge(d, E.property, P.reason, interned(random, 'tag'));
          c.edge(d, E.property, P.pct, number(c));
          c.edge(it, E.property, P.discount, d);
        }
        items.push(it);
      }
      c.edge(o, E.property, P.items, array(c, items));
      c.edge(o, E.property, P.createdAt, date(c));
      if (random() < 0.3) {
        if (random() < 0.3) {
          const cons = c.add(T.cons, s('(concatenated string)'), 32);
          c.edge(cons, E.internal, P.first, string(c, random, 10 + Math.floor(random() * 30), 'Note: '));
          c.edge(cons, E.internal, P.second, string(c, random, 10 + Math.floor(random() * (long ? 600 : 60)), ''));
          c.edge(cons, E.internal, P.map, abs(at.consStringMap));
          c.edge(o, E.property, P.note, cons);
        } else {
          c.edge(o, E.property, P.note, string(c, random, 20 + Math.floor(random() * (long ? 700 : 60)), ''));
        }
      }
      if (random() < 0.25)
        c.edge(
          o,
          E.property,
          P.onUpdate,
          closure(c, 'onUpdate', `${40 + USER_CLASSES.indexOf('Order')},${30},${12}`, [
            ['order', o],
            ['store', abs(at.orderStore)],
          ]),
        );
      if (random() < 0.4) {
        const m = object(c, 'Object', 48);
        c.edge(m, E.property, P.source, interned(random, 'source'));
        c.edge(
          m,
          E.property,
          P.tags,
          array(
            c,
            Array.from({ length: 1 + Math.floor(random() * 3) }, () => interned(random, 'tag')),
          ),
        );
        c.edge(m, E.property, P.retries, number(c));
        c.edge(o, E.property, P.meta, m);
      }
      world.orderShard = Math.floor(random() * SHARDS);
      return c;
    },
    session(random, world) {
      const c = new Cluster();
      const o = object(c, 'Session', 24 + 8 * 6);
      c.edge(o, E.property, P.token, string(c, random, 32, ''));
      c.edge(o, E.property, P.user, abs(world.customer(random)));
      const data = object(c, 'Object', 40);
      c.edge(
        data,
        E.property,
        P.cart,
        array(
          c,
          Array.from({ length: Math.floor(random() * 4) }, () => abs(world.product(random))),
        ),
      );
      c.edge(data, E.property, P.lastSeen, number(c));
      c.edge(o, E.property, P.data, data);
      const timer = object(c, 'Timeout', 24 + 8 * 3);
      c.edge(timer, E.property, P._onTimeout, closure(c, '_onTimeout', `${40 + USER_CLASSES.indexOf('Session')},${51},${20}`, [['session', o]]));
      c.edge(timer, E.property, P._idleTimeout, number(c));
      c.edge(o, E.property, P.timer, timer);
      const earlier = world.earlierOrder(random);
      if (earlier !== undefined) {
        const ref = object(c, 'WeakRef', 24);
        c.edge(ref, E.weak, P.target, abs(earlier));
        c.edge(o, E.property, P.lastOrder, ref);
      }
      world.sessionInWorker = random() < 0.05 ? 1 + Math.floor(random() * 2) : 0;
      return c;
    },
    log(random, world) {
      const c = new Cluster();
      const o = object(c, 'LogEntry', 24 + 8 * 5);
      let length;
      let logical;
      if (long) {
        const r = random();
        length = r < 0.05 ? STRING_NAME_LIMIT : 300 + Math.floor(random() * 724);
        logical = r < 0.05 ? STRING_NAME_LIMIT + Math.floor(random() * 60_000) : length; // V8 truncates the name at 1024
      } else {
        length = logical = 30 + Math.floor(random() * 90);
      }
      const message = string(c, random, length, 'msg ');
      c.nodes[message].name.logical = logical;
      c.edge(o, E.property, P.message, message);
      c.edge(o, E.property, P.level, interned(random, 'level'));
      c.edge(o, E.property, P.ts, number(c));
      const r = random();
      const subject = r < 0.15 ? world.earlierOrder(random) : r < 0.3 ? world.customer(random) : undefined;
      if (subject !== undefined) c.edge(o, E.property, P.subject, abs(subject));
      const ctx = object(c, 'Object', 40);
      c.edge(ctx, E.property, P.requestId, string(c, random, 16, 'req-'));
      c.edge(ctx, E.property, P.route, interned(random, 'route'));
      c.edge(o, E.property, P.ctx, ctx);
      return c;
    },
    upload(random, world) {
      const c = new Cluster();
      const o = object(c, 'Upload', 24 + 8 * 3);
      c.edge(o, E.property, P.name, string(c, random, 12 + Math.floor(random() * 20), 'upload '));
      c.edge(o, E.property, P.owner, abs(world.customer(random)));
      const buffer = object(c, 'Buffer', 80);
      const arrayBuffer = object(c, 'ArrayBuffer', 56);
      const store = c.add(T.native, s('system / JSArrayBufferData'), 4096 * (1 + Math.floor(random() * random() * 8)));
      c.edge(buffer, E.internal, P.buffer, arrayBuffer);
      c.edge(arrayBuffer, E.internal, P.backing_store, store);
      c.edge(o, E.property, P.data, buffer);
      return c;
    },
    pending(random, world) {
      const c = new Cluster();
      const o = object(c, 'PendingRequest', 24 + 8 * 3);
      c.edge(o, E.property, P.url, string(c, random, 20 + Math.floor(random() * 30), 'https://api.example.test/'));
      c.edge(o, E.property, P.customer, abs(world.customer(random)));
      const payload = object(c, 'Object', 32);
      c.edge(payload, E.property, P.body, string(c, random, long ? 200 + Math.floor(random() * 800) : 40 + Math.floor(random() * 200), '{"q":'));
      c.edge(o, E.property, P.payload, payload);
      c.edge(o, E.property, P.onUpdate, closure(c, 'resolve', `${40 + USER_CLASSES.indexOf('PendingRequest')},${12},${8}`, [['request', o]]));
      return c;
    },
  };
}

module.exports = { templates };
