// Parses an import file off the page's main thread and keeps the parsed items there: the page gets
// the preview and the count, then asks for the items a chunk at a time as it sends them on
// (parse-worker.ts). A 10,000-item file therefore never crosses into the page at once: no long task
// while the page takes it in, and no second copy of the vault on the page's heap. Errors keep
// parseImportFile's contract: an ImportError the screen can branch on, or "could not be read".
// Where there is no Worker (Node tests) the same handle is served in place.
import { parseImportFile, type ImportFormatId, type ParseFileOptions } from '@keyhold/shared/import/registry';
import type { KnownItem } from '@keyhold/shared/items/item';
import { ImportError, type ImportErrorDetail } from '@keyhold/shared/import/import-error';
import { previewOf, type ImportPreview } from './preview';

/** A parsed file, held where it was parsed; `close()` lets it go. */
export interface ParsedFile {
  readonly total: number;
  readonly preview: ImportPreview;
  /** Items `start` to `end` (exclusive), in the file's order. */
  slice(start: number, end: number): Promise<KnownItem[]>;
  close(): void;
}

export type ParseRequest =
  | { kind: 'parse'; format: ImportFormatId; bytes: Uint8Array; options: ParseFileOptions; typeOrder: readonly string[] }
  | { kind: 'slice'; id: number; start: number; end: number };

export type ParseReply =
  | { kind: 'parsed'; ok: true; total: number; preview: ImportPreview }
  | { kind: 'parsed'; ok: false; detail: ImportErrorDetail | null }
  | { kind: 'slice'; id: number; items: KnownItem[] };

const UNREADABLE = 'The import file could not be read.';

function inPlace(items: KnownItem[], preview: ImportPreview): ParsedFile {
  let held: KnownItem[] | null = items;
  return {
    total: items.length,
    preview,
    slice: (start, end) => (held ? Promise.resolve(held.slice(start, end)) : Promise.reject(new Error(UNREADABLE))),
    close: () => void (held = null),
  };
}

export async function parseFile(
  format: ImportFormatId,
  bytes: Uint8Array,
  options: ParseFileOptions,
  typeOrder: readonly string[],
): Promise<ParsedFile> {
  if (typeof Worker === 'undefined') {
    const result = await parseImportFile(format, bytes, options);
    return inPlace(result.items, previewOf(result, typeOrder));
  }
  const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (items: KnownItem[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    worker.terminate();
    for (const pending of waiting.values()) pending.reject(new Error(UNREADABLE));
    waiting.clear();
  };

  const parsed = await new Promise<{ total: number; preview: ImportPreview }>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if (reply.kind === 'slice') {
        waiting.get(reply.id)?.resolve(reply.items);
        waiting.delete(reply.id);
      } else if (reply.ok) resolve(reply);
      else reject(reply.detail ? new ImportError(reply.detail) : new Error(UNREADABLE));
    };
    worker.onerror = () => {
      reject(new Error(UNREADABLE));
      close();
    };
    worker.postMessage({ kind: 'parse', format, bytes, options, typeOrder } satisfies ParseRequest);
  }).catch((error: unknown) => {
    close();
    throw error;
  });

  return {
    total: parsed.total,
    preview: parsed.preview,
    slice(start, end) {
      if (closed) return Promise.reject(new Error(UNREADABLE));
      const id = nextId++;
      return new Promise<KnownItem[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ kind: 'slice', id, start, end } satisfies ParseRequest);
      });
    },
    close,
  };
}
