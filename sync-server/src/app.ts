// The server's use cases, composed once at start from the storage port and the server keys, each
// given only what it uses; the tRPC context and the HTTP fast path call them. Tests compose the same
// app on a temp database (SQLite or PostgreSQL) with a fake clock.
import { createChangeMasterPassword, createResetMasterPassword } from './accounts/change-master-password';
import { createDeleteAccount } from './accounts/delete-account';
import { createLogin } from './accounts/login';
import { createPrelogin } from './accounts/prelogin';
import { createRegisterAccount } from './accounts/register-account';
import { createVerifyAccountKey } from './accounts/verify-account-key';
import { createAuditLog } from './audit/audit-log';
import { takeCheckpoint, verifyCheckpoints, type Checkpoint } from './audit/checkpoints';
import type { ServerConfig } from './config/server-config';
import { deriveServerKeys } from './config/server-secret';
import { createInvites } from './invites/invites';
import { createLoginThrottle, type ThrottlePolicy } from './limits/login-throttle';
import { silentLogger, type Logger } from './log/logger';
import { createAuthKeyHasher } from './security/auth-key-hasher';
import { createHostCheck } from './security/host-check';
import { createAccountEvents } from './push/account-events';
import { createSessions } from './sessions/sessions';
import type { Storage } from './storage/port';
import { createPullItems } from './sync/pull-items';
import { createPurgeExpired } from './sync/purge-expired';
import { createPushItems } from './sync/push-items';
import { createIndexSnapshots } from './vault/index-snapshot';
import { createManifestNodes } from './vault/manifest-nodes';
import { createVaultHeader } from './vault/vault-header';

/** Registrations one address may attempt before backoff (login's delays); a success gives its attempt back. */
const REGISTRATIONS_PER_ADDRESS = 10;

export type AppConfig = Pick<ServerConfig, 'loginThrottle' | 'tombstoneRetentionDays' | 'authKeyHash' | 'openRegistration'> &
  Partial<Pick<ServerConfig, 'publicUrl'>>;

export async function createApp(deps: { storage: Storage; config: AppConfig; secret: string; now?: () => number; log?: Logger }) {
  const { storage, config } = deps;
  const now = deps.now ?? Date.now;
  const keys = deriveServerKeys(deps.secret);
  const hasher = await createAuthKeyHasher(config.authKeyHash);
  const audit = createAuditLog({ key: keys.audit, now });
  const throttle = createLoginThrottle({ storage, now });
  const policy = (freeAttempts: number): ThrottlePolicy => ({
    freeAttempts,
    baseDelayMs: config.loginThrottle.baseDelayMs,
    maxDelayMs: config.loginThrottle.maxDelayMs,
  });
  const policies = { account: policy(config.loginThrottle.freeAttemptsPerAccount), ip: policy(config.loginThrottle.freeAttemptsPerIp) };
  const sessions = createSessions({ storage, audit, now });
  const log = deps.log ?? silentLogger;
  const events = createAccountEvents({ channel: storage.changes, log });
  const verifyAccountKey = createVerifyAccountKey({ accounts: storage.accounts, hasher, throttle, policy: policies.account });
  return {
    storage,
    log,
    events,
    /** Whether a request's Host header may be answered (DNS rebinding, security/host-check.ts). */
    isAllowedHost: createHostCheck({ publicUrl: config.publicUrl }),
    accounts: {
      prelogin: createPrelogin({ accounts: storage.accounts, preloginSaltKey: keys.preloginSalt, now, publicUrl: config.publicUrl }),
      register: createRegisterAccount({
        storage,
        hasher,
        audit,
        sessions,
        throttle,
        policy: policy(REGISTRATIONS_PER_ADDRESS),
        openRegistration: config.openRegistration,
        now,
      }),
      login: createLogin({ storage, hasher, throttle, policies, subjectKey: keys.subject, audit, sessions }),
      changeMasterPassword: createChangeMasterPassword({ storage, hasher, verifyAccountKey, audit, sessions }),
      resetMasterPassword: createResetMasterPassword({ storage, hasher, audit, sessions }),
      delete: createDeleteAccount({ storage, verifyAccountKey, audit }),
    },
    sessions,
    vault: createVaultHeader({ storage }),
    manifestNodes: createManifestNodes({ storage }),
    indexSnapshots: createIndexSnapshots({ storage }),
    sync: {
      pull: createPullItems({ items: storage.items, accounts: storage.accounts }),
      push: createPushItems({ storage, now, committed: events.committed }),
      purgeExpired: createPurgeExpired({
        storage,
        now,
        tombstoneRetentionMs: config.tombstoneRetentionDays * 24 * 60 * 60 * 1000,
        throttleIdleMs: config.loginThrottle.maxDelayMs * 2,
      }),
    },
    invites: createInvites({ storage, audit, now }),
    /** Checkpoints of the audit log, MACed with its key (audit/checkpoints.ts). */
    auditCheckpoints: {
      take: () => takeCheckpoint(storage.audit, keys.audit, now()),
      verify: (checkpoints: readonly Checkpoint[]) => verifyCheckpoints(storage.audit, keys.audit, checkpoints),
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
