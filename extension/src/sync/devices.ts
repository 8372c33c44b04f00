// The account's devices (server sessions): list them, remove one, and log this device out. A
// session the server no longer accepts means this device was removed: it is signed out and locked,
// the same as when a sync run finds out.
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import { sessionIdSchema } from '@keyhold/shared/sync/protocol-primitives';
import { UserError } from '../common/user-error';
import { accountError } from './account-errors';
import type { AccountDeps } from './account-deps';
import { SIGNED_OUT_MESSAGE } from './engine';
import { ServerError, type ServerClient } from './server-client';
import { t } from '../i18n/messages';

async function signedIn(deps: AccountDeps): Promise<ServerClient> {
  const found = await deps.engine.signedInClient();
  if (found) return found.client;
  if (!(await deps.vault.isUnlocked())) throw new UserError('LOCKED', t('error_devices_unlock_your_vault_to_manage'));
  throw new UserError('INVALID', t('error_devices_this_device_is_not_signed'));
}

async function call<T>(deps: AccountDeps, work: (client: ServerClient) => Promise<T>): Promise<T> {
  const client = await signedIn(deps);
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof ServerError && error.problem.kind === 'unauthorized') {
      await deps.engine.signedOut();
      throw new UserError('FORBIDDEN', SIGNED_OUT_MESSAGE);
    }
    throw accountError(error);
  }
}

export function listDevices(deps: AccountDeps): Promise<SessionInfo[]> {
  return call(deps, (client) => client.listSessions());
}

export async function revokeDevice(deps: AccountDeps, sessionId: string): Promise<void> {
  if (!sessionIdSchema.safeParse(sessionId).success) throw new UserError('INVALID', t('error_devices_that_is_not_a_device'));
  const connection = await deps.engine.state.get('connection');
  if (connection?.sessionId === sessionId) {
    await logOut(deps);
    return;
  }
  await call(deps, (client) => client.revokeSession(sessionId));
}

/**
 * Signs this device out: the server forgets the session (when it can be reached and the vault is
 * unlocked to open the token), this device forgets the connection. The local vault and what was
 * synced stay; signing in again to the same account resumes from there.
 */
export async function logOut(deps: AccountDeps): Promise<{ serverInformed: boolean }> {
  const found = await deps.engine.signedInClient();
  let serverInformed = false;
  if (found) {
    serverInformed = await found.client.logout().then(
      () => true,
      (error: unknown) => error instanceof ServerError && error.problem.kind === 'unauthorized',
    );
  }
  await deps.engine.state.delete('connection');
  await deps.engine.clearRunRecord();
  deps.scheduler.setPeriodic(false);
  return { serverInformed };
}
