// The digests this device can vouch for when it moves an account from the format-1 manifest to the
// tree (ADR 0023): those of its bases — the versions it synced and verified — by item id.
import { envelopeDigest } from '@keyhold/shared/sync/manifest-tree';
import { baseEnvelopes } from './base-envelopes';
import { createBaseStore } from './base-store';
import type { DigestSource } from './manifest-book';
import type { SyncDb } from './sync-db';

export function syncedDigests(db: SyncDb): DigestSource {
  return async (ids) => {
    const bases = await createBaseStore(db).get(ids);
    const live = [...bases.values()].filter((base) => !base.deleted);
    const rows = await db.items.bulkGet(live.map((base) => base.id));
    const out = new Map<string, { revision: number; digest: Uint8Array }>();
    live.forEach((base, i) => {
      const envelopes = baseEnvelopes(base, rows[i]);
      if (envelopes) out.set(base.id, { revision: base.revision, digest: envelopeDigest(envelopes) });
    });
    return out;
  };
}
