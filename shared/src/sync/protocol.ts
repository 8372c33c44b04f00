// The sync protocol between the extension and the Keyhold sync server: the zod schema of every
// procedure's input (the server validates with them) and of every answer (the extension validates
// with them, because the server is not trusted). The server only ever sees ciphertext envelopes,
// KDF parameters and a hash of the auth key; see docs/architecture.md, "Sync".
import { z } from 'zod';
import { base64urlToBytes } from '../crypto/bytes';
import {
  EMPTY_BUCKET_HASH,
  LEAF_BYTES,
  LEGACY_ROOT_FORMAT,
  MAX_BUCKET_BYTES,
  MID_BYTES,
  NODE_HASH_BYTES,
  SPLIT_BYTES,
  decodeBucket,
  sameHash,
  type NodeKind,
} from './manifest-tree';
import {
  MAX_GET_NODES,
  MAX_GET_SUBTREES,
  MAX_ITEM_CHARS,
  MAX_MANIFEST_CHARS,
  MAX_PUSH_ITEMS,
  MAX_PUT_NODES,
  MAX_PUT_NODES_CHARS,
  MAX_SNAPSHOT_CHUNKS,
  MAX_SNAPSHOT_CHUNK_CHARS,
  MAX_WRAPPED_KEY_CHARS,
  PULL_MAX_LIMIT,
  SNAPSHOT_ID_BYTES,
  authKeySchema,
  base64urlBytes,
  base64urlString,
  deviceNameSchema,
  emailSchema,
  inviteTokenSchema,
  revisionSchema,
  sessionIdSchema,
  sessionTokenSchema,
  uuidSchema,
} from './protocol-primitives';

// ---------------------------------------------------------------------------------------------
// Vault header: KDF parameters and the wrapped vault key

/** Bytes of a header stamp: format, epoch (u32) and an HMAC-SHA256 (crypto/header-stamp.ts). */
export const HEADER_STAMP_BYTES = 37;

/**
 * Argon2id parameters as stored in the vault header. Floors and ceilings are the client's
 * (crypto/kdf-params.ts: m 19 MiB..1 GiB, t 2..50, p 1..16), so the server never stores parameters a
 * client would refuse; the client still applies its own rules (it does not trust the server).
 */
export const kdfParamsSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryKiB: z
    .int()
    .min(19 * 1024)
    .max(1024 * 1024),
  iterations: z.int().min(2).max(50),
  parallelism: z.int().min(1).max(16),
  salt: base64urlBytes(16),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/**
 * The opaque parts of the vault header. The header sent is the header stored: a field left out
 * (only `manifest` may be) is cleared.
 */
export const vaultHeaderSchema = z.strictObject({
  wrappedVaultKey: base64urlString(MAX_WRAPPED_KEY_CHARS),
  recoveryWrappedVaultKey: base64urlString(MAX_WRAPPED_KEY_CHARS),
  /**
   * The client's MAC'd manifest. A manifest tree's root (sync/manifest-tree.ts, format 2) is read by
   * the server only to check that every node it names is stored (vault.putNodes) and to drop the
   * nodes it no longer names; anything else (the sealed list of format 1) is opaque to the server.
   */
  manifest: base64urlString(MAX_MANIFEST_CHARS).optional(),
  /**
   * The clients' stamp over the KDF parameters and wrapped keys (epoch + MAC by a key derived from the
   * vault key, crypto/header-stamp.ts), opaque to the server. vault.putHeader without it keeps the stored one.
   */
  stamp: base64urlBytes(HEADER_STAMP_BYTES).optional(),
});
export type VaultHeader = z.infer<typeof vaultHeaderSchema>;

// ---------------------------------------------------------------------------------------------
// account.*

export const preloginInputSchema = z.strictObject({ email: emailSchema });
export const preloginOutputSchema = z.object({ kdf: kdfParamsSchema });
export type PreloginOutput = z.infer<typeof preloginOutputSchema>;

export const registerInputSchema = z.strictObject({
  email: emailSchema,
  /** Chosen by the client at vault creation: it is bound into every ciphertext's associated data. */
  accountId: uuidSchema,
  kdf: kdfParamsSchema,
  authKey: authKeySchema,
  header: vaultHeaderSchema,
  deviceName: deviceNameSchema,
  inviteToken: inviteTokenSchema.optional(),
});
export type RegisterInput = z.infer<typeof registerInputSchema>;

export const loginInputSchema = z.strictObject({
  email: emailSchema,
  authKey: authKeySchema,
  deviceName: deviceNameSchema,
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** What register and login answer: keep `token` secret, send it as `Authorization: Bearer <token>`. */
export const sessionGrantSchema = z.object({
  token: sessionTokenSchema,
  accountId: uuidSchema,
  sessionId: sessionIdSchema,
});
export type SessionGrant = z.infer<typeof sessionGrantSchema>;

export const changeMasterPasswordInputSchema = z.strictObject({
  currentAuthKey: authKeySchema,
  newAuthKey: authKeySchema,
  kdf: kdfParamsSchema,
  header: vaultHeaderSchema,
});
export type ChangeMasterPasswordInput = z.infer<typeof changeMasterPasswordInputSchema>;
export const changeMasterPasswordOutputSchema = z.object({
  headerRevision: revisionSchema,
  revokedSessions: z.int().min(0),
});

/**
 * A reset with the recovery key (the current password is forgotten): signed in by this device's
 * session, replaces what changeMasterPassword replaces and signs out the other devices too.
 */
export const resetMasterPasswordInputSchema = z.strictObject({
  newAuthKey: authKeySchema,
  kdf: kdfParamsSchema,
  header: vaultHeaderSchema.required({ stamp: true }),
});
export type ResetMasterPasswordInput = z.infer<typeof resetMasterPasswordInputSchema>;

export const deleteAccountInputSchema = z.strictObject({ authKey: authKeySchema });

// ---------------------------------------------------------------------------------------------
// vault.*

export const headerStateSchema = z.object({
  revision: revisionSchema,
  kdf: kdfParamsSchema,
  header: vaultHeaderSchema,
});
export type HeaderState = z.infer<typeof headerStateSchema>;

export const putHeaderInputSchema = z.strictObject({
  baseRevision: revisionSchema,
  header: vaultHeaderSchema,
});
export type PutHeaderInput = z.infer<typeof putHeaderInputSchema>;

export const putHeaderOutputSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), revision: revisionSchema }),
  z.object({ status: z.literal('conflict'), current: headerStateSchema }),
]);
export type PutHeaderOutput = z.infer<typeof putHeaderOutputSchema>;

// Manifest tree nodes (sync/manifest-tree.ts, docs/adr/0023-authenticated-manifest-tree.md): written
// by the clients, stored by the server under the hash it computes itself, and named by the root in
// the header's `manifest`. The server checks their shape only; clients check everything.

const MAX_BUCKET_CHARS = Math.ceil((MAX_BUCKET_BYTES * 4) / 3);

export const nodeKindSchema = z.enum(['bucket', 'mid', 'split']) satisfies z.ZodType<NodeKind>;

/** A node hash: SHA-256 over the kind's domain byte and the node's bytes, first 16 bytes (nodeHash). */
export const nodeHashSchema = base64urlBytes(NODE_HASH_BYTES);

/** Why `bytes` is not a well-formed node of `kind`, or null when it is. */
export function nodeShapeProblem(kind: NodeKind, bytes: string): string | null {
  let decoded: Uint8Array;
  try {
    decoded = base64urlToBytes(bytes);
  } catch {
    return 'must be canonical base64url';
  }
  if (kind === 'mid') return decoded.length === MID_BYTES ? null : `a mid is exactly ${MID_BYTES} bytes (64 bucket hashes)`;
  if (kind === 'split') {
    // Which slot a split stands for is known only from the tree above it: clients check that.
    const slots = Array.from({ length: SPLIT_BYTES / NODE_HASH_BYTES }, (_, i) => decoded.subarray(i * NODE_HASH_BYTES, (i + 1) * NODE_HASH_BYTES));
    if (decoded.length !== SPLIT_BYTES || slots.every((hash) => sameHash(hash, EMPTY_BUCKET_HASH))) {
      return `a split is exactly ${SPLIT_BYTES} bytes (16 slot hashes, not all empty)`;
    }
    return null;
  }
  if (decoded.length === 0 || decoded.length % LEAF_BYTES !== 0 || decoded.length > MAX_BUCKET_BYTES) {
    return `a bucket is a non-zero multiple of ${LEAF_BYTES} bytes, at most ${MAX_BUCKET_BYTES} (the empty bucket is never stored)`;
  }
  try {
    // The first leaf's id names the top bucket (its first 12 bits); decodeBucket checks that every
    // leaf belongs to it, sorted by id, once each. How deep the bucket sits (and so whether it is
    // small enough) is known only from the tree above it: clients check that, as format 2 reads it.
    decodeBucket(decoded, (decoded[0]! << 4) | (decoded[1]! >> 4), LEGACY_ROOT_FORMAT);
    return null;
  } catch {
    return 'a bucket holds well-formed leaves of one bucket, sorted by item id';
  }
}

const nodeBytesSchema = base64urlString(MAX_BUCKET_CHARS);

function checkNodeShape(node: { kind: NodeKind; bytes: string }, ctx: z.RefinementCtx): void {
  const problem = nodeShapeProblem(node.kind, node.bytes);
  if (problem !== null) ctx.addIssue({ code: 'custom', path: ['bytes'], message: problem });
}

/** A bucket, split or mid as uploaded; `bytes` has the node's shape. */
export const manifestNodeSchema = z.strictObject({ kind: nodeKindSchema, bytes: nodeBytesSchema }).superRefine(checkNodeShape);
export type ManifestNode = z.infer<typeof manifestNodeSchema>;

export const putNodesInputSchema = z.strictObject({
  nodes: z
    .array(manifestNodeSchema)
    .min(1)
    .max(MAX_PUT_NODES)
    .refine((nodes) => nodes.reduce((n, node) => n + node.bytes.length, 0) <= MAX_PUT_NODES_CHARS, {
      message: `the nodes of one upload must total at most ${MAX_PUT_NODES_CHARS} base64url characters: upload in smaller chunks`,
    }),
});
export type PutNodesInput = z.infer<typeof putNodesInputSchema>;
/** `stored`: nodes this call added (a node the account already holds counts 0). */
export const putNodesOutputSchema = z.object({ stored: z.int().min(0) });
export type PutNodesOutput = z.infer<typeof putNodesOutputSchema>;

/** 1 to `max` distinct node hashes: what a node read asks for. */
const nodeHashesSchema = (max: number) =>
  z
    .array(nodeHashSchema)
    .min(1)
    .max(max)
    .refine((hashes) => new Set(hashes).size === hashes.length, { message: 'hashes must be unique within a request' });

export const getNodesInputSchema = z.strictObject({ hashes: nodeHashesSchema(MAX_GET_NODES) });
export type GetNodesInput = z.infer<typeof getNodesInputSchema>;
/**
 * The caller's nodes among the hashes asked for, in the order asked; a hash the account does not
 * hold is left out. The server is not trusted: check that each node hashes to its `hash`.
 */
export const getNodesOutputSchema = z.object({
  nodes: z.array(z.object({ hash: nodeHashSchema, kind: nodeKindSchema, bytes: nodeBytesSchema }).superRefine(checkNodeShape)),
});
export type GetNodesOutput = z.infer<typeof getNodesOutputSchema>;

/**
 * vault.getSubtrees: the nodes named and every node below them, for a device that holds none of
 * that part of the tree (a first sync asks for its 64 mids in a few requests instead of thousands of
 * node hashes in dozens). `complete`: false when the answer was cut at the response budget, the
 * rest being asked for node by node. The server is not trusted: every node is checked against the
 * hash its parent names, exactly as one from vault.getNodes.
 */
export const getSubtreesInputSchema = z.strictObject({ hashes: nodeHashesSchema(MAX_GET_SUBTREES) });
export type GetSubtreesInput = z.infer<typeof getSubtreesInputSchema>;
/**
 * Unlike getNodes' answer, a node's bytes are not checked for their kind's shape here: a device uses
 * only the nodes its tree names, and decodes each one it uses by the rules of its position
 * (decodeMid, decodeSplit, decodeBucket), so checking thousands of them twice would only cost a
 * first sync time.
 */
export const getSubtreesOutputSchema = z.object({
  nodes: z.array(z.object({ hash: nodeHashSchema, kind: nodeKindSchema, bytes: nodeBytesSchema })),
  complete: z.boolean(),
});
export type GetSubtreesOutput = z.infer<typeof getSubtreesOutputSchema>;

// The index snapshot (docs/adr/0025-first-sync-index-snapshot.md): a device's overview index,
// cut into chunks it seals itself, uploaded one chunk per request under a random id. The server
// keeps the account's current (complete) snapshot and at most one upload; it never reads a chunk.

const snapshotIdSchema = base64urlBytes(SNAPSHOT_ID_BYTES);
const snapshotIndexSchema = z
  .int()
  .min(0)
  .max(MAX_SNAPSHOT_CHUNKS - 1);
const snapshotCountSchema = z.int().min(1).max(MAX_SNAPSHOT_CHUNKS);
const snapshotChunkSchema = base64urlString(MAX_SNAPSHOT_CHUNK_CHARS);

function checkIndexBelowCount(chunk: { index: number; count: number }, ctx: z.RefinementCtx): void {
  if (chunk.index >= chunk.count) ctx.addIssue({ code: 'custom', path: ['index'], message: "must be below the snapshot's chunk count" });
}

/** Chunk `index` of the `count` chunks of snapshot `snapshotId`; every chunk of one snapshot names the same count. */
export const putSnapshotInputSchema = z
  .strictObject({ snapshotId: snapshotIdSchema, index: snapshotIndexSchema, count: snapshotCountSchema, chunk: snapshotChunkSchema })
  .superRefine(checkIndexBelowCount);
export type PutSnapshotInput = z.infer<typeof putSnapshotInputSchema>;
/** `complete`: this call stored the snapshot's last missing chunk, and the snapshot is now the account's current one. */
export const putSnapshotOutputSchema = z.object({ complete: z.boolean() });
export type PutSnapshotOutput = z.infer<typeof putSnapshotOutputSchema>;

/** Chunk `index` of the current snapshot; with `snapshotId`, only while that snapshot is still the current one. */
export const getSnapshotInputSchema = z.strictObject({ snapshotId: snapshotIdSchema.optional(), index: snapshotIndexSchema });
export type GetSnapshotInput = z.infer<typeof getSnapshotInputSchema>;
/**
 * The chunk asked for, or null: the account has no complete snapshot, the one named was replaced
 * meanwhile, or the index is not below its count. The server is not trusted: a chunk opens only
 * under the associated data that binds it to its snapshot, index and count (ADR 0025).
 */
export const getSnapshotOutputSchema = z.object({
  snapshot: z
    .object({ snapshotId: snapshotIdSchema, count: snapshotCountSchema, index: snapshotIndexSchema, chunk: snapshotChunkSchema })
    .superRefine(checkIndexBelowCount)
    .nullable(),
});
export type GetSnapshotOutput = z.infer<typeof getSnapshotOutputSchema>;

// ---------------------------------------------------------------------------------------------
// session.*

export const sessionInfoSchema = z.object({
  id: sessionIdSchema,
  deviceName: z.string(),
  /** Unix epoch milliseconds. */
  createdAt: z.int(),
  lastUsedAt: z.int(),
  expiresAt: z.int(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const sessionListOutputSchema = z.array(sessionInfoSchema);

export const revokeSessionInputSchema = z.strictObject({ sessionId: sessionIdSchema });

// ---------------------------------------------------------------------------------------------
// sync.*

/** The three envelopes of an item (docs/architecture.md, "Keys and the vault format"): wrapped item key, overview, details. */
export const itemEnvelopesSchema = z
  .strictObject({
    key: base64urlString(MAX_ITEM_CHARS),
    overview: base64urlString(MAX_ITEM_CHARS),
    details: base64urlString(MAX_ITEM_CHARS),
  })
  .refine((e) => e.key.length + e.overview.length + e.details.length <= MAX_ITEM_CHARS, {
    message: `an item's envelopes must total at most ${MAX_ITEM_CHARS} characters (1 MiB)`,
  });
export type ItemEnvelopes = z.infer<typeof itemEnvelopesSchema>;

/** An item as stored: a live item carries envelopes, a tombstone keeps only id and revision. */
export const serverItemSchema = z.discriminatedUnion('deleted', [
  z.object({
    id: uuidSchema,
    revision: revisionSchema,
    deleted: z.literal(false),
    envelopes: itemEnvelopesSchema,
    /** Unix epoch milliseconds, server clock. */
    updatedAt: z.int(),
  }),
  z.object({
    id: uuidSchema,
    revision: revisionSchema,
    deleted: z.literal(true),
    envelopes: z.null(),
    updatedAt: z.int(),
  }),
]);
export type ServerItem = z.infer<typeof serverItemSchema>;

export const pullInputSchema = z.strictObject({
  /** The account revision the client has fully applied; 0 for a full pull. */
  since: revisionSchema,
  limit: z.int().min(1).max(PULL_MAX_LIMIT).optional(),
});
export type PullInput = z.infer<typeof pullInputSchema>;

/**
 * Items with revision > since, by revision. While `hasMore`, pull again with `since` = the last
 * item's revision; then remember `revision`. `resetRequired` means tombstones newer than `since`
 * were purged: pull from 0 and drop local items the server no longer lists.
 */
export const pullOutputSchema = z.discriminatedUnion('resetRequired', [
  z.object({
    resetRequired: z.literal(false),
    items: z.array(serverItemSchema),
    revision: revisionSchema,
    hasMore: z.boolean(),
    /**
     * The vault header's manifest as it was just after the page was read, sent only with a page that
     * holds items: a device verifies what the page brings without asking for the header (ADR 0023).
     * Not trusted: it is checked like the header's own.
     */
    manifest: base64urlString(MAX_MANIFEST_CHARS).optional(),
  }),
  z.object({ resetRequired: z.literal(true), revision: revisionSchema }),
]);
export type PullOutput = z.infer<typeof pullOutputSchema>;

export const pushItemSchema = z.discriminatedUnion('deleted', [
  z.strictObject({
    id: uuidSchema,
    /** The revision this change is based on; 0 = the item must not exist yet. */
    baseRevision: revisionSchema,
    deleted: z.literal(false),
    envelopes: itemEnvelopesSchema,
  }),
  z.strictObject({
    id: uuidSchema,
    baseRevision: revisionSchema,
    deleted: z.literal(true),
    envelopes: z.null(),
  }),
]);
export type PushItem = z.infer<typeof pushItemSchema>;

export const pushInputSchema = z.strictObject({
  items: z
    .array(pushItemSchema)
    .min(1)
    .max(MAX_PUSH_ITEMS)
    .refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
      message: 'item ids must be unique within a push',
    }),
});
export type PushInput = z.infer<typeof pushInputSchema>;

/**
 * Accepted items got consecutive new revisions; each conflict carries the server's current version
 * (null: the item does not exist). `revision` is the account's revision after the push.
 */
export const pushOutputSchema = z.object({
  accepted: z.array(z.object({ id: uuidSchema, revision: revisionSchema })),
  conflicts: z.array(z.object({ id: uuidSchema, current: serverItemSchema.nullable() })),
  revision: revisionSchema,
});
export type PushOutput = z.infer<typeof pushOutputSchema>;
