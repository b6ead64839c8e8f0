// chrome-remote-interface ships no types; src/core/inspector/session.ts narrows what it uses.
declare module 'chrome-remote-interface' {
  function CDP(options: { target: string; local?: boolean }): Promise<unknown>;
  namespace CDP {
    function List(options: { host: string; port: number }): Promise<unknown[]>;
  }
  export = CDP;
}
