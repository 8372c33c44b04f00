// Three replicas edit the same items offline and sync in random orders through a simulated server
// that accepts a push only if it is based on the current revision (otherwise the client pulls,
// merges against its stored base and retries), as docs/architecture.md, "Sync", describes. After a final
// round of syncs, every replica must hold the server's state, and every edit any replica made
// must still be there — in the field or in the item history — unless a replica that saw it
// replaced, removed or deleted it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/items/apply-edit';
import { historyHasValue } from '../../src/items/history';
import type { LoginItem } from '../../src/items/item';
import { canonicalJson } from '../../src/items/json';
import { URL_MATCH_MODES, type UrlMatchMode } from '../../src/items/types/login';
import { isTombstone, mergeItem, type ItemVersion } from '../../src/sync/merge';
import { readPath, writePath } from '../../src/sync/merge-paths';
import { login, T0 } from '../items/fixtures';

type Revision = { rev: number; value: ItemVersion };

function createServer() {
  let counter = 0;
  const entries = new Map<string, Revision>();
  return {
    seed(value: ItemVersion) {
      entries.set(value.id, { rev: ++counter, value });
    },
    current: (id: string) => entries.get(id) as Revision,
    ids: () => [...entries.keys()],
    /** Atomic compare-and-set on the item's revision. */
    push(id: string, baseRev: number, value: ItemVersion): { ok: true; rev: number } | { ok: false; current: Revision } {
      const current = entries.get(id) as Revision;
      if (current.rev !== baseRev) return { ok: false, current };
      const rev = ++counter;
      entries.set(id, { rev, value });
      return { ok: true, rev };
    },
  };
}
type Server = ReturnType<typeof createServer>;

type Replica = { local: Map<string, ItemVersion>; base: Map<string, Revision> };

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function createReplica(server: Server): Replica {
  const replica: Replica = { local: new Map(), base: new Map() };
  for (const id of server.ids()) {
    replica.local.set(id, server.current(id).value);
    replica.base.set(id, server.current(id));
  }
  return replica;
}

let mergeCount = 0;

/** Brings a newer server revision into the replica, merging if the replica has local edits. */
function absorb(replica: Replica, id: string, incoming: Revision, now: number): void {
  const base = replica.base.get(id) as Revision;
  const local = replica.local.get(id) as ItemVersion;
  if (same(local, base.value)) {
    replica.local.set(id, incoming.value);
  } else {
    const { merged } = mergeItem({ base: base.value, local, remote: incoming.value, now });
    mergeCount += 1;
    // Merging again with the same remote must change nothing (repeated syncs converge).
    expect(mergeItem({ base: base.value, local: merged, remote: incoming.value, now }).merged).toEqual(merged);
    replica.local.set(id, merged);
  }
  replica.base.set(id, incoming);
}

function pull(replica: Replica, server: Server, now: number): void {
  for (const id of server.ids()) {
    const incoming = server.current(id);
    if (incoming.rev > (replica.base.get(id) as Revision).rev) absorb(replica, id, incoming, now);
  }
}

function push(replica: Replica, server: Server, now: number): void {
  for (const id of server.ids()) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const local = replica.local.get(id) as ItemVersion;
      const base = replica.base.get(id) as Revision;
      if (same(local, base.value)) break;
      const answer = server.push(id, base.rev, local);
      if (answer.ok) {
        replica.base.set(id, { rev: answer.rev, value: local });
        break;
      }
      absorb(replica, id, answer.current, now);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Edits, and the record of what each one must leave behind

/** The custom field every test item starts with; its value is edited like any other field. */
const PIN = 'customFields/pin/value';
type Field = 'name' | 'username' | 'notes' | 'password' | 'tags' | 'urls' | typeof PIN;
type EditRecord = { id: string; field: Field; value: string; superseded: boolean };

type Op =
  | { kind: 'set'; field: 'name' | 'username' | 'notes' }
  | { kind: 'password' }
  | { kind: 'pin' }
  | { kind: 'match'; index: number; match: UrlMatchMode }
  | { kind: 'add'; field: 'tags' | 'urls' }
  | { kind: 'remove'; field: 'tags' | 'urls'; index: number }
  | { kind: 'trash' }
  | { kind: 'restore' }
  | { kind: 'delete' };

type Action = { kind: 'edit'; replica: number; item: number; op: Op } | { kind: 'pull'; replica: number } | { kind: 'push'; replica: number };

const REPLICAS = 3;
const ITEMS = 2;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom('name' as const, 'username' as const, 'notes' as const) }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'password' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pin' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('match' as const), index: fc.nat(4), match: fc.constantFrom(...URL_MATCH_MODES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), field: fc.constantFrom('tags' as const, 'urls' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('remove' as const), field: fc.constantFrom('tags' as const, 'urls' as const), index: fc.nat(4) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'trash' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

const replicaArb = fc.nat(REPLICAS - 1);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: replicaArb, item: fc.nat(ITEMS - 1), op: opArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), replica: replicaArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('push' as const), replica: replicaArb }) },
);

/** Is the edit visible in this version: the field's value, a set member, or a history entry? */
function holds(version: ItemVersion, record: EditRecord): boolean {
  if (isTombstone(version)) return false;
  const item = version as LoginItem;
  if (historyHasValue(item.history, record.field, record.value)) return true;
  switch (record.field) {
    case 'tags':
      return item.tags.includes(record.value);
    case 'urls':
      return item.urls.some((url) => url.url === record.value);
    default:
      return readPath(item, record.field) === record.value;
  }
}

function run(actions: Action[]): void {
  const server = createServer();
  const ids: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const item = login(
      {
        name: `item ${i}`,
        username: 'user',
        password: 'pw-initial',
        tags: ['initial'],
        urls: [{ url: 'https://initial.example', match: 'default' }],
        customFields: [{ id: 'pin', name: 'PIN', value: '0000', kind: 'hidden' }],
      },
      T0,
    );
    server.seed(item);
    ids.push(item.id);
  }
  const replicas = Array.from({ length: REPLICAS }, () => createReplica(server));
  const records: EditRecord[] = [];
  let clock = T0;
  let unique = 0;

  const supersede = (id: string, matches: (record: EditRecord) => boolean) => {
    for (const record of records) if (record.id === id && matches(record)) record.superseded = true;
  };

  const edit = (replica: Replica, id: string, op: Op, now: number) => {
    const version = replica.local.get(id) as ItemVersion;
    if (isTombstone(version)) return;
    const item = version as LoginItem;
    const value = `v${++unique}`;
    const save = (next: LoginItem) => replica.local.set(id, applyEdit(item, next, now));
    switch (op.kind) {
      case 'set':
        supersede(id, (record) => record.field === op.field && record.value === item[op.field]);
        records.push({ id, field: op.field, value, superseded: false });
        return save({ ...item, [op.field]: value });
      case 'password':
        records.push({ id, field: 'password', value, superseded: false });
        return save({ ...item, password: value });
      case 'pin':
        supersede(id, (record) => record.field === PIN && record.value === readPath(item, PIN));
        records.push({ id, field: PIN, value, superseded: false });
        return save(writePath(item, PIN, value));
      case 'match': {
        // Not tracked (five values repeat), but it makes element-level conflicts happen.
        const url = item.urls[op.index % Math.max(item.urls.length, 1)];
        if (url === undefined) return;
        return save({ ...item, urls: item.urls.map((u) => (u === url ? { ...u, match: op.match } : u)) });
      }
      case 'add':
        records.push({ id, field: op.field, value: op.field === 'urls' ? `https://${value}.example` : value, superseded: false });
        return save(
          op.field === 'tags'
            ? { ...item, tags: [...item.tags, value] }
            : { ...item, urls: [...item.urls, { url: `https://${value}.example`, match: 'default' }] },
        );
      case 'remove': {
        const list: string[] = op.field === 'tags' ? item.tags : item.urls.map((url) => url.url);
        const removed = list[op.index % Math.max(list.length, 1)];
        if (removed === undefined) return;
        supersede(id, (record) => record.field === op.field && record.value === removed);
        return save(
          op.field === 'tags'
            ? { ...item, tags: item.tags.filter((tag) => tag !== removed) }
            : { ...item, urls: item.urls.filter((url) => url.url !== removed) },
        );
      }
      case 'trash':
        return save({ ...item, trashedAt: now });
      case 'restore':
        return save({ ...item, trashedAt: null });
      case 'delete':
        // Deleting drops what this replica could see; edits it never saw must survive the delete.
        supersede(id, (record) => holds(item, record));
        replica.local.set(id, { id, deleted: true, deletedAt: now });
        return;
    }
  };

  for (const action of actions) {
    clock += 1000;
    const replica = replicas[action.replica] as Replica;
    if (action.kind === 'edit') edit(replica, ids[action.item] as string, action.op, clock);
    else if (action.kind === 'pull') pull(replica, server, clock);
    else push(replica, server, clock);
  }

  // Final rounds: everyone pushes what it has (merging as needed), then everyone catches up.
  for (const replica of replicas) {
    clock += 1000;
    pull(replica, server, clock);
    push(replica, server, clock);
  }
  for (const replica of replicas) pull(replica, server, clock);

  for (const id of ids) {
    const final = server.current(id).value;
    for (const replica of replicas) expect(replica.local.get(id)).toEqual(final);
    for (const record of records.filter((r) => r.id === id && !r.superseded)) {
      expect(holds(final, record), `edit ${record.field}=${record.value} lost`).toBe(true);
    }
  }
}

describe('merge under concurrent replicas (property)', () => {
  it('converges, and no edit is lost unless a replica that saw it replaced it', () => {
    mergeCount = 0;
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 5, maxLength: 40 }), (actions) => run(actions)),
      { numRuns: 1000 },
    );
    // The runs must actually exercise merging, not just fast-forwards.
    expect(mergeCount).toBeGreaterThan(1000);
  }, 30_000);
});
