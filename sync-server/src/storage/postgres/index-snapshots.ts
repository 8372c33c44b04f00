// PostgreSQL: the index snapshots, the current one per account and the chunks per (account, snapshot id, index).
import type { IndexSnapshotStore } from '../port';
import type { Queryable } from './queryable';

const bytea = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function postgresIndexSnapshots(db: Queryable): IndexSnapshotStore {
  return {
    async current(accountId) {
      const { rows } = await db.query<{ snapshot_id: Uint8Array; chunk_count: number }>(
        'SELECT snapshot_id, chunk_count FROM index_snapshots WHERE account_id = $1',
        [accountId],
      );
      return rows[0] ? { snapshotId: rows[0].snapshot_id, count: rows[0].chunk_count } : null;
    },
    async setCurrent(accountId, { snapshotId, count }) {
      await db.query(
        `INSERT INTO index_snapshots (account_id, snapshot_id, chunk_count) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, chunk_count = excluded.chunk_count`,
        [accountId, bytea(snapshotId), count],
      );
    },
    async chunkIndexes(accountId, snapshotId) {
      const { rows } = await db.query<{ index: number; count: number }>(
        'SELECT idx AS "index", chunk_count AS count FROM index_snapshot_chunks WHERE account_id = $1 AND snapshot_id = $2 ORDER BY idx',
        [accountId, bytea(snapshotId)],
      );
      return rows;
    },
    async chunkLength(accountId, snapshotId, index) {
      // octet_length() of an out-of-line value reads its TOAST pointer, not the chunk.
      const { rows } = await db.query<{ n: number }>(
        'SELECT octet_length(bytes) AS n FROM index_snapshot_chunks WHERE account_id = $1 AND snapshot_id = $2 AND idx = $3',
        [accountId, bytea(snapshotId), index],
      );
      return rows[0]?.n ?? null;
    },
    async chunk(accountId, snapshotId, index) {
      const { rows } = await db.query<{ bytes: Uint8Array }>(
        'SELECT bytes FROM index_snapshot_chunks WHERE account_id = $1 AND snapshot_id = $2 AND idx = $3',
        [accountId, bytea(snapshotId), index],
      );
      return rows[0]?.bytes ?? null;
    },
    async putChunk(accountId, chunk) {
      await db.query(
        `INSERT INTO index_snapshot_chunks (account_id, snapshot_id, idx, chunk_count, bytes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, snapshot_id, idx) DO UPDATE SET chunk_count = excluded.chunk_count, bytes = excluded.bytes`,
        [accountId, bytea(chunk.snapshotId), chunk.index, chunk.count, bytea(chunk.bytes)],
      );
    },
    async deleteChunks(accountId, { keep }) {
      const result = await db.query('DELETE FROM index_snapshot_chunks WHERE account_id = $1 AND NOT (snapshot_id = ANY($2::bytea[]))', [
        accountId,
        keep.map(bytea),
      ]);
      return result.rowCount ?? 0;
    },
  };
}
