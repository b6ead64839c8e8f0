/**
 * The `flamelens` command: argument dispatch and the exit-code contract
 * (0 success, 1 the target or capture failed, 2 bad input). Failures print one line;
 * --verbose adds the stack.
 */
import { FlameLensError } from '../core/errors';
import { attach, attachUsage } from './commands/attach';
import { heap, heapUsage } from './commands/heap';
import { heapDiff, heapDiffUsage } from './commands/heapDiff';
import { record, recordUsage } from './commands/record';
import { report, reportUsage } from './commands/report';
import { snapshot, snapshotUsage } from './commands/snapshot';
import type { Console } from './outputs';

const usage = `flamelens — profile Node.js processes from the command line

${recordUsage}

${attachUsage}

${reportUsage}

${snapshotUsage}

${heapUsage}

${heapDiffUsage}

Exit codes: 0 success · 1 the target or the capture failed · 2 bad input.
Add --verbose to see the details of a failure.`;

const commands: Record<string, (args: string[], console: Console) => Promise<void>> = { record, attach, report, snapshot, heap, 'heap-diff': heapDiff };

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const console: Console = {
    out: (text) => process.stdout.write(text + '\n'),
    info: (text) => process.stderr.write(text + '\n'),
  };
  const [name, ...args] = argv;
  const verbose = ownArguments(argv).includes('--verbose');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.out(usage);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.out(require('../../../package.json').version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.info(`flamelens: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. See "flamelens --help".`);
    return 2;
  }
  try {
    await command(withoutVerbose(args), console);
    return 0;
  } catch (error) {
    if (error instanceof FlameLensError) {
      console.info(`flamelens: ${error.message}`);
      if (verbose && error.cause) console.info(String((error.cause as Error).stack ?? error.cause));
      return error.kind === 'bad-input' ? 2 : 1;
    }
    console.info(`flamelens: unexpected failure: ${(error as Error).message ?? error}. Run again with --verbose and report it.`);
    if (verbose) console.info(String((error as Error).stack));
    return 1;
  }
}

/** The arguments before `--` (after it they belong to the profiled program). */
function ownArguments(args: string[]): string[] {
  const separator = args.indexOf('--');
  return separator >= 0 ? args.slice(0, separator) : args;
}

function withoutVerbose(args: string[]): string[] {
  const own = ownArguments(args);
  return [...own.filter((a) => a !== '--verbose'), ...args.slice(own.length)];
}
