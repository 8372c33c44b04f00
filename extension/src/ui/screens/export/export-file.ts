// Makes an export file's text from the decrypted items, in the page: Keyhold's encrypted export, or
// Bitwarden's JSON or CSV (unencrypted; the trash left out, as Bitwarden's own exports do). Pure but
// for the date in the file name, which the caller passes.
import type { Item } from '@keyhold/shared/items/item';
import { exportKeyhold } from '@keyhold/shared/export/keyhold-export';
import { exportBitwardenJson } from '@keyhold/shared/export/bitwarden-json';
import { exportBitwardenCsv } from '@keyhold/shared/export/bitwarden-csv';

export type ExportKind = 'keyhold' | 'bitwarden-json' | 'bitwarden-csv';

export type ExportFile = { name: string; type: string; text: string };

export async function makeExportFile(kind: ExportKind, items: readonly Item[], options: { password: string; date: Date }): Promise<ExportFile> {
  const day = options.date.toISOString().slice(0, 10);
  switch (kind) {
    case 'keyhold':
      return { name: `keyhold-export-${day}.json`, type: 'application/json', text: await exportKeyhold({ items, password: options.password }) };
    case 'bitwarden-json':
      return { name: `keyhold-bitwarden-${day}.json`, type: 'application/json', text: exportBitwardenJson(items) };
    case 'bitwarden-csv':
      return { name: `keyhold-bitwarden-${day}.csv`, type: 'text/csv', text: exportBitwardenCsv(items) };
  }
}

/** Saves the file through a Blob link (the browser's download), then lets the Blob go. */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
