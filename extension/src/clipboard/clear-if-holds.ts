// Runs in a document (the offscreen page, or Firefox's background page): reads the clipboard, and
// empties it only if it still holds the value whose hash we remembered. Extension documents cannot
// use navigator.clipboard without focus, so this uses execCommand with the clipboardRead permission.
import { bytesToBase64url, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import { sha256 } from '@noble/hashes/sha2.js';

/** What we remember of a copied secret: its SHA-256, never the value. */
export function clipboardFingerprint(value: string): string {
  return bytesToBase64url(sha256(utf8ToBytes(value)));
}

export function clearClipboardIfHolds(doc: Document, expectedHash: string): boolean {
  const area = doc.createElement('textarea');
  doc.body.append(area);
  try {
    area.focus();
    doc.execCommand('paste');
    const current = area.value;
    if (!current || clipboardFingerprint(current) !== expectedHash) return false;
    const empty = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', '');
      event.preventDefault();
    };
    doc.addEventListener('copy', empty, { once: true });
    doc.execCommand('copy');
    return true;
  } finally {
    area.remove();
  }
}
