// vault.getHeader / vault.putHeader: the account's vault header (KDF parameters, wrapped vault keys,
// the client's manifest) with its own revision and the same compare-and-swap rule as items: a write
// based on an older revision is refused with the current header. KDF parameters only change with
// the master password (changeMasterPassword), never here.
import type { HeaderState, PutHeaderInput, PutHeaderOutput } from '@keyhold/shared/sync/protocol';
import { DomainError } from '../domain/errors';
import type { AccountStore, Storage } from '../storage/port';

async function currentHeader(accounts: AccountStore, accountId: string): Promise<HeaderState> {
  const header = await accounts.header(accountId);
  // The session middleware found the account a moment ago; only a concurrent deletion gets here.
  if (!header) throw new DomainError('not_found', 'This account no longer exists.');
  return header;
}

export function createVaultHeader(deps: { storage: Storage }) {
  const { storage } = deps;
  return {
    get: (who: { accountId: string }): Promise<HeaderState> => currentHeader(storage.accounts, who.accountId),
    put: (who: { accountId: string }, input: PutHeaderInput): Promise<PutHeaderOutput> =>
      storage.transaction(async (tx): Promise<PutHeaderOutput> => {
        const revision = await tx.accounts.swapHeader({ accountId: who.accountId, baseRevision: input.baseRevision, header: input.header });
        if (revision !== null) return { status: 'accepted', revision };
        return { status: 'conflict', current: await currentHeader(tx.accounts, who.accountId) };
      }),
  };
}
