// The server's one HMAC: HMAC-SHA-256 (RFC 2104, FIPS 198-1) of a UTF-8 message under a key. Every
// keyed value the server makes — per-purpose keys, fake prelogin salts, pseudonyms, the audit chain —
// goes through here, each with its own key or purpose string so one use never stands in for another.
import { createHmac } from 'node:crypto';

export function hmacSha256(key: Buffer | string, message: string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}
