// vault.putNodes / vault.getNodes / vault.getSubtrees and the manifest tree's root in vault.putHeader (docs/adr/0023):
// the server stores the nodes clients write under hashes it computes, serves each account only its
// own, publishes a root only when every node it reaches is stored, and then drops the rest.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUCKETS_PER_MID,
  EMPTY_BUCKET_HASH,
  LEAF_BYTES,
  LEGACY_ROOT_FORMAT,
  MAX_BUCKET_BYTES,
  SPLIT_LEAVES,
  encodeBucket,
  encodeMid,
  nodeHash,
} from '@keyhold/shared/sync/manifest-tree';
import { MAX_GET_NODES, MAX_GET_SUBTREES, MAX_PUT_NODES, MAX_PUT_NODES_CHARS } from '@keyhold/shared/sync/protocol-primitives';
import { MAX_ACCOUNT_NODES, maxAccountNodes, reachableNodes, serverNodeHash } from '../../src/vault/manifest-nodes';
import { b64, kdfParams, registration } from '../helpers/fixtures';
import { buildTree, hashOf, leaf, type WireNode } from '../helpers/manifest-tree';
import { createTestApp, errorCode, errorMessage, registerVault, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const signUp = (options: { inviteToken?: string } = {}) => registerVault(t, options);
type Account = Awaited<ReturnType<typeof signUp>>;

/** The account's stored hashes, read from the database as an attacker with it would. */
async function storedHashes(account: Account): Promise<string[]> {
  const rows = await t.sql.all<{ hash: Uint8Array }>('SELECT hash FROM manifest_nodes WHERE account_id = ?', [account.accountId]);
  return rows.map((row) => Buffer.from(row.hash).toString('base64url')).sort();
}
const sortedHashes = (nodes: readonly WireNode[]) => [...new Set(nodes.map(hashOf))].sort();

async function publish(account: Account, manifest: string) {
  const { revision } = await account.api.getHeader();
  return account.api.putHeader({ baseRevision: revision, header: { ...account.header, manifest } });
}

const mid = (): WireNode => ({ kind: 'mid', bytes: b64(1024) });

describe('serverNodeHash', () => {
  it("is the protocol's nodeHash for every kind and length", () => {
    for (const kind of ['bucket', 'mid', 'split'] as const) {
      for (const length of [0, 1, 39, 55, 64, 1024, 5000]) {
        const bytes = randomBytes(length);
        expect(Buffer.from(serverNodeHash(kind, bytes))).toEqual(Buffer.from(nodeHash(kind, bytes)));
      }
    }
    expect(Buffer.from(serverNodeHash('bucket', new Uint8Array(0)))).toEqual(Buffer.from(EMPTY_BUCKET_HASH));
  });
});

describe('putNodes and getNodes', () => {
  it('stores nodes once under the hash the server computes and serves them back in the order asked', async () => {
    const a = await signUp();
    const tree = buildTree([leaf(), leaf(), leaf()], a);
    expect(await a.api.putNodes({ nodes: tree.nodes })).toEqual({ stored: tree.nodes.length });
    expect(await a.api.putNodes({ nodes: [...tree.nodes, tree.nodes[0]!] })).toEqual({ stored: 0 });
    const { nodes } = await a.api.getNodes({ hashes: [...tree.nodes.map(hashOf), b64(16)] });
    expect(nodes).toEqual(tree.nodes.map((node) => ({ hash: hashOf(node), ...node })));
    expect(await storedHashes(a)).toEqual(sortedHashes(tree.nodes));
  });

  it('lets no client choose the hash its bytes are stored under', async () => {
    const a = await signUp();
    const node = mid();
    const chosen = b64(16);
    expect(await errorCode(a.api.putNodes({ nodes: [{ ...node, hash: chosen } as WireNode] }))).toBe('BAD_REQUEST');
    await a.api.putNodes({ nodes: [node] });
    expect(await a.api.getNodes({ hashes: [chosen] })).toEqual({ nodes: [] });
    // The same bytes under the other kind are another node: the hash covers the kind's domain byte.
    expect((await a.api.getNodes({ hashes: [hashOf({ ...node, kind: 'bucket' }), hashOf(node)] })).nodes.map((n) => n.kind)).toEqual(['mid']);
  });

  it('serves an account only its own nodes, and one account pruning leaves the other its nodes', async () => {
    const a = await signUp();
    const b = await signUp({ inviteToken: await t.invite() });
    const tree = buildTree([leaf(), leaf()], a);
    await a.api.putNodes({ nodes: tree.nodes });
    expect(await b.api.getNodes({ hashes: tree.nodes.map(hashOf) })).toEqual({ nodes: [] });
    // B holding the same bytes does not make A's nodes B's, nor B's pruning remove A's.
    await b.api.putNodes({ nodes: tree.nodes });
    expect(await b.api.putHeader({ baseRevision: 1, header: { ...b.header, manifest: buildTree([], b).manifest } })).toMatchObject({
      status: 'accepted',
    });
    expect(await storedHashes(b)).toEqual([]);
    expect(await storedHashes(a)).toEqual(sortedHashes(tree.nodes));
  });

  it('refuses malformed nodes with a message that says what is wrong', async () => {
    const a = await signUp();
    const one = leaf();
    const bucket = encodeBucket([one, leaf({ id: `${one.id.slice(0, 3)}${'0'.repeat(5)}-0000-4000-8000-000000000000` })]);
    const badFlags = Buffer.from(bucket.subarray(0, LEAF_BYTES));
    badFlags[22] = 0xff;
    const unsorted = Buffer.concat([bucket.subarray(LEAF_BYTES), bucket.subarray(0, LEAF_BYTES)]);
    const cases: [WireNode, RegExp][] = [
      [{ kind: 'mid', bytes: b64(1023) }, /a mid is exactly 1024 bytes/],
      [{ kind: 'mid', bytes: b64(1025) }, /a mid is exactly 1024 bytes/],
      [{ kind: 'bucket', bytes: b64(LEAF_BYTES + 1) }, /a bucket is a non-zero multiple of 39 bytes/],
      [{ kind: 'bucket', bytes: '' }, /"bytes"/],
      [{ kind: 'bucket', bytes: b64(MAX_BUCKET_BYTES + LEAF_BYTES) }, /"bytes"/],
      [{ kind: 'bucket', bytes: unsorted.toString('base64url') }, /well-formed leaves of one bucket, sorted/],
      [{ kind: 'bucket', bytes: badFlags.toString('base64url') }, /well-formed leaves/],
      [{ kind: 'split', bytes: b64(255) }, /a split is exactly 256 bytes/],
      [
        { kind: 'split', bytes: Buffer.concat(Array.from({ length: 16 }, () => Buffer.from(EMPTY_BUCKET_HASH))).toString('base64url') },
        /not all empty/,
      ],
      [{ kind: 'root' as 'mid', bytes: b64(1024) }, /"kind"/],
    ];
    for (const [node, message] of cases) {
      const error = await errorMessage(a.api.putNodes({ nodes: [node] }));
      expect(error).toMatch(message);
      expect(await errorCode(a.api.putNodes({ nodes: [node] }))).toBe('BAD_REQUEST');
    }
    expect(await storedHashes(a)).toEqual([]);
  });

  it('bounds one upload, one read and what an account may hold', async () => {
    const a = await signUp();
    expect(await errorMessage(a.api.putNodes({ nodes: [] }))).toMatch(/nodes/);
    expect(await errorCode(a.api.putNodes({ nodes: Array.from({ length: MAX_PUT_NODES + 1 }, mid) }))).toBe('BAD_REQUEST');
    // 33 of the largest buckets: few nodes, but more characters than one upload may carry.
    const big = Array.from({ length: Math.ceil(MAX_PUT_NODES_CHARS / ((MAX_BUCKET_BYTES * 4) / 3)) + 1 }, () => ({
      kind: 'bucket' as const,
      bytes: Buffer.from(
        encodeBucket(Array.from({ length: MAX_BUCKET_BYTES / LEAF_BYTES }, () => leaf()).map((l, i) => ({ ...l, id: bucketId(i) }))),
      ).toString('base64url'),
    }));
    expect(await errorMessage(a.api.putNodes({ nodes: big }))).toMatch(/upload in smaller chunks/);
    expect(await errorCode(a.api.getNodes({ hashes: Array.from({ length: MAX_GET_NODES + 1 }, () => b64(16)) }))).toBe('BAD_REQUEST');
    const same = b64(16);
    expect(await errorMessage(a.api.getNodes({ hashes: [same, same] }))).toMatch(/unique/);
    expect(await errorCode(a.api.getNodes({ hashes: [b64(15)] }))).toBe('BAD_REQUEST');

    for (let held = 0; held < MAX_ACCOUNT_NODES; held += MAX_PUT_NODES) {
      await a.api.putNodes({ nodes: Array.from({ length: Math.min(MAX_PUT_NODES, MAX_ACCOUNT_NODES - held) }, mid) });
    }
    const over = a.api.putNodes({ nodes: [mid()] });
    expect(await errorMessage(over)).toMatch(/more than 12480 manifest nodes/);
    expect(await errorCode(a.api.putNodes({ nodes: [mid()] }))).toBe('FORBIDDEN');
    expect(await storedHashes(a)).toHaveLength(MAX_ACCOUNT_NODES);
    // Publishing a root drops what it does not reach, and uploads work again.
    await publish(a, buildTree([], a).manifest);
    expect(await a.api.putNodes({ nodes: [mid()] })).toEqual({ stored: 1 });
  }, 60_000);
});

/** Ids of one bucket (`prefix`, three hex digits), distinct by their last digits. */
function bucketId(i: number, prefix = '000'): string {
  return `${prefix}00000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** The largest bucket there is, for bucket `index`. */
function fullBucket(index: number): WireNode {
  const prefix = index.toString(16).padStart(3, '0');
  const leaves = Array.from({ length: MAX_BUCKET_BYTES / LEAF_BYTES }, (_, i) => leaf({ id: bucketId(i, prefix) }));
  return { kind: 'bucket', bytes: Buffer.from(encodeBucket(leaves)).toString('base64url') };
}

it('answers node reads within one response budget per request', async () => {
  const a = await signUp();
  const buckets = Array.from({ length: 60 }, (_, i) => fullBucket(i));
  for (let i = 0; i < buckets.length; i += 20) await a.api.putNodes({ nodes: buckets.slice(i, i + 20) });
  const hashes = buckets.map(hashOf);
  // 60 × 87,360 characters is more than one answer carries (4 MiB): refused, not cut short.
  expect(await errorMessage(a.api.getNodes({ hashes }))).toMatch(/too large for one answer: ask for fewer/);
  // One request (one caller, as one batched HTTP request) shares the budget between its reads.
  const request = t.caller(a.token).vault;
  expect((await request.getNodes({ hashes: hashes.slice(0, 40) })).nodes).toHaveLength(40);
  expect(await errorCode(request.getNodes({ hashes: hashes.slice(40) }))).toBe('TOO_MANY_REQUESTS');
  expect((await t.caller(a.token).vault.getNodes({ hashes: hashes.slice(40) })).nodes).toHaveLength(20);
}, 60_000);

describe('getSubtrees', () => {
  /** Items enough for splits under top slot abc, and others spread over the tree. */
  const manyItems = () => [
    ...Array.from({ length: 3 * SPLIT_LEAVES }, (_, i) =>
      leaf({ id: `abc${(i % 16).toString(16)}0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` }),
    ),
    ...Array.from({ length: 300 }, () => leaf()),
  ];

  it('serves the nodes named and every node below them, once each, and only the account its own', async () => {
    const a = await signUp();
    const b = await signUp({ inviteToken: await t.invite() });
    const tree = buildTree(manyItems(), a);
    for (let i = 0; i < tree.nodes.length; i += MAX_PUT_NODES) await a.api.putNodes({ nodes: tree.nodes.slice(i, i + MAX_PUT_NODES) });
    const mids = tree.nodes.filter((node) => node.kind === 'mid').map(hashOf);
    const whole = await a.api.getSubtrees({ hashes: mids });
    expect(whole.complete).toBe(true);
    expect(whole.nodes.map((node) => node.hash).sort()).toEqual(sortedHashes(tree.nodes));
    expect(whole.nodes.every((node) => hashOf(node) === node.hash)).toBe(true);
    // Breadth first: the mids come before the slots they name.
    expect(whole.nodes.slice(0, mids.length).every((node) => node.kind === 'mid')).toBe(true);
    expect(await b.api.getSubtrees({ hashes: mids })).toEqual({ nodes: [], complete: true });
    expect(await a.api.getSubtrees({ hashes: [b64(16)] })).toEqual({ nodes: [], complete: true });

    // A split names its children: asked for, it comes with them and nothing else.
    const split = tree.nodes.find((node) => node.kind === 'split')!;
    const below = await a.api.getSubtrees({ hashes: [hashOf(split)] });
    expect(below.nodes[0]).toEqual({ hash: hashOf(split), ...split });
    // Its 16 children are buckets of two or three leaves each.
    expect(below.nodes.slice(1).map((node) => node.kind)).toEqual(Array(16).fill('bucket'));
    // A bucket names nothing below it.
    const bucket = tree.nodes.find((node) => node.kind === 'bucket')!;
    expect((await a.api.getSubtrees({ hashes: [hashOf(bucket)] })).nodes).toEqual([{ hash: hashOf(bucket), ...bucket }]);
  });

  it('bounds its input, and cuts its answer at the response budget rather than overrunning it', async () => {
    const a = await signUp();
    expect(await errorCode(a.api.getSubtrees({ hashes: [] }))).toBe('BAD_REQUEST');
    expect(await errorCode(a.api.getSubtrees({ hashes: Array.from({ length: MAX_GET_SUBTREES + 1 }, () => b64(16)) }))).toBe('BAD_REQUEST');
    const same = b64(16);
    expect(await errorMessage(a.api.getSubtrees({ hashes: [same, same] }))).toMatch(/unique/);

    // One mid over 60 of the largest buckets: more than one answer carries (4 MiB).
    const buckets = Array.from({ length: 60 }, (_, i) => fullBucket(i));
    const slots = Array.from({ length: BUCKETS_PER_MID }, (_, i) =>
      i < buckets.length ? nodeHash('bucket', Buffer.from(buckets[i]!.bytes, 'base64url')) : EMPTY_BUCKET_HASH,
    );
    const bigMid: WireNode = { kind: 'mid', bytes: Buffer.from(encodeMid(slots)).toString('base64url') };
    for (let i = 0; i < buckets.length; i += 20) await a.api.putNodes({ nodes: buckets.slice(i, i + 20) });
    await a.api.putNodes({ nodes: [bigMid] });
    const cut = await t.caller(a.token).vault.getSubtrees({ hashes: [hashOf(bigMid)] });
    expect(cut.complete).toBe(false);
    expect(cut.nodes[0]!.hash).toBe(hashOf(bigMid));
    expect(cut.nodes.length).toBeGreaterThan(40);
    expect(cut.nodes.length).toBeLessThan(buckets.length + 1);
    expect(cut.nodes.reduce((n, node) => n + node.bytes.length, 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
    // The rest by hash, as a client does; a second read in the same request finds the budget spent.
    const request = t.caller(a.token).vault;
    const first = await request.getSubtrees({ hashes: [hashOf(bigMid)] });
    const second = await request.getSubtrees({ hashes: [hashOf(bigMid)] });
    expect(first.nodes.length + second.nodes.length).toBe(cut.nodes.length + 1);
    expect(second).toEqual({ nodes: [cut.nodes[0]], complete: false });
    const rest = buckets.map(hashOf).filter((hash) => !cut.nodes.some((node) => node.hash === hash));
    expect((await t.caller(a.token).vault.getNodes({ hashes: rest })).nodes.map((node) => node.hash)).toEqual(rest);
  }, 60_000);
});

describe('publishing a root in putHeader', () => {
  it('refuses a root whose nodes are not all stored, and changes nothing', async () => {
    const a = await signUp();
    const first = buildTree([leaf(), leaf()], a);
    await a.api.putNodes({ nodes: first.nodes });
    expect(await publish(a, first.manifest)).toEqual({ status: 'accepted', revision: 2 });
    const before = await a.api.getHeader();

    const second = buildTree([leaf(), leaf(), leaf()], a, 2);
    const buckets = second.nodes.filter((n) => n.kind === 'bucket');
    const mids = second.nodes.filter((n) => n.kind === 'mid');
    // A bucket missing, then a mid missing.
    for (const partial of [[...mids, ...buckets.slice(1)], buckets]) {
      const stray = mid();
      await a.api.putNodes({ nodes: [...partial, stray] });
      const attempt = a.api.putHeader({ baseRevision: 2, header: { ...a.header, manifest: second.manifest } });
      expect(await errorMessage(attempt)).toBe('The manifest tree is incomplete: upload its nodes first (vault.putNodes), then publish its root.');
      expect(await errorCode(a.api.putHeader({ baseRevision: 2, header: { ...a.header, manifest: second.manifest } }))).toBe('BAD_REQUEST');
      expect(await a.api.getHeader()).toEqual(before);
      // Nothing was pruned either: the first tree, the partial upload and the stray node are all there.
      expect(await storedHashes(a)).toEqual(sortedHashes([...first.nodes, ...partial, stray]));
      await t.sql.exec(`DELETE FROM manifest_nodes WHERE account_id = '${a.accountId}'`);
      await a.api.putNodes({ nodes: first.nodes });
    }
  });

  it('refuses a manifest of an older format over a newer one — a format-2 root, a sealed list or none — and keeps the tree', async () => {
    const a = await signUp();
    const three = buildTree([leaf(), leaf()], a);
    await a.api.putNodes({ nodes: three.nodes });
    expect(await publish(a, three.manifest)).toMatchObject({ status: 'accepted' });
    const before = await a.api.getHeader();
    const two = buildTree([leaf(), leaf(), leaf()], a, 2, LEGACY_ROOT_FORMAT);
    await a.api.putNodes({ nodes: two.nodes });
    const sealed = Buffer.concat([Buffer.from([1]), randomBytes(299)]).toString('base64url');
    for (const header of [{ ...a.header, manifest: two.manifest }, { ...a.header, manifest: sealed }, a.header]) {
      const attempt = a.api.putHeader({ baseRevision: before.revision, header });
      expect(await errorMessage(attempt)).toMatch(/newer format than the one sent\. Update Keyhold/);
      expect(await a.api.getHeader()).toEqual(before);
    }
    // The same format, or a stale write (a conflict, whatever it carries), is as before.
    const next = buildTree([leaf()], a, 2);
    await a.api.putNodes({ nodes: next.nodes });
    expect(await a.api.putHeader({ baseRevision: before.revision - 1, header: a.header })).toMatchObject({ status: 'conflict' });
    expect(await publish(a, next.manifest)).toMatchObject({ status: 'accepted' });
  });

  it('lets one of two devices publishing at once win, with its whole tree and nothing else kept', async () => {
    const a = await signUp();
    const trees = [buildTree([leaf(), leaf()], a, 2), buildTree([leaf(), leaf(), leaf()], a, 2)];
    await Promise.all(trees.map((tree) => a.api.putNodes({ nodes: tree.nodes })));
    const answers = await Promise.all(
      trees.map((tree) => t.caller(a.token).vault.putHeader({ baseRevision: 1, header: { ...a.header, manifest: tree.manifest } })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual(['accepted', 'conflict']);
    const winner = trees[answers.findIndex((answer) => answer.status === 'accepted')]!;
    expect((await a.api.getHeader()).header.manifest).toBe(winner.manifest);
    expect(await storedHashes(a)).toEqual(sortedHashes(winner.nodes));
  });

  it('answers a stale write with the conflict, whatever its tree', async () => {
    const a = await signUp();
    await publish(a, buildTree([], a).manifest);
    const incomplete = buildTree([leaf()], a, 2);
    expect(await a.api.putHeader({ baseRevision: 1, header: { ...a.header, manifest: incomplete.manifest } })).toMatchObject({ status: 'conflict' });
  });

  it('drops the nodes the new root does not reach and keeps those it does', async () => {
    const a = await signUp();
    const items = Array.from({ length: 40 }, () => leaf());
    const first = buildTree(items, a);
    await a.api.putNodes({ nodes: first.nodes });
    await publish(a, first.manifest);

    // One item changes: its bucket and mid are new; the other buckets are shared with the first tree.
    const changed = items.map((item, i) => (i === 0 ? { ...item, revision: 2, digest: randomBytes(16) } : item));
    const second = buildTree(changed, a, 2);
    const firstHashes = new Set(first.nodes.map(hashOf));
    const fresh = second.nodes.filter((node) => !firstHashes.has(hashOf(node)));
    expect(fresh.map((n) => n.kind).sort()).toEqual(['bucket', 'mid']);
    const abandoned = buildTree([leaf()], a).nodes;
    await a.api.putNodes({ nodes: [...fresh, ...abandoned] });
    expect(await publish(a, second.manifest)).toMatchObject({ status: 'accepted' });
    expect(await storedHashes(a)).toEqual(sortedHashes(second.nodes));

    // A root with no items leaves nothing.
    await publish(a, buildTree([], a, 3).manifest);
    expect(await storedHashes(a)).toEqual([]);
  });

  it('walks splits: publishes a tree whose slot split, refuses one missing a child, and keeps only what is reached', async () => {
    const a = await signUp();
    // More than SPLIT_LEAVES items in top slot abc: it is a split, its children buckets.
    const items = Array.from({ length: 3 * SPLIT_LEAVES }, (_, i) =>
      leaf({ id: `abc${(i % 16).toString(16)}0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` }),
    );
    const first = buildTree(items, a);
    expect(first.nodes.filter((node) => node.kind === 'split')).toHaveLength(1);
    const child = first.nodes.find((node) => node.kind === 'bucket')!;
    await a.api.putNodes({ nodes: first.nodes.filter((node) => node !== child) });
    expect(await errorMessage(publish(a, first.manifest))).toMatch(/manifest tree is incomplete/);
    await a.api.putNodes({ nodes: [child] });
    expect(await publish(a, first.manifest)).toMatchObject({ status: 'accepted' });
    expect(await storedHashes(a)).toEqual(sortedHashes(first.nodes));

    // One item changes: its small bucket, the split and the mid are new; the other children stay.
    const changed = items.map((item, i) => (i === 0 ? { ...item, revision: 2, digest: randomBytes(16) } : item));
    const second = buildTree(changed, a, 2);
    const firstHashes = new Set(first.nodes.map(hashOf));
    const fresh = second.nodes.filter((node) => !firstHashes.has(hashOf(node)));
    expect(fresh.map((n) => n.kind).sort()).toEqual(['bucket', 'mid', 'split']);
    await a.api.putNodes({ nodes: fresh });
    expect(await publish(a, second.manifest)).toMatchObject({ status: 'accepted' });
    expect(await storedHashes(a)).toEqual(sortedHashes(second.nodes));
  });

  it('finds no splits under a root of format 2 (the tree before them)', async () => {
    const a = await signUp();
    const items = Array.from({ length: 2 * SPLIT_LEAVES }, (_, i) =>
      leaf({ id: `abc${(i % 16).toString(16)}0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` }),
    );
    const three = buildTree(items, a);
    await a.api.putNodes({ nodes: three.nodes });
    // The same mids signed as format 2: the split they reach is not a bucket.
    const relabelled = Buffer.from(three.manifest, 'base64url');
    relabelled[0] = LEGACY_ROOT_FORMAT;
    expect(await errorMessage(publish(a, relabelled.toString('base64url')))).toMatch(/manifest tree is incomplete/);
    const two = buildTree(items, a, 1, LEGACY_ROOT_FORMAT);
    expect(two.nodes.map((node) => node.kind).sort()).toEqual(['bucket', 'mid']);
    await a.api.putNodes({ nodes: two.nodes });
    expect(await publish(a, two.manifest)).toMatchObject({ status: 'accepted' });
  });

  it('bounds the nodes an account may hold by what a root over its items can reach', async () => {
    expect(maxAccountNodes(0)).toBe(MAX_ACCOUNT_NODES);
    // A random 30,000-item tree (splits and all) fits its bound many times over.
    const leaves = Array.from({ length: 30_000 }, () => leaf());
    const tree = buildTree(leaves, { accountId: 'c0ffee00-0000-4000-8000-000000000001' });
    expect(new Set(tree.nodes.map(hashOf)).size).toBeLessThanOrEqual(reachableNodes(leaves.length));
    expect(maxAccountNodes(100_000)).toBe(3 * reachableNodes(100_000));
    expect(maxAccountNodes(100_000)).toBeGreaterThan(3 * (64 + 100_000));
  });

  it('leaves the nodes alone for a sealed manifest of format 1, or none', async () => {
    const a = await signUp();
    const tree = buildTree([leaf()], a);
    await a.api.putNodes({ nodes: tree.nodes });
    const sealed = (length: number) => Buffer.concat([Buffer.from([1]), randomBytes(length - 1)]).toString('base64url');
    // None first: a manifest never goes back to an older format (the test above).
    for (const manifest of [undefined, sealed(300), sealed(1065)]) {
      const { revision } = await a.api.getHeader();
      const header = manifest === undefined ? a.header : { ...a.header, manifest };
      expect(await a.api.putHeader({ baseRevision: revision, header })).toMatchObject({ status: 'accepted' });
      expect((await a.api.getHeader()).header).toEqual(header);
      expect(await storedHashes(a)).toEqual(sortedHashes(tree.nodes));
    }
  });

  it('refuses a format-2 root that does not parse', async () => {
    const a = await signUp();
    const zeroCounter = Buffer.from(buildTree([], a).manifest, 'base64url');
    zeroCounter.fill(0, 1, 9);
    expect(await errorMessage(publish(a, zeroCounter.toString('base64url')))).toMatch(/manifest root is malformed/);
  });

  it('holds a new password and a new account to the same rule', async () => {
    const empty = registration();
    empty.header = { ...empty.header, manifest: buildTree([], { accountId: empty.accountId }).manifest };
    await t.caller().account.register(empty);
    const full = registration({ inviteToken: await t.invite() });
    full.header = { ...full.header, manifest: buildTree([leaf()], { accountId: full.accountId }).manifest };
    expect(await errorCode(t.caller().account.register(full))).toBe('BAD_REQUEST');

    const a = await signUp({ inviteToken: await t.invite() });
    const tree = buildTree([leaf()], a);
    const change = (manifest: string) =>
      t
        .caller(a.token)
        .account.changeMasterPassword({ currentAuthKey: a.authKey, newAuthKey: b64(32), kdf: kdfParams(), header: { ...a.header, manifest } });
    expect(await errorMessage(change(tree.manifest))).toMatch(/manifest tree is incomplete/);
    const stray = mid();
    await a.api.putNodes({ nodes: [...tree.nodes, stray] });
    expect(await change(tree.manifest)).toMatchObject({ headerRevision: 2 });
    expect(await storedHashes(a)).toEqual(sortedHashes(tree.nodes));
  });

  it('goes with the account when it is deleted', async () => {
    const a = await signUp();
    await a.api.putNodes({ nodes: buildTree([leaf()], a).nodes });
    await t.sql.exec(`DELETE FROM accounts WHERE id = '${a.accountId}'`);
    expect(await storedHashes(a)).toEqual([]);
  });
});
