import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, randomBytes } from '../../src/crypto/bytes.ts';
import { sealBinary } from '../../src/crypto/seal-binary.ts';
import { splitItem } from '../../src/items/split-item.ts';
import { openSnapshot, sealSnapshot, SNAPSHOT_CHUNK_BYTES, type SnapshotEntry } from '../../src/sync/index-snapshot.ts';
import { MAX_SNAPSHOT_CHUNK_CHARS } from '../../src/sync/protocol-primitives.ts';
import { login } from '../items/fixtures.ts';

const keys = { accountId: 'acct-1', vaultKey: randomBytes(32) };

function entries(n: number, extra = ''): SnapshotEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const item = login({
      name: `Site ${i}${extra}`,
      username: `user${i}@example.org`,
      urls: [{ url: `https://s${i}.example.org/`, match: 'default' }],
    });
    return { id: item.id, digest: randomBytes(16), overview: splitItem(item).overview, hasOpenConflicts: i % 7 === 0 };
  });
}

describe('index snapshot', () => {
  it('opens what was sealed: every entry, its digest, overview and conflict flag', async () => {
    const list = entries(50);
    const sealed = await sealSnapshot(list, keys);
    expect(sealed.chunks).toHaveLength(1);
    const opened = await openSnapshot(sealed, keys);
    expect(opened?.size).toBe(50);
    for (const entry of list) {
      expect(opened!.get(entry.id)).toEqual({
        digest: bytesToBase64url(entry.digest),
        overview: entry.overview,
        hasOpenConflicts: entry.hasOpenConflicts,
        sites: null,
      });
    }
  });

  it("carries an entry's site keys when the writer gave them", async () => {
    const list = entries(3).map((entry, i) => (i === 1 ? entry : { ...entry, sites: [`s${i}.example.org`, '*'] }));
    const opened = await openSnapshot(await sealSnapshot(list, keys), keys);
    expect(list.map((entry) => opened!.get(entry.id)!.sites)).toEqual([['s0.example.org', '*'], null, ['s2.example.org', '*']]);
  });

  it('does not open under another account, another key, or another snapshot id', async () => {
    const sealed = await sealSnapshot(entries(3), keys);
    expect(await openSnapshot(sealed, { ...keys, accountId: 'acct-2' })).toBeNull();
    expect(await openSnapshot(sealed, { ...keys, vaultKey: randomBytes(32) })).toBeNull();
    const other = await sealSnapshot(entries(3), keys);
    expect(await openSnapshot({ snapshotId: other.snapshotId, chunks: sealed.chunks }, keys)).toBeNull();
  });

  it('refuses chunks mixed from two snapshots, reordered, or with one dropped', async () => {
    // Incompressible overviews, so that the snapshot needs several chunks.
    const noise = bytesToBase64url(randomBytes(Math.ceil(SNAPSHOT_CHUNK_BYTES * 0.8)));
    const big = (extra: string) => entries(3).map((e, i) => ({ ...e, overview: { ...e.overview, name: `${extra}${i}${noise}` } }));
    const a = await sealSnapshot(big('a'), keys);
    const b = await sealSnapshot(big('b'), keys);
    expect(a.chunks.length).toBeGreaterThan(1);
    expect(a.chunks.every((chunk) => chunk.length <= MAX_SNAPSHOT_CHUNK_CHARS)).toBe(true);
    expect((await openSnapshot(a, keys))?.size).toBe(3);
    expect(await openSnapshot({ snapshotId: a.snapshotId, chunks: [a.chunks[0]!, ...b.chunks.slice(1, a.chunks.length)] }, keys)).toBeNull();
    expect(await openSnapshot({ snapshotId: a.snapshotId, chunks: [...a.chunks].reverse() }, keys)).toBeNull();
    expect(await openSnapshot({ snapshotId: a.snapshotId, chunks: a.chunks.slice(0, -1) }, keys)).toBeNull();
  });

  it('leaves out entries that do not validate, and keeps the rest; site keys that do not validate are computed by the reader', async () => {
    const list = entries(6);
    const [good, wrongId, badDigest, badOverview, badSites, tooMany] = list as [
      SnapshotEntry,
      SnapshotEntry,
      SnapshotEntry,
      SnapshotEntry,
      SnapshotEntry,
      SnapshotEntry,
    ];
    const rows = [
      [good.id, bytesToBase64url(good.digest), good.overview, 0],
      [badSites.id, bytesToBase64url(badSites.digest), badSites.overview, 0, ['ok.test', 42]],
      [tooMany.id, bytesToBase64url(tooMany.digest), tooMany.overview, 0, [], 'sixth'],
      ['another-id', bytesToBase64url(wrongId.digest), wrongId.overview, 0],
      [badDigest.id, 'short', badDigest.overview, 0],
      [badOverview.id, bytesToBase64url(badOverview.digest), { id: badOverview.id, type: 42 }, 0],
      'not a row',
    ];
    const snapshotId = bytesToBase64url(randomBytes(16));
    const packed = new Uint8Array(
      await new Response(
        new Blob([JSON.stringify({ v: 1, entries: rows })]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    );
    const chunk = bytesToBase64url(
      await sealBinary(keys.vaultKey, packed, { purpose: 'index-snapshot', accountId: keys.accountId, itemId: `${snapshotId}:0:1` }),
    );
    const opened = await openSnapshot({ snapshotId, chunks: [chunk] }, keys);
    expect([...opened!.keys()]).toEqual([good.id, badSites.id]);
    expect(opened!.get(badSites.id)!.sites).toBeNull();
  });

  it('gives up on a chunk that is not an envelope, or plaintext that is not a snapshot', async () => {
    const sealed = await sealSnapshot(entries(2), keys);
    const flipped = base64urlToBytes(sealed.chunks[0]!);
    flipped[flipped.length - 1]! ^= 1;
    expect(await openSnapshot({ ...sealed, chunks: [bytesToBase64url(flipped)] }, keys)).toBeNull();
    expect(await openSnapshot({ ...sealed, chunks: [] }, keys)).toBeNull();
    const snapshotId = bytesToBase64url(randomBytes(16));
    const notDeflate = bytesToBase64url(
      await sealBinary(keys.vaultKey, new TextEncoder().encode('{"v":1,"entries":[]}'), {
        purpose: 'index-snapshot',
        accountId: keys.accountId,
        itemId: `${snapshotId}:0:1`,
      }),
    );
    expect(await openSnapshot({ snapshotId, chunks: [notDeflate] }, keys)).toBeNull();
  });
});
