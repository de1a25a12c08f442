/**
 * Starts a real server binary (Prometheus, Alertmanager, VictoriaMetrics, node_exporter from
 * Debian's packages) on 127.0.0.1 with a free port and a temporary folder, waits until it answers,
 * and stops it by its process id. Tests never depend on a system service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  name: string;
  port: number;
  url: string;
  dir: string;
  pid: number;
  /** Output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export function binaryAvailable(path: string): boolean {
  return existsSync(path);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sitrep-${prefix}-`));
}

/**
 * Spawns `bin args` and polls `readyPath` on the port until it answers 200 (at most `timeoutMs`).
 * `args` is built from the port and the temp dir.
 */
export async function startServer(opts: {
  name: string;
  bin: string;
  args: (port: number, dir: string) => string[];
  readyPath: string;
  timeoutMs?: number;
  dir?: string;
  port?: number;
  /** Headers for the readiness probe (a server behind basic auth). */
  readyHeaders?: Record<string, string>;
}): Promise<RunningServer> {
  const dir = opts.dir ?? tempDir(opts.name);
  const port = opts.port ?? (await freePort());
  let out = '';
  const child: ChildProcess = spawn(opts.bin, opts.args(port, dir), { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  child.stdout?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  child.stderr?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${opts.name} exited with ${child.exitCode} before it was ready:\n${out}`);
    }
    try {
      const r = await fetch(url + opts.readyPath, { signal: AbortSignal.timeout(1_000), headers: opts.readyHeaders });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${opts.name} was not ready on ${url}${opts.readyPath} within ${opts.timeoutMs ?? 20_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name: opts.name, port, url, dir, pid: child.pid ?? -1, output: () => out, stop };
}
