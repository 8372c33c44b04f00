// PostgreSQL: the manifest tree's nodes, per account and hash.
import type { NodeKind } from '@keyhold/shared/sync/manifest-tree';
import type { ManifestNodeStore } from '../port';
import type { Queryable } from './queryable';

type NodeRow = { hash: Uint8Array; kind: NodeKind; bytes: Uint8Array };

export function postgresManifestNodes(db: Queryable): ManifestNodeStore {
  return {
    async put(accountId, nodes) {
      if (nodes.length === 0) return 0;
      // One statement for the whole upload, the columns passed as arrays.
      const result = await db.query(
        `INSERT INTO manifest_nodes (account_id, hash, kind, bytes)
         SELECT $1, * FROM unnest($2::bytea[], $3::text[], $4::bytea[])
         ON CONFLICT DO NOTHING`,
        [accountId, nodes.map((node) => Buffer.from(node.hash)), nodes.map((node) => node.kind), nodes.map((node) => Buffer.from(node.bytes))],
      );
      return result.rowCount ?? 0;
    },
    async get(accountId, hashes) {
      if (hashes.length === 0) return [];
      const { rows } = await db.query<NodeRow>('SELECT hash, kind, bytes FROM manifest_nodes WHERE account_id = $1 AND hash = ANY($2::bytea[])', [
        accountId,
        hashes.map((hash) => Buffer.from(hash)),
      ]);
      const byHash = new Map(rows.map((row) => [Buffer.from(row.hash).toString('hex'), row]));
      return hashes.flatMap((hash) => byHash.get(Buffer.from(hash).toString('hex')) ?? []);
    },
    async list(accountId) {
      const { rows } = await db.query<{ hash: Uint8Array; kind: NodeKind }>('SELECT hash, kind FROM manifest_nodes WHERE account_id = $1', [
        accountId,
      ]);
      return rows;
    },
    async count(accountId) {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM manifest_nodes WHERE account_id = $1', [accountId]);
      return rows[0]?.n ?? 0;
    },
    async delete(accountId, hashes) {
      if (hashes.length === 0) return 0;
      const result = await db.query('DELETE FROM manifest_nodes WHERE account_id = $1 AND hash = ANY($2::bytea[])', [
        accountId,
        hashes.map((hash) => Buffer.from(hash)),
      ]);
      return result.rowCount ?? 0;
    },
  };
}
