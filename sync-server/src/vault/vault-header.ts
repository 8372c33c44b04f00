// vault.getHeader / vault.putHeader: the account's vault header (KDF parameters, wrapped vault keys,
// the client's manifest) with its own revision and the same compare-and-swap rule as items: a write
// based on an older revision is refused with the current header. KDF parameters only change with
// the master password (changeMasterPassword), never here. A manifest tree's root is published only
// with every node it reaches stored, and drops the nodes it no longer reaches (vault/manifest-root.ts).
import type { HeaderState, PutHeaderInput, PutHeaderOutput } from '@keyhold/shared/sync/protocol';
import { DomainError } from '../domain/errors';
import type { AccountStore, Storage } from '../storage/port';
import { keepTreeOf, manifestRoot } from './manifest-root';

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
    put: (who: { accountId: string }, input: PutHeaderInput): Promise<PutHeaderOutput> => {
      const root = manifestRoot(input.header.manifest);
      return storage.transaction(async (tx): Promise<PutHeaderOutput> => {
        // The swap first: a stale write is a conflict whatever its tree, and the swap's row lock
        // holds off uploads (vault.putNodes) and other swaps until the tree is checked and pruned.
        const revision = await tx.accounts.swapHeader({ accountId: who.accountId, baseRevision: input.baseRevision, header: input.header });
        if (revision === null) return { status: 'conflict', current: await currentHeader(tx.accounts, who.accountId) };
        // A manifest tree's root: refused (and the swap rolled back) unless its nodes are all here.
        if (root) await keepTreeOf(tx, who.accountId, root);
        return { status: 'accepted', revision };
      });
    },
  };
}
