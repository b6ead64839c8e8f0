/**
 * Declaring what a webview may send, once: each message type with a validator per field. The
 * TypeScript union of the messages and the parser that checks them are both derived from that
 * one declaration, so they cannot drift apart (GitLens's typed message descriptors are the
 * model). The parser keeps only the declared fields: nothing else the page put in a message
 * reaches the host.
 *
 *   const profileRequests = defineMessages({ 'flame/expand': { nodeId: isIndex } });
 *   type ProfileRequest = MessageOf<typeof profileRequests>;
 *   profileRequests.parse(raw); // ProfileRequest | undefined
 */
import type { Validator } from './validators';

/**
 * A field whose accepted value is copied rather than kept as sent: for objects, so only their
 * own declared parts go on (a method, so a `KeptField<T>` fits where any field is expected).
 */
export interface KeptField<T> {
  readonly is: Validator<T>;
  keep(value: T): T;
}

export type Field<T = unknown> = Validator<T> | KeptField<T>;

/** A message's fields by name (never `type`: that is the key it is declared under). */
export type Fields = { readonly [name: string]: Field };

/** Message types (`scope/verb`) and their fields. */
export type Declarations = { readonly [type: string]: Fields };

type ValueOf<F> = F extends KeptField<infer T> ? T : F extends (value: unknown) => value is infer T ? T : never;

type Message<Type extends string, F extends Fields> = { readonly type: Type } & { readonly [P in keyof F]: ValueOf<F[P]> };

/** The discriminated union of the messages a declaration describes. */
export type Declared<D extends Declarations> = { [Type in keyof D & string]: Message<Type, D[Type]> }[keyof D & string];

export interface MessageSet<M extends { readonly type: string }> {
  /** The declared message types. */
  readonly types: ReadonlySet<string>;
  /** The message with only its declared fields, or undefined when anything is missing, malformed or not declared. */
  parse(raw: unknown): M | undefined;
}

/** The union of a message set's messages: `MessageOf<typeof profileRequests>`. */
export type MessageOf<S> = S extends MessageSet<infer M> ? M : never;

export function defineMessages<const D extends Declarations>(declarations: D): MessageSet<Declared<D>> {
  const types = new Set(Object.keys(declarations));
  return {
    types,
    parse(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
      const sent = raw as Record<string, unknown>;
      // Own keys only: a type named like an Object.prototype member ("toString") is not declared.
      if (typeof sent.type !== 'string' || !types.has(sent.type)) return undefined;
      const message: Record<string, unknown> = { type: sent.type };
      for (const [name, field] of Object.entries(declarations[sent.type])) {
        const value = sent[name];
        if (typeof field === 'function') {
          if (!field(value)) return undefined;
          message[name] = value;
        } else {
          if (!field.is(value)) return undefined;
          message[name] = field.keep(value);
        }
      }
      return message as Declared<D>;
    },
  };
}
