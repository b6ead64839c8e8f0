/**
 * The `flamelens` command: argument dispatch and the exit-code contract
 * (0 success, 1 the target or capture failed, 2 bad input, 130 cancelled with Ctrl+C).
 * Failures print one line; --verbose adds the stack.
 */
import { FlameLensError, type FailureKind } from '../core/errors';
import { terminalOutput } from '../core/report/terminalText';
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

Exit codes: 0 success · 1 the target or the capture failed · 2 bad input · 130 cancelled (Ctrl+C).
Add --verbose to see the details of a failure.`;

/** What each kind of failure exits with; 130 is what a shell reports for a program stopped by Ctrl+C. */
const exitCodes: Record<FailureKind, number> = { 'bad-input': 2, 'target-failed': 1, cancelled: 130 };

const commands: Record<string, (args: string[], console: Console) => Promise<void>> = { record, attach, report, snapshot, heap, 'heap-diff': heapDiff };

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Everything printed passes one filter: names, paths and messages carry data from profiles,
  // snapshots, targets and the command line, whose control characters must not reach the terminal.
  const console: Console = {
    out: (text) => process.stdout.write(terminalOutput(text) + '\n'),
    info: (text) => process.stderr.write(terminalOutput(text) + '\n'),
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
      return exitCodes[error.kind];
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
