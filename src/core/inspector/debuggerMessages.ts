/**
 * Node's own debugger messages on a launched program's stderr (the inspector banner that
 * `--inspect-publish-uid=stderr` prints, "Debugger attached." …) are FlameLens's business,
 * not the program's output: this filter takes them out and passes everything else on.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** What Node itself prints on stderr about the inspector (Node 20–26): ours, not the program's. */
const debuggerMessages = [
  /^Debugger listening on ws:\/\/\S+$/,
  /^Debugger ending on ws:\/\/\S+$/,
  /^For help, see: https:\/\/nodejs\.org\/\S+$/,
  /^Debugger attached\.$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];
const debuggerMessageStarts = [
  'Debugger listening on ws://',
  'Debugger ending on ws://',
  'For help, see: https://nodejs.org/',
  'Debugger attached.',
  'Waiting for the debugger to disconnect...',
];
/** A partial line that might become one of Node's messages waits this long for its end. */
const partialLineWaitMs = 100;

/**
 * Drops exactly Node's debugger messages, whole lines only, and passes everything else on
 * as it arrives: a prompt without a newline is not held back (unless it could be the start
 * of one of Node's messages, and then only briefly).
 */
export class DebuggerMessageFilter extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private atLineStart = true;
  private held = '';
  private heldTimer: NodeJS.Timeout | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.dropDebuggerMessages(this.decoder.write(chunk));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.dropDebuggerMessages(this.decoder.end());
    this.release();
    done();
  }

  private dropDebuggerMessages(input: string): void {
    clearTimeout(this.heldTimer);
    let text = this.held + input;
    this.held = '';
    let out = '';
    while (text.length > 0) {
      const newline = text.indexOf('\n');
      if (newline < 0) {
        if (this.atLineStart && debuggerMessageStarts.some((start) => start.startsWith(text) || text.startsWith(start))) {
          this.held = text;
          this.heldTimer = setTimeout(() => this.release(), partialLineWaitMs);
        } else {
          out += text;
          this.atLineStart = false;
        }
        break;
      }
      const line = text.slice(0, newline);
      const ours = this.atLineStart && debuggerMessages.some((pattern) => pattern.test(line.replace(/\r$/, '')));
      if (!ours) out += text.slice(0, newline + 1);
      this.atLineStart = true;
      text = text.slice(newline + 1);
    }
    if (out) this.push(out);
  }

  private release(): void {
    clearTimeout(this.heldTimer);
    if (!this.held) return;
    this.push(this.held);
    this.held = '';
    this.atLineStart = false;
  }
}
