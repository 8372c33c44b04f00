// register: creates an account (client-chosen id, KDF parameters, hash of the auth key, wrapped
// vault keys) and the first device session, in one transaction. Open for the very first account of
// a server only; after that an invite token is needed. A taken id or email is a plain conflict.
import { TRPCError } from '@trpc/server';
import type { RegisterInput, SessionGrant } from '@keyhold/shared/sync/protocol';
import type { App, RequestMeta } from '../app';
import { statement, writeTransaction } from '../db/open-database';
import { consumeInvite } from '../invites/invites';
import { createSession } from '../sessions/sessions';
import { headerParams } from './account-header';

const REGISTRATION_CLOSED = 'registration_closed';

export async function registerAccount(app: App, input: RegisterInput, meta: RequestMeta): Promise<SessionGrant> {
  // Cheap refusal before the slow hash, re-checked in the transaction below.
  if (input.inviteToken === undefined && isRegistrationClosed(app)) throw registrationClosed();
  const authHash = await app.hasher.hash(Buffer.from(input.authKey, 'base64url'));
  return writeTransaction(app.db, () => {
    const now = app.now();
    if (input.inviteToken !== undefined) {
      if (!consumeInvite(app.db, { token: input.inviteToken, accountId: input.accountId, now })) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'This invite token is invalid, expired or already used.' });
      }
    } else if (isRegistrationClosed(app)) {
      throw registrationClosed();
    }
    const taken = statement(app.db, 'SELECT 1 FROM accounts WHERE id = ? OR email = ?').get(input.accountId, input.email);
    if (taken) {
      throw new TRPCError({ code: 'CONFLICT', message: 'An account with this email or account id already exists.' });
    }
    statement(
      app.db,
      `INSERT INTO accounts (id, email, auth_hash, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt,
         wrapped_vault_key, recovery_wrapped_vault_key, manifest, created_at)
       VALUES (@id, @email, @auth_hash, @kdf_memory_kib, @kdf_iterations, @kdf_parallelism, @kdf_salt,
         @wrapped_vault_key, @recovery_wrapped_vault_key, @manifest, @created_at)`,
    ).run({
      id: input.accountId,
      email: input.email,
      auth_hash: authHash,
      ...headerParams(input.kdf, input.header),
      created_at: now,
    });
    statement(app.db, "INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, '1')").run(REGISTRATION_CLOSED);
    app.audit.append({ type: 'account_registered', accountId: input.accountId, ip: meta.ip });
    const session = createSession(app, { accountId: input.accountId, deviceName: input.deviceName, ip: meta.ip });
    return { token: session.token, accountId: input.accountId, sessionId: session.sessionId };
  });
}

/** Closed once any account was ever registered: deleting that account does not reopen it. */
function isRegistrationClosed(app: App): boolean {
  return statement(app.db, 'SELECT 1 FROM server_meta WHERE key = ?').get(REGISTRATION_CLOSED) !== undefined;
}

function registrationClosed(): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'Registration on this server needs an invite token. Ask its operator to run `keyhold-server invite`.',
  });
}
