/**
 * Ctrl+C while recording means "stop and keep what was recorded". A second Ctrl+C gives up
 * at once (the user is in a hurry), after `onGiveUp` cleans up.
 */
export function stopOnInterrupt(
  onGiveUp: () => void,
  message = 'Stopping and saving the profile (Ctrl+C again to give up)...',
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = () => {
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
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
