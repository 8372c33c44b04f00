// An in-process server for router tests: a fresh database (test-database.ts: SQLite, or PostgreSQL
// when KEYHOLD_TEST_DATABASE says so), cheap Argon2 parameters, a clock the test moves, and
// `caller(token)` to call procedures through the real router with createCaller.
import { createApp, type App } from '../../src/app';
import { DEFAULT_CONFIG } from '../../src/config/server-config';
import { appRouter } from '../../src/router';
import { createTestDatabase, type RawSql, type TestDatabase } from './test-database';
import { registration } from './fixtures';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const CHEAP_HASH = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
export const DAY = 24 * 60 * 60 * 1000;

export type TestApp = {
  app: App;
  sql: RawSql;
  clock: { now: number };
  caller(token?: string, ip?: string): ReturnType<typeof appRouter.createCaller>;
  /** A single-use invite token valid for `ttlMs` (default a day). */
  invite(ttlMs?: number): Promise<string>;
  close(): Promise<void>;
};

/** `database`: an existing test database to serve (closed with the app); default a new configured one. */
/** `openRegistration` (default true, as most suites register a first account freely): see register-account.ts. */
export async function createTestApp(
  options: { tombstoneRetentionDays?: number; database?: TestDatabase; openRegistration?: boolean } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = { now: Date.UTC(2026, 0, 1) };
  const app = await createApp({
    storage: database.storage,
    secret: TEST_SECRET,
    now: () => clock.now,
    config: {
      authKeyHash: CHEAP_HASH,
      loginThrottle: DEFAULT_CONFIG.loginThrottle,
      tombstoneRetentionDays: options.tombstoneRetentionDays ?? DEFAULT_CONFIG.tombstoneRetentionDays,
      openRegistration: options.openRegistration ?? true,
    },
  });
  return {
    app,
    sql: database.sql,
    clock,
    caller: (token, ip = '192.0.2.10') =>
      appRouter.createCaller({
        app,
        ip,
        requestId: 'test',
        authorization: token === undefined ? undefined : `Bearer ${token}`,
      }),
    invite: async (ttlMs = DAY) => (await app.invites.create({ ttlMs })).token,
    close: () => database.close(),
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

/** Registers a new account on `t`; its token, ids, header and its `vault.*` procedures. */
export async function registerVault(t: TestApp, options: { inviteToken?: string } = {}) {
  const input = registration(options);
  const { token } = await t.caller().account.register(input);
  return { token, accountId: input.accountId, authKey: input.authKey, header: input.header, api: t.caller(token).vault };
}
