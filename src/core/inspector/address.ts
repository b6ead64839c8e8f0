/**
 * What a user may type to name a target: a pid, host:port, or a ws:// URL.
 * Parsing lives apart from connecting so the CLI and the extension agree on it.
 */
import { badInput } from '../errors';

export type TargetAddress =
  | { readonly kind: 'pid'; readonly pid: number }
  | { readonly kind: 'hostPort'; readonly host: string; readonly port: number }
  | { readonly kind: 'webSocket'; readonly url: string; readonly host: string };

/** Parses "4242", "127.0.0.1:9229", "localhost:9229" or "ws://127.0.0.1:9229/uuid". */
export function parseTargetAddress(text: string): TargetAddress {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { kind: 'pid', pid: Number(value) };
  if (/^wss?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badInput(`"${text}" is not a valid inspector URL. Use ws://host:port/<id> as printed by "node --inspect".`);
    }
    return { kind: 'webSocket', url: value, host: url.hostname.replace(/^\[|\]$/g, '') };
  }
  const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(value);
  if (match && Number(match[2]) > 0 && Number(match[2]) < 65536) {
    return { kind: 'hostPort', host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
  }
  throw badInput(`"${text}" is neither a process id, host:port nor ws:// URL. Example: flamelens attach 4242`);
}

/** True for addresses that stay on this machine. Anything else needs the user's explicit consent. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
