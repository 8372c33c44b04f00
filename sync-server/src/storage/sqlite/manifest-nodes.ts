// SQLite: the manifest tree's nodes, per account and hash.
import type { NodeKind } from '@keyhold/shared/sync/manifest-tree';
import type { ManifestNodeRecord, ManifestNodeStore } from '../port';
import { blob, statement, type Db } from './open-database';
import type { SyncStore } from './sync-store';

type NodeRow = { hash: Uint8Array; kind: NodeKind; bytes: Uint8Array };

export function sqliteManifestNodes(db: Db): SyncStore<ManifestNodeStore> {
  return {
    put(accountId, nodes) {
      const insert = statement(db, 'INSERT INTO manifest_nodes (account_id, hash, kind, bytes) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
      let added = 0;
      for (const node of nodes) added += insert.run(accountId, blob(node.hash), node.kind, blob(node.bytes)).changes;
      return added;
    },
    get(accountId, hashes) {
      const select = statement<[string, Buffer], NodeRow>(db, 'SELECT hash, kind, bytes FROM manifest_nodes WHERE account_id = ? AND hash = ?');
      return hashes.flatMap((hash): ManifestNodeRecord[] => {
        const row = select.get(accountId, blob(hash));
        return row ? [row] : [];
      });
    },
    list(accountId) {
      return statement<[string], { hash: Uint8Array; kind: NodeKind }>(db, 'SELECT hash, kind FROM manifest_nodes WHERE account_id = ?').all(
        accountId,
      );
    },
    count(accountId) {
      return statement<[string], { n: number }>(db, 'SELECT count(*) AS n FROM manifest_nodes WHERE account_id = ?').get(accountId)?.n ?? 0;
    },
    delete(accountId, hashes) {
      const remove = statement(db, 'DELETE FROM manifest_nodes WHERE account_id = ? AND hash = ?');
      let removed = 0;
      for (const hash of hashes) removed += remove.run(accountId, blob(hash)).changes;
      return removed;
    },
  };
}
