// A passkey kept on a login item (issue: passkeys): a WebAuthn credential Keyhold made for a relying
// party, stored in the login's encrypted details like its password, so it syncs, merges and travels
// in exports with the login. `id` is the credential id (base64url) and the key the merge uses to
// match list elements (sync/merge-paths.ts). The private key is the ES256 scalar, base64url; it is
// never part of the overview, never logged and never shown.
import { z } from 'zod';
import { msSchema, type Known } from '../schema-common';

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);

export const passkeySchema = z.looseObject({
  /** The credential id, base64url (16 bytes for the passkeys Keyhold makes; up to 1023 for imported ones). */
  id: base64url.min(1).max(1400),
  rpId: z.string().min(1).max(253),
  rpName: z.string().max(1000),
  /** The relying party's user handle (user.id), base64url, 1 to 64 bytes. */
  userHandle: base64url.min(1).max(86),
  userName: z.string().max(1000),
  userDisplayName: z.string().max(1000),
  /** 'ES256' today; a value written by a newer Keyhold is kept and such a passkey is not offered. */
  algorithm: z.string(),
  privateKey: base64url.min(1).max(200),
  /** Offered without allowCredentials (a resident key); Keyhold makes every passkey discoverable. */
  discoverable: z.boolean(),
  createdAt: msSchema,
  lastUsedAt: msSchema.nullable(),
});
export type Passkey = Known<z.output<typeof passkeySchema>>;

/** The merge path of a passkey's last use ends so: both devices signing in is not a conflict. */
export function isPasskeyLastUsePath(path: string): boolean {
  return path.startsWith('passkeys/') && path.endsWith('/lastUsedAt');
}
