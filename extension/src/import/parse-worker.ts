// The import file parser's own thread: the vault page hands it the file's bytes, gets back the
// preview and the count, and then asks for the items a chunk at a time as it sends them to the
// background. Reading a 10,000-item export (JSON or CSV parsing, key derivation for an encrypted
// file, checking every item) and holding its items never burden the page (docs/architecture.md,
// "Import and export"). Loaded only by parse-file.ts, as a module worker of the extension's origin.
import '../messaging/zod-jitless';
import { parseImportFile } from '@keyhold/shared/import/registry';
import { isImportError } from '@keyhold/shared/import/import-error';
import type { KnownItem } from '@keyhold/shared/items/item';
import type { ParseReply, ParseRequest } from './parse-file';
import { previewOf } from './preview';

let items: KnownItem[] = [];

const reply = (message: ParseReply): void => self.postMessage(message);

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  if (request.kind === 'slice') {
    reply({ kind: 'slice', id: request.id, items: items.slice(request.start, request.end) });
    return;
  }
  parseImportFile(request.format, request.bytes, request.options).then(
    (result) => {
      items = result.items;
      reply({ kind: 'parsed', ok: true, total: result.items.length, preview: previewOf(result, request.typeOrder) });
    },
    // Only an ImportError's detail crosses back: it is what the screen shows and branches on. Anything
    // else is "could not read this file", with no message that might quote the file.
    (error: unknown) => reply({ kind: 'parsed', ok: false, detail: isImportError(error) ? error.detail : null }),
  );
};
