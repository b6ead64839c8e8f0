/** `flamelens record -- <command>`: launch a program with the inspector and profile it. */
import { recordCpuProfile } from '../../core/capture/recordCpuProfile';
import { badInput } from '../../core/errors';
import { launchWithInspector } from '../../core/inspector/launch';
import { captureFlags, captureOptions, commonFlags, memoryFlags, memoryOptions, memoryUsageLines, outputFlags, outputOptions, parseFlags } from '../options';
import { writeOutputs, type Console } from '../outputs';
import { stopOnInterrupt } from '../stopOnInterrupt';

export const recordUsage = `flamelens record [--duration <s>] [--interval <µs>] [--memory] [--allocations] [--out <file.cpuprofile>] [--json <summary.json>] [--html <report.html>] [--top <n>] -- <command> [args...]

Launches <command> (node app.js, npm run start, npx tsx app.ts, ts-node app.ts, ...) with the
inspector on 127.0.0.1 and a random port, and profiles the Node.js process that runs the program.
Stops after --duration, on Ctrl+C, or when the program ends; then the program is stopped too.
${memoryUsageLines}`;

export async function record(args: string[], console: Console): Promise<void> {
  const separator = args.indexOf('--');
  const ownArgs = separator >= 0 ? args.slice(0, separator) : args;
  const command = separator >= 0 ? args.slice(separator + 1) : [];
  const { values, positionals } = parseFlags('record', ownArgs, { ...captureFlags, ...memoryFlags, ...outputFlags, ...commonFlags });
  if (values.help) return console.out(recordUsage);
  const program = command.length > 0 ? command : positionals;
  if (program.length === 0) throw badInput('No command to profile. Example: flamelens record --duration 10 -- node server.js');
  const capture = captureOptions(values);
  const outputs = outputOptions(values);

  const launched = await launchWithInspector(program);
  const interrupt = stopOnInterrupt(() => launched.terminate('SIGKILL'));
  try {
    const recording = await recordCpuProfile(launched.webSocketUrl, {
      ...capture,
      ...memoryOptions(values),
      stopSignal: interrupt.signal,
      resumeTarget: true,
      rootPath: process.cwd(),
      onStarted: () =>
        console.info(
          `Profiling ${program.join(' ')} (pid ${launched.pid})` +
            (capture.durationMs ? ` for ${capture.durationMs / 1000} s` : '') +
            '; press Ctrl+C to stop.',
        ),
    });
    if (recording.endedBy === 'program-ended') console.info('The program ended; its whole run was profiled.');
    await endProgram(launched);
    await writeOutputs(recording.profile, { ...outputs, memory: recording.memory, allocations: recording.allocations, title: program.join(' '), recordedAt: new Date() }, console);
  } finally {
    interrupt.dispose();
    launched.terminate('SIGKILL');
  }
}

/** Asks the program to end, and insists after a grace period. */
async function endProgram(launched: Awaited<ReturnType<typeof launchWithInspector>>): Promise<void> {
  launched.terminate('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([launched.commandExited, timeout])) === 'timeout') launched.terminate('SIGKILL');
}
