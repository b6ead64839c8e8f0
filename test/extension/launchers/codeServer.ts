/**
 * Starts code-server isolated from the machine's own VS Code state (its config, user data,
 * extensions and XDG dirs all in one temp dir) on a free loopback port, in a process group of its
 * own so that stopping it also ends the extension host it spawns.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CodeServer {
  port: number;
  /** code-server's own output (and ours about it) goes here, not to the test output. */
  logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  binary: string;
  /** Everything code-server writes lives under here. */
  stateDir: string;
  /** Extra environment for code-server and so for the extension host it spawns. */
  env: Record<string, string>;
  startTimeoutMs?: number;
}

/** Workbench settings for a quiet, deterministic test window. */
const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'typescript.tsc.autoDetect': 'off',
};

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(opts.binary)) {
    throw new Error(
      `code-server not found at ${opts.binary}. Run "node test/setup/installTestTools.js" (npm test does on its own) or set FLAMELENS_CODE_SERVER.`,
    );
  }
  const dir = (name: string) => {
    const full = path.join(opts.stateDir, name);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };
  const userData = dir('user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
  const configFile = path.join(opts.stateDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const logFile = path.join(opts.stateDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  // Don't let a surrounding VS Code (integrated terminal) leak its IPC hooks into ours.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  // TMPDIR too: the server leaves IPC sockets there, and tests' os.tmpdir() then goes away with us.
  Object.assign(env, {
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    TMPDIR: dir('tmp'),
  });

  const child = spawn(
    opts.binary,
    [
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--config',
      configFile,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      dir('extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }, // detached = own process group
  );
  const stop = () => killGroup(child);
  try {
    const port = await waitForPort(child, log, opts.startTimeoutMs ?? 60_000, logFile);
    return { port, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Reads code-server's output until it says where it listens; keeps copying it to the log. */
function waitForPort(child: ChildProcess, log: number, timeoutMs: number, logFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs} ms; see ${logFile}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      fs.writeSync(log, chunk);
      if (seen.length < 100_000) seen += chunk.toString();
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${signal ?? code}):\n${seen.slice(-2000)}`));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** SIGTERM the whole group (code-server, its extension host, anything the tests spawned), then SIGKILL. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const signalGroup = (sig: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, sig);
      return true;
    } catch {
      return false; // group already gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  for (let waited = 0; waited < 5000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    if (!signalGroup(0)) return;
  }
  signalGroup('SIGKILL');
}
