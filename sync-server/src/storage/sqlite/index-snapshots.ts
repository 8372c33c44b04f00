// SQLite: the index snapshots, the current one per account and the chunks per (account, snapshot id, index).
import type { IndexSnapshotStore } from '../port';
import { blob, statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

export function sqliteIndexSnapshots(db: Db): SyncStore<IndexSnapshotStore> {
  return {
    current(accountId) {
      const row = statement<[string], { snapshot_id: Uint8Array; chunk_count: number }>(
        db,
        'SELECT snapshot_id, chunk_count FROM index_snapshots WHERE account_id = ?',
      ).get(accountId);
      return row ? { snapshotId: row.snapshot_id, count: row.chunk_count } : null;
    },
    setCurrent(accountId, { snapshotId, count }) {
      statement(
        db,
        `INSERT INTO index_snapshots (account_id, snapshot_id, chunk_count) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, chunk_count = excluded.chunk_count`,
      ).run(accountId, blob(snapshotId), count);
    },
    chunkIndexes(accountId, snapshotId) {
      return statement<[string, Buffer], { index: number; count: number }>(
        db,
        'SELECT idx AS "index", chunk_count AS count FROM index_snapshot_chunks WHERE account_id = ? AND snapshot_id = ? ORDER BY idx',
      ).all(accountId, blob(snapshotId));
    },
    chunkLength(accountId, snapshotId, index) {
      // length() of a BLOB reads the record's header, not the (overflow) pages of the chunk.
      const row = statement<[string, Buffer, number], { n: number }>(
        db,
        'SELECT length(bytes) AS n FROM index_snapshot_chunks WHERE account_id = ? AND snapshot_id = ? AND idx = ?',
      ).get(accountId, blob(snapshotId), index);
      return row?.n ?? null;
    },
    chunk(accountId, snapshotId, index) {
      const row = statement<[string, Buffer, number], { bytes: Uint8Array }>(
        db,
        'SELECT bytes FROM index_snapshot_chunks WHERE account_id = ? AND snapshot_id = ? AND idx = ?',
      ).get(accountId, blob(snapshotId), index);
      return row?.bytes ?? null;
    },
    putChunk(accountId, chunk) {
      statement(
        db,
        `INSERT INTO index_snapshot_chunks (account_id, snapshot_id, idx, chunk_count, bytes) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, snapshot_id, idx) DO UPDATE SET chunk_count = excluded.chunk_count, bytes = excluded.bytes`,
      ).run(accountId, blob(chunk.snapshotId), chunk.index, chunk.count, blob(chunk.bytes));
    },
    deleteChunks(accountId, { keep }) {
      const kept = keep.length === 0 ? '' : ` AND snapshot_id NOT IN (${keep.map(() => '?').join(', ')})`;
      return statement(db, `DELETE FROM index_snapshot_chunks WHERE account_id = ?${kept}`).run(accountId, ...keep.map(blob)).changes;
    },
  };
}
