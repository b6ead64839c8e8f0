/**
 * What a recording's files are named after: the program, in the words the user knows it by —
 * the npm script (`npm run dev` → `dev`), else the script (`node dist/server.js` → `server`, a
 * folder's `index.js` → the folder), else the pid. Safe on every file system.
 */
import * as path from 'node:path';
import { describeArgv } from '../inspector/processKinds';

/** Package managers whose `run <script>` (or `<script>`) names the program. */
const packageManagers = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Their own commands, which are not a script's name. */
const managerCommands = new Set(['run', 'run-script', 'exec', 'dlx', 'x', '--']);
/** File names that say less than the folder they are in. */
const genericNames = new Set(['index', 'main', 'app', 'cli', 'bin', 'start']);

export interface NamingFacts {
  /** The command FlameLens launched, as the user gave it. */
  readonly command?: readonly string[];
  /** The argv of the Node process recorded (a launched program's, or an attached pid's). */
  readonly argv?: readonly string[];
  readonly pid?: number;
}

/** `server`, `dev`, `api`, `pid-4242`; `profile` when nothing is known. */
export function recordingName(facts: NamingFacts): string {
  const name = npmScript(facts.command) ?? scriptName(facts.argv) ?? scriptName(facts.command && ['node', ...facts.command.slice(1)]);
  if (name) return safeName(name);
  return facts.pid !== undefined ? `pid-${facts.pid}` : 'profile';
}

/** `npm run dev`, `pnpm dev`, `yarn start` → the script's name. */
function npmScript(command: readonly string[] | undefined): string | undefined {
  if (!command || command.length < 2) return undefined;
  const tool = path.basename(command[0]).replace(/\.(cmd|exe)$/i, '');
  if (!packageManagers.has(tool)) return undefined;
  const rest = command.slice(1).filter((word) => !word.startsWith('-') || word === '--');
  if (rest[0] === 'start' || rest[0] === 'test') return rest[0];
  const script = managerCommands.has(rest[0] ?? '') ? rest[1] : rest[0];
  return script && !managerCommands.has(script) ? script : undefined;
}

/** The script a Node argv runs (through tsx, ts-node… too), named by its file or, for `index.js`, its folder. */
function scriptName(argv: readonly string[] | undefined): string | undefined {
  if (!argv || argv.length < 2) return undefined;
  const { name, script } = describeArgv(argv);
  if (!script) return undefined;
  // `tsx src/index.ts` names the tool and its script: the script is the program.
  const file = name.includes(' ') ? name.slice(name.lastIndexOf(' ') + 1) : script;
  const base = path.basename(file).replace(/(\.(test|spec))?\.[cm]?[jt]sx?$/i, '');
  // Only a folder the argv names: a relative script's folder is the target's cwd, unknown here (not ours).
  const dir = path.dirname(file);
  const folder = dir === '.' ? '' : path.basename(dir);
  if (genericNames.has(base.toLowerCase()) && folder && !['src', 'dist', 'build', 'lib', 'out', 'bin', ''].includes(folder)) return folder;
  return base || undefined;
}

/** Letters, digits, `.`, `_` and `-` only; at most 40 characters; never empty. */
export function safeName(name: string): string {
  return (
    name
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'profile'
  );
}
