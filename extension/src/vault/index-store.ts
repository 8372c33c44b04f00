// Persisting the overview index (ADR 0002, ADR 0007). One write stores, in one transaction:
// - the body: every entry, one envelope ('overviewIndex');
// - the head: the item count and the first page of the list ('overviewHead', a few tens of KB);
// - the site buckets whose logins changed ('overviewSites:N'): the logins of the site keys that hash
//   to N, so the current page's suggestions need one small record, not the body.
// All are sealed with the vault key under purpose 'overview-index', each bound to its part name, and
// carry the name of the write (`gen`) that produced them; the head lists which write last stored each
// bucket. Unlock answers from the head and one or two buckets and loads the body after its reply.
// Loading the body tries that envelope first; if it is missing, damaged or does not match the stored
// items, it rebuilds from the per-item envelopes (the source of truth), marking items whose overview
// cannot be opened as unreadable, and saves every part again. A damaged record never breaks the vault.
import { openItemOverview } from '@keyhold/shared/crypto/open-item';
import type { SealedItem } from '@keyhold/shared/crypto/seal-item';
import { openBinary, sealBinary } from '@keyhold/shared/crypto/seal-binary';
import { bytesToUtf8, utf8ToBytes } from '@keyhold/shared/crypto/bytes';
import type { Binding } from '@keyhold/shared/crypto/envelope';
import { decodeItemPart } from '@keyhold/shared/items/encode-part';
import { parseOverview } from '@keyhold/shared/items/parse-part';
import type { Overview } from '@keyhold/shared/items/item';
import type { MetaRow, VaultDb } from './db';
import { blake2s } from '@noble/hashes/blake2.js';
import { keyedBlake2s32, type IHasher } from '@keyhold/shared/crypto/wasm-blake2s';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  ANY_SITE,
  SITE_BUCKETS,
  createOverviewIndex,
  parseSerializedIndex,
  siteKeyOf,
  type IndexRecord,
  type ListPage,
  type OverviewIndex,
} from './overview-index';

type Keys = { accountId: string; vaultKey: Uint8Array };

/** Rows in the head: the popup's first page (PAGE_SIZE in the UI). */
export const HEAD_ROWS = 100;

const HEAD_VERSION = 1;
const BUCKET_VERSION = 1;

const bodyBinding = (accountId: string): Binding => ({ purpose: 'overview-index', accountId });
const headBinding = (accountId: string): Binding => ({ purpose: 'overview-index', accountId, itemId: 'head' });
const bucketBinding = (accountId: string, bucket: number): Binding => ({ purpose: 'overview-index', accountId, itemId: `sites:${bucket}` });

export type BucketKey = `overviewSites:${number}`;
export const bucketKey = (bucket: number): BucketKey => `overviewSites:${bucket}`;

/** Site key → bucket, for one vault key. */
export type Bucketer = (site: string) => number;
type BucketerState = { bucketer: Bucketer; key: Uint8Array; wasm: IHasher | null | undefined };
const bucketers = new WeakMap<Uint8Array, BucketerState>();

function bucketerState(vaultKey: Uint8Array): BucketerState {
  let state = bucketers.get(vaultKey);
  if (!state) {
    const key = hkdf(sha256, vaultKey, undefined, utf8ToBytes('keyhold/overview-site-buckets/v1'), 32);
    const memo = new Map<string, number>();
    const digestOf = (site: string): Uint8Array => {
      const wasm = state!.wasm;
      if (!wasm) return blake2s(utf8ToBytes(site), { key, dkLen: 4 });
      wasm.init();
      wasm.update(utf8ToBytes(site));
      return wasm.digest('binary');
    };
    const bucketer: Bucketer = (site) => {
      let bucket = memo.get(site);
      if (bucket === undefined) {
        const digest = digestOf(site);
        bucket = (((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0) % SITE_BUCKETS;
        memo.set(site, bucket);
      }
      return bucket;
    };
    state = { bucketer, key, wasm: undefined };
    bucketers.set(vaultKey, state);
  }
  return state;
}

/**
 * The bucket of a site key: BLAKE2s keyed with a key derived from the vault key (HKDF-SHA256), so
 * that which bucket a site falls in — and so whether a bucket's size says anything about a given
 * site — is unknown without the vault key. Memoised per vault key.
 */
export function siteBucketer(vaultKey: Uint8Array): Bucketer {
  return bucketerState(vaultKey).bucketer;
}

/**
 * siteBucketer, the same buckets, hashing on WebAssembly (hash-wasm's BLAKE2s) once it has loaded:
 * sealing a whole index after a first sync hashes every site of 10,000 logins, which in JavaScript
 * took a tenth of a second. Where WebAssembly cannot run, the JavaScript hash stays.
 */
export async function fastSiteBucketer(vaultKey: Uint8Array): Promise<Bucketer> {
  const state = bucketerState(vaultKey);
  if (state.wasm === undefined) state.wasm = await keyedBlake2s32(state.key);
  return state.bucketer;
}

/** The opened head: what the first paint after unlock needs. */
export type IndexHead = { gen: string; size: number; page: ListPage; bucketGens: string[] };

/** Everything one write stores; `put()` it inside the caller's transaction, then `done()`. */
export type SealedIndex = { put(db: VaultDb): Promise<void>; done(): void };

export async function sealIndex(index: OverviewIndex, keys: Keys): Promise<SealedIndex> {
  const gen = crypto.randomUUID();
  const bucketOf = await fastSiteBucketer(keys.vaultKey);
  const changed = index.changedSites();
  const dirty = changed === 'all' ? Array.from({ length: SITE_BUCKETS }, (_, b) => b) : [...new Set(changed.map(bucketOf))];
  const bucketGens = index.bucketGens();
  for (const b of dirty) bucketGens[b] = gen;
  const head: IndexHead = {
    gen,
    size: index.storedSize,
    page: index.storedPage(HEAD_ROWS),
    bucketGens,
  };
  const seal = (value: unknown, binding: Binding) =>
    sealBinary(keys.vaultKey, utf8ToBytes(typeof value === 'string' ? value : JSON.stringify(value)), binding);
  const buckets = index.bucketEntries(dirty, bucketOf);
  const rows: Promise<MetaRow>[] = [
    seal(index.serialize(gen), bodyBinding(keys.accountId)).then((value) => ({ key: 'overviewIndex', value })),
    seal({ v: HEAD_VERSION, ...head }, headBinding(keys.accountId)).then((value) => ({ key: 'overviewHead', value })),
    ...[...buckets].map(([bucket, entries]) =>
      seal({ v: BUCKET_VERSION, gen, bucket, entries }, bucketBinding(keys.accountId, bucket)).then((value): MetaRow => ({
        key: bucketKey(bucket),
        value,
      })),
    ),
  ];
  const sealed = await Promise.all(rows);
  return {
    async put(db) {
      await db.meta.bulkPut(sealed);
    },
    done() {
      index.markPersisted(dirty, gen);
    },
  };
}

/** Seals and stores every part of `index` in a transaction of its own (create, repair). */
export async function writeIndex(db: VaultDb, index: OverviewIndex, keys: Keys): Promise<void> {
  const sealed = await sealIndex(index, keys);
  await db.transaction('rw', db.meta, () => sealed.put(db));
  sealed.done();
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The head, if it opens and has the expected shape; null otherwise (the caller loads the body). */
export async function openIndexHead(envelope: Uint8Array | undefined, keys: Keys): Promise<IndexHead | null> {
  if (!(envelope instanceof Uint8Array)) return null;
  try {
    const value = JSON.parse(bytesToUtf8(await openBinary(keys.vaultKey, envelope, headBinding(keys.accountId)))) as Partial<IndexHead> & {
      v?: unknown;
    };
    const { gen, size, page, bucketGens } = value;
    if (value.v !== HEAD_VERSION || !isString(gen) || !gen || !Number.isInteger(size)) return null;
    if (!Array.isArray(bucketGens) || bucketGens.length !== SITE_BUCKETS || !bucketGens.every(isString)) return null;
    if (!page || !Array.isArray(page.rows) || !Number.isInteger(page.total) || page.offset !== 0) return null;
    return { gen, size: size!, page, bucketGens };
  } catch {
    return null;
  }
}

/** The buckets that hold the logins a page's suggestions can come from. */
export function bucketsFor(pageUrl: string | null, vaultKey: Uint8Array): number[] {
  if (!pageUrl) return [];
  const bucketOf = siteBucketer(vaultKey);
  const site = siteKeyOf(pageUrl);
  const buckets = new Set([bucketOf(ANY_SITE)]);
  if (site) buckets.add(bucketOf(site));
  return [...buckets];
}

/**
 * The overviews that may match `pageUrl` (same site key, or a regex URL), from the buckets the head
 * vouches for; null if a bucket is missing, damaged, or from another write than the head names.
 */
export async function openSiteCandidates(
  pageUrl: string | null,
  stored: ReadonlyMap<number, Uint8Array | undefined>,
  head: IndexHead,
  keys: Keys,
): Promise<Overview[] | null> {
  if (!pageUrl) return [];
  const site = siteKeyOf(pageUrl);
  const wanted = new Set([ANY_SITE, ...(site ? [site] : [])]);
  const found = new Map<string, Overview>();
  for (const bucket of bucketsFor(pageUrl, keys.vaultKey)) {
    const envelope = stored.get(bucket);
    if (!(envelope instanceof Uint8Array)) return null;
    let value: { v?: unknown; gen?: unknown; bucket?: unknown; entries?: unknown };
    try {
      value = JSON.parse(bytesToUtf8(await openBinary(keys.vaultKey, envelope, bucketBinding(keys.accountId, bucket)))) as typeof value;
    } catch {
      return null;
    }
    if (value.v !== BUCKET_VERSION || value.bucket !== bucket || value.gen !== head.bucketGens[bucket] || !Array.isArray(value.entries)) return null;
    for (const [id, overview, sites] of value.entries as IndexRecord[]) {
      if (overview && Array.isArray(sites) && sites.some((s) => wanted.has(s))) found.set(id, overview);
    }
  }
  return [...found.values()];
}

/**
 * The body. `opts.head`: the head unlock already opened (otherwise it is read here). When the body
 * and the head come from the same write, the index knows its buckets are stored; otherwise every part
 * is written again (a vault from before heads existed, or a damaged part).
 */
export async function loadOverviewIndex(db: VaultDb, keys: Keys, opts: { body?: Uint8Array; head?: IndexHead | null } = {}): Promise<OverviewIndex> {
  const stored = opts.body ?? (await db.getMeta('overviewIndex'));
  let loaded: { index: OverviewIndex; complete: boolean } | null = null;
  if (stored instanceof Uint8Array) {
    try {
      const [plaintext, count, head] = await Promise.all([
        openBinary(keys.vaultKey, stored, bodyBinding(keys.accountId)),
        db.items.count(),
        opts.head !== undefined ? opts.head : db.getMeta('overviewHead').then((envelope) => openIndexHead(envelope, keys)),
      ]);
      const { entries, gen } = parseSerializedIndex(bytesToUtf8(plaintext));
      const index = createOverviewIndex(entries);
      // A head from another write than the body means one of them is out of step with the items:
      // the items decide (rebuilt below). No readable head: a vault from before heads, or a damaged
      // head — the body alone is checked against the items, as it always was.
      const complete = head !== null && gen !== null && head.gen === gen;
      if (index.size === count && (complete || head === null)) {
        if (complete) index.adoptPersisted(head.bucketGens);
        loaded = { index, complete };
      }
    } catch {
      // Damaged, sealed for another account or out of step: rebuilt below from the items.
    }
  }
  const index = loaded?.index ?? (await rebuildOverviewIndex(db, keys));
  if (!loaded?.complete) await writeIndex(db, index, keys);
  return index;
}

async function rebuildOverviewIndex(db: VaultDb, keys: Keys): Promise<OverviewIndex> {
  const rows = await db.items.toArray();
  return createOverviewIndex(rows.map((row): [string, Overview | null] => [row.id, openOverview(row, keys)]));
}

/** The item's decrypted, parsed overview, or null when it cannot be read. */
export function openOverview(row: SealedItem, keys: Keys): Overview | null {
  try {
    const decoded = decodeItemPart(openItemOverview({ vaultKey: keys.vaultKey, accountId: keys.accountId, item: row }), { kind: 'overview' });
    if (!decoded.ok) return null;
    const parsed = parseOverview(decoded.value);
    return parsed.ok && parsed.overview.id === row.id ? parsed.overview : null;
  } catch {
    return null;
  }
}
