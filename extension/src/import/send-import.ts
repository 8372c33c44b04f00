// The vault page's side of an import: the parsed items go to the background in chunks (import.begin,
// import.add…), with progress after each chunk and a cancel between chunks; commit is a separate step
// once the user has seen the duplicate counts. The messages are passed in, so this runs in Node tests.
import type { Item } from '@keyhold/shared/items/item';
import { MAX_IMPORT_CHUNK, type DuplicateChoice, type ImportOutcome, type ImportProgress } from './import-session';

export type ImportTransport = {
  begin(total: number): Promise<{ importId: string }>;
  add(importId: string, items: Item[]): Promise<ImportProgress>;
  commit(importId: string, duplicates: DuplicateChoice): Promise<ImportOutcome>;
  cancel(importId: string): Promise<void>;
};

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

/** Sends every item for staging; nothing is written. On cancel or failure the background's staging is dropped. */
export async function stageImport(
  transport: ImportTransport,
  items: readonly Item[],
  options: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void; chunkSize?: number },
): Promise<{ importId: string; progress: ImportProgress }> {
  const size = Math.min(options.chunkSize ?? MAX_IMPORT_CHUNK, MAX_IMPORT_CHUNK);
  const { importId } = await transport.begin(items.length);
  let progress: ImportProgress = { received: 0, total: items.length, counts: { new: 0, identical: 0, updates: 0 } };
  try {
    for (let i = 0; i < items.length; i += size) {
      if (options.signal.aborted) throw new ImportCancelled('The import was cancelled.');
      progress = await transport.add(importId, items.slice(i, i + size));
      options.onProgress(progress);
    }
    if (options.signal.aborted) throw new ImportCancelled('The import was cancelled.');
  } catch (error) {
    await transport.cancel(importId).catch(() => undefined);
    throw error;
  }
  return { importId, progress };
}
