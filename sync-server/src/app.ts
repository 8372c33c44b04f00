// The server's dependencies in one plain object, built once at start and handed to every operation
// (through the tRPC context). Tests build it on a temp SQLite file with a fake clock.
import { createAuditLog, type AuditLog } from './audit/audit-log';
import type { ServerConfig } from './config/server-config';
import { deriveServerKeys, type ServerKeys } from './config/server-secret';
import type { Db } from './db/open-database';
import { createLoginThrottle, type LoginThrottle, type ThrottlePolicy } from './limits/login-throttle';
import { silentLogger, type Logger } from './log/logger';
import { createAuthKeyHasher, type AuthKeyHasher } from './security/auth-key-hasher';

export type App = {
  db: Db;
  keys: ServerKeys;
  hasher: AuthKeyHasher;
  audit: AuditLog;
  throttle: LoginThrottle;
  throttlePolicies: { account: ThrottlePolicy; ip: ThrottlePolicy };
  tombstoneRetentionMs: number;
  now: () => number;
  log: Logger;
};

export type AppConfig = Pick<ServerConfig, 'loginThrottle' | 'tombstoneRetentionDays' | 'authKeyHash'>;

export async function createApp(deps: { db: Db; config: AppConfig; secret: string; now?: () => number; log?: Logger }): Promise<App> {
  const now = deps.now ?? Date.now;
  const keys = deriveServerKeys(deps.secret);
  const { loginThrottle } = deps.config;
  return {
    db: deps.db,
    keys,
    hasher: await createAuthKeyHasher(deps.config.authKeyHash),
    audit: createAuditLog({ db: deps.db, key: keys.audit, now }),
    throttle: createLoginThrottle({ now }),
    throttlePolicies: {
      account: {
        freeAttempts: loginThrottle.freeAttemptsPerAccount,
        baseDelayMs: loginThrottle.baseDelayMs,
        maxDelayMs: loginThrottle.maxDelayMs,
      },
      ip: {
        freeAttempts: loginThrottle.freeAttemptsPerIp,
        baseDelayMs: loginThrottle.baseDelayMs,
        maxDelayMs: loginThrottle.maxDelayMs,
      },
    },
    tombstoneRetentionMs: deps.config.tombstoneRetentionDays * 24 * 60 * 60 * 1000,
    now,
    log: deps.log ?? silentLogger,
  };
}

/** Who is asking, as far as the operations need to know (audit records and throttle keys). */
export type RequestMeta = { ip: string };
