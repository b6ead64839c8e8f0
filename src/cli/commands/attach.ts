/** `flamelens attach <pid | host:port | ws://…>`: profile a process that is already running. */
import { recordCpuProfile, type Recording } from '../../core/capture/recordCpuProfile';
import { recordingEndNote } from '../../core/capture/recordingEnd';
import { badInput } from '../../core/errors';
import { parseTargetAddress } from '../../core/inspector/address';
import { resolveInspectorTarget } from '../../core/inspector/attach';
import { closeInspectorWeOpened, notClosedWarning, waitingToCloseNotice } from '../../core/inspector/closeInspector';
import { captureFlags, captureOptions, commonFlags, memoryFlags, memoryOptions, memoryUsageLines, outputFlags, outputOptions, parseFlags } from '../options';
import { assertOutputsWritable, writeOutputs, type Console } from '../outputs';
import { stopOnInterrupt } from '../stopOnInterrupt';
import { keepWhatWasRecorded, workerThreadsNote } from './record';

export const attachUsage = `flamelens attach <pid | host:port | ws://…> [--duration <s>] [--interval <µs>] [--memory] [--allocations] [--out <file.cpuprofile>] [--json <summary.json>] [--html <report.html>] [--top <n>] [--allow-remote]

Profiles a running Node.js process. Given a pid of a process started without --inspect, opens
its inspector (SIGUSR1 on Linux/macOS) and closes it again when done. The process keeps running.
Stops after --duration, on Ctrl+C, or when the process ends.
--allow-remote   connect to an inspector on another machine (unencrypted; only on networks you trust)
${memoryUsageLines}`;

export async function attach(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('attach', args, {
    ...captureFlags,
    ...memoryFlags,
    ...outputFlags,
    ...commonFlags,
    'allow-remote': { type: 'boolean' },
  });
  if (values.help) return console.out(attachUsage);
  if (positionals.length !== 1) throw badInput('Name one target: a pid, host:port or ws:// URL. Example: flamelens attach 4242 --duration 10');
  const capture = captureOptions(values);
  const outputs = outputOptions(values);
  // A path that cannot be written is bad input now, not after the process has been profiled.
  await assertOutputsWritable([outputs.out, outputs.json, outputs.html]);
  const target = await resolveInspectorTarget(parseTargetAddress(positionals[0]), { allowRemote: values['allow-remote'] });
  // Giving up (a second Ctrl+C) exits at once: the inspector we opened cannot be closed then, say so.
  const interrupt = stopOnInterrupt(() => {
    if (target.openedInspector) process.stderr.write(`flamelens: ${notClosedWarning(target.openedInspector)}\n`);
  });
  let recording: Recording;
  try {
    recording = await recordCpuProfile(target.webSocketUrl, {
      ...capture,
      ...memoryOptions(values),
      stopSignal: interrupt.signal,
      rootPath: process.cwd(),
      onNote: (note) => console.info(note),
      onStarted: () =>
        console.info(`Profiling ${target.label}` + (capture.durationMs ? ` for ${capture.durationMs / 1000} s` : '') + '; press Ctrl+C to stop.'),
    });
  } catch (error) {
    await keepWhatWasRecorded(error, outputs.out, console);
    throw error;
  } finally {
    // Leave the process as we found it, before the (slower) outputs, whether the recording worked or not.
    const opened = target.openedInspector;
    const warning = await closeInspectorWeOpened(target, { onWait: () => opened && console.info(waitingToCloseNotice(opened)) });
    interrupt.dispose();
    if (warning) console.info(`flamelens: ${warning}`);
  }
  const ended = recordingEndNote(recording, 'process');
  if (ended) console.info(ended);
  const workers = workerThreadsNote(recording.workerThreads);
  if (workers) console.info(workers);
  await writeOutputs(
    recording.profile,
    { ...outputs, memory: recording.memory, allocations: recording.allocations, title: target.label, recordedAt: new Date() },
    console,
  );
}
