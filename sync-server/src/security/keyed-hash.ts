// Keyed hashes for pseudonymous identifiers (an email in the audit log or a throttle key): stable
// for one server secret, useless to anyone without it.
import { hmacSha256 } from './hmac';

export function keyedHash(key: Buffer, value: string): string {
  return hmacSha256(key, value).toString('base64url').slice(0, 22);
}
