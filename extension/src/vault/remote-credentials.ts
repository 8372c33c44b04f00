// What unlock needs from sync when the master password may have been changed on another device
// (implemented by sync/password-change.ts; docs/adr/0017-password-change-propagation.md). Kept as an
// interface here so the vault does not depend on the sync client.
import type { KdfParams } from '@keyhold/shared/crypto/kdf-params';
import type { VaultHeader } from '@keyhold/shared/crypto/vault-header';

/**
 * 'changed': the server's KDF salt is not this device's (every password change draws a new one), or
 * sync already learned of a change; 'unchanged': the same; 'unknown': not signed in, or no answer in time.
 */
export type RemoteCheck = 'changed' | 'unchanged' | 'unknown';

/** A header fetched from the server, verified and opened with the typed password; not yet written. */
export type AdoptedHeader = {
  vaultKey: Uint8Array;
  header: VaultHeader;
  /** After the header is written locally: sync resumes with the new session. */
  finish(): Promise<void>;
  /** The header was not written after all: the new session is ended. */
  abandon(): Promise<void>;
};

export type RemoteCredentials = {
  /** Starts a check of the server's KDF salt; resolves 'unknown' instead of failing. */
  check(local: VaultHeader): Promise<RemoteCheck>;
  /** Whether sync has already learned that the password was changed elsewhere (no network). */
  pending(): Promise<boolean>;
  /**
   * The server's header, opened with `password` and adopted only if its stamp verifies with the vault
   * key it opens, its epoch is above the local one, and that key opens this local vault. Throws
   * WrongPasswordError for a password the server does not take, UserError for everything else.
   */
  adopt(input: {
    password: string;
    local: VaultHeader;
    pinned: KdfParams | undefined;
    opensLocal: (keys: { accountId: string; vaultKey: Uint8Array }) => Promise<boolean>;
  }): Promise<AdoptedHeader>;
};
