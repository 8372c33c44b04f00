// The vault and item services against a real IndexedDB implementation (fake-indexeddb) in Node.
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import type { Catalogue } from '../../src/i18n/catalogue';
import { useCatalogue } from '../../src/i18n/messages';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { openConflictsOf } from '@keyhold/shared/sync/merge-conflicts';
import type { SyncDb } from '../../src/sync/sync-db';
import type { SessionStore } from '../../src/vault/session-store';
import type { VaultService } from '../../src/vault/vault-service';
import type { ItemService } from '../../src/vault/item-service';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
let clock = 1_700_000_000_000;
const now = () => clock;

type World = { db: SyncDb; session: SessionStore; vault: VaultService; items: ItemService };

function world(db?: SyncDb, session?: SessionStore): World {
  const w = vaultWorld({ now, ...(db ? { db } : {}), ...(session ? { store: session } : {}) });
  return { db: w.db, session: w.store, vault: w.vault, items: w.items };
}

let w: World;
beforeEach(async () => {
  w = world();
});
afterEach(async () => {
  // An unlock answers before the whole index is loaded: let that finish before the database closes.
  await w.vault.status();
  w.db.close();
});

const login = (fields: Parameters<typeof newItem<'login'>>[1] = {}) =>
  newItem(
    'login',
    { name: 'GitHub', username: 'octo', password: 'hunter2', urls: [{ url: 'https://github.com', match: 'default' }], ...fields },
    clock,
  );

describe('vault lifecycle', () => {
  it('creates an unlocked vault with a recovery key to confirm', async () => {
    expect((await w.vault.status()).state).toBe('none');
    const { recoveryKey } = await w.vault.create(PASSWORD);
    expect(recoveryKey.length).toBeGreaterThan(40);
    expect(await w.vault.status()).toMatchObject({ state: 'unlocked', recoveryConfirmed: false });
    await w.vault.confirmRecovery();
    expect((await w.vault.status()).recoveryConfirmed).toBe(true);
    await expect(w.vault.create(PASSWORD)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });

  it('locks, refuses a wrong password with a growing delay, and unlocks with the right one', async () => {
    await w.vault.create(PASSWORD);
    await w.items.save(login());
    await w.vault.lock();
    await expect(w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'LOCKED' });
    for (let i = 0; i < 3; i++) await expect(w.vault.unlock('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    // Three failures: the next attempt must wait, even with the right password.
    await expect(w.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
    clock += 1_001;
    await expect(w.vault.unlock('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD', retryAfterMs: 2000 });
    await expect(w.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    clock += 2_001;
    await w.vault.unlock(PASSWORD);
    const page = await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.name)).toEqual(['GitHub']);
    expect((await w.vault.status()).retryAfterMs).toBe(0);
  });

  it('survives a service-worker restart through the session store, and a lock clears it', async () => {
    await w.vault.create(PASSWORD);
    await w.items.save(login());
    const restarted = world(w.db, w.session);
    expect((await restarted.vault.status()).state).toBe('unlocked');
    expect((await restarted.items.list({ filter: { kind: 'all' }, query: 'git', offset: 0, limit: 5 })).total).toBe(1);
    await restarted.vault.lock();
    expect((await world(w.db, w.session).vault.status()).state).toBe('locked');
  });

  it('resets a forgotten master password with the recovery key', async () => {
    const { recoveryKey } = await w.vault.create(PASSWORD);
    await w.items.save(login());
    await w.vault.lock();
    await expect(
      w.vault.resetWithRecoveryKey(
        recoveryKey.replace(/[0-9A-Z]$/, (c) => (c === 'A' ? 'B' : 'A')),
        'a brand new passphrase 77',
      ),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await w.vault.resetWithRecoveryKey(recoveryKey.toLowerCase(), 'a brand new passphrase 77');
    expect((await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).total).toBe(1);
    await w.vault.lock();
    await expect(w.vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await w.vault.unlock('a brand new passphrase 77');
  });

  it("says what is wrong with a typed recovery key in the user's language", async () => {
    const { recoveryKey } = await w.vault.create(PASSWORD);
    await w.vault.lock();
    useCatalogue(german as Catalogue);
    try {
      await expect(w.vault.resetWithRecoveryKey(`${recoveryKey.slice(0, -1)}U`, 'a brand new passphrase 77')).rejects.toMatchObject({
        code: 'INVALID',
        message: expect.stringContaining('enthält „U“'),
      });
      await expect(w.vault.resetWithRecoveryKey(recoveryKey.slice(0, -5), 'a brand new passphrase 77')).rejects.toMatchObject({
        message: expect.stringMatching(/hat \d+ Zeichen \(ohne Bindestriche\), dieser hat \d+/),
      });
    } finally {
      useCatalogue(english as Catalogue);
    }
  });

  it('changes the master password and shows or regenerates the recovery key only with it', async () => {
    const { recoveryKey } = await w.vault.create(PASSWORD);
    await w.vault.changePassword(PASSWORD, 'another long passphrase 9');
    await expect(w.vault.viewRecoveryKey(PASSWORD)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await w.vault.viewRecoveryKey('another long passphrase 9')).recoveryKey).toBe(recoveryKey);
    const regenerated = await w.vault.regenerateRecoveryKey('another long passphrase 9');
    expect(regenerated.recoveryKey).not.toBe(recoveryKey);
    await w.vault.lock();
    await expect(w.vault.resetWithRecoveryKey(recoveryKey, 'x long enough passphrase 1')).rejects.toMatchObject({ code: 'INVALID' });
    await w.vault.resetWithRecoveryKey(regenerated.recoveryKey, 'x long enough passphrase 1');
  });

  it('shows or replaces the recovery key only while unlocked, and a lock waits for a replacement in flight', async () => {
    await w.vault.create(PASSWORD);
    const replacing = w.vault.regenerateRecoveryKey(PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 5)); // its password check (the KDF) is running
    const locking = w.vault.lock();
    const { recoveryKey } = await replacing;
    await locking;
    // The replacement finished before the lock completed, so the key it showed is the one stored.
    await w.vault.resetWithRecoveryKey(recoveryKey, 'x long enough passphrase 1');
    await w.vault.lock();
    await expect(w.vault.viewRecoveryKey('x long enough passphrase 1')).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(w.vault.regenerateRecoveryKey('x long enough passphrase 1')).rejects.toMatchObject({ code: 'LOCKED' });
  });
});

describe('credentials', () => {
  // A KDF cost change is a password change to the same password: one re-wrap, one password check.
  it('changes the KDF cost under the same password, and refuses a wrong password or a cost below the floors', async () => {
    await w.vault.create(PASSWORD);
    await w.items.save(login());
    const stronger = { memoryKiB: 19456, iterations: 3, parallelism: 1 };
    await expect(w.vault.setKdf('wrong', stronger)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await w.db.getMeta('unlockFailures')).toMatchObject({ count: 1 });
    await expect(w.vault.setKdf(PASSWORD, { ...stronger, iterations: 1 })).rejects.toMatchObject({ code: 'INVALID' });
    await w.vault.setKdf(PASSWORD, stronger);
    // The right password clears the wrong-password count, as an unlock does.
    expect(await w.db.getMeta('unlockFailures')).toBeUndefined();
    expect(await w.vault.kdfCost()).toEqual(stronger);
    await w.vault.lock();
    await w.vault.unlock(PASSWORD);
    expect((await w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).total).toBe(1);
  });
});

describe('items', () => {
  beforeEach(async () => {
    await w.vault.create(PASSWORD);
  });

  it('keeps every replaced password in the history', async () => {
    const item = login();
    await w.items.save(item);
    clock += 1000;
    await w.items.save({ ...(await w.items.get(item.id)), password: 'second' } as typeof item);
    clock += 1000;
    await w.items.save({ ...(await w.items.get(item.id)), password: 'third' } as typeof item);
    const saved = (await w.items.get(item.id)) as typeof item;
    expect(saved.password).toBe('third');
    expect(saved.history.map((h) => h.value)).toEqual(['second', 'hunter2']);
  });

  it('an edit made from an older version merges onto what sync brought meanwhile instead of overwriting it', async () => {
    const item = login({ notes: 'first notes' });
    await w.items.save(item);
    const base = await w.items.get(item.id);
    // Another device's change arrives while the form is open: new notes and a new username.
    clock += 1000;
    await w.items.save({ ...base, notes: 'notes from the other device', username: 'octo-remote' } as typeof item);
    // The form saves its edit, made from `base`: a new password, and its own username.
    clock += 1000;
    await w.items.save({ ...base, password: 'edited here', username: 'octo-local' } as typeof item, base);
    const saved = (await w.items.get(item.id)) as typeof item;
    expect(saved).toMatchObject({ password: 'edited here', notes: 'notes from the other device', username: 'octo-local' });
    // The value this edit replaced on the same field is kept as a conflict to resolve, not lost.
    expect(openConflictsOf(saved)).toEqual([expect.objectContaining({ field: 'username', local: 'octo-local', remote: 'octo-remote' })]);
    expect(saved.history.map((h) => h.value)).toContain('hunter2');

    // Without a base (or with the current version as base) the edit is saved as it is.
    clock += 1000;
    const current = await w.items.get(item.id);
    await w.items.save({ ...current, notes: 'plain edit' } as typeof item, current);
    expect(((await w.items.get(item.id)) as typeof item).notes).toBe('plain edit');
  });

  it('trashes, restores, bulk-edits and deletes forever', async () => {
    const a = login({ name: 'Alpha' });
    const b = login({ name: 'Beta' });
    await w.items.save(a);
    await w.items.save(b);
    await w.items.trash([a.id]);
    const all = () => w.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    const trash = () => w.items.list({ filter: { kind: 'trash' }, query: '', offset: 0, limit: 10 });
    expect((await all()).rows.map((r) => r.name)).toEqual(['Beta']);
    expect((await trash()).rows.map((r) => r.name)).toEqual(['Alpha']);
    await w.items.restore([a.id]);
    await w.items.update([a.id, b.id], { addTags: ['work'], folder: 'Dev', favorite: true });
    expect((await w.items.list({ filter: { kind: 'tag', tag: 'work' }, query: '', offset: 0, limit: 10 })).total).toBe(2);
    expect((await w.items.list({ filter: { kind: 'favorites' }, query: '', offset: 0, limit: 10 })).total).toBe(2);
    await w.items.deleteForever([a.id]);
    expect((await all()).rows.map((r) => r.name)).toEqual(['Beta']);
    await expect(w.items.get(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a corrupted record as unreadable and keeps the rest of the vault working', async () => {
    const good = login({ name: 'Good' });
    const bad = login({ name: 'Bad' });
    await w.items.save(good);
    await w.items.save(bad);
    const row = (await w.db.items.get(bad.id))!;
    const flipped = row.overview.slice(0, 30) + (row.overview[30] === 'A' ? 'B' : 'A') + row.overview.slice(31);
    await w.db.items.put({ ...row, overview: flipped });
    await w.db.meta.delete('overviewIndex');
    const restarted = world(w.db, w.session);
    const page = await restarted.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 });
    expect(page.rows.map((r) => [r.name, r.unreadable])).toEqual([
      ['Good', false],
      ['This item cannot be read', true],
    ]);
    await expect(restarted.items.get(bad.id)).rejects.toMatchObject({ code: 'UNREADABLE' });
    expect(((await restarted.items.get(good.id)) as typeof good).password).toBe('hunter2');
    await restarted.items.deleteForever([bad.id]);
    expect((await restarted.items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).total).toBe(1);
  });

  it('rejects an invalid item without writing anything', async () => {
    const item = login();
    await expect(w.items.save({ ...item, urls: 'nope' } as unknown as typeof item)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await w.db.items.count()).toBe(0);
  });
});
