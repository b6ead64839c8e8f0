'use strict';
/** The functions of a generated profile: files of the app, its dependencies and Node, with a Zipf-like popularity. */
const { lowerBound, shuffle } = require('../../lib');
const { APP_DIRS, DEPENDENCIES, NODE_FILES, VERBS, NOUNS, NATIVE } = require('./names');

/** ~6k functions over ~450 files; returns parallel arrays and per-file function lists. */
function makeFunctions(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = [];
  for (let i = 0; i < 300; i++) files.push({ url: `file:///app/src/${pick(APP_DIRS)}/${pick(NOUNS).toLowerCase()}${i}.js`, kind: 'app' });
  for (let i = 0; i < 140; i++) {
    const dep = DEPENDENCIES[i % DEPENDENCIES.length];
    files.push({ url: `file:///app/node_modules/${dep}/lib/${pick(NOUNS).toLowerCase()}${Math.floor(i / DEPENDENCIES.length) || ''}.js`, kind: 'dependency' });
  }
  for (const url of NODE_FILES) files.push({ url, kind: 'node' });
  files.push({ url: '', kind: 'native' });

  const functions = []; // { name, url, scriptId, line, column, file }
  files.forEach((file, fileIndex) => {
    file.functions = [];
    const count = file.kind === 'native' ? NATIVE.length : 5 + Math.floor(random() * 22);
    let line = 3 + Math.floor(random() * 10);
    for (let k = 0; k < count; k++) {
      const name = file.kind === 'native' ? NATIVE[k] : random() < 0.1 ? '' : `${pick(VERBS)}${pick(NOUNS)}${random() < 0.1 ? pick(NOUNS) : ''}`;
      file.functions.push(functions.length);
      functions.push({
        name,
        url: file.url,
        scriptId: file.url ? String(50 + fileIndex) : '0',
        line: file.url ? line : -1,
        column: file.url ? 2 + Math.floor(random() * 30) : -1,
        file: fileIndex,
      });
      line += 4 + Math.floor(random() * 60);
    }
  });
  // A few functions are everywhere (emit, next, the framework's handle): Zipf-like popularity.
  const cumulative = new Float64Array(functions.length);
  let total = 0;
  const order = functions.map((_, i) => i);
  shuffle(order, random);
  order.forEach((f, rank) => (cumulative[rank] = total += 1 / Math.pow(rank + 1, 0.9)));
  const popular = () => order[lowerBound(cumulative, random() * total)];
  return { functions, files, popular };
}

module.exports = { makeFunctions };
