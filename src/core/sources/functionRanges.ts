/**
 * The extent of every function in a script, from acorn's parse. Index 0 is the script's
 * top level, so every line has an owner. Used for inlining-aware attribution.
 */
import * as acorn from 'acorn';
import type { FunctionRange } from '../model/cpu/savedProfile';

type AnyNode = acorn.Node & Record<string, unknown>;

const functionTypes = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Function ranges of JavaScript source text; undefined when it does not parse (e.g. TypeScript). */
export function functionRangesOf(text: string): FunctionRange[] | undefined {
  const program = parse(text);
  if (!program) return undefined;
  const end = program.loc!.end;
  const ranges: FunctionRange[] = [[1, 1, end.line, end.column + 1, -1, '']];
  // Explicit stack: generated bundles nest far deeper than the call stack allows.
  const stack: Array<{ node: AnyNode; parent: number; nameHint: string }> = [{ node: program as unknown as AnyNode, parent: 0, nameHint: '' }];
  while (stack.length > 0) {
    const { node, parent, nameHint } = stack.pop()!;
    let owner = parent;
    if (functionTypes.has(node.type)) {
      const id = node.id as { name?: string } | null | undefined;
      const { start, end } = node.loc!;
      ranges.push([start.line, start.column + 1, end.line, end.column + 1, parent, id?.name ?? nameHint]);
      owner = ranges.length - 1;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      const children = Array.isArray(value) ? value : [value];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as AnyNode | null;
        if (child && typeof child === 'object' && typeof child.type === 'string') {
          stack.push({ node: child, parent: owner, nameHint: nameFor(node, key) });
        }
      }
    }
  }
  return ranges;
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

/** The name an anonymous function takes from where it is written: `const x = () => …`, `{ x() {} }`. */
function nameFor(parent: AnyNode, key: string): string {
  const keyName = (node: unknown): string => {
    const n = node as { type?: string; name?: string; value?: unknown; property?: unknown } | undefined;
    if (!n) return '';
    if (n.type === 'Identifier' || n.type === 'PrivateIdentifier') return n.name ?? '';
    if (n.type === 'Literal') return String(n.value);
    if (n.type === 'MemberExpression') return keyName(n.property);
    return '';
  };
  switch (parent.type) {
    case 'VariableDeclarator':
      return key === 'init' ? keyName(parent.id) : '';
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'value' ? keyName(parent.key) : '';
    case 'AssignmentExpression':
      return key === 'right' ? keyName(parent.left) : '';
    default:
      return '';
  }
}
