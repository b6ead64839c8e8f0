/**
 * Offline launcher for the extension-host suite (the one CI uses): code-server from the tools
 * folder serves VS Code's workbench, headless Debian Chromium (driven by playwright-core) opens it
 * with the extension under development and the test entry point in the URL payload, and the
 * workbench reports the extension host's console and exit code through codeAutomationLog /
 * codeAutomationExit. See shared/TESTING.md for why this route.
 *
 * test/setup/installTestTools.js (npm test's pretest) installs both tools on first use; this reads
 * where they are from it. Env: FLAMELENS_CODE_SERVER (binary; default: the tools folder's),
 * FLAMELENS_TOOLS_DIR (the tools folder, default .vscode-test/tools), FLAMELENS_TEST_WORKSPACE
 * (folder to open), FLAMELENS_CHROMIUM (browser; default: the first Chrome/Chromium on PATH),
 * FLAMELENS_TEST_TIMEOUT_MS (whole run, default 10 min),
 * FLAMELENS_TEST_VERBOSE=1 (print harmless noise and browser console too),
 * FLAMELENS_KEEP_TMP=1 (keep the temp dir with code-server's log).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, Browser } from 'playwright-core';
import { repoRoot } from '../../support/paths';
import { BRIDGE_DIR_ENV } from '../shared/bridgeProtocol';
import { BridgeServer } from './bridgeServer';
import { CodeServer, startCodeServer } from './codeServer';

/** The test setup (plain JS, runs before the build) decides where the tools are; one answer for both. */
const setup: { codeServerBinary(): string; findBrowser(): string | undefined } = require(path.join(repoRoot, 'test', 'setup', 'installTestTools.js'));

const env = process.env;
const codeServerBin = setup.codeServerBinary();
const workspace = path.resolve(env.FLAMELENS_TEST_WORKSPACE || path.join(repoRoot, 'test', 'extension', 'workspace'));
const chromiumPath = setup.findBrowser();
const timeoutMs = Number(env.FLAMELENS_TEST_TIMEOUT_MS) || 10 * 60_000;
const verbose = env.FLAMELENS_TEST_VERBOSE === '1';
const testsPath = path.join(repoRoot, 'out', 'test', 'extension', 'suite', 'index.js');

/**
 * Kept out of the test output (still in the log file): the harmless noise TESTING.md lists, and
 * the workbench's own connection chatter, which shares codeAutomationLog with the extension host.
 */
const NOISE = [
  /open-vsx/i,
  /vsda/i,
  /service ?worker/i,
  /404 \(Not Found\)/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The suite's closing `N passed, N failed` line (suite/index.ts). */
const SUMMARY = /^\d+ passed, \d+ failed$/;
let summary: string | undefined;

let server: CodeServer | undefined;
let browser: Browser | undefined;
let stateDir = '';

async function main(): Promise<number> {
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} is missing: run \`npm run build\` first`);
  if (!fs.existsSync(workspace)) throw new Error(`test workspace ${workspace} does not exist`);
  if (!chromiumPath || !fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chrome or Chromium not found at ${chromiumPath ?? 'any of chromium, chromium-browser, google-chrome, google-chrome-stable on PATH'}. ` +
        'Run "node test/setup/installTestTools.js" (it says what to install) or set FLAMELENS_CHROMIUM.',
    );
  }
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-exttest-'));
  const bridgeDir = path.join(stateDir, 'bridge');
  fs.mkdirSync(bridgeDir);
  const logFile = path.join(stateDir, 'code-server.log');
  const note = (line: string) => fs.appendFileSync(logFile, `${line}\n`);

  const started = Date.now();
  server = await startCodeServer({ binary: codeServerBin, stateDir, env: { [BRIDGE_DIR_ENV]: bridgeDir } });
  const authority = `127.0.0.1:${server.port}`;
  console.log(`code-server on ${authority} (${Date.now() - started} ms); log: ${server.logFile}`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    // We clean up on signals ourselves: the browser first, then code-server's process group.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => (verbose ? console.log(`[browser] ${m.text()}`) : note(`[browser ${m.type()}] ${m.text()}`)));
  page.on('pageerror', (e) => note(`[browser pageerror] ${e.message}`));
  const bridge = new BridgeServer(page, bridgeDir);

  // Both must exist before the workbench loads: it checks for them once, at startup.
  let reportExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (bridge.handleLine(line)) return;
    if (!verbose && NOISE.some((re) => re.test(line))) return note(`[noise] ${line}`);
    if (SUMMARY.test(line)) return void (summary = line); // printed last, after our own lines
    (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(remote(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const outcome = await Promise.race([exited, timedOut]);
  if (outcome === 'timeout') {
    console.error(`extension tests did not finish within ${timeoutMs} ms (FLAMELENS_TEST_TIMEOUT_MS); see ${logFile}`);
    await page.screenshot({ path: path.join(stateDir, 'timeout.png') }).catch(() => undefined);
    return 1;
  }
  console.log(`extension host exited with ${outcome} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (outcome === 0 && !summary) {
    console.error('the extension host exited 0 but the suite printed no summary: were the tests run at all?');
    return 1;
  }
  return outcome;
}

let cleaning: Promise<void> | undefined;
function cleanup(code: number): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (stateDir && code === 0 && env.FLAMELENS_KEEP_TMP !== '1') fs.rmSync(stateDir, { recursive: true, force: true });
    else if (stateDir) console.error(`kept ${stateDir} (code-server.log, bridge answers, timeout.png on a timeout)`);
    // CI reads the closing line: the suite's summary, or a failure if the suite never got to one.
    console.log(summary ?? '0 passed, 1 failed');
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => void cleanup(130).then(() => process.exit(130)));
}

main().then(
  async (code) => {
    await cleanup(code);
    process.exit(code);
  },
  async (err) => {
    // A missing tool is a setup problem with a one-line fix; anything else needs the stack.
    const setup = err instanceof Error && /not found at/.test(err.message);
    console.error(err instanceof Error ? (setup ? err.message : err.stack) : err);
    await cleanup(1);
    process.exit(1);
  },
);
