/**
 * How every page starts (one webpack entry per page): it gets `#app` and its host channel, the
 * host hears `webview/ready` (it queues its posts until then), and each message from the host
 * goes to the page's handler for that message type. A page declares a handler for every type it
 * receives, so a message added to the protocol does not compile until the page handles it.
 */
import type { SharedRequest } from '../../../src/protocol/shared/messages';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { showFailure, type FailureShown } from './failureView';
import { hostChannel } from './host';

type Typed = { readonly type: string };

/** One handler per message type, given the message of that type. */
export type Handlers<In extends Typed> = { readonly [K in In['type']]: (message: Extract<In, { readonly type: K }>) => void };

/** What a page can do with its frame. */
export interface Page<Out extends Typed> {
  readonly app: HTMLElement;
  post(message: Out): void;
  /** Asks the host to open a source line (beside the view; only files the view has shown). */
  open(location: SourceLocationDto): void;
  /** Replaces the loading text (or progress) with the page's content; from now on failures are banners. */
  show(...content: Array<Node | string>): void;
  /** Whether `show` has been called. */
  readonly shown: boolean;
  /** Tells the host the page has drawn what it was sent (tests and callers await this). */
  rendered(): void;
  /**
   * One sentence, or the host's failure message with its file and next step: replaces the page
   * before anything was shown, a banner on top afterwards.
   */
  fail(failure: FailureShown): void;
}

export function mountPage<In extends Typed, Out extends Typed>(create: (page: Page<Out>) => Handlers<In>): void {
  const app = document.getElementById('app')!;
  const host = hostChannel<Out | SharedRequest>();
  let shown = false;
  const page: Page<Out> = {
    app,
    post: (message) => host.post(message),
    open: (location) => host.post({ type: 'editor/openLocation', file: location.file, line: location.line }),
    show: (...content) => {
      shown = true;
      app.removeAttribute('aria-busy');
      app.replaceChildren(...content);
    },
    get shown() {
      return shown;
    },
    rendered: () => host.post({ type: 'webview/rendered' }),
    fail: (failure) => showFailure(app, failure, shown),
  };
  const handlers = create(page);
  window.addEventListener('message', (event: MessageEvent<In>) => {
    const message = event.data;
    // The host only sends this page's messages; anything else (another page's, a stale one) is not ours.
    if (!Object.hasOwn(handlers, message.type)) return;
    (handlers[message.type as In['type']] as (message: In) => void)(message);
  });
  host.post({ type: 'webview/ready' });
}
