/**
 * What every page sends, whatever it shows: that it is ready for data, that it has drawn what
 * it was sent, and which source location the user clicked. Declared once here; a view's own
 * declaration goes through `defineViewMessages`, which adds these, so no page can leave one out
 * or check it differently.
 */
import { defineMessages, type Declarations, type Declared, type MessageSet } from './defineMessages';
import { isFailureAction, isFilePath, isLine, type FailureAction } from './validators';

export { failureActionLabels, type FailureAction } from './validators';

export const sharedRequests = {
  /** The page listens: the host sends what it queued. */
  'webview/ready': {},
  /** The page has drawn what it was sent (tests and callers await this). */
  'webview/rendered': {},
  /** Open `file` at `line` (1-based) beside the view; only files the view has shown are opened. */
  'editor/openLocation': { file: isFilePath, line: isLine },
  /** The user pressed the failure page's button: the host runs that next step (another file, a new recording…). */
  'failure/action': { action: isFailureAction },
} as const satisfies Declarations;

export type SharedRequest = Declared<typeof sharedRequests>;

/** What the host sends when the view fails: one sentence; before anything was shown it replaces the page, afterwards it is a banner. */
export interface PageFailed<Type extends string> {
  readonly type: Type;
  readonly message: string;
  /** The file the view was opening, for the failure page's header (its name is shown). */
  readonly file?: string;
  /**
   * The next step, offered as a button. Absent: a page that failed before it showed anything
   * offers "Open another file…"; 'none' offers nothing (the next step is not the user's).
   */
  readonly action?: FailureAction | 'none';
}

/** A view's messages from its page: the shared ones and its own (`own` must not redeclare a shared type). */
export function defineViewMessages<const D extends Declarations = Record<never, never>>(
  own: D & { readonly [Type in keyof typeof sharedRequests]?: never },
): MessageSet<Declared<typeof sharedRequests & D>> {
  return defineMessages({ ...sharedRequests, ...own } as typeof sharedRequests & D);
}
