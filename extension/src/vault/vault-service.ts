// The vault in the background: its status, and the operations of unlock.ts and credentials.ts over one
// vault session (session.ts), the only holder of the unlocked vault key (docs/architecture.md, "The
// vault session"). Work that needs the key borrows it through `borrow`; nothing else hands it out.
import { retryAfterMs } from './unlock-throttle';
import { createUnlock, type UnlockDeps } from './unlock';
import { createCredentials, type CredentialDeps } from './credentials';

export type VaultState = 'none' | 'locked' | 'unlocked';

export type VaultStatus = {
  state: VaultState;
  /** False until the user has re-typed part of the recovery key after creating the vault. */
  recoveryConfirmed: boolean;
  retryAfterMs: number;
  itemCount: number;
  /**
   * The master password was changed on another device: while locked, sync learned it (unlock needs the
   * new one); in the answer to the unlock that adopted it, said once so the unlock screen can tell.
   */
  passwordChangedElsewhere?: boolean;
};

/** What unlock.ts and credentials.ts need: the database, the session, a clock, and sync's publisher. */
export type VaultDeps = UnlockDeps & CredentialDeps;

export function createVaultService(deps: VaultDeps) {
  const { db, session, now } = deps;

  const unlock = createUnlock(deps);
  return {
    ...unlock,
    ...createCredentials(deps),
    borrow: session.borrow,
    lock: session.lock,

    ifUnlocked: session.ifUnlocked,

    async isUnlocked(): Promise<boolean> {
      return (await session.state()) === 'unlocked';
    },

    async status(): Promise<VaultStatus> {
      // One read for the three records: the popup asks for this on every open.
      const [h, confirmed, failures] = await db.getMetas(['header', 'recoveryConfirmed', 'unlockFailures'] as const);
      const state = !h ? 'none' : await session.state();
      return {
        state,
        recoveryConfirmed: confirmed === true,
        retryAfterMs: retryAfterMs(failures, now()),
        itemCount: session.size(),
        // Locked: the next unlock needs the new password. Unlocked (once): this unlock just took it.
        ...((state === 'locked' && deps.remote && (await deps.remote.pending())) || (state === 'unlocked' && unlock.takeAdoptedNotice())
          ? { passwordChangedElsewhere: true }
          : {}),
      };
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
