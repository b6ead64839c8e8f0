/**
 * How long a program FlameLens launched gets to end by itself once it has been asked to (SIGTERM,
 * or FlameLens gone and its inspector closed) before it is made to (SIGKILL): long enough for a
 * server to close its connections and flush its logs, short enough that a stuck one does not linger.
 *
 * Free of imports: the bootloader loads it inside the user's process.
 */
export const exitGraceMs = 5000;
