// Keyed hashes for pseudonymous identifiers (an email in the audit log or a throttle key): stable
// for one server secret, useless to anyone without it.
import { createHmac } from 'node:crypto';

export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);
}
