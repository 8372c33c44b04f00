// Starts the real server process (bin/keyhold-server.mjs start) on a random free port with a temp
// data directory, and collects its JSON log lines. Cheap Argon2 parameters keep tests fast.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigFile } from '../../src/config/server-config';
import { CHEAP_HASH } from './test-app';

export const BIN = fileURLToPath(new URL('../../bin/keyhold-server.mjs', import.meta.url));

export type SpawnedServer = {
  url: string;
  dataDir: string;
  configFile: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Sends `signal` and resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
};

export function makeTempDir(prefix = 'keyhold-http-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment for child processes, without any KEYHOLD_* setting of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KEYHOLD_')));
  return { ...env, ...extra };
}

/** `database`: a --database value (default: the data directory's SQLite file). */
export async function spawnServer(options: { dataDir?: string; config?: ConfigFile; database?: string } = {}): Promise<SpawnedServer> {
  const dataDir = options.dataDir ?? join(makeTempDir(), 'data');
  const configFile = join(makeTempDir('keyhold-config-'), 'config.json');
  writeFileSync(configFile, JSON.stringify({ authKeyHash: CHEAP_HASH, openRegistration: true, ...options.config }));
  const databaseArgs = options.database === undefined ? [] : ['--database', options.database];
  const proc = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir, '--config', configFile, ...databaseArgs], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Keyhold sync server listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });

  return {
    url,
    dataDir,
    configFile,
    proc,
    exited,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
