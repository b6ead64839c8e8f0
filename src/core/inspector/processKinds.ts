/**
 * Whose Node process is this, and what does it run? For the process picker: the user's own
 * programs first (those in the workspace, then the others), the editor's own (extension hosts,
 * tsserver, language servers, code-server itself) last, and each named by its script rather than
 * by the interpreter's path. A pure function of what `ps` and `/proc` say, so it is unit-tested
 * with the argv shapes real tools produce.
 */
import * as path from 'node:path';

/** The user's program in the workspace, another program of the user's, or the editor's own process. */
export type ProcessGroup = 'workspace' | 'other' | 'editor';

export interface ProcessFacts {
  readonly pid: number;
  /** The process's argv (argv[0] is the Node executable). */
  readonly argv: readonly string[];
  readonly cwd?: string;
}

export interface ProcessKind {
  readonly group: ProcessGroup;
  /** What it runs, in the words the user typed: `server.js`, `tsx src/index.ts`, `node -e`. */
  readonly name: string;
  /** The folder it runs in (or its script lies in), as an absolute path; undefined when unknown. */
  readonly folder?: string;
}

/** Node options whose value is the next argument (`-r ./setup.js`), so that argument is no script. */
const optionsWithValue = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--title',
  '--env-file',
  '--inspect-port',
]);
/** Node options after which there is no script file: the code is on the command line. */
const inlineCode = new Set(['-e', '--eval', '-p', '--print']);

/**
 * Traces in the arguments that only the editor's processes carry: VS Code's server folders and code-server,
 * the extension host's and its helpers' `--type=`, tsserver, and the flags vscode-languageclient
 * starts every language server with.
 */
const editorMarkers: readonly RegExp[] = [
  /[/\\]\.vscode(-server|-server-insiders|-remote)?[/\\](bin|extensions|cli)[/\\]/,
  /[/\\]\.(cursor|windsurf|vscodium)-server[/\\]/,
  /(^|[/\\])code-server([/\\]|$)/,
  /[/\\]bootstrap-fork(\.js)?$/,
  /^--type=(extensionHost|ptyHost|fileWatcher|watcherService|shared-process)$/,
  /[/\\]typescript[/\\]lib[/\\](tsserver|typingsInstaller)\.js$/,
  /^--node-ipc$/,
  /^--clientProcessId=\d+$/,
];

/** What a process is and whose it is; `folders` are the workspace folders' absolute paths. */
export function classifyProcess(facts: ProcessFacts, folders: readonly string[]): ProcessKind {
  const { argv, cwd } = facts;
  const { name, script } = describeArgv(argv);
  const scriptPath = script && cwd ? path.resolve(cwd, script) : script && path.isAbsolute(script) ? script : undefined;
  const folder = cwd ?? (scriptPath ? path.dirname(scriptPath) : undefined);
  // Not argv[0]: a user's program may run on the editor's bundled Node (a terminal in code-server does).
  if (argv.slice(1).some((arg) => editorMarkers.some((marker) => marker.test(arg)))) return { group: 'editor', name: editorProcessName(argv) ?? name, folder };
  const inWorkspace = [scriptPath, cwd].some((p) => p !== undefined && folders.some((f) => isInside(p, f)));
  return { group: inWorkspace ? 'workspace' : 'other', name, folder };
}

/**
 * The name of what argv runs and its script file: the script as typed (`dist/server.js`); a tool
 * started from node_modules by its name and first argument (`tsx src/index.ts`, `nodemon app.js`);
 * inline code as `node -e`; no script as `node`.
 */
export function describeArgv(argv: readonly string[]): { name: string; script?: string } {
  const interpreter = baseName(argv[0] ?? 'node') || 'node';
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (inlineCode.has(arg)) return { name: `${interpreter} ${arg}` };
    if (!arg.startsWith('-')) break;
    if (optionsWithValue.has(arg)) i++;
  }
  const script = argv[i];
  if (script === undefined) return { name: interpreter };
  const tool = toolName(script);
  if (!tool) return { name: path.isAbsolute(script) ? baseName(script) : script, script };
  return { name: [tool, toolTarget(argv.slice(i + 1))].filter(Boolean).join(' '), script };
}

/**
 * What a tool runs: a subcommand right after it (`next dev`), else the first file it is given
 * (`mocha --timeout 6000 test/a.test.js`). Not any word: after an option it may be the option's value.
 */
function toolTarget(args: readonly string[]): string | undefined {
  if (args[0] !== undefined && !args[0].startsWith('-')) return args[0];
  return args.find((arg) => !arg.startsWith('-') && /[/\\]|\.[cm]?[jt]sx?$/.test(arg));
}

/** `tsx` for `…/node_modules/.bin/tsx` or `…/node_modules/tsx/dist/cli.mjs`; undefined for a user's script. */
function toolName(script: string): string | undefined {
  const parts = script.split(/[/\\]/);
  const modules = parts.lastIndexOf('node_modules');
  if (modules < 0 || modules + 1 >= parts.length) return undefined;
  if (parts[modules + 1] === '.bin') return parts[modules + 2];
  // A scoped package (`@nestjs/cli`) is named by its package name.
  return parts[modules + 1].startsWith('@') ? `${parts[modules + 1]}/${parts[modules + 2]}` : parts[modules + 1];
}

/** The editor's helpers by what they do ("VS Code extension host"): their script is always bootstrap-fork. */
function editorProcessName(argv: readonly string[]): string | undefined {
  const type = argv.map((arg) => /^--type=(.+)$/.exec(arg)?.[1]).find(Boolean);
  if (type) return `VS Code ${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
  if (argv.some((arg) => /[/\\]tsserver\.js$/.test(arg))) return 'TypeScript server (tsserver)';
  return argv.some((arg) => /[/\\]code-server[/\\]out[/\\]node[/\\]entry(\.js)?$/.test(arg)) ? 'code-server' : undefined;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function baseName(file: string): string {
  return file.split(/[/\\]/).pop() ?? '';
}
