// The import's page-only messages (merged into messaging/protocol.ts MESSAGES) and their response
// types. The vault page parses the file and sends items, never the file; each item is checked whole
// with the shared item schemas (itemSchema) and the import session checks the rest.
import { z } from 'zod';
import { itemSchema, page } from '../messaging/request-schemas';
import { MAX_IMPORT_CHUNK, MAX_IMPORT_TOTAL, type ImportOutcome, type ImportProgress } from './import-session';

const importId = z.uuid();

export const IMPORT_MESSAGES = {
  /** Starts an import of `total` items (drops an earlier one still staging). Nothing is written. */
  'import.begin': page(z.strictObject({ total: z.int().min(1).max(MAX_IMPORT_TOTAL) })),
  /** One chunk of parsed items: checked against the vault and sealed in memory. Nothing is written. */
  'import.add': page(z.strictObject({ importId, items: z.array(itemSchema).min(1).max(MAX_IMPORT_CHUNK) })),
  /** Writes everything staged in one transaction; `duplicates` says what to do with matching logins. */
  'import.commit': page(z.strictObject({ importId, duplicates: z.enum(['update', 'add']) })),
  /** The import screen is still open (sent while the user reviews): keeps the staging from expiring. */
  'import.touch': page(z.strictObject({ importId })),
  'import.cancel': page(z.strictObject({ importId })),
} as const;

export type ImportResponses = {
  'import.begin': { importId: string };
  'import.add': ImportProgress;
  'import.commit': ImportOutcome;
  'import.touch': ImportProgress;
  'import.cancel': void;
};
