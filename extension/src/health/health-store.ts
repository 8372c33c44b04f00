// Vault health's records, each sealed under the vault key (purpose 'settings', named through the
// item-id slot like the sync token: docs/architecture.md, "Keys and the vault format"):
// - the cache: per password tag (a keyed hash, shared/health/password-tag.ts), its zxcvbn score and
//   breach count with when it was checked — no password and no plain hash, so a re-run asks the
//   network only for passwords that are new or whose check is stale, and scores only new ones;
// - the last report (item ids and findings, no secrets) and its summary, which the popup's badge
//   reads without opening anything else.
// Unreadable or malformed records read as empty: health is rebuilt by the next run, never blocks.
import { z } from 'zod';
import { open } from '@keyhold/shared/crypto/open';
import { seal } from '@keyhold/shared/crypto/seal';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import { msSchema } from '@keyhold/shared/items/schema-common';
import { healthReportSchema, healthSummarySchema, type HealthReport, type HealthSummary } from '@keyhold/shared/health/report';
import type { VaultDb } from '../vault/db';

type Keys = { accountId: string; vaultKey: Uint8Array };

export const cacheEntrySchema = z.object({
  score: z.int().min(0).max(4),
  breaches: z.int().min(0).optional(),
  breachesCheckedAt: msSchema.optional(),
});
export type CacheEntry = z.infer<typeof cacheEntrySchema>;
const cacheSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]{43}$/), cacheEntrySchema);
export type HealthCache = z.infer<typeof cacheSchema>;

const RECORDS = {
  healthCache: { slot: 'health-cache', schema: cacheSchema },
  healthReport: { slot: 'health-report', schema: healthReportSchema },
  healthSummary: { slot: 'health-summary', schema: healthSummarySchema },
} as const;
type RecordKey = keyof typeof RECORDS;

const binding = (accountId: string, key: RecordKey): Binding => ({ purpose: 'settings', accountId, itemId: RECORDS[key].slot });

export function createHealthStore(db: VaultDb) {
  async function read<K extends RecordKey>(keys: Keys, key: K): Promise<z.infer<(typeof RECORDS)[K]['schema']> | null> {
    const envelope = await db.getMeta(key);
    if (envelope === undefined) return null;
    try {
      const parsed = RECORDS[key].schema.safeParse(JSON.parse(bytesToUtf8(open(keys.vaultKey, envelope, binding(keys.accountId, key)))));
      return parsed.success ? (parsed.data as z.infer<(typeof RECORDS)[K]['schema']>) : null;
    } catch (error) {
      if (error instanceof ZeroKeyError) throw error;
      return null;
    }
  }

  const sealed = (keys: Keys, key: RecordKey, value: unknown) =>
    seal(keys.vaultKey, utf8ToBytes(JSON.stringify(value)), binding(keys.accountId, key));

  return {
    readCache: async (keys: Keys): Promise<HealthCache> => (await read(keys, 'healthCache')) ?? {},
    readReport: (keys: Keys): Promise<HealthReport | null> => read(keys, 'healthReport'),
    readSummary: (keys: Keys): Promise<HealthSummary | null> => read(keys, 'healthSummary'),
    /** What a cancelled or failed run learned, so the next run need not ask again. */
    async writeCache(keys: Keys, cache: HealthCache): Promise<void> {
      await db.putMeta('healthCache', sealed(keys, 'healthCache', cache));
    },
    /** The three records of a finished run, in one transaction. */
    async write(keys: Keys, run: { cache: HealthCache; report: HealthReport; summary: HealthSummary }): Promise<void> {
      const cache = sealed(keys, 'healthCache', run.cache);
      const report = sealed(keys, 'healthReport', run.report);
      const summary = sealed(keys, 'healthSummary', run.summary);
      await db.transaction('rw', db.meta, async () => {
        await db.putMeta('healthCache', cache);
        await db.putMeta('healthReport', report);
        await db.putMeta('healthSummary', summary);
      });
    },
  };
}

export type HealthStore = ReturnType<typeof createHealthStore>;
