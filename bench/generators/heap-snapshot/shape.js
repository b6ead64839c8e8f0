'use strict';
/**
 * The shape of the synthetic heap: the classes, roots, natives and builtins it names, the app's
 * fixed counts, and the kinds of clusters with their share of the heap per mode.
 */

const USER_CLASSES = [
  'App',
  'OrderStore',
  'OrderShard',
  'CustomerRegistry',
  'ProductCatalog',
  'Category',
  'SessionCache',
  'LogBuffer',
  'EventBus',
  'UploadStore',
  'WorkerState',
  'Order',
  'OrderItem',
  'Customer',
  'Address',
  'Product',
  'Session',
  'LogEntry',
  'Upload',
  'PendingRequest',
  'Timeout',
];
const BUILTIN_CLASSES = ['Object', 'Array', 'Map', 'Date', 'Buffer', 'ArrayBuffer', 'WeakRef'];
const GC_ROOT_GROUPS = [
  '(Internalized strings)',
  '(External strings)',
  '(Read-only roots)',
  '(Strong roots)',
  '(Smi roots)',
  '(Bootstrapper)',
  '(Stack roots)',
  '(Relocatable)',
  '(Debugger)',
  '(Compilation cache)',
  '(Handle scope)',
  '(Builtins)',
  '(Global handles)',
  '(Traced handles)',
  '(Eternal handles)',
  '(Thread manager)',
  '(Strong roots)',
  '(Extensions)',
  '(Code flusher)',
  '(Startup object cache)',
  '(Read-only object cache)',
  '(Shareable object cache)',
  '(Weak collections)',
  '(Wrapper tracing)',
  '(Write barrier)',
  '(Retain maps)',
  '(Client heap)',
  '(Unknown)',
];
const VOCABULARY = {
  status: ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'],
  city: ['Lisbon', 'Porto', 'Berlin', 'Paris', 'Madrid', 'Oslo', 'Rome', 'Vienna', 'Prague', 'Dublin', 'Zurich', 'Warsaw'],
  category: ['books', 'music', 'garden', 'toys', 'tools', 'food', 'sports', 'office', 'kitchen', 'health'],
  level: ['debug', 'info', 'warn', 'error'],
  route: ['/api/orders', '/api/orders/:id', '/api/customers', '/api/cart', '/api/checkout', '/health', '/login', '/logout'],
  tag: ['vip', 'new', 'wholesale', 'b2b', 'newsletter', 'churn-risk', 'beta'],
  source: ['web', 'mobile', 'api', 'pos'],
  theme: ['light', 'dark', 'system'],
  locale: ['en-US', 'pt-PT', 'de-DE', 'fr-FR'],
};
const NATIVES = [
  'Node / Realm',
  'Node / BindingData',
  'Node / AsyncHooks',
  'Node / ImmediateInfo',
  'Node / TickInfo',
  'Node / AliasedFloat64Array',
  'Node / AliasedUint32Array',
  'Node / std::basic_string',
  'Node / PerformanceState',
  'Node / CleanupQueue',
  'Node / principal_realm',
  'Node / IsolateData',
];
const BUILTINS = [
  'InterpreterEntryTrampoline',
  'CompileLazy',
  'ArrayPrototypePush',
  'ArrayPrototypeSlice',
  'ArrayPrototypeMap',
  'MapPrototypeSet',
  'MapPrototypeGet',
  'StringPrototypeSlice',
  'JSONParse',
  'JSONStringify',
  'PromiseResolve',
  'PromiseThen',
  'AsyncFunctionAwait',
  'CallFunction',
  'Construct',
  'RecordWriteSaveFP',
  'StackCheck',
  'ObjectAssign',
  'ObjectKeys',
  'ReflectApply',
];
const SHARDS = 64;
const CATEGORIES = VOCABULARY.category.length * 4;
const HANDLERS = 8;

const KINDS = ['customer', 'product', 'order', 'session', 'log', 'upload', 'pending'];
const K = Object.fromEntries(KINDS.map((k, i) => [k, i]));
/** Share of the main clusters by kind (customers and products are pools sized from the total). */
const MIX = {
  dense: { order: 0.56, session: 0.12, log: 0.3, upload: 0.006, pending: 0.008 },
  strings: { order: 0.2, session: 0.08, log: 0.7, upload: 0.01, pending: 0.01 },
};

/** Script id of a user class's source (its instances and closures carry locations in it). */
function scriptFor(name) {
  return 40 + USER_CLASSES.indexOf(name);
}

module.exports = { USER_CLASSES, BUILTIN_CLASSES, GC_ROOT_GROUPS, VOCABULARY, NATIVES, BUILTINS, SHARDS, CATEGORIES, HANDLERS, KINDS, K, MIX, scriptFor };
