import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/items/apply-edit';
import { HISTORY_CAP } from '../../src/items/history';
import { InvalidItemError } from '../../src/items/validate-item';
import { login, sample, T0 } from './fixtures';

describe('applyEdit', () => {
  it('pushes the old password into history, newest first', () => {
    const v1 = login({ password: 'first' });
    const v2 = applyEdit(v1, { ...v1, password: 'second' }, T0 + 10);
    const v3 = applyEdit(v2, { ...v2, password: 'third' }, T0 + 20);
    expect(v3.password).toBe('third');
    expect(v3.history).toEqual([
      { value: 'second', changedAt: T0 + 20, field: 'password', reason: 'changed' },
      { value: 'first', changedAt: T0 + 10, field: 'password', reason: 'changed' },
    ]);
    expect(v3.updatedAt).toBe(T0 + 20);
  });

  it('does not grow history or touch updatedAt on a no-op edit', () => {
    const item = login({ password: 'same' });
    const saved = applyEdit(item, { ...item, tags: [...item.tags] }, T0 + 10);
    expect(saved).toBe(item);
    expect(applyEdit(item, { ...item, updatedAt: T0 + 99 }, T0 + 10)).toBe(item);
  });

  it('records nothing when only other fields change, and never an empty old password', () => {
    const item = login({ password: '' });
    const renamed = applyEdit(item, { ...item, name: 'New name' }, T0 + 1);
    expect(renamed.history).toEqual([]);
    expect(renamed.updatedAt).toBe(T0 + 1);
    const withPassword = applyEdit(renamed, { ...renamed, password: 'now set' }, T0 + 2);
    expect(withPassword.history).toEqual([]);
  });

  it('keeps a rotated API key and secret', () => {
    const key = sample('api-key');
    const rotated = applyEdit(key, { ...key, key: 'new-key', secret: 'new-secret' }, T0 + 5);
    expect(rotated.history.map((entry) => [entry.field, entry.value])).toEqual([
      ['key', 'AKIA-SECRET-key'],
      ['secret', 'SECRET-api-secret'],
    ]);
  });

  it(`caps history at ${HISTORY_CAP} entries, dropping the oldest`, () => {
    let item = login({ password: 'p0' });
    for (let i = 1; i <= HISTORY_CAP + 5; i++) item = applyEdit(item, { ...item, password: `p${i}` }, T0 + i);
    expect(item.history).toHaveLength(HISTORY_CAP);
    expect(item.history[0]?.value).toBe(`p${HISTORY_CAP + 4}`);
    expect(item.history.at(-1)?.value).toBe('p5');
  });

  it('refuses to change the id or the type, and refuses invalid values', () => {
    const item = login();
    expect(() => applyEdit(item, { ...item, id: '00000000-0000-4000-8000-ffffffffffff' }, T0)).toThrow(InvalidItemError);
    expect(() => applyEdit(item, { ...item, urls: [{ url: '', match: 'host' }] }, T0)).toThrow(/cannot be saved/);
  });
});
