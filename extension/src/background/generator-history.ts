// The generator's history: the last 50 generated values, sealed under the vault key (purpose
// 'generator-history') in one meta record, so a value the user generated but has not saved yet is
// never lost and never stored in the clear.
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import type { VaultDb } from '../vault/db';
import type { VaultService } from '../vault/vault-service';

export const GENERATOR_HISTORY_LIMIT = 50;

export type GeneratedEntry = { value: string; createdAt: number };

export function createGeneratorHistory(deps: { db: VaultDb; vault: VaultService; now: () => number }) {
  const binding = (accountId: string): Binding => ({ purpose: 'generator-history', accountId });

  async function read(): Promise<{ entries: GeneratedEntry[]; accountId: string; vaultKey: Uint8Array }> {
    const { accountId, vaultKey } = await deps.vault.requireUnlocked();
    const envelope = await deps.db.getMeta('generatorHistory');
    if (!envelope) return { entries: [], accountId, vaultKey };
    try {
      const parsed = JSON.parse(bytesToUtf8(open(vaultKey, envelope, binding(accountId)))) as unknown;
      const entries = Array.isArray(parsed)
        ? parsed.filter((e): e is GeneratedEntry => typeof e?.value === 'string' && typeof e?.createdAt === 'number')
        : [];
      return { entries, accountId, vaultKey };
    } catch {
      // A damaged history is not worth blocking the generator for; it starts over.
      return { entries: [], accountId, vaultKey };
    }
  }

  return {
    async list(): Promise<{ entries: GeneratedEntry[] }> {
      return { entries: (await read()).entries };
    },
    async remember(value: string): Promise<void> {
      if (!value || value.length > 1024) return;
      const { entries, accountId, vaultKey } = await read();
      const next = [{ value, createdAt: deps.now() }, ...entries.filter((e) => e.value !== value)].slice(0, GENERATOR_HISTORY_LIMIT);
      await deps.db.putMeta('generatorHistory', seal(vaultKey, utf8ToBytes(JSON.stringify(next)), binding(accountId)));
    },
    async clear(): Promise<void> {
      await deps.vault.requireUnlocked();
      await deps.db.meta.delete('generatorHistory');
    },
  };
}
