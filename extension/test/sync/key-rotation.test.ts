// A vault-key rotation against the REAL sync server process (ADR 0021): every item re-encrypted and
// pushed in the server's batches, the new header published through the password-change path, and a
// new device logging in with the same master password opens every item under the new key and none
// under the old one. The other device is signed out, told that the password changed elsewhere, and
// adopts the new key at its next unlock with the same password (its local vault re-encrypted).
// The item count is ROTATION_ITEMS (10,000 by default; CI may lower it).
import { describe, expect, it } from 'vitest';
import { stampEpoch } from '@keyhold/shared/crypto/header-stamp';
import { newItem } from '@keyhold/shared/items/new-item';
import { openItemRow } from '../../src/vault/item-codec';
import { signUp } from '../../src/sync/sign-up';
import type { RealServer } from './helpers/real-server';
import { useRealServer } from './helpers/use-real-server';
import { createDevice, logInWith, PASSWORD, type Clock, type Device } from './helpers/device';

const ITEMS = Number(process.env.ROTATION_ITEMS ?? 10_000);
let server!: RealServer;
useRealServer((started) => (server = started));

const clock: Clock = { now: 1_750_000_000_000 };
const copyKey = (d: Device) => d.vault.borrow((u) => u.vaultKey.slice());

async function finished(d: Device): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    await d.rotation.settled();
    const s = await d.rotation.status();
    if (s.phase === 'committed') return;
    if (s.phase === 'failed-resumable') throw new Error(`rotation stopped: ${s.message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('rotation did not finish');
}

describe('rotating the vault key with a real sync server', () => {
  it(`re-encrypts and pushes ${ITEMS} items; a new device opens them all under the new key only; the other device is signed out and adopts the new key`, async () => {
    const email = 'rotate@example.org';
    const a = createDevice({ clock, name: 'A' });
    await a.vault.create(PASSWORD);
    await a.items.importMany(
      Array.from({ length: ITEMS }, (_, i) =>
        newItem(
          'login',
          { name: `Site ${i}`, username: `user${i}`, password: `pw-${i}`, urls: [{ url: `https://site${i}.example`, match: 'default' }] },
          clock.now,
        ),
      ),
    );
    expect(
      await signUp(a.account, { serverUrl: server.url, email, password: PASSWORD, deviceName: 'A', inviteToken: server.invite() }),
    ).toMatchObject({
      ok: true,
    });
    const b = createDevice({ clock, name: 'B' });
    expect(await logInWith(b, server.url, { email })).toMatchObject({ ok: true });
    const oldKey = await copyKey(a);
    const epochBefore = stampEpoch((await a.db.getMeta('header'))!.stamp);

    await a.rotation.start(PASSWORD);
    await finished(a);
    expect(await a.db.outbox.count()).toBe(0);
    const newKey = await copyKey(a);
    expect(stampEpoch((await a.db.getMeta('header'))!.stamp)).toBe(epochBefore + 1);

    // A new device, the same password: it logs in through the new header and reads everything.
    const c = createDevice({ clock, name: 'C' });
    expect(await logInWith(c, server.url, { email })).toMatchObject({ ok: true });
    expect(await copyKey(c)).toEqual(newKey);
    const rows = await c.db.items.toArray();
    expect(rows).toHaveLength(ITEMS);
    const accountId = (await c.db.getMeta('header'))!.accountId;
    expect(rows.filter((row) => openItemRow(row, { accountId, vaultKey: newKey }).ok)).toHaveLength(ITEMS);
    expect(rows.filter((row) => openItemRow(row, { accountId, vaultKey: oldKey }).ok)).toHaveLength(0);
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, held: 0 });

    // B is signed out at its next sync and told why; it no longer writes anything under the old key.
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, reason: 'signed-out', message: expect.stringMatching(/changed on another device/) });
    expect((await b.vault.status()).state).toBe('locked');
    // B was offline for the whole rotation: the same password unlocks it through the new header; its
    // local vault is re-encrypted under the adopted key with it, and it syncs on.
    await b.vault.unlock(PASSWORD);
    expect(await copyKey(b)).toEqual(newKey);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, held: 0 });
    const onB = await b.db.items.toArray();
    expect(onB).toHaveLength(ITEMS);
    expect(onB.filter((row) => openItemRow(row, { accountId, vaultKey: newKey }).ok)).toHaveLength(ITEMS);
    expect(onB.filter((row) => openItemRow(row, { accountId, vaultKey: oldKey }).ok)).toHaveLength(0);
    // And edits flow both ways again.
    const first = onB.find((row) => openItemRow(row, { accountId, vaultKey: newKey }).ok)!;
    const item = await b.items.get(first.id);
    await b.items.save({ ...item, name: 'edited on B after the rotation' } as typeof item);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, held: 0 });
    expect((await a.items.get(first.id)).name).toBe('edited on B after the rotation');
  }, 600_000);
});
