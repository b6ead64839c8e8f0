/**
 * Finds the TCP ports a process listens on, to locate an inspector that SIGUSR1 opened
 * (its port is 9229 unless the process chose another with --inspect-port).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

export interface ListeningPort {
  readonly host: string;
  readonly port: number;
}

/** Listening TCP ports of `pid`; empty when the platform or permissions do not allow looking. */
export async function listeningPortsOf(pid: number): Promise<ListeningPort[]> {
  if (process.platform === 'linux') return linuxListeningPorts(pid);
  if (process.platform === 'darwin') return lsofListeningPorts(pid);
  return [];
}

function linuxListeningPorts(pid: number): ListeningPort[] {
  let socketInodes: Set<string>;
  try {
    socketInodes = new Set(
      fs
        .readdirSync(`/proc/${pid}/fd`)
        .map((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`))
        .map((link) => /^socket:\[(\d+)\]$/.exec(link ?? '')?.[1])
        .filter((inode): inode is string => inode !== undefined),
    );
  } catch {
    return [];
  }
  const ports: ListeningPort[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      // columns: sl local_address rem_address st ... inode (index 9); st 0A is LISTEN.
      if (columns.length < 10 || columns[3] !== '0A' || !socketInodes.has(columns[9])) continue;
      const [hexHost, hexPort] = columns[1].split(':');
      ports.push({ host: table === 'tcp' ? ipv4FromProcHex(hexHost) : '::1', port: parseInt(hexPort, 16) });
    }
  }
  return ports;
}

function ipv4FromProcHex(hex: string): string {
  // /proc stores the address little-endian.
  const bytes = [0, 1, 2, 3].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse();
  return bytes.join('.');
}

function safeReadlink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

function lsofListeningPorts(pid: number): Promise<ListeningPort[]> {
  return new Promise((resolve) => {
    execFile('lsof', ['-Pan', '-p', String(pid), '-iTCP', '-sTCP:LISTEN', '-Fn'], (error, stdout) => {
      if (error) return resolve([]);
      const ports = stdout
        .split('\n')
        .filter((line) => line.startsWith('n'))
        .map((line) => /:(\d+)$/.exec(line)?.[1])
        .filter((port): port is string => port !== undefined)
        .map((port) => ({ host: '127.0.0.1', port: Number(port) }));
      resolve(ports);
    });
  });
}
