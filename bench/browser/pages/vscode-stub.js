// What VS Code gives a webview: acquireVsCodeApi(). Messages to the host go to the benchmark
// through a Playwright binding (window.__benchToHost, exposed before the page loads); they are
// also kept in window.__benchPosts. Messages from the host arrive as server-sent events from
// the benchmark's server and are handed to the webview with window.postMessage, as VS Code does.
'use strict';
window.__benchPosts = [];
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    // When the webview is ready for the host's messages: the end of its page load.
    if (message?.type === 'webview/ready') window.__benchReadyAt ??= performance.timeOrigin + performance.now();
    window.__benchPosts.push(message);
    if (typeof window.__benchToHost === 'function') void window.__benchToHost(message);
  },
  getState: () => undefined,
  setState: () => undefined,
});

const events = new EventSource('/events');
events.onopen = () => (window.__benchEventsOpen = true);
events.onmessage = (event) => window.postMessage(JSON.parse(event.data), '*');
