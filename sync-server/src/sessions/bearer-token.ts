// Reads the session token from `Authorization: Bearer <token>` (RFC 6750 §2.1).
import { sessionTokenSchema } from '@keyhold/shared/sync/protocol-primitives';

export type BearerToken = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'token'; token: string };

export function bearerToken(header: string | undefined): BearerToken {
  if (header === undefined || header === '') return { kind: 'missing' };
  const token = /^Bearer (\S+)$/.exec(header)?.[1];
  if (token === undefined || !sessionTokenSchema.safeParse(token).success) return { kind: 'malformed' };
  return { kind: 'token', token };
}
