/**
 * The inspector session facade: the only file that talks to chrome-remote-interface.
 * Everything above it sees `send`/`on` typed by devtools-protocol's method map, so capture
 * code reads like the protocol docs and could be driven by a typed fake in a unit test.
 */
import CDP from 'chrome-remote-interface';
import type ProtocolMapping from 'devtools-protocol/types/protocol-mapping';
import { targetFailed } from '../errors';

type Commands = ProtocolMapping.Commands;
type Events = ProtocolMapping.Events;

export interface InspectorSession {
  send<M extends keyof Commands>(method: M, ...params: Commands[M]['paramsType']): Promise<Commands[M]['returnType']>;
  /** Subscribes to a protocol event; returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, handler: (...payload: Events[E]) => void): () => void;
  /** Resolves once when the socket closes, whoever closed it. */
  readonly disconnected: Promise<void>;
  close(): Promise<void>;
}

export interface InspectorTarget {
  /** The inspector's WebSocket URL, e.g. ws://127.0.0.1:9229/<uuid>. */
  readonly webSocketUrl: string;
  readonly title?: string;
}

interface RawClient {
  send(method: string, params?: object): Promise<unknown>;
  on(event: string, handler: (payload: unknown) => void): void;
  removeListener(event: string, handler: (payload: unknown) => void): void;
  once(event: 'disconnect', handler: () => void): void;
  close(): Promise<void>;
}

/** Opens a session on an inspector WebSocket URL. */
export async function connectInspector(webSocketUrl: string): Promise<InspectorSession> {
  let client: RawClient;
  try {
    // `local: true` uses the protocol bundled with the library; Node does not serve /json/protocol.
    client = (await CDP({ target: webSocketUrl, local: true })) as unknown as RawClient;
  } catch (error) {
    throw targetFailed(
      `Could not connect to the inspector at ${webSocketUrl} (${(error as Error).message ?? error}). Is another debugger attached, or has the process exited?`,
      error,
    );
  }
  let closed = false;
  let markDisconnected: () => void = () => undefined;
  const disconnected = new Promise<void>((resolve) => {
    markDisconnected = () => {
      closed = true;
      resolve();
    };
    client.once('disconnect', markDisconnected);
  });
  // A dropped socket surfaces through `disconnected`; the library's error event adds nothing.
  client.on('error', () => undefined);
  return {
    send(method, ...params) {
      if (closed) return Promise.reject(new Error(`inspector connection closed before ${method}`));
      return client.send(method, params[0]) as never;
    },
    on(event, handler) {
      const listener = (payload: unknown) => (handler as (p: unknown) => void)(payload);
      client.on(event, listener);
      return () => client.removeListener(event, listener);
    },
    disconnected,
    async close() {
      if (closed) return;
      closed = true;
      await client.close().catch(() => undefined);
      markDisconnected(); // the library does not report a close we asked for
    },
  };
}

/** Lists the debuggable targets of an inspector (its /json/list endpoint). */
export async function listInspectorTargets(host: string, port: number): Promise<InspectorTarget[]> {
  const targets = (await CDP.List({ host, port })) as Array<{ webSocketDebuggerUrl?: string; title?: string }>;
  return targets
    .filter((t) => typeof t.webSocketDebuggerUrl === 'string' && t.webSocketDebuggerUrl.length > 0)
    .map((t) => ({ webSocketUrl: t.webSocketDebuggerUrl!, title: t.title }));
}
