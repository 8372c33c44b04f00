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

/** From this format on, a header's manifest is a tree root (ADR 0023); a sealed list (1) may still be cleared. */
const TREE_FORMATS_FROM = 2;

/** The format of a header's `manifest`: 0 none, 1 the sealed list, else the tree root's format byte. */
function manifestFormat(manifest: string | undefined): number {
  if (manifest === undefined) return 0;
  return manifestRoot(manifest)?.format ?? 1;
}

export function createVaultHeader(deps: { storage: Storage }) {
  const { storage } = deps;
  return {
    get: (who: { accountId: string }): Promise<HeaderState> => currentHeader(storage.accounts, who.accountId),
    put: (who: { accountId: string }, input: PutHeaderInput): Promise<PutHeaderOutput> => {
      const root = manifestRoot(input.header.manifest);
      return storage.transaction(async (tx): Promise<PutHeaderOutput> => {
        // A tree's root replaced by a manifest of an older format (an extension from before the newer format,
        // writing what it knows) would leave every up-to-date device reporting a rollback: refused,
        // with what to do. The devices refuse such a downgrade anyway (ADR 0023); this keeps an
        // honest old client from causing it.
        const current = await tx.accounts.header(who.accountId);
        const held = current && current.revision === input.baseRevision ? manifestFormat(current.header.manifest) : 0;
        if (held >= TREE_FORMATS_FROM && manifestFormat(input.header.manifest) < held) {
          throw new DomainError(
            'invalid',
            "This account's manifest is in a newer format than the one sent. Update Keyhold on this device, then sync again.",
          );
        }
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
