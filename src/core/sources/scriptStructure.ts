/**
 * What one script's source says about its functions, from a single acorn parse: each
 * function's extent, the position V8 names it by, the lines holding its own code, the
 * calls it makes and the modules it imports. This is the static evidence that inlining-
 * aware attribution rests on (see lineAttribution.ts): V8 can only have inlined a function
 * into one that calls it, and a tick can only be on a line where some function has code.
 */
import * as acorn from 'acorn';
import type { FunctionRange } from '../model/cpu/savedProfile';

/** How a call names its callee, before it is resolved to a function. */
export type Callee =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'member'; readonly object?: string; readonly property: string }
  /** A function written at the call itself (a callback): `items.map((x) => work(x))`. */
  | { readonly kind: 'function'; readonly index: number };

export interface CallSite {
  /** 1-based line of the call. */
  readonly line: number;
  readonly callee: Callee;
}

/** A local name bound to another module: `const h = require('./h')`, `import { mix } from './h.js'`. */
export interface ModuleBinding {
  readonly specifier: string;
  /** The export it names; undefined for the whole module (namespace, default CommonJS object). */
  readonly imported?: string;
}

export interface ScriptStructure {
  /** Index 0 is the script's top level, so every line has an owner. */
  readonly functions: FunctionRange[];
  /** [line, column] of each function as V8 reports it, flattened (1-based). */
  readonly starts: number[];
  /** [line, column] of the identifier that names each function (0, 0 when none), flattened: where a source map keeps a minified function's real name. */
  readonly namePositions: number[];
  readonly codeLines: number[][];
  /** Lines of top-level code outside every loop: the module runs once, so they run once. */
  readonly runOnce: number[];
  readonly callSites: CallSite[][];
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  /** Functions that only hand out another by name, as bundlers' export getters do (`checksumAll: () => p`): index → that name. */
  readonly aliases: ReadonlyMap<number, string>;
}

// The walk reads any ESTree node by field name (acorn's types name no fields): typing each of the dozens of node kinds would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = acorn.Node & Record<string, any>;

const functionTypes = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const loopTypes = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** The structure of JavaScript source text; undefined when it does not parse (e.g. TypeScript). */
export function scriptStructureOf(text: string): ScriptStructure | undefined {
  const program = parse(text);
  if (!program) return undefined;
  const lines = new LineIndex(text);
  const end = program.loc!.end;
  const functions: FunctionRange[] = [[1, 1, end.line, end.column + 1, -1, '']];
  const starts = [1, 1];
  const namePositions = [0, 0];
  const codeLines: Array<Set<number>> = [new Set()];
  const callSites: CallSite[][] = [[]];
  const bindings = new Map<string, ModuleBinding>();
  const indexOfFunction = new Map<AnyNode, number>();
  const aliases = new Map<number, string>();
  const callbacks: Array<{ owner: number; line: number; node: AnyNode }> = [];

  // Explicit stack: generated bundles nest far deeper than the call stack allows.
  const stack: Array<{ node: AnyNode; owner: number; nameHint: NameHint; inLoop: boolean }> = [
    { node: program as unknown as AnyNode, owner: 0, nameHint: noName, inLoop: false },
  ];
  const onceLines = new Set<number>();
  const loopLines = new Set<number>();
  while (stack.length > 0) {
    const { node, owner: parent, nameHint, inLoop: parentInLoop } = stack.pop()!;
    let owner = parent;
    let inLoop = parentInLoop || loopTypes.has(node.type);
    if (functionTypes.has(node.type)) {
      const { start, end } = node.loc!;
      functions.push([start.line, start.column + 1, end.line, end.column + 1, parent, node.id?.name ?? nameHint.name]);
      starts.push(...lines.position(v8Start(node, text)));
      const nameAt = node.id?.start ?? nameHint.at;
      namePositions.push(...(nameAt >= 0 ? lines.position(nameAt) : [0, 0]));
      codeLines.push(new Set());
      callSites.push([]);
      owner = functions.length - 1;
      indexOfFunction.set(node, owner);
      if (node.type === 'ArrowFunctionExpression' && node.params.length === 0 && node.body.type === 'Identifier') aliases.set(owner, node.body.name);
      inLoop = false;
    } else if (node.type !== 'Program') {
      codeLines[owner].add(node.loc!.start.line);
      if (owner === 0) (inLoop ? loopLines : onceLines).add(node.loc!.start.line);
    }
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const callee = calleeOf(node.callee);
      if (callee) callSites[owner].push({ line: node.loc!.start.line, callee });
    }
    if (node.type === 'VariableDeclarator') addRequireBindings(node, bindings);
    if (node.type === 'ImportDeclaration') addImportBindings(node, bindings);

    const children: Array<{ node: AnyNode; nameHint: NameHint; isArgument: boolean }> = [];
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof child.type === 'string') {
          children.push({ node: child, nameHint: nameFor(node, key), isArgument: key === 'arguments' });
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      // A function passed to a call is called through it (map, forEach, a framework): V8 may inline it there.
      if (child.isArgument && functionTypes.has(child.node.type)) {
        callbacks.push({ owner, line: child.node.loc!.start.line, node: child.node });
      } else if (child.isArgument && child.node.type === 'Identifier') {
        callSites[owner].push({ line: child.node.loc!.start.line, callee: { kind: 'name', name: child.node.name } });
      }
      stack.push({ node: child.node, owner, nameHint: child.nameHint, inLoop });
    }
  }
  for (const { owner, line, node } of callbacks) callSites[owner].push({ line, callee: { kind: 'function', index: indexOfFunction.get(node)! } });
  const sorted = (lines: Iterable<number>) => [...lines].sort((a, b) => a - b);
  const runOnce = sorted([...onceLines].filter((line) => !loopLines.has(line)));
  return { functions, starts, namePositions, codeLines: codeLines.map(sorted), runOnce, callSites, bindings, aliases };
}

function parse(text: string): acorn.Program | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return acorn.parse(text, {
        ecmaVersion: 'latest',
        sourceType,
        locations: true,
        allowHashBang: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
      });
    } catch {
      // Try the other source type, then give up.
    }
  }
  return undefined;
}

/** The offset V8 names a function by: the start of its parameter list. */
function v8Start(node: AnyNode, text: string): number {
  if (node.type === 'ArrowFunctionExpression') {
    // `(a) => …` starts at its parenthesis, `a => …` at the parameter (after `async`, if any).
    const from = node.async ? node.start + 'async'.length : node.start;
    const limit = node.params[0]?.start ?? node.body.start;
    const paren = text.indexOf('(', from);
    return paren >= 0 && paren < limit ? paren : (node.params[0]?.start ?? from);
  }
  // Methods start at their parenthesis already; `function name(` and `async function*(` do not.
  const paren = text.indexOf('(', node.id ? node.id.end : node.start);
  return paren >= 0 && paren < node.body.start ? paren : node.start;
}

function calleeOf(expression: AnyNode): Callee | undefined {
  // `(0, helper_1.mix)(x)`: how tsc and esbuild call an imported function without a `this`.
  if (expression.type === 'SequenceExpression') return calleeOf(expression.expressions[expression.expressions.length - 1]);
  if (expression.type === 'ParenthesizedExpression' || expression.type === 'ChainExpression') return calleeOf(expression.expression);
  if (expression.type === 'Identifier') return { kind: 'name', name: expression.name };
  if (expression.type === 'MemberExpression') {
    const property = propertyName(expression);
    if (!property) return undefined;
    const object = expression.object.type === 'Identifier' ? expression.object.name : undefined;
    return { kind: 'member', object, property };
  }
  return undefined;
}

function propertyName(member: AnyNode): string | undefined {
  if (!member.computed && (member.property.type === 'Identifier' || member.property.type === 'PrivateIdentifier')) return member.property.name;
  if (member.computed && member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** `require('x')`, or a helper wrapping it as bundlers emit: `__toESM(require('x'))`, `__importDefault(require('x'))`. */
function requiredSpecifier(expression: AnyNode | null | undefined): string | undefined {
  if (!expression || expression.type !== 'CallExpression') return undefined;
  const [first] = expression.arguments;
  if (expression.callee.type === 'Identifier' && expression.callee.name === 'require') {
    return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined;
  }
  return requiredSpecifier(first);
}

function addRequireBindings(declarator: AnyNode, bindings: Map<string, ModuleBinding>): void {
  const specifier = requiredSpecifier(declarator.init);
  if (!specifier) return;
  if (declarator.id.type === 'Identifier') bindings.set(declarator.id.name, { specifier });
  if (declarator.id.type === 'ObjectPattern') {
    for (const property of declarator.id.properties) {
      const imported = property.key?.type === 'Identifier' ? property.key.name : undefined;
      const local = property.value?.type === 'Identifier' ? property.value.name : undefined;
      if (imported && local) bindings.set(local, { specifier, imported });
    }
  }
}

function addImportBindings(declaration: AnyNode, bindings: Map<string, ModuleBinding>): void {
  const specifier = declaration.source.value as string;
  for (const s of declaration.specifiers) {
    if (s.type === 'ImportSpecifier') bindings.set(s.local.name, { specifier, imported: s.imported.name ?? s.imported.value });
    else if (s.type === 'ImportDefaultSpecifier') bindings.set(s.local.name, { specifier, imported: 'default' });
    else bindings.set(s.local.name, { specifier });
  }
}

/** A name an anonymous function takes from where it is written, and where that name is (offset; -1 for none). */
interface NameHint {
  readonly name: string;
  readonly at: number;
}

const noName: NameHint = { name: '', at: -1 };

/** The name an anonymous function takes from where it is written: `const x = () => …`, `{ x() {} }`. */
function nameFor(parent: AnyNode, key: string): NameHint {
  const keyName = (node: AnyNode | undefined): NameHint => {
    if (!node) return noName;
    if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return { name: node.name ?? '', at: node.start };
    if (node.type === 'Literal') return { name: String(node.value), at: node.start };
    if (node.type === 'MemberExpression') return keyName(node.property);
    return noName;
  };
  switch (parent.type) {
    case 'VariableDeclarator':
      return key === 'init' ? keyName(parent.id) : noName;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'value' ? keyName(parent.key) : noName;
    case 'AssignmentExpression':
      return key === 'right' ? keyName(parent.left) : noName;
    default:
      return noName;
  }
}

/** Offsets → 1-based [line, column], counting line breaks as acorn and V8 do. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (const match of text.matchAll(/\r\n?|[\n\u2028\u2029]/g)) this.starts.push(match.index! + match[0].length);
  }

  position(offset: number): [number, number] {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low + 1, offset - this.starts[low] + 1];
  }
}
