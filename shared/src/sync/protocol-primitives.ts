// Wire primitives of the sync protocol: canonical base64url strings, ids, revisions, emails, tokens,
// and the size limits both sides agree on. Built with zod so the server validates its inputs and
// the extension validates what a (possibly malicious) server answers with the same rules.
import { z } from 'zod';

/** Largest HTTP request body the server reads (the server answers 413 beyond it). */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
/** Largest single item: the sum of its envelope strings, in characters (= bytes, base64url is ASCII). */
export const MAX_ITEM_CHARS = 1024 * 1024;
/** Most items in one push. */
export const MAX_PUSH_ITEMS = 500;
export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;
/** Bounds for the opaque vault-header envelopes (a wrapped 32-byte key is ~100 characters). */
export const MAX_WRAPPED_KEY_CHARS = 4096;
/** The header manifest lists (item id, revision) pairs, MAC'd by the client: big vaults need room. */
export const MAX_MANIFEST_CHARS = 4 * 1024 * 1024;
/** Manifest tree nodes (sync/manifest-tree.ts) in one vault.putNodes: a client uploads a new tree in chunks. */
export const MAX_PUT_NODES = 1024;
/** The base64url characters of one vault.putNodes' nodes: well under MAX_REQUEST_BODY_BYTES, even for the largest buckets. */
export const MAX_PUT_NODES_CHARS = 2 * 1024 * 1024;
/** Node hashes in one vault.getNodes. */
export const MAX_GET_NODES = 256;
/** Node hashes in one vault.getSubtrees: at most the 64 mids a root names. */
export const MAX_GET_SUBTREES = 64;
/** Characters of one index-snapshot chunk (ADR 0025): one chunk per request, well under MAX_REQUEST_BODY_BYTES. */
export const MAX_SNAPSHOT_CHUNK_CHARS = 4 * 1024 * 1024;
/** Chunks of one index snapshot. */
export const MAX_SNAPSHOT_CHUNKS = 64;
/** Bytes of an index snapshot's random id. */
export const SNAPSHOT_ID_BYTES = 16;

// Characters whose low bits are unused in a final group of 2 or 3 characters must be zero for the
// encoding to be canonical (RFC 4648 §3.5): 'Zg' and 'Zh' decode to the same byte; only 'Zg' is accepted.
const LAST_CHAR_OF_TWO = /[AQgw]$/;
const LAST_CHAR_OF_THREE = /[AEIMQUYcgkosw048]$/;
const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** True when `value` is unpadded base64url (RFC 4648 §5) in its one canonical spelling. */
export function isCanonicalBase64url(value: string): boolean {
  if (!BASE64URL_ALPHABET.test(value)) return false;
  switch (value.length % 4) {
    case 0:
      return true;
    case 2:
      return LAST_CHAR_OF_TWO.test(value);
    case 3:
      return LAST_CHAR_OF_THREE.test(value);
    default:
      return false;
  }
}

const BASE64URL_MESSAGE = 'must be canonical base64url (RFC 4648 §5, no padding)';

/** A non-empty canonical base64url string of at most `maxChars` characters. */
export function base64urlString(maxChars: number) {
  return z.string().min(1).max(maxChars).refine(isCanonicalBase64url, BASE64URL_MESSAGE);
}

/** Exactly `byteLength` bytes, base64url-encoded without padding. */
export function base64urlBytes(byteLength: number) {
  const chars = Math.ceil((byteLength * 4) / 3);
  return z
    .string()
    .length(chars, `must encode exactly ${byteLength} bytes (${chars} base64url characters)`)
    .refine(isCanonicalBase64url, BASE64URL_MESSAGE);
}

/** Lowercase RFC 9562 UUID: one spelling per id, so two spellings never name two rows. */
export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a lowercase UUID');

/** A server revision: 0 means "never stored", the per-account counter starts at 1. */
export const revisionSchema = z.int().min(0, 'must not be negative');

/**
 * Emails are compared after normalisation (NFC, trimmed, lowercased), so "A@x.org " and "a@x.org"
 * are one account. The shape check is deliberately loose: delivery is never attempted.
 */
export const emailSchema = z
  .string()
  .normalize('NFC')
  .trim()
  .toLowerCase()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');

export const deviceNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** 32 random bytes derived from the master key (HKDF "keyhold/v1/auth"), base64url. */
export const authKeySchema = base64urlBytes(32);

/** A session token (Lucia style: 20 random bytes, base32 lowercase, no padding). */
export const sessionTokenSchema = z.string().regex(/^[a-z2-7]{32}$/, 'must be a session token');

/** Session ids are the hex SHA-256 of the token; they identify devices but cannot authenticate. */
export const sessionIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a session id');

/** Invite tokens have the session-token shape; `keyhold-server invite` prints them. */
export const inviteTokenSchema = z.string().regex(/^[a-z2-7]{32}$/, 'must be an invite token printed by `keyhold-server invite`');

/** Procedures without arguments take no input at all (tRPC sends none). */
export const noInputSchema = z.undefined({ error: 'this procedure takes no input' });
