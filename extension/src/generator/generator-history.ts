// The generator's history: the last 50 generated values, sealed under the vault key (purpose
// 'generator-history') in one meta record, so a value the user generated but has not saved yet is
// never lost and never stored in the clear.
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import type { VaultDb } from '../vault/db';
import type { VaultService } from '../vault/vault-service';

export const GENERATOR_HISTORY_LIMIT = 50;

export type GeneratedEntry = { value: string; createdAt: number };

type Keys = { accountId: string; vaultKey: Uint8Array };

export function createGeneratorHistory(deps: { db: VaultDb; vault: Pick<VaultService, 'borrow'>; now: () => number }) {
  const binding = (accountId: string): Binding => ({ purpose: 'generator-history', accountId });

  async function read({ accountId, vaultKey }: Keys): Promise<GeneratedEntry[]> {
    const envelope = await deps.db.getMeta('generatorHistory');
    if (!envelope) return [];
    try {
      const parsed = JSON.parse(bytesToUtf8(open(vaultKey, envelope, binding(accountId)))) as unknown;
      return Array.isArray(parsed)
        ? (parsed as (Partial<GeneratedEntry> | null)[]).filter(
            (e): e is GeneratedEntry => typeof e?.value === 'string' && typeof e?.createdAt === 'number',
          )
        : [];
    } catch (error) {
      if (error instanceof ZeroKeyError) throw error;
      // A damaged history is not worth blocking the generator for; it starts over.
      return [];
    }
  }

  return {
    list: (): Promise<{ entries: GeneratedEntry[] }> => deps.vault.borrow(async (keys) => ({ entries: await read(keys) })),
    async remember(value: string): Promise<void> {
      if (!value || value.length > 1024) return;
      await deps.vault.borrow(async (keys) => {
        const entries = await read(keys);
        const next = [{ value, createdAt: deps.now() }, ...entries.filter((e) => e.value !== value)].slice(0, GENERATOR_HISTORY_LIMIT);
        await deps.db.putMeta('generatorHistory', seal(keys.vaultKey, utf8ToBytes(JSON.stringify(next)), binding(keys.accountId)));
      });
    },
    clear: (): Promise<void> => deps.vault.borrow(() => deps.db.meta.delete('generatorHistory')),
  };
}
