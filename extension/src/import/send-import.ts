// The vault page's side of an import: the parsed items go to the background in chunks (import.begin,
// import.add…), each fetched from where the file was parsed just before it is sent, with progress
// after each chunk and a cancel between chunks; commit is a separate step once the user has seen the
// duplicate counts. The messages are passed in, so this runs in Node tests.
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

/** Where the parsed items are held (parse-file.ts ParsedFile), read one chunk at a time. */
export type ItemSource = { readonly total: number; slice(start: number, end: number): Promise<Item[]> };

/** Sends every item for staging; nothing is written. On cancel or failure the background's staging is dropped. */
export async function stageImport(
  transport: ImportTransport,
  source: ItemSource,
  options: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void; chunkSize?: number },
): Promise<{ importId: string; progress: ImportProgress }> {
  const size = Math.min(options.chunkSize ?? MAX_IMPORT_CHUNK, MAX_IMPORT_CHUNK);
  const { importId } = await transport.begin(source.total);
  let progress: ImportProgress = { received: 0, total: source.total, counts: { new: 0, identical: 0, updates: 0 } };
  try {
    for (let i = 0; i < source.total; i += size) {
      if (options.signal.aborted) throw new ImportCancelled('The import was cancelled.');
      const chunk = await source.slice(i, i + size);
      if (options.signal.aborted) throw new ImportCancelled('The import was cancelled.');
      progress = await transport.add(importId, chunk);
      options.onProgress(progress);
    }
    if (options.signal.aborted) throw new ImportCancelled('The import was cancelled.');
  } catch (error) {
    await transport.cancel(importId).catch(() => undefined);
    throw error;
  }
  return { importId, progress };
}
