/** `flamelens record -- <command>`: launch a program with the inspector and profile it. */
import { RecordingLost, recordCpuProfile } from '../../core/capture/recordCpuProfile';
import { recordingEndNote } from '../../core/capture/recordingEnd';
import { badInput, targetFailed } from '../../core/errors';
import { exitGraceMs } from '../../core/inspector/exitGrace';
import { launchWithInspector, type LaunchedProgram } from '../../core/inspector/launch';
import { captureFlags, captureOptions, commonFlags, memoryFlags, memoryOptions, memoryUsageLines, outputFlags, outputOptions, parseFlags } from '../options';
import { writeMemoryOutputs } from '../memoryOutputs';
import { assertOutputsWritable, writeOutputs, type Console } from '../outputs';
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
  // A path that cannot be written is bad input now, not after the program has been profiled.
  await assertOutputsWritable([outputs.out, outputs.json, outputs.html]);

  // In place before anything is launched: Ctrl+C while starting leaves no program, inspector or temp folder.
  const launching = new AbortController();
  let launched: LaunchedProgram | undefined;
  const interrupt = stopOnInterrupt(
    () => {
      launching.abort();
      launched?.terminate('SIGKILL');
      launched?.dispose();
    },
    undefined,
    'Interrupted while starting the program; it was stopped and nothing was profiled.',
  );
  try {
    launched = await launchWithInspector(program, { signal: launching.signal });
    const target = launched;
    const recording = await recordCpuProfile(target.webSocketUrl, {
      ...capture,
      ...memoryOptions(values),
      stopSignal: interrupt.signal,
      resumeTarget: true,
      ownScriptUrls: [target.bootloaderUrl],
      rootPath: process.cwd(),
      onNote: (note) => console.info(note),
      onStarted: () => {
        interrupt.started();
        console.info(
          `Profiling ${program.join(' ')} (pid ${target.pid})` + (capture.durationMs ? ` for ${capture.durationMs / 1000} s` : '') + '; press Ctrl+C to stop.',
        );
      },
    }).catch(async (error: unknown) => {
      await keepWhatWasRecorded(error, outputs.out, console);
      throw error;
    });
    // Only a program that ended by itself failed; one we stopped ends by our signal.
    const exit = recording.endedBy === 'program-ended' ? target.programExit() : undefined;
    const failed = exit !== undefined && exit.exitCode !== 0;
    // A signal from outside (kill, docker stop) cut the run short; otherwise the whole run is in.
    if (recording.endSignal) console.info(recordingEndNote(recording, 'program')!);
    else if (recording.endedBy === 'program-ended' && !failed) console.info('The program ended; its whole run was profiled.');
    const workers = workerThreadsNote(recording.workerThreads);
    if (workers) console.info(workers);
    await endProgram(target, recording.endedBy === 'program-ended');
    const profiled = (recording.profile.samples?.length ?? 0) > 0;
    if (profiled || !failed) {
      await writeOutputs(
        recording.profile,
        { ...outputs, memory: recording.memory, allocations: recording.allocations, title: program.join(' '), recordedAt: new Date() },
        console,
      );
    }
    if (failed) {
      const kept = !profiled ? 'nothing was profiled' : outputs.out ? `profile saved to ${outputs.out}` : 'its profile is summarized above';
      throw targetFailed(`The program exited with code ${exit.exitCode}; ${kept}.`);
    }
  } finally {
    interrupt.dispose();
    launched?.terminate('SIGKILL');
    launched?.dispose();
  }
}

/** The line that says worker threads ran and are not in the profile, or undefined when none did. */
export function workerThreadsNote(count: number): string | undefined {
  if (count <= 0) return undefined;
  const threads = count === 1 ? '1 worker thread' : `${count} worker threads`;
  return `${threads} ran during the recording; ${count === 1 ? 'it is' : 'they are'} not in this profile (FlameLens profiles the main thread).`;
}

/**
 * A program that is ending by itself is let finish (its last words, an uncaught error's stack,
 * are printed after its exit handlers, which is when we notice); otherwise, or if it lingers,
 * it is asked to end, and made to after a grace period.
 */
async function endProgram(launched: LaunchedProgram, endingByItself: boolean): Promise<void> {
  const after = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
  if (endingByItself && (await Promise.race([launched.outputEnded, after(3000)])) !== 'timeout') return;
  launched.terminate('SIGTERM');
  if ((await Promise.race([launched.commandExited, after(exitGraceMs)])) === 'timeout') launched.terminate('SIGKILL');
}

/** A process that died before handing over its CPU profile leaves the memory timeline sampled until then: saved beside --out. */
export async function keepWhatWasRecorded(error: unknown, out: string | undefined, console: Console): Promise<void> {
  if (error instanceof RecordingLost && error.memory) await writeMemoryOutputs({ memory: error.memory }, out, console);
}
