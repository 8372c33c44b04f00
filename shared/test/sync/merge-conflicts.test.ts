// Settling conflicts: the user picks a side per field, types a value, or keeps both as two items.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/items/apply-edit';
import type { Item, LoginItem } from '../../src/items/item';
import { InvalidItemError } from '../../src/items/validate-item';
import { mergeItem } from '../../src/sync/merge';
import { openConflictsOf, resolveConflict, splitConflict } from '../../src/sync/merge-conflicts';
import { login, T0 } from '../items/fixtures';

const NOW = T0 + 1_000;

/** An item in conflict on username and password: local kept 'l-user'/'pw-l', remote had 'r-user'/'pw-r'. */
function conflicted() {
  const base = login({ username: 'user', password: 'pw-0' });
  const local = applyEdit(base, { ...base, username: 'l-user', password: 'pw-l' }, T0 + 1);
  const remote = applyEdit(base, { ...base, username: 'r-user', password: 'pw-r' }, T0 + 2);
  const { merged } = mergeItem({ base, local, remote, now: NOW });
  return { base, local, remote, item: merged as LoginItem };
}

describe('openConflictsOf', () => {
  it('lists each open conflict with the current and the other value', () => {
    const { item } = conflicted();
    expect(openConflictsOf(item).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'password', local: 'pw-l', remote: 'pw-r', changedAt: T0 + 2 },
      { field: 'username', local: 'l-user', remote: 'r-user', changedAt: T0 + 2 },
    ]);
  });
});

describe('resolveConflict', () => {
  it('choose local keeps the value and closes the conflict without losing the other value', () => {
    const { item } = conflicted();
    const resolved = resolveConflict(item, { field: 'username', choose: 'local', now: NOW }) as LoginItem;
    expect(resolved.username).toBe('l-user');
    expect(openConflictsOf(resolved).map((conflict) => conflict.field)).toEqual(['password']);
    expect(resolved.history).toContainEqual({ field: 'username', reason: 'conflict', value: 'r-user', changedAt: T0 + 2, resolvedAt: NOW });
    expect(resolved.updatedAt).toBe(NOW);
  });

  it('choose remote takes the other value and keeps the replaced one in history', () => {
    const { item } = conflicted();
    const resolved = resolveConflict(item, { field: 'password', choose: 'remote', now: NOW }) as LoginItem;
    expect(resolved.password).toBe('pw-r');
    expect(resolved.history).toContainEqual({ field: 'password', reason: 'conflict', value: 'pw-l', changedAt: NOW, resolvedAt: NOW });
    expect(openConflictsOf(resolved).map((conflict) => conflict.field)).toEqual(['username']);
  });

  it('choose value sets what the user typed, validated like any edit', () => {
    const { item } = conflicted();
    const resolved = resolveConflict(item, { field: 'username', choose: 'value', value: 'typed', now: NOW }) as LoginItem;
    expect(resolved.username).toBe('typed');
    expect(() => resolveConflict(item, { field: 'username', choose: 'value', value: 42, now: NOW })).toThrow(InvalidItemError);
  });

  it('does nothing for a field without an open conflict', () => {
    const { item } = conflicted();
    expect(resolveConflict(item, { field: 'notes', choose: 'remote', now: NOW })).toBe(item);
  });

  it('resolves a conflict on a list element path', () => {
    const f1 = { id: 'f1', name: 'PIN', value: '1', kind: 'hidden' as const };
    const base = login({ customFields: [f1] });
    const local = applyEdit(base, { ...base, customFields: [{ ...f1, value: 'L' }] }, T0 + 1);
    const remote = applyEdit(base, { ...base, customFields: [{ ...f1, value: 'R' }] }, T0 + 2);
    const item = mergeItem({ base, local, remote, now: NOW }).merged as Item;
    const resolved = resolveConflict(item, { field: 'customFields/f1/value', choose: 'remote', now: NOW }) as LoginItem;
    expect(resolved.customFields).toEqual([{ ...f1, value: 'R' }]);
  });

  it('a resolution made on one device is not undone by a device still holding the open conflict', () => {
    const { item } = conflicted();
    const settledHere = resolveConflict(item, { field: 'password', choose: 'remote', now: NOW });
    const { merged, status } = mergeItem({ base: item, local: item, remote: settledHere, now: NOW });
    expect(status).toBe('clean');
    expect((merged as LoginItem).password).toBe('pw-r');
    expect(openConflictsOf(merged as Item).map((conflict) => conflict.field)).toEqual(['username']);
    // And the other way round, with the stale copy as remote.
    const back = mergeItem({ base: item, local: settledHere, remote: item, now: NOW }).merged as Item;
    expect(back).toEqual(merged);
  });

  it('a device that still has its losing value defers to the resolution', () => {
    const { base, local, item } = conflicted();
    const settled = resolveConflict(item, { field: 'username', choose: 'remote', now: NOW });
    const settledBoth = resolveConflict(settled, { field: 'password', choose: 'remote', now: NOW });
    // `local` never synced; it merges with the settled server copy against the old base.
    const { merged, status } = mergeItem({ base, local, remote: settledBoth, now: NOW });
    expect(status).toBe('clean');
    expect(merged).toMatchObject({ username: 'r-user', password: 'pw-r' });
  });
});

describe('splitConflict', () => {
  it('keeps both: the item with local values, a new item with the remote values', () => {
    const { item } = conflicted();
    const [kept, copy] = splitConflict(item, { now: NOW, id: '00000000-0000-4000-8000-0000000000aa' }) as [LoginItem, LoginItem];
    expect(kept).toMatchObject({ id: item.id, username: 'l-user', password: 'pw-l' });
    expect(copy).toMatchObject({
      id: '00000000-0000-4000-8000-0000000000aa',
      username: 'r-user',
      password: 'pw-r',
      name: `${item.name} (conflict copy)`,
      createdAt: NOW,
    });
    expect(openConflictsOf(kept)).toEqual([]);
    expect(openConflictsOf(copy)).toEqual([]);
  });

  it('refuses an item without conflicts', () => {
    expect(() => splitConflict(login(), { now: NOW })).toThrow(/no open conflict/);
  });

  it('splits a whole-item conflict between two types into the two versions', () => {
    const base = login({ name: 'thing' });
    const renamed = applyEdit(base, { ...base, name: 'renamed' }, T0 + 1);
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
    const item = mergeItem({ base, local: renamed, remote: note, now: NOW }).merged as Item;
    const [kept, copy] = splitConflict(item, { now: NOW, copyName: 'The note' });
    expect(kept).toMatchObject({ type: 'login', name: 'renamed' });
    expect(copy).toMatchObject({ type: 'note', text: 'now a note', name: 'The note' });
    expect(copy.id).not.toBe(kept.id);
    // A name made from the copy's own name: the remote one here, as the name itself was in conflict.
    const [, named] = splitConflict(item, { now: NOW, copyName: (name) => `${name} (Konfliktkopie)` });
    expect(named.name).toBe('thing (Konfliktkopie)');
  });
});
