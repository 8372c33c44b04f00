// What sign-up, log-in and device management need, and the checks they share: a valid server
// address, and the host permission to reach it (asked for by the Settings page, on the user's
// click, before it sends the request — the background can only check).
import type { SaltIdentity } from '@keyhold/shared/crypto/kdf-salt';
import { emailSchema } from '@keyhold/shared/sync/protocol-primitives';
import { deviceNameSchema } from '@keyhold/shared/sync/protocol-primitives';
import { UserError } from '../common/user-error';
import type { SyncDb } from './sync-db';
import type { VaultService } from '../vault/vault-service';
import type { SyncEngine, SyncScheduler } from './engine';
import { createServerClient, type ServerClient } from './server-client';
import { parseServerUrl, type ServerUrl } from './server-url';
import { t } from '../i18n/messages';

export type AccountDeps = {
  db: SyncDb;
  vault: VaultService;
  engine: SyncEngine;
  scheduler: SyncScheduler;
  now: () => number;
  fetch?: typeof fetch;
  /** Whether the extension holds host permission for the server (always true in Node tests). */
  canReach?: (url: ServerUrl) => Promise<boolean>;
};

/** `acceptWeakerKdf`, `acceptUncheckedSalt`: the user read log-in's warnings (sync/log-in.ts) and goes on. */
export type Credentials = {
  serverUrl: string;
  email: string;
  password: string;
  deviceName: string;
  acceptWeakerKdf?: boolean;
  acceptUncheckedSalt?: boolean;
};

export type CheckedCredentials = {
  url: ServerUrl;
  email: string;
  password: string;
  deviceName: string;
  acceptWeakerKdf: boolean;
  acceptUncheckedSalt: boolean;
};

export async function checkCredentials(deps: AccountDeps, input: Credentials): Promise<CheckedCredentials> {
  const url = parseServerUrl(input.serverUrl);
  if (!url.ok) throw new UserError('INVALID', url.reason);
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new UserError('INVALID', t('error_account_deps_enter_a_valid_email_address'));
  const deviceName = deviceNameSchema.safeParse(input.deviceName);
  if (!deviceName.success) throw new UserError('INVALID', t('error_account_deps_give_this_device_a_name'));
  if (!input.password) throw new UserError('INVALID', t('error_account_deps_enter_your_master_password'));
  if (deps.canReach && !(await deps.canReach(url.url))) {
    throw new UserError('FORBIDDEN', t('error_account_deps_keyhold_is_not_allowed_to', url.url.origin));
  }
  return {
    url: url.url,
    email: email.data,
    password: input.password,
    deviceName: deviceName.data,
    acceptWeakerKdf: input.acceptWeakerKdf === true,
    acceptUncheckedSalt: input.acceptUncheckedSalt === true,
  };
}

/** The identity a synced account's KDF salt is derived from (crypto/kdf-salt.ts): this server's origin and the email. */
export function saltIdentityOf(checked: Pick<CheckedCredentials, 'url' | 'email'>): SaltIdentity {
  return { origin: checked.url.origin, email: checked.email };
}

export function clientFor(deps: AccountDeps, url: ServerUrl, token?: string): ServerClient {
  return createServerClient({ baseUrl: url.base, ...(token ? { token } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
}
