// What VS Code gives a webview: acquireVsCodeApi(). Messages to the host go to the benchmark
// through a Playwright binding (window.__benchToHost, exposed before the page loads); they are
// also kept in window.__benchPosts so a test can look at them.
'use strict';
window.__benchPosts = [];
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    window.__benchPosts.push(message);
    if (typeof window.__benchToHost === 'function') void window.__benchToHost(message);
  },
  getState: () => undefined,
  setState: () => undefined,
});
