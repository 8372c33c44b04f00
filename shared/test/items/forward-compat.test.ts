// A newer Keyhold may add members, types and schema versions. An older client must carry all of
// it through read → edit → write unchanged, or syncing devices would silently destroy data.
import { describe, expect, it } from 'vitest';
import { applyEdit } from '../../src/items/apply-edit';
import { isOpaque, type Item, type LoginItem } from '../../src/items/item';
import { joinItem } from '../../src/items/join-item';
import { parseDetails, parseOverview } from '../../src/items/parse-part';
import { SCHEMA_VERSION } from '../../src/items/schema-common';
import type { LoginDetails, LoginOverview } from '../../src/items/types/login';
import { splitItem } from '../../src/items/split-item';
import { sample, storeAndLoad, T0, testId } from './fixtures';

function parts(item: Item) {
  return splitItem(item);
}

function parseBoth(overview: unknown, details: unknown): Item {
  const o = parseOverview(overview);
  const d = parseDetails(details);
  if (!o.ok) throw new Error(o.reason);
  if (!d.ok) throw new Error(d.reason);
  return joinItem(o.overview, d.details);
}

describe('forward compatibility', () => {
  it('members added by a newer version survive parse → edit → serialize in the part they came from', () => {
    const { overview, details } = parts(sample('login')) as { overview: LoginOverview; details: LoginDetails };
    const newerOverview = { ...overview, schemaVersion: SCHEMA_VERSION + 1, iconHint: 'mail', urls: [{ ...overview.urls[0], label: 'Webmail' }] };
    const newerDetails = {
      ...details,
      schemaVersion: SCHEMA_VERSION + 1,
      attachments: [{ id: 'att1', fileName: 'scan.pdf' }],
      customFields: [{ ...details.customFields[0], section: 'Security' }],
      history: [{ value: 'old', changedAt: T0, field: 'password', reason: 'changed', device: 'laptop' }],
    };
    const item = parseBoth(newerOverview, newerDetails) as LoginItem;
    expect(isOpaque(item)).toBe(false);
    expect(item.schemaVersion).toBe(SCHEMA_VERSION + 1);

    const edited = applyEdit(item, { ...item, name: 'Renamed' }, T0 + 1);
    const again = splitItem(edited);
    expect(again.overview).toEqual({ ...newerOverview, name: 'Renamed', updatedAt: T0 + 1 });
    expect(again.details).toEqual(newerDetails);
  });

  it('a parsed part serializes back to what was stored', () => {
    const { overview, details } = parts(sample('card'));
    const storedOverview = { ...overview, artwork: { color: '#123456' } };
    const storedDetails = { ...details, network: { tokenized: true } };
    const o = parseOverview(storedOverview);
    const d = parseDetails(storedDetails);
    expect(o.ok && o.overview).toEqual(storedOverview);
    expect(d.ok && d.details).toEqual(storedDetails);
  });

  it('an unknown type is kept whole as an opaque item, not rejected', () => {
    const id = testId();
    const overview = { id, type: 'passkey', schemaVersion: SCHEMA_VERSION + 1, name: 'GitHub passkey', rpId: 'github.com', tags: [], updatedAt: T0 };
    const details = { id, type: 'passkey', schemaVersion: SCHEMA_VERSION + 1, credentialId: 'abc', privateKey: 'SECRET' };
    const item = parseBoth(overview, details);
    expect(isOpaque(item)).toBe(true);
    expect(item).toMatchObject({ name: 'GitHub passkey', type: 'passkey' });
    const back = splitItem(item);
    expect(back.overview).toEqual(overview);
    expect(back.details).toEqual(details);
  });

  it('a known type reshaped by a newer version becomes opaque instead of unreadable', () => {
    const { overview, details } = parts(sample('login'));
    // Suppose version 2 turns `username` into an object: version 1 cannot read it as a login.
    const newerOverview = { ...overview, schemaVersion: SCHEMA_VERSION + 1, username: { primary: 'alice' } };
    const newerDetails = { ...details, schemaVersion: SCHEMA_VERSION + 1 };
    const item = parseBoth(newerOverview, newerDetails);
    expect(isOpaque(item)).toBe(true);
    expect(splitItem(item)).toEqual({ overview: newerOverview, details: newerDetails });
  });

  it('the same reshaping at our own schema version is corruption, not a newer format', () => {
    const { overview } = parts(sample('login'));
    const result = parseOverview({ ...overview, username: { primary: 'alice' } });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/username/);
  });

  it('stored data cannot forge the in-memory markers', () => {
    const { overview, details } = parts(sample('note'));
    const item = parseBoth({ ...overview, opaque: true, overviewExtra: { x: 1 } }, { ...details, opaque: true });
    expect(isOpaque(item)).toBe(false);
    expect(item.overviewExtra).toBeUndefined();
  });

  it('an opaque item still round-trips through storage', () => {
    const id = testId();
    const item = parseBoth({ id, type: 'wallet', schemaVersion: 7, name: 'Coins' }, { id, type: 'wallet', schemaVersion: 7, seed: 'SECRET words' });
    expect(storeAndLoad(item)).toEqual(item);
  });
});
