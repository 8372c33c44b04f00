// An in-process server for router tests: a temp SQLite file, cheap Argon2 parameters, a clock the
// test moves, and `caller(token)` to call procedures through the real router with createCaller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import { DEFAULT_CONFIG } from '../../src/config/server-config';
import { migrate } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open-database';
import { appRouter } from '../../src/router';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const CHEAP_HASH = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
export const DAY = 24 * 60 * 60 * 1000;

export type TestApp = {
  app: App;
  dir: string;
  clock: { now: number };
  caller(token?: string, ip?: string): ReturnType<typeof appRouter.createCaller>;
  close(): void;
};

export async function createTestApp(options: { tombstoneRetentionDays?: number } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'keyhold-router-'));
  const db = openDatabase(join(dir, 'test.sqlite'));
  migrate(db);
  const clock = { now: Date.UTC(2026, 0, 1) };
  const app = await createApp({
    db,
    secret: TEST_SECRET,
    now: () => clock.now,
    config: {
      authKeyHash: CHEAP_HASH,
      loginThrottle: DEFAULT_CONFIG.loginThrottle,
      tombstoneRetentionDays: options.tombstoneRetentionDays ?? DEFAULT_CONFIG.tombstoneRetentionDays,
    },
  });
  return {
    app,
    dir,
    clock,
    caller: (token, ip = '192.0.2.10') =>
      appRouter.createCaller({
        app,
        ip,
        requestId: 'test',
        authorization: token === undefined ? undefined : `Bearer ${token}`,
      }),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Expects `promise` to reject with a tRPC error of `code`; returns its message. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? 'NOT_A_TRPC_ERROR';
  }
  return 'RESOLVED';
}

export async function errorMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  return 'RESOLVED';
}
