// vault.exportItems (vault/credentials.ts): the decrypted vault, for an export file, only with the
// master password — checked and throttled as at unlock, refused while locked — and every item whole.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newItem } from '@keyhold/shared/items/new-item';
import { vaultWorld } from '../helpers/vault-world';

const PASSWORD = 'correct horse battery staple 42';
let clock = 1_700_000_000_000;
const now = () => clock;

let w: ReturnType<typeof vaultWorld>;
beforeEach(async () => {
  w = vaultWorld({ now });
  await w.vault.create(PASSWORD);
});
afterEach(async () => {
  await w.vault.status();
  w.db.close();
});

describe('exporting the vault', () => {
  it('returns every item decrypted, trashed ones included, with the right master password', async () => {
    const login = newItem('login', { name: 'Bank', username: 'ada', password: 'pw', totp: 'JBSWY3DPEHPK3PXP' }, clock);
    const trashed = newItem('note', { name: 'Old', text: 'secret text', trashedAt: clock }, clock);
    await w.items.save(login);
    await w.items.save(trashed);
    const { items, unreadable } = await w.vault.exportItems(PASSWORD);
    expect(unreadable).toBe(0);
    expect(items.map((i) => i.name).sort()).toEqual(['Bank', 'Old']);
    expect(items.find((i) => i.id === login.id)).toMatchObject({ password: 'pw', totp: 'JBSWY3DPEHPK3PXP' });
  });

  it('refuses a wrong password, and counts it like a wrong unlock (the delay applies)', async () => {
    for (let i = 0; i < 3; i++) await expect(w.vault.exportItems('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(w.vault.exportItems(PASSWORD)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    clock += 60_000;
    await expect(w.vault.exportItems(PASSWORD)).resolves.toMatchObject({ items: [] });
  });

  it('is refused while locked, even with the right password', async () => {
    await w.vault.lock();
    await expect(w.vault.exportItems(PASSWORD)).rejects.toMatchObject({ code: 'LOCKED' });
  });
});
