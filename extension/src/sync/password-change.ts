// Another device changed the master password (or reset it with the recovery key): this device's
// session was revoked and its header still opens with the OLD password. Two ways to learn of it:
// a sync run that is refused (the engine asks `revoked()`), and unlock, which compares the server's
// KDF salt (public, from prelogin; every change draws a new salt) with the local one while the KDF
// runs. Either way the new header is fetched only after signing in with the NEW password, and it is
// adopted only when (1) the vault key it opens with that password opens this local vault, and (2)
// its stamp verifies with that vault key at an epoch above the local header's — so a server can
// neither make this device take a header no holder of the vault key made, nor roll it back to an
// old password (docs/adr/0017-password-change-propagation.md). Once this vault has a salt derived
// from the account's identity, the new header's salt must be one too (ADR 0020).
import { assertKdfParamsAcceptable, type KdfParams } from '@keyhold/shared/crypto/kdf-params';
import { derivePasswordKeys } from '@keyhold/shared/crypto/derive-password-keys';
import { derivedSaltGeneration } from '@keyhold/shared/crypto/kdf-salt';
import { unwrapVaultKey } from '@keyhold/shared/crypto/wrap-vault-key';
import { bytesToBase64url, zeroize } from '@keyhold/shared/crypto/bytes';
import { KdfParamsError, WrongPasswordError } from '@keyhold/shared/crypto/errors';
import { HeaderStampError, stampEpoch, verifyHeaderStamp } from '@keyhold/shared/crypto/header-stamp';
import { parseVaultHeader, VAULT_FORMAT_VERSION, type VaultHeader } from '@keyhold/shared/crypto/vault-header';
import { UserError } from '../common/user-error';
import type { AdoptedHeader, RemoteCheck, RemoteCredentials } from '../vault/remote-credentials';
import { rateLimitedError } from './account-errors';
import { beginSyncing } from './begin-syncing';
import type { SyncScheduler } from './engine';
import type { Reports } from './reports';
import { createServerClient, describeProblem, ServerError, type ServerClient } from './server-client';
import { parseServerUrl } from './server-url';
import type { SyncDb } from './sync-db';
import type { PasswordChangeRecord, StoredConnection, SyncState } from './state-records';
import { t } from '../i18n/messages';
import { kdfProblem } from '../vault/kdf-problem';

/** How long unlock waits for the server's salt after its own KDF is done. */
const CHECK_WAIT_MS = 1_500;

export const CHANGED_ELSEWHERE = t('error_password_change_changed_elsewhere');
const UNREACHABLE = t('error_password_change_unreachable');
const NOT_OURS = t('error_password_change_not_ours');
const ROLLBACK = t('error_password_change_rollback');
const OTHER_VAULT = t('error_password_change_other_vault');
const UNCHECKED_SALT = t('error_password_change_unchecked_salt');
const SAME_KDF = (a: KdfParams, b: KdfParams) =>
  a.algorithm === b.algorithm && a.memoryKiB === b.memoryKiB && a.iterations === b.iterations && a.parallelism === b.parallelism && a.salt === b.salt;

export type PasswordChangeDeps = {
  db: SyncDb;
  state: SyncState;
  reports: Pick<Reports, 'add'>;
  scheduler: Pick<SyncScheduler, 'setPeriodic'>;
  now: () => number;
  fetch?: typeof fetch;
};

type Target = Omit<PasswordChangeRecord, 'detectedAt'>;

export function createPasswordChange(deps: PasswordChangeDeps) {
  const { db, state, now } = deps;
  const client = (serverUrl: string, token?: string): ServerClient =>
    createServerClient({ baseUrl: serverUrl, ...(token ? { token } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });

  async function target(): Promise<Target | null> {
    const [record, connection] = await Promise.all([state.get('passwordChange'), state.get('connection')]);
    return record ?? (connection ? targetOf(connection) : null);
  }

  /** Whether the server's KDF salt differs from the local header's: 'unknown' without an answer. */
  async function saltChanged(at: Target, local: VaultHeader): Promise<RemoteCheck> {
    try {
      const { kdf } = await client(at.serverUrl).prelogin(at.email);
      return SAME_KDF(kdf, local.kdf) ? 'unchanged' : 'changed';
    } catch {
      return 'unknown';
    }
  }

  async function remember(at: Target): Promise<void> {
    await state.put('passwordChange', { ...at, detectedAt: now() });
  }

  const remote: RemoteCredentials = {
    async pending() {
      return (await state.get('passwordChange')) !== undefined;
    },

    async check(local) {
      if (await remote.pending()) return 'changed';
      const at = await target();
      if (!at || at.accountId !== local.accountId) return 'unknown';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<RemoteCheck>((resolve) => (timer = setTimeout(() => resolve('unknown'), CHECK_WAIT_MS)));
      const answer = await Promise.race([saltChanged(at, local), late]);
      clearTimeout(timer);
      if (answer === 'changed') await remember(at);
      return answer;
    },

    async adopt({ password, local, pinned, opensLocal }): Promise<AdoptedHeader> {
      const at = await target();
      if (!at || at.accountId !== local.accountId) throw new UserError('INVALID', UNREACHABLE);
      const url = parseServerUrl(at.serverUrl);
      if (!url.ok) throw new UserError('INVALID', url.reason);
      const anonymous = client(at.serverUrl);
      const { kdf } = await network(() => anonymous.prelogin(at.email));
      try {
        // The same rules as log-in: floors, and never weaker than this device last used.
        assertKdfParamsAcceptable(kdf, pinned ? { pinned } : {});
      } catch (error) {
        if (error instanceof KdfParamsError) throw new UserError('INVALID', kdfProblem(error));
        throw error;
      }
      // A vault whose salt was derived from the account's identity never goes back to a salt the
      // server could have chosen (ADR 0020): checked before anything is derived or sent.
      const identity = { origin: url.url.origin, email: at.email };
      if (derivedSaltGeneration(local.kdf.salt, identity) !== null && derivedSaltGeneration(kdf.salt, identity) === null) {
        throw new UserError('INVALID', UNCHECKED_SALT);
      }
      const { kek, authKey } = await derivePasswordKeys(password, kdf);
      let signedIn: ServerClient | null = null;
      let vaultKey: Uint8Array | null = null;
      try {
        const grant = await network(() => anonymous.login({ email: at.email, authKey: bytesToBase64url(authKey), deviceName: at.deviceName }), {
          wrongPassword: true,
        });
        signedIn = client(at.serverUrl, grant.token);
        if (grant.accountId !== local.accountId) throw new UserError('INVALID', OTHER_VAULT);
        const served = await network(() => signedIn!.getHeader());
        try {
          if (!SAME_KDF(served.kdf, kdf)) throw new Error('kdf');
          vaultKey = unwrapVaultKey({ wrapped: served.header.wrappedVaultKey, accountId: local.accountId, by: { kind: 'kek', kek } });
        } catch {
          await deps.reports.add('header-mismatch', { revision: served.revision });
          throw new UserError('INVALID', NOT_OURS);
        }
        const header = parseVaultHeader(
          {
            formatVersion: VAULT_FORMAT_VERSION,
            accountId: local.accountId,
            kdf: served.kdf,
            wrappedVaultKey: served.header.wrappedVaultKey,
            recoveryWrappedVaultKey: served.header.recoveryWrappedVaultKey,
            ...(served.header.stamp ? { stamp: served.header.stamp } : {}),
          },
          pinned ? { pinned } : {},
        );
        judgeStamp(header, local, vaultKey);
        if (!(await opensLocal({ accountId: local.accountId, vaultKey }))) throw new UserError('INVALID', OTHER_VAULT);
        const keys = { accountId: local.accountId, vaultKey };
        const session = signedIn;
        const openedKey = vaultKey;
        vaultKey = null;
        signedIn = null;
        return {
          vaultKey: openedKey,
          header,
          async finish() {
            await beginSyncing(db, {
              url: url.url,
              email: at.email,
              deviceName: at.deviceName,
              grant,
              keys: { ...keys, vaultKey: openedKey },
              now: now(),
              fresh: false,
            });
            await state.delete('passwordChange');
            deps.scheduler.setPeriodic(true);
          },
          async abandon() {
            await session.logout().catch(() => undefined);
          },
        };
      } finally {
        zeroize(kek, authKey);
        if (vaultKey) zeroize(vaultKey);
        // Refused after signing in: the new session is of no use.
        if (signedIn) await signedIn.logout().catch(() => undefined);
      }
    },
  };

  return {
    remote,
    /**
     * A sync run was refused (session revoked or expired). Returns the message to show when the
     * reason is a password change elsewhere (the server's salt moved), null otherwise.
     */
    async revoked(connection: StoredConnection, local: VaultHeader | undefined): Promise<string | null> {
      if (!local || local.accountId !== connection.accountId) return null;
      const at = targetOf(connection);
      if ((await saltChanged(at, local)) !== 'changed') return null;
      await remember(at);
      return CHANGED_ELSEWHERE;
    },
  };
}

/** The server's header must be stamped with this vault key, newer than the local one (or be the local one). */
function judgeStamp(header: VaultHeader, local: VaultHeader, vaultKey: Uint8Array): void {
  let epoch: number;
  try {
    epoch = verifyHeaderStamp({ vaultKey, stamp: header.stamp, fields: header });
  } catch (error) {
    if (error instanceof HeaderStampError) throw new UserError('INVALID', NOT_OURS);
    throw error;
  }
  const same = header.wrappedVaultKey === local.wrappedVaultKey && SAME_KDF(header.kdf, local.kdf);
  if (!same && epoch <= stampEpoch(local.stamp)) throw new UserError('INVALID', ROLLBACK);
}

function targetOf(connection: StoredConnection): Target {
  return { serverUrl: connection.serverUrl, email: connection.email, accountId: connection.accountId, deviceName: connection.deviceName };
}

/** A server call during unlock: a refused password is a wrong password; no answer is "connect first". */
async function network<T>(work: () => Promise<T>, options: { wrongPassword?: boolean } = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ServerError)) throw error;
    if (options.wrongPassword && error.problem.kind === 'unauthorized') throw new WrongPasswordError();
    if (error.problem.kind === 'rate-limited') throw rateLimitedError(error.problem);
    if (error.problem.kind === 'offline' || error.problem.kind === 'unavailable') throw new UserError('INVALID', UNREACHABLE);
    throw new UserError('INVALID', describeProblem(error.problem));
  }
}
