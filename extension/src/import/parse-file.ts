// Parses an import file off the page's main thread (parse-worker.ts), with the same contract as
// parseImportFile: the result, or an ImportError the screen can branch on. Where there is no Worker
// (Node tests under jsdom) it parses in place.
import { parseImportFile, type ImportFormatId, type ParseFileOptions } from '@keyhold/shared/import/registry';
import type { ImportResult } from '@keyhold/shared/import/collect-items';
import { ImportError, type ImportErrorDetail } from '@keyhold/shared/import/import-error';

export type ParseReply = { ok: true; result: ImportResult } | { ok: false; detail: ImportErrorDetail | null };

export function parseFile(format: ImportFormatId, bytes: Uint8Array, options: ParseFileOptions): Promise<ImportResult> {
  if (typeof Worker === 'undefined') return parseImportFile(format, bytes, options);
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ImportResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if (reply.ok) resolve(reply.result);
      else reject(reply.detail ? new ImportError(reply.detail) : new Error('The import file could not be read.'));
    };
    worker.onerror = () => reject(new Error('The import file could not be read.'));
    worker.postMessage({ format, bytes, options });
  }).finally(() => worker.terminate());
}
