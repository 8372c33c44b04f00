// Passkeys on a login item: they survive the store round trip in the details (never in the overview),
// and the three-way merge keeps both devices' new passkeys, honours a deletion, and takes the later
// last use without calling it a conflict.
import { describe, expect, it } from 'vitest';
import type { LoginItem } from '../../src/items/item';
import { splitItem } from '../../src/items/split-item';
import { mergeItem } from '../../src/sync/merge';
import type { Passkey } from '../../src/items/types/passkey';
import { login, storeAndLoad, T0 } from '../items/fixtures';

function passkey(id: string, fields: Partial<Passkey> = {}): Passkey {
  return {
    id,
    rpId: 'example.com',
    rpName: 'Example',
    userHandle: 'dXNlci0x',
    userName: 'octo@example.com',
    userDisplayName: 'Octo',
    algorithm: 'ES256',
    privateKey: 'c2VjcmV0LWtleS1ieXRlcy0wMDAwMDAwMDAwMDAwMDA',
    discoverable: true,
    createdAt: T0,
    lastUsedAt: null,
    ...fields,
  };
}

const withPasskeys = (item: LoginItem, passkeys: Passkey[], updatedAt: number): LoginItem => ({ ...item, passkeys, updatedAt });

describe('passkeys on a login', () => {
  it('are kept in the details through a store round trip, and never in the overview', () => {
    const item = withPasskeys(login({ username: 'octo' }), [passkey('AAAAAAAAAAAAAAAAAAAAAA')], T0);
    expect((storeAndLoad(item) as LoginItem).passkeys).toEqual(item.passkeys);
    const { overview, details } = splitItem(item);
    expect(JSON.stringify(overview)).not.toContain('privateKey');
    expect(JSON.stringify(details)).toContain('privateKey');
  });

  it('merge: a passkey added on each device, one deleted on a third path, last use taken as the later', () => {
    const base = withPasskeys(login(), [passkey('a', { lastUsedAt: T0 }), passkey('gone')], T0);
    const local = withPasskeys(base, [passkey('a', { lastUsedAt: T0 + 10 }), passkey('gone'), passkey('local-new')], T0 + 10);
    const remote = withPasskeys(base, [passkey('a', { lastUsedAt: T0 + 20 }), passkey('remote-new')], T0 + 20);
    const result = mergeItem({ base, local, remote, now: T0 + 30 });
    expect(result.status).toBe('clean');
    const merged = result.merged as LoginItem;
    expect(merged.passkeys?.map((p) => p.id).sort()).toEqual(['a', 'local-new', 'remote-new']);
    expect(merged.passkeys?.find((p) => p.id === 'a')?.lastUsedAt).toBe(T0 + 20);
  });
});
