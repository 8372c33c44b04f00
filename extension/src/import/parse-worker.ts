// The import file parser's own thread: the vault page hands it the file's bytes and gets the parsed
// items back, so reading a 10,000-item export (JSON or CSV parsing, key derivation for an encrypted
// file, checking every item) never blocks the page (docs/architecture.md, "Import and export").
// Loaded only by parse-file.ts, as a module worker of the extension's own origin.
import '../messaging/zod-jitless';
import { parseImportFile, type ImportFormatId, type ParseFileOptions } from '@keyhold/shared/import/registry';
import { isImportError } from '@keyhold/shared/import/import-error';
import type { ParseReply } from './parse-file';

type Request = { format: ImportFormatId; bytes: Uint8Array; options: ParseFileOptions };

self.onmessage = (event: MessageEvent<Request>) => {
  const { format, bytes, options } = event.data;
  parseImportFile(format, bytes, options).then(
    (result) => self.postMessage({ ok: true, result } satisfies ParseReply),
    // Only an ImportError's detail crosses back: it is what the screen shows and branches on. Anything
    // else is "could not read this file", with no message that might quote the file.
    (error: unknown) => self.postMessage({ ok: false, detail: isImportError(error) ? error.detail : null } satisfies ParseReply),
  );
};
