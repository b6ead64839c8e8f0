'use strict';
/**
 * B7 (b), one measurement in a fresh Node process (run by b7-extension-cost.js, once per process):
 * `require('dist/extension.js')` (the manifest's main) and `activate(context)` against a fake
 * `vscode` module (require('vscode') intercepted). Prints one `B7-CHILD {json}` line: require and
 * activate times, the files and builtins loaded, the vscode API paths touched, peak RSS.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const { ROOT, INPUTS_DIR } = require('../lib');

const MAIN = path.join(ROOT, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main);

/**
 * A fake `vscode`: the members activation reads get realistic values (configuration defaults,
 * empty editor lists, Uri helpers, EventEmitter); anything else is a recording stub — callable,
 * constructible, with stub members — whose calls return disposables. `touched` collects the
 * API paths used, for the report.
 */
function fakeVscode(touched) {
  const disposable = () => ({ dispose() {} });
  class EventEmitter {
    constructor() {
      this.listeners = [];
      this.event = (listener) => {
        this.listeners.push(listener);
        return disposable();
      };
    }
    fire(value) {
      this.listeners.forEach((l) => l(value));
    }
    dispose() {}
  }
  class Disposable {
    constructor(onDispose) {
      this.onDispose = onDispose;
    }
    dispose() {
      this.onDispose?.();
    }
    static from(...items) {
      return new Disposable(() => items.forEach((d) => d.dispose()));
    }
  }
  const uri = (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}`, with: (change) => uri(change.path ?? p) });
  const Uri = { file: uri, joinPath: (base, ...parts) => uri(path.join(base.fsPath, ...parts)), parse: (text) => uri(text.replace(/^file:\/\//, '')) };
  const event = () => disposable();
  const known = {
    EventEmitter,
    Disposable,
    Uri,
    workspace: {
      getConfiguration: () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined }),
      workspaceFolders: undefined,
      isTrusted: true,
      onDidChangeConfiguration: event,
      onDidChangeWorkspaceFolders: event,
      onDidCloseTextDocument: event,
      onDidSaveTextDocument: event,
    },
    window: { visibleTextEditors: [], activeTextEditor: undefined, onDidChangeVisibleTextEditors: event, onDidChangeActiveTextEditor: event },
  };
  // Callable and constructible; members are stubs too; what a call returns is one as well, so
  // `createStatusBarItem().show()` or `registerCommand(...).dispose()` just work.
  const stub = (name) =>
    new Proxy(function () {}, {
      get(_target, prop) {
        if (prop === 'then' || typeof prop === 'symbol') return undefined; // not a thenable, not iterable
        const key = `${name}.${String(prop)}`;
        touched.add(key);
        return prop === 'dispose' ? () => undefined : stub(key);
      },
      set: () => true,
      apply: () => stub(`${name}()`),
      construct: () => stub(`new ${name}()`),
    });
  const root = {};
  for (const [key, value] of Object.entries(known)) {
    root[key] =
      typeof value === 'function'
        ? value
        : new Proxy(value, {
            get(target, prop) {
              if (typeof prop === 'symbol') return undefined;
              touched.add(`${key}.${String(prop)}`);
              return prop in target ? target[prop] : stub(`${key}.${String(prop)}`);
            },
          });
  }
  return new Proxy(root, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule') return undefined;
      touched.add(String(prop));
      return prop in target ? target[prop] : stub(String(prop));
    },
  });
}

function fakeContext() {
  const memento = { get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
  const uri = (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}` });
  return {
    subscriptions: [],
    extensionUri: uri(ROOT),
    extensionPath: ROOT,
    asAbsolutePath: (p) => path.join(ROOT, p),
    globalState: memento,
    workspaceState: memento,
    storageUri: undefined,
    globalStorageUri: uri(path.join(INPUTS_DIR, 'b7-global-storage')),
    logUri: uri(path.join(INPUTS_DIR, 'b7-log')),
    extensionMode: 1,
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    environmentVariableCollection: { replace() {}, append() {}, prepend() {}, get() {}, forEach() {}, delete() {}, clear() {} },
  };
}

async function activationChild() {
  const touched = new Set();
  const vscode = fakeVscode(touched);
  // require('vscode') → the fake; everything else as usual. Every request is recorded.
  const requested = [];
  const originalResolve = Module._resolveFilename;
  const originalLoad = Module._load;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
  };
  Module._load = function (request, ...rest) {
    requested.push(request);
    return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
  };
  const cachedBefore = new Set(Object.keys(require.cache));

  const t0 = performance.now();
  const extension = require(MAIN);
  const t1 = performance.now();
  const context = fakeContext();
  const returned = extension.activate(context);
  if (returned && typeof returned.then === 'function') await returned;
  const t2 = performance.now();
  const loadedDuringActivate = Object.keys(require.cache).filter((f) => !cachedBefore.has(f));
  // Let whatever activation started asynchronously (a lazy import, a timer) happen too.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const loadedAfterSettling = Object.keys(require.cache).filter((f) => !cachedBefore.has(f));
  const builtins = [...new Set(requested.filter((r) => Module.isBuiltin(r)).map((r) => r.replace(/^node:/, '')))].sort();
  console.log(
    'B7-CHILD ' +
      JSON.stringify({
        requireMs: t1 - t0,
        activateMs: t2 - t1,
        subscriptions: context.subscriptions.length,
        loadedDuringActivate: loadedDuringActivate.map((f) => path.relative(ROOT, f)),
        loadedAfterSettling: loadedAfterSettling.map((f) => path.relative(ROOT, f)),
        builtins,
        // Leaves only: "window.createStatusBarItem" says more than "window" and it.
        touched: [...touched].filter((t) => ![...touched].some((other) => other.startsWith(`${t}.`))).sort(),
        maxRssKiB: process.resourceUsage().maxRSS,
      }),
  );
}

activationChild().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
