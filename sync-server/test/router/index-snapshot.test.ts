// vault.putSnapshot / vault.getSnapshot (docs/adr/0025): the server keeps one complete snapshot per
// account and at most one upload, serves only the complete one, swaps an upload in whole when its
// last chunk arrives, and holds each snapshot's chunks to one count and each answer to the request's
// response budget.
import { randomUUID } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_CHUNK_CHARS, SNAPSHOT_ID_BYTES } from '@keyhold/shared/sync/protocol-primitives';
import { appRouter } from '../../src/router';
import { b64 } from '../helpers/fixtures';
import { createTestApp, errorCode, errorMessage, registerVault, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const signUp = (options: { inviteToken?: string } = {}) => registerVault(t, options);
type Account = Awaited<ReturnType<typeof signUp>>;

const snapshotId = () => b64(SNAPSHOT_ID_BYTES);

/** Uploads `chunks` (all of them, or the first `upTo`) as one snapshot, in order; the answers. */
async function upload(account: Account, id: string, chunks: readonly string[], upTo = chunks.length) {
  const answers = [];
  for (let index = 0; index < upTo; index += 1) {
    answers.push((await account.api.putSnapshot({ snapshotId: id, index, count: chunks.length, chunk: chunks[index]! })).complete);
  }
  return answers;
}

/** What a new browser reads: every chunk of the current snapshot, asked for by `id` when given. */
async function readAll(account: Account, id?: string) {
  const first = (await account.api.getSnapshot({ index: 0, ...(id === undefined ? {} : { snapshotId: id }) })).snapshot;
  if (first === null) return null;
  const rest = [];
  for (let index = 1; index < first.count; index += 1) {
    rest.push((await account.api.getSnapshot({ snapshotId: first.snapshotId, index })).snapshot);
  }
  return [first, ...rest];
}

/** The account's stored chunks as "id/index", read from the database as an attacker with it would. */
async function storedChunks(account: Account): Promise<string[]> {
  const rows = await t.sql.all<{ snapshot_id: Uint8Array; idx: number }>('SELECT snapshot_id, idx FROM index_snapshot_chunks WHERE account_id = ?', [
    account.accountId,
  ]);
  return rows.map((row) => `${Buffer.from(row.snapshot_id).toString('base64url')}/${row.idx}`).sort();
}
const chunksOf = (id: string, count: number) => Array.from({ length: count }, (_, index) => `${id}/${index}`).sort();

describe('putSnapshot and getSnapshot', () => {
  it('serves each chunk of a complete snapshot with its id and count, and says when the upload completed', async () => {
    const a = await signUp();
    const id = snapshotId();
    const chunks = [b64(300), b64(1000), b64(7)];
    expect(await upload(a, id, chunks)).toEqual([false, false, true]);
    const expected = chunks.map((chunk, index) => ({ snapshotId: id, count: 3, index, chunk }));
    expect(await readAll(a)).toEqual(expected);
    expect(await readAll(a, id)).toEqual(expected);
    expect(await storedChunks(a)).toEqual(chunksOf(id, 3));
  });

  it('answers null for an account without a snapshot, an index beyond the count, and a snapshot replaced meanwhile', async () => {
    const a = await signUp();
    expect(await a.api.getSnapshot({ index: 0 })).toEqual({ snapshot: null });
    const old = snapshotId();
    await upload(a, old, [b64(10), b64(10)]);
    expect(await a.api.getSnapshot({ index: 2 })).toEqual({ snapshot: null });
    expect(await a.api.getSnapshot({ snapshotId: old, index: 2 })).toEqual({ snapshot: null });
    await upload(a, snapshotId(), [b64(10)]);
    // A device halfway through reading the old snapshot learns that it is gone, never gets a mix.
    expect(await a.api.getSnapshot({ snapshotId: old, index: 0 })).toEqual({ snapshot: null });
    expect(await a.api.getSnapshot({ snapshotId: old, index: 1 })).toEqual({ snapshot: null });
  });

  it('keeps an upload out of sight until its last chunk, in any order, and then drops the snapshot it replaces', async () => {
    const a = await signUp();
    const first = snapshotId();
    const firstChunks = [b64(100), b64(100)];
    await upload(a, first, firstChunks);
    const before = await readAll(a);

    const second = snapshotId();
    const secondChunks = [b64(200), b64(200), b64(200)];
    expect(await a.api.putSnapshot({ snapshotId: second, index: 2, count: 3, chunk: secondChunks[2]! })).toEqual({ complete: false });
    expect(await a.api.putSnapshot({ snapshotId: second, index: 0, count: 3, chunk: secondChunks[0]! })).toEqual({ complete: false });
    expect(await readAll(a)).toEqual(before);
    expect(await storedChunks(a)).toEqual([...chunksOf(first, 2), ...chunksOf(second, 3).filter((c) => !c.endsWith('/1'))].sort());

    expect(await a.api.putSnapshot({ snapshotId: second, index: 1, count: 3, chunk: secondChunks[1]! })).toEqual({ complete: true });
    expect((await readAll(a))?.map((chunk) => chunk?.chunk)).toEqual(secondChunks);
    expect(await storedChunks(a)).toEqual(chunksOf(second, 3));
    expect(await t.sql.all('SELECT chunk_count FROM index_snapshots WHERE account_id = ?', [a.accountId])).toEqual([{ chunk_count: 3 }]);
  });

  it('replaces a chunk sent again (a retried request) and completes only when every index is there', async () => {
    const a = await signUp();
    const id = snapshotId();
    const [retried, again, last] = [b64(50), b64(50), b64(50)];
    expect(await a.api.putSnapshot({ snapshotId: id, index: 0, count: 2, chunk: retried })).toEqual({ complete: false });
    expect(await a.api.putSnapshot({ snapshotId: id, index: 0, count: 2, chunk: again })).toEqual({ complete: false });
    expect(await a.api.getSnapshot({ index: 0 })).toEqual({ snapshot: null });
    expect(await a.api.putSnapshot({ snapshotId: id, index: 1, count: 2, chunk: last })).toEqual({ complete: true });
    expect((await readAll(a))?.map((chunk) => chunk?.chunk)).toEqual([again, last]);
  });

  it('drops an abandoned upload when another one starts, and keeps the current snapshot', async () => {
    const a = await signUp();
    const current = snapshotId();
    await upload(a, current, [b64(10), b64(10)]);
    const before = await readAll(a);
    const abandoned = snapshotId();
    await upload(a, abandoned, [b64(10), b64(10), b64(10)], 2);
    const next = snapshotId();
    expect(await upload(a, next, [b64(10), b64(10)], 1)).toEqual([false]);
    expect(await storedChunks(a)).toEqual([...chunksOf(current, 2), `${next}/0`].sort());
    expect(await readAll(a)).toEqual(before);
    // The abandoned upload cannot be finished: its chunks are gone, so one more is a new start.
    expect(await a.api.putSnapshot({ snapshotId: abandoned, index: 2, count: 3, chunk: b64(10) })).toEqual({ complete: false });
    expect(await storedChunks(a)).toEqual([...chunksOf(current, 2), `${abandoned}/2`].sort());
  });

  it('refuses a chunk whose count differs from the chunks stored under its id, and changes nothing', async () => {
    const a = await signUp();
    const id = snapshotId();
    await upload(a, id, [b64(10), b64(10), b64(10)], 1);
    const mismatch = a.api.putSnapshot({ snapshotId: id, index: 1, count: 2, chunk: b64(10) });
    expect(await errorMessage(mismatch)).toMatch(/uploaded with a count of 3, not 2: every chunk of one snapshot names the same count/);
    expect(await errorCode(a.api.putSnapshot({ snapshotId: id, index: 1, count: 2, chunk: b64(10) }))).toBe('BAD_REQUEST');
    expect(await storedChunks(a)).toEqual([`${id}/0`]);
    expect(await a.api.getSnapshot({ index: 0 })).toEqual({ snapshot: null });
  });

  it('refuses any chunk under the id of the complete snapshot, which stays as it was', async () => {
    const a = await signUp();
    const id = snapshotId();
    await upload(a, id, [b64(10), b64(10)]);
    const before = await readAll(a);
    const upload2 = snapshotId();
    await upload(a, upload2, [b64(10), b64(10)], 1);
    for (const [index, count] of [
      [0, 2],
      [1, 2],
      [2, 3],
    ] as const) {
      const attempt = a.api.putSnapshot({ snapshotId: id, index, count, chunk: b64(10) });
      expect(await errorMessage(attempt)).toBe('This snapshot is complete and can no longer change: upload a new snapshot under a new id.');
      expect(await errorCode(a.api.putSnapshot({ snapshotId: id, index, count, chunk: b64(10) }))).toBe('BAD_REQUEST');
    }
    expect(await readAll(a)).toEqual(before);
    // Nor did the refusals drop the upload under way.
    expect(await storedChunks(a)).toEqual([...chunksOf(id, 2), `${upload2}/0`].sort());
  });

  it('counts chunks arriving at once one by one: exactly one of them completes the snapshot', async () => {
    const a = await signUp();
    // A few rounds: without the account lock, PostgreSQL lets two of them count the same chunks.
    for (let round = 0; round < 3; round += 1) {
      const id = snapshotId();
      const chunks = Array.from({ length: 16 }, () => b64(100));
      const answers = await Promise.all(
        chunks.map((chunk, index) => t.caller(a.token).vault.putSnapshot({ snapshotId: id, index, count: chunks.length, chunk })),
      );
      expect(answers.filter((answer) => answer.complete)).toHaveLength(1);
      expect((await readAll(a))?.map((chunk) => chunk?.chunk)).toEqual(chunks);
    }
  });

  it('announces nothing on the change channel: a snapshot is not an item change', async () => {
    const a = await signUp();
    const heard: unknown[] = [];
    const stop = await t.app.storage.changes.listen((change) => heard.push(change));
    try {
      await upload(a, snapshotId(), [b64(10)]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('refuses a chunk for an account that no longer exists', async () => {
    const put = t.app.indexSnapshots.put({ accountId: randomUUID() }, { snapshotId: snapshotId(), index: 0, count: 1, chunk: b64(10) });
    await expect(put).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('goes with the account when it is deleted', async () => {
    const a = await signUp();
    await upload(a, snapshotId(), [b64(10), b64(10)]);
    await upload(a, snapshotId(), [b64(10), b64(10)], 1);
    expect(await storedChunks(a)).toHaveLength(3);
    await t.caller(a.token).account.delete({ authKey: a.authKey });
    expect(await storedChunks(a)).toEqual([]);
    expect(await t.sql.all('SELECT account_id FROM index_snapshots WHERE account_id = ?', [a.accountId])).toEqual([]);
  });

  it('refuses malformed input with BAD_REQUEST and a message that names the field', async () => {
    const a = await signUp();
    const valid = { snapshotId: snapshotId(), index: 0, count: 2, chunk: b64(30) };
    // Called in-process, the message is zod's list of issues (over HTTP, trpc.ts makes it one line).
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ chunk: 'Zh' }, 'chunk', /must be canonical base64url/],
      [{ chunk: `${b64(30)}=` }, 'chunk', /must be canonical base64url/],
      [{ chunk: '' }, 'chunk', /Too small/],
      [{ chunk: 'A'.repeat(MAX_SNAPSHOT_CHUNK_CHARS + 4) }, 'chunk', /Too big/],
      [{ index: 2 }, 'index', /must be below the snapshot's chunk count/],
      [{ index: 64, count: 64 }, 'index', /Too big/],
      [{ count: 0 }, 'count', /Too small/],
      [{ count: 65, index: 1 }, 'count', /Too big/],
      [{ snapshotId: b64(SNAPSHOT_ID_BYTES - 1) }, 'snapshotId', /must encode exactly 16 bytes/],
      [{ snapshotId: b64(SNAPSHOT_ID_BYTES + 1) }, 'snapshotId', /must encode exactly 16 bytes/],
      [{ extra: true }, 'extra', /Unrecognized key/],
    ];
    for (const [change, field, message] of cases) {
      const input = { ...valid, ...change } as typeof valid;
      const error = await errorMessage(a.api.putSnapshot(input));
      expect(error).toMatch(message);
      expect(error).toContain(`"${field}"`);
      expect(await errorCode(a.api.putSnapshot(input))).toBe('BAD_REQUEST');
    }
    for (const input of [{ index: -1 }, { index: 64 }, { index: 0, snapshotId: 'Zh' }, { index: 0, count: 1 }, {}]) {
      expect(await errorCode(a.api.getSnapshot(input as { index: number }))).toBe('BAD_REQUEST');
    }
    expect(await storedChunks(a)).toEqual([]);
  });
});

describe("the request's response budget", () => {
  /** Calls procedures as one batched HTTP request through tRPC's own HTTP handling (in-process). */
  async function batch(token: string, calls: { path: string; input: unknown }[]) {
    const path = calls.map((call) => call.path).join(',');
    const input = Object.fromEntries(calls.map((call, n) => [String(n), call.input]));
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req: new Request(`http://keyhold.test/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      router: appRouter,
      createContext: () => ({ app: t.app, ip: '192.0.2.10', requestId: 'test', authorization: `Bearer ${token}` }),
    });
    return (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { code: string } } }[];
  }

  it('serves one 3 MiB chunk per request: a second one batched with it is refused', async () => {
    const a = await signUp();
    const id = snapshotId();
    // 2,359,296 bytes are 3 MiB of base64url.
    const chunks = [b64(2_359_296), b64(2_359_296)];
    expect(chunks[0]!.length).toBe(3 * 1024 * 1024);
    await upload(a, id, chunks);
    const answers = await batch(a.token, [
      { path: 'vault.getSnapshot', input: { snapshotId: id, index: 0 } },
      { path: 'vault.getSnapshot', input: { snapshotId: id, index: 1 } },
    ]);
    const served = answers.filter((answer) => answer.result);
    const refused = answers.filter((answer) => answer.error);
    expect(served).toHaveLength(1);
    expect(refused.map((answer) => answer.error?.data.code)).toEqual(['TOO_MANY_REQUESTS']);
    expect(refused[0]!.error!.message).toMatch(/ask for it in a request of its own/);
    // Each in a request of its own is served.
    for (const index of [0, 1]) {
      const [alone] = await batch(a.token, [{ path: 'vault.getSnapshot', input: { snapshotId: id, index } }]);
      expect(alone?.result?.data).toEqual({ snapshot: { snapshotId: id, count: 2, index, chunk: chunks[index] } });
    }
  }, 60_000);

  it('serves the largest chunk alone, and refuses anything more in that request', async () => {
    const a = await signUp();
    // 3 MiB of bytes are MAX_SNAPSHOT_CHUNK_CHARS (4 MiB) of base64url: the most one answer carries.
    const largest = b64(3 * 1024 * 1024);
    expect(largest.length).toBe(MAX_SNAPSHOT_CHUNK_CHARS);
    await upload(a, snapshotId(), [largest, b64(10)]);
    const request = t.caller(a.token).vault;
    expect((await request.getSnapshot({ index: 0 })).snapshot?.chunk).toBe(largest);
    expect(await errorMessage(request.getSnapshot({ index: 1 }))).toMatch(/already carries a full answer/);
    expect(await errorCode(request.getNodes({ hashes: [b64(16)] }))).toBe('TOO_MANY_REQUESTS');
    expect((await t.caller(a.token).vault.getSnapshot({ index: 1 })).snapshot?.index).toBe(1);
  }, 60_000);
});
