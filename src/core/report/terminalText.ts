/**
 * Text from profiles, snapshots and targets is data, not terminal commands: a function named
 * "\x1b]52;c;…\x07" would otherwise write the user's clipboard, "\x1b[2J" clear the screen,
 * a bidi override reorder what the user reads. Every such character is shown as a visible
 * escape (`\x1b`, `\u202e`) instead of reaching the terminal.
 */

/**
 * C0 controls, DEL, C1 controls (U+0080–U+009F: a terminal may read U+009B as CSI), the bidi
 * embeddings, overrides and isolates, and the line and paragraph separators.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, except line feed and tab: for whole lines of output we build ourselves. */
const unsafeInOutput = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One field (a name, a URL, a path): every control character escaped, line breaks too. */
export function terminalField(text: string): string {
  return text.replace(unsafe, visibleEscape);
}

/** Output the CLI writes: control characters escaped, its own line breaks and tabs kept. */
export function terminalOutput(text: string): string {
  return text.replace(unsafeInOutput, visibleEscape);
}

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
