// Standard base64 (RFC 4648 §4, with padding), as Bitwarden writes it in cipher strings. Encrypted
// files use it; the crypto core's own encoding is base64url (crypto/bytes.ts). Returns null for
// anything that is not canonical base64, so callers fold it into their one decryption error.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function base64ToBytes(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
