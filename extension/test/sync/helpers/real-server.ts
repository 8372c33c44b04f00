// The real sync server for sync tests: `keyhold-server start` as a child process on a free loopback
// port with a temp data dir, cheap Argon2 for auth-key hashes and no rate limit worth the name.
// `sqlite()` opens its database file so tests can play the compromised server; `invite()` runs the
// real CLI; `stop()`/`restart()` keep the data dir and the port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const BIN = fileURLToPath(new URL('../../../../sync-server/bin/keyhold-server.mjs', import.meta.url));
const CONFIG = {
  authKeyHash: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
  rateLimit: { requests: 1_000_000, windowSeconds: 60 },
  shutdownGraceMs: 200,
  // The first account registers without the invite `start` prints (tests that need invites use invite()).
  openRegistration: true,
};

export type RealServer = {
  url: string;
  dataDir: string;
  /** Every procedure the server was asked for, from its request log. */
  procedures(): string[];
  /** Waits until the request log stops growing (lines are written after each response). */
  settle(): Promise<void>;
  sqlite(): Database.Database;
  invite(): string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
};

function env(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KEYHOLD_')));
}

export async function startRealServer(): Promise<RealServer> {
  const root = mkdtempSync(join(tmpdir(), 'keyhold-sync-test-'));
  const dataDir = join(root, 'data');
  const configFile = join(root, 'config.json');
  writeFileSync(configFile, JSON.stringify(CONFIG));
  let proc: ChildProcess | null = null;
  let output = '';
  let port = '0';

  async function launch(): Promise<string> {
    const child = spawn(process.execPath, [BIN, 'start', '--port', port, '--data-dir', dataDir, '--config', configFile], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = child;
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      const check = () => {
        const match = /Keyhold sync server listening on (http:\/\/\S+)/.exec(output.slice(output.lastIndexOf('Keyhold sync server')));
        if (match?.[1]) {
          clearTimeout(timer);
          child.stderr!.off('data', check);
          resolve(match[1]);
        }
      };
      child.stderr!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}):\n${output}`));
      });
    });
  }

  async function stop(): Promise<void> {
    const child = proc;
    proc = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  const url = await launch();
  port = new URL(url).port;
  return {
    url,
    dataDir,
    procedures: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { event?: unknown; procedure?: unknown })
        .filter((entry) => entry.event === 'request')
        .map((entry) => (typeof entry.procedure === 'string' ? entry.procedure : '')),
    async settle() {
      let seen = -1;
      while (seen !== output.length) {
        seen = output.length;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    },
    sqlite: () => new Database(join(dataDir, 'keyhold.sqlite')),
    invite() {
      const result = spawnSync(process.execPath, [BIN, 'invite', '--data-dir', dataDir, '--config', configFile], { env: env(), encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`invite failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async dispose() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
