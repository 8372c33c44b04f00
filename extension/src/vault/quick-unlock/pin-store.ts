// Where the PIN wrap waits: in memory that the browser clears when it closes (`storage.session` in the
// extension, browser-pin-store.ts), never in the vault's database. So the PIN works only while the
// browser stays open, and after a restart the master password is needed (issue #16). A record that
// does not parse is treated as absent.
import { z } from 'zod';
import { vaultHeaderSchema } from '@keyhold/shared/crypto/vault-header';

export const pinRecordSchema = z.object({
  accountId: z.string().min(1),
  /** The master-password wrapping this wrap belongs to (quick-wrap.ts, headerFingerprint). */
  fingerprint: z.string().min(1),
  kdf: vaultHeaderSchema.shape.kdf,
  wrapped: z.string().min(1),
  /** Attempts charged since the last right PIN (pin-attempts.ts). */
  failures: z.int().min(0),
});

export type PinRecord = z.infer<typeof pinRecordSchema>;

export type PinStore = {
  load(): Promise<PinRecord | null>;
  save(record: PinRecord): Promise<void>;
  clear(): Promise<void>;
};

/** Parses what a store read back: anything but a valid record is no record. */
export function parsePinRecord(value: unknown): PinRecord | null {
  const parsed = pinRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The same contract in a variable, for Node tests (a "browser restart" is a new store). */
export function createMemoryPinStore(): PinStore {
  let stored: PinRecord | null = null;
  return {
    async load() {
      return stored && { ...stored };
    },
    async save(record) {
      stored = { ...record };
    },
    async clear() {
      stored = null;
    },
  };
}
