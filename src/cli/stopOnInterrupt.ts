/**
 * Ctrl+C while recording means "stop and keep what was recorded". A second Ctrl+C gives up
 * at once (the user is in a hurry), after `onGiveUp` cleans up. With `beforeStart`, an
 * interrupt before `started()` gives up at once too: there is nothing to keep yet, and the
 * handler is in place before anything is launched, so nothing is left behind.
 */
export function stopOnInterrupt(
  onGiveUp: () => void,
  message = 'Stopping and saving the profile (Ctrl+C again to give up)...',
  beforeStart?: string,
): { signal: AbortSignal; started(): void; dispose(): void } {
  const controller = new AbortController();
  let hasStarted = beforeStart === undefined;
  const handler = () => {
    if (!hasStarted) {
      onGiveUp();
      process.stderr.write(`\nflamelens: ${beforeStart}\n`);
      process.exit(130);
    }
    if (!controller.signal.aborted) {
      process.stderr.write(`\n${message}\n`);
      controller.abort();
      return;
    }
    onGiveUp();
    process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    started: () => (hasStarted = true),
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
