// One test per merge rule (docs/architecture.md, "Sync"; ADR 0004): each fails if its rule is removed.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/items/apply-edit';
import type { Item, LoginItem } from '../../src/items/item';
import { isOpaque } from '../../src/items/item';
import { joinItem } from '../../src/items/join-item';
import { parseDetails, parseOverview } from '../../src/items/parse-part';
import { isTombstone, mergeItem, MergeMismatchError, type ItemVersion, type Tombstone } from '../../src/sync/merge';
import { login, sample, T0 } from '../items/fixtures';

const NOW = T0 + 1_000_000;

/** A login as last synced, and two independent edits of it. */
function fork(fields: Parameters<typeof login>[0] = {}) {
  const base = login({ username: 'alice', password: 'pw-0', notes: 'n', tags: ['a', 'b'], ...fields });
  const edit = (changes: Partial<LoginItem>, at: number): LoginItem => applyEdit(base, { ...base, ...changes }, at);
  return { base, edit };
}

function merge(base: ItemVersion | null, local: ItemVersion, remote: ItemVersion) {
  return mergeItem({ base, local, remote, now: NOW });
}

function asLogin(version: ItemVersion): LoginItem {
  if (isTombstone(version)) throw new Error('expected an item, got a tombstone');
  return version as LoginItem;
}

function tombstone(item: Item, deletedAt: number): Tombstone {
  return { id: item.id, deleted: true, deletedAt };
}

describe('mergeItem: fields', () => {
  it('merges changes to different fields without a conflict', () => {
    const { base, edit } = fork();
    const result = merge(base, edit({ name: 'Local name' }, T0 + 1), edit({ notes: 'remote notes' }, T0 + 2));
    expect(result.status).toBe('clean');
    expect(result.conflicts).toEqual([]);
    expect(asLogin(result.merged)).toMatchObject({ name: 'Local name', notes: 'remote notes', updatedAt: T0 + 2 });
  });

  it('takes the remote value of a field only the remote changed', () => {
    const { base, edit } = fork();
    const result = merge(base, base, edit({ username: 'bob' }, T0 + 1));
    expect(asLogin(result.merged).username).toBe('bob');
  });

  it('keeps the local value of a field changed on both sides and records the remote one', () => {
    const { base, edit } = fork();
    const result = merge(base, edit({ username: 'local-user' }, T0 + 1), edit({ username: 'remote-user' }, T0 + 2));
    expect(result.status).toBe('conflict');
    expect(result.conflicts).toEqual([{ field: 'username', local: 'local-user', remote: 'remote-user', base: 'alice', detectedAt: NOW }]);
    const merged = asLogin(result.merged);
    expect(merged.username).toBe('local-user');
    expect(merged.history).toContainEqual({ field: 'username', reason: 'conflict', value: 'remote-user', changedAt: T0 + 2 });
  });

  it('does not call identical changes a conflict', () => {
    const { base, edit } = fork();
    const result = merge(base, edit({ notes: 'same' }, T0 + 1), edit({ notes: 'same' }, T0 + 2));
    expect(result.status).toBe('clean');
    expect(asLogin(result.merged).history).toEqual([]);
  });

  it('keeps both password histories and the remote password on a password conflict', () => {
    const { base, edit } = fork();
    const local = edit({ password: 'pw-local' }, T0 + 1);
    const remote = edit({ password: 'pw-remote' }, T0 + 2);
    const merged = asLogin(merge(base, local, remote).merged);
    expect(merged.password).toBe('pw-local');
    const values = merged.history.map((entry) => [entry.reason, entry.value]);
    expect(values).toContainEqual(['conflict', 'pw-remote']);
    expect(values).toContainEqual(['changed', 'pw-0']);
  });

  it('merges histories as a union without duplicates', () => {
    const { edit } = fork();
    const changed = edit({ password: 'pw-1' }, T0 + 1);
    const local = applyEdit(changed, { ...changed, name: 'x' }, T0 + 2);
    const remote = applyEdit(changed, { ...changed, password: 'pw-2' }, T0 + 3);
    const merged = asLogin(merge(changed, local, remote).merged);
    expect(merged.history.map((entry) => entry.value)).toEqual(['pw-1', 'pw-0']);
    expect(merged.password).toBe('pw-2');
  });

  it('merges unknown members written by a newer version field by field too', () => {
    const { base } = fork();
    const newer = { ...base, schemaVersion: 2, color: 'red', icon: 'a' } as LoginItem;
    const local = { ...newer, color: 'blue' } as LoginItem;
    const remote = { ...newer, icon: 'b', schemaVersion: 3 } as LoginItem;
    const merged = merge(newer, local, remote).merged as Record<string, unknown>;
    expect(merged).toMatchObject({ color: 'blue', icon: 'b', schemaVersion: 3 });
  });

  it('refuses to merge versions of different items', () => {
    expect(() => merge(null, login(), login())).toThrow(MergeMismatchError);
  });
});

describe('mergeItem: lists', () => {
  it('applies tag adds and removes from both sides', () => {
    const { base, edit } = fork({ tags: ['a', 'b', 'c'] });
    const merged = asLogin(merge(base, edit({ tags: ['a', 'c', 'local'] }, T0 + 1), edit({ tags: ['a', 'b', 'remote'] }, T0 + 2)).merged);
    expect(merged.tags).toEqual(['a', 'local', 'remote']);
  });

  it('applies URL adds and removes from both sides and keeps a match mode change', () => {
    const { base, edit } = fork({
      urls: [
        { url: 'https://a.example', match: 'default' },
        { url: 'https://b.example', match: 'default' },
      ],
    });
    const local = edit(
      {
        urls: [
          { url: 'https://a.example', match: 'host' },
          { url: 'https://b.example', match: 'default' },
          { url: 'https://l.example', match: 'default' },
        ],
      },
      T0 + 1,
    );
    const remote = edit(
      {
        urls: [
          { url: 'https://a.example', match: 'default' },
          { url: 'https://r.example', match: 'exact' },
        ],
      },
      T0 + 2,
    );
    const result = merge(base, local, remote);
    expect(result.status).toBe('clean');
    expect(asLogin(result.merged).urls).toEqual([
      { url: 'https://a.example', match: 'host' },
      { url: 'https://l.example', match: 'default' },
      { url: 'https://r.example', match: 'exact' },
    ]);
  });

  it('reports a match mode changed differently on both sides at the URL path', () => {
    const { base, edit } = fork({ urls: [{ url: 'https://a.example/x', match: 'default' }] });
    const result = merge(
      base,
      edit({ urls: [{ url: 'https://a.example/x', match: 'host' }] }, T0 + 1),
      edit({ urls: [{ url: 'https://a.example/x', match: 'exact' }] }, T0 + 2),
    );
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['urls/https:~1~1a.example~1x/match']);
    expect(asLogin(result.merged).urls).toEqual([{ url: 'https://a.example/x', match: 'host' }]);
  });

  it('applies extra username adds and removes from both sides', () => {
    const { base, edit } = fork({ extraUsernames: ['x', 'y'] });
    const merged = asLogin(merge(base, edit({ extraUsernames: ['y', 'l'] }, T0 + 1), edit({ extraUsernames: ['x', 'y', 'r'] }, T0 + 2)).merged);
    expect(merged.extraUsernames).toEqual(['y', 'l', 'r']);
  });

  it('merges custom fields by id: different members of one field, and different fields', () => {
    const f1 = { id: 'f1', name: 'PIN', value: '1111', kind: 'hidden' as const };
    const f2 = { id: 'f2', name: 'Account', value: '42', kind: 'text' as const };
    const { base, edit } = fork({ customFields: [f1, f2] });
    const local = edit({ customFields: [{ ...f1, name: 'Door PIN' }, f2] }, T0 + 1);
    const remote = edit(
      {
        customFields: [
          { ...f1, value: '2222' },
          { ...f2, value: '43' },
          { id: 'f3', name: 'New', value: 'n', kind: 'text' },
        ],
      },
      T0 + 2,
    );
    const result = merge(base, local, remote);
    expect(result.status).toBe('clean');
    expect(asLogin(result.merged).customFields).toEqual([
      { id: 'f1', name: 'Door PIN', value: '2222', kind: 'hidden' },
      { id: 'f2', name: 'Account', value: '43', kind: 'text' },
      { id: 'f3', name: 'New', value: 'n', kind: 'text' },
    ]);
  });

  it('reports a custom field value changed on both sides at its id path', () => {
    const f1 = { id: 'f1', name: 'PIN', value: '1111', kind: 'hidden' as const };
    const { base, edit } = fork({ customFields: [f1] });
    const result = merge(base, edit({ customFields: [{ ...f1, value: 'L' }] }, T0 + 1), edit({ customFields: [{ ...f1, value: 'R' }] }, T0 + 2));
    expect(result.conflicts).toMatchObject([{ field: 'customFields/f1/value', local: 'L', remote: 'R', base: '1111' }]);
  });

  it('keeps a custom field one side edited and the other removed', () => {
    const f1 = { id: 'f1', name: 'PIN', value: '1111', kind: 'hidden' as const };
    const { base, edit } = fork({ customFields: [f1] });
    const edited = edit({ customFields: [{ ...f1, value: '9999' }] }, T0 + 1);
    const removed = edit({ customFields: [] }, T0 + 2);
    expect(asLogin(merge(base, edited, removed).merged).customFields).toEqual([{ ...f1, value: '9999' }]);
    expect(asLogin(merge(base, removed, edited).merged).customFields).toEqual([{ ...f1, value: '9999' }]);
    // Removed on one side and untouched on the other: the removal applies.
    expect(asLogin(merge(base, removed, base).merged).customFields).toEqual([]);
  });

  it('treats address lines as one value, not as a set', () => {
    const base = { ...sample('identity'), addressLines: ['1 Main St', ''] };
    const local = { ...base, addressLines: ['1 Main St', 'Apt 2'] };
    const remote = { ...base, addressLines: ['2 Side St', ''] };
    const result = merge(base, local, remote);
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['addressLines']);
  });
});

describe('mergeItem: delete and trash', () => {
  it('restores an item deleted on one side and edited on the other, with a note', () => {
    const { base, edit } = fork();
    const edited = edit({ notes: 'edited after the delete' }, T0 + 5);
    for (const [local, remote] of [
      [tombstone(base, T0 + 3), edited],
      [edited, tombstone(base, T0 + 3)],
    ] as const) {
      const result = merge(base, local, remote);
      const merged = asLogin(result.merged);
      expect(merged.notes).toBe('edited after the delete');
      expect(merged.trashedAt).toBeNull();
      expect(merged.history).toContainEqual({ field: 'deleted', reason: 'deleted-edit', value: T0 + 3, changedAt: T0 + 3 });
    }
  });

  it('leaves an item in the trash when the side that edited it also trashed it', () => {
    const { base, edit } = fork();
    const editedThenTrashed = edit({ notes: 'edited', trashedAt: T0 + 5 }, T0 + 5);
    const merged = asLogin(merge(base, tombstone(base, T0 + 3), editedThenTrashed).merged);
    expect(merged).toMatchObject({ notes: 'edited', trashedAt: T0 + 5 });
  });

  it('restores an item moved to trash on one side and edited on the other', () => {
    const { base, edit } = fork();
    const trashed = edit({ trashedAt: T0 + 3 }, T0 + 3);
    const edited = edit({ name: 'still in use' }, T0 + 4);
    const merged = asLogin(merge(base, trashed, edited).merged);
    expect(merged).toMatchObject({ name: 'still in use', trashedAt: null });
    expect(merged.history).toContainEqual({ field: 'trashedAt', reason: 'deleted-edit', value: T0 + 3, changedAt: T0 + 3 });
  });

  it('keeps an item in the trash when the other side did not edit it', () => {
    const { base, edit } = fork();
    const trashed = edit({ trashedAt: T0 + 3 }, T0 + 3);
    expect(asLogin(merge(base, base, trashed).merged).trashedAt).toBe(T0 + 3);
    expect(asLogin(merge(base, trashed, { ...base, trashedAt: T0 + 9, updatedAt: T0 + 9 }).merged).trashedAt).toBe(T0 + 9);
  });

  it('deletes when the other side left the item unchanged or only trashed it', () => {
    const { base, edit } = fork();
    const gone = tombstone(base, T0 + 3);
    expect(merge(base, base, gone).merged).toEqual(gone);
    expect(merge(base, gone, base).merged).toEqual(gone);
    expect(merge(base, edit({ trashedAt: T0 + 2 }, T0 + 2), gone).merged).toEqual(gone);
  });

  it('counts taking an item out of the trash as an edit that beats a delete', () => {
    const { base: live, edit } = fork();
    const inTrash = edit({ trashedAt: T0 + 1 }, T0 + 1);
    const takenOut = applyEdit(inTrash, { ...inTrash, trashedAt: null }, T0 + 2);
    const merged = asLogin(merge(inTrash, takenOut, tombstone(live, T0 + 3)).merged);
    expect(merged.trashedAt).toBeNull();
    expect(merged.id).toBe(live.id);
  });

  it('keeps a delete on both sides deleted', () => {
    const { base } = fork();
    const result = merge(base, tombstone(base, T0 + 3), tombstone(base, T0 + 4));
    expect(result.merged).toEqual(tombstone(base, T0 + 4));
  });

  it('keeps an item restored on one side when the base was already deleted', () => {
    const { base } = fork();
    const result = merge(tombstone(base, T0 + 1), tombstone(base, T0 + 1), base);
    expect(result.merged).toEqual(base);
  });
});

describe('mergeItem: independent creations, determinism, idempotence', () => {
  it('merges two creations with the same id and no base: sets join, different values conflict', () => {
    const a = login({ name: 'Same', tags: ['a'], password: 'pw-a' });
    const b = { ...a, tags: ['b'], password: 'pw-b', createdAt: T0 - 5, updatedAt: T0 + 1 };
    const result = merge(null, a, b);
    const merged = asLogin(result.merged);
    expect(merged).toMatchObject({ name: 'Same', tags: ['a', 'b'], password: 'pw-a', createdAt: T0 - 5 });
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['password']);
  });

  it('gives the same merged item whichever replica runs a clean merge, at whatever time', () => {
    const { base, edit } = fork({ tags: ['a', 'b'], urls: [{ url: 'https://a.example', match: 'default' }] });
    const local = edit({ name: 'L', tags: ['b', 'l', 'a'] }, T0 + 1);
    const remote = edit(
      {
        notes: 'R',
        trashedAt: null,
        urls: [
          { url: 'https://r.example', match: 'host' },
          { url: 'https://a.example', match: 'default' },
        ],
      },
      T0 + 2,
    );
    const here = mergeItem({ base, local, remote, now: NOW });
    const there = mergeItem({ base, local: remote, remote: local, now: NOW + 99_999 });
    expect(here.status).toBe('clean');
    expect(here.merged).toEqual(there.merged);
  });

  it('keeps the same members whichever side is local when both changed one list; the local order leads', () => {
    const { base, edit } = fork({ tags: ['a', 'b'] });
    const local = edit({ tags: ['b', 'l'] }, T0 + 1);
    const remote = edit({ tags: ['r', 'a', 'b'] }, T0 + 2);
    expect(asLogin(merge(base, local, remote).merged).tags).toEqual(['b', 'l', 'r']);
    expect(asLogin(merge(base, remote, local).merged).tags).toEqual(['r', 'b', 'l']);
  });

  it('is idempotent: merging the result again with the same remote changes nothing', () => {
    const { base, edit } = fork();
    const local = edit({ username: 'l', tags: ['a', 'l'], password: 'pw-l' }, T0 + 1);
    const remote = edit({ username: 'r', tags: ['b', 'r'], password: 'pw-r' }, T0 + 2);
    const first = merge(base, local, remote);
    expect(first.status).toBe('conflict');
    const second = merge(base, first.merged, remote);
    expect(second.merged).toEqual(first.merged);
    expect(second.status).toBe('clean');
    // Once the remote value is in history it is not added again.
    const third = merge(remote, first.merged, remote);
    expect(third.merged).toEqual(first.merged);
  });

  it('lets a side that already recorded the other value as a conflict win, so syncs converge', () => {
    const { base, edit } = fork();
    const mine = edit({ username: 'mine' }, T0 + 1);
    const theirs = edit({ username: 'theirs' }, T0 + 2);
    // Another device merged first: it kept 'theirs' and recorded 'mine' as the conflict.
    const serverCopy = merge(base, theirs, mine).merged;
    const result = merge(base, mine, serverCopy);
    expect(result.status).toBe('clean');
    expect(asLogin(result.merged).username).toBe('theirs');
    expect(asLogin(result.merged).history.filter((entry) => entry.reason === 'conflict')).toHaveLength(1);
  });

  it('treats two versions of different types as one whole-item conflict', () => {
    const base = login({ name: 'thing' });
    const note = {
      id: base.id,
      type: 'note',
      schemaVersion: 1,
      createdAt: T0,
      updatedAt: T0 + 2,
      name: 'thing',
      tags: [],
      folder: null,
      favorite: false,
      trashedAt: null,
      history: [],
      text: 'now a note',
    } as Item;
    const renamed = applyEdit(base, { ...base, name: 'renamed' }, T0 + 1);
    const result = merge(base, renamed, note);
    expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['type']);
    expect(asLogin(result.merged).name).toBe('renamed');
    expect(merge(base, base, note).merged).toMatchObject({ type: 'note', text: 'now a note' });
  });

  it('carries opaque items from a newer version through a merge', () => {
    const id = login().id;
    const parse = (overview: unknown, details: unknown) => {
      const o = parseOverview(overview);
      const d = parseDetails(details);
      if (!o.ok || !d.ok) throw new Error('parse failed');
      return joinItem(o.overview, d.details);
    };
    const v = (name: string, seed: string, at: number) =>
      parse({ id, type: 'wallet', schemaVersion: 9, name, updatedAt: at }, { id, type: 'wallet', schemaVersion: 9, seed, history: [] });
    const result = merge(v('w', 's', T0), v('renamed', 's', T0 + 1), v('w', 'new seed', T0 + 2));
    expect(isOpaque(result.merged as Item)).toBe(true);
    expect(result.merged).toMatchObject({ name: 'renamed', seed: 'new seed', type: 'wallet' });
  });
});
