// The MV3 session model (docs/architecture.md, "Runtime model"): the service worker being stopped does not lock; a browser
// restart always locks; auto-lock fires after the chosen inactivity.
import { rmSync } from 'node:fs';
import { test, expect, launchWithExtension, extensionServiceWorker } from '../fixtures/extension.js';
import { createVault, send, sendOk, stopServiceWorker, workerInstanceId, MASTER_PASSWORD } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';

type Status = { state: string };

test('stopping the service worker keeps the vault unlocked', async ({ context, serviceWorker, openPopup }) => {
  const popup = await openPopup();
  await createVault(popup);
  await sendOk(popup, 'items.save', { item: loginItem('GitHub') });
  const before = await workerInstanceId(serviceWorker);

  await stopServiceWorker(context, popup);
  // The next message wakes a fresh worker, which restores the key from storage.session.
  expect((await sendOk<Status>(popup, 'vault.status')).state).toBe('unlocked');
  const page = await sendOk<{ total: number; rows: { name: string }[] }>(popup, 'items.list', {
    filter: { kind: 'all' },
    query: 'github',
    offset: 0,
    limit: 10,
  });
  expect(page.rows.map((r) => r.name)).toEqual(['GitHub']);
  const worker = await extensionServiceWorker(context);
  expect(await workerInstanceId(worker)).not.toBe(before);
});

test('a browser restart locks the vault', async () => {
  const first = await launchWithExtension();
  const worker = await extensionServiceWorker(first.context);
  const id = new URL(worker.url()).host;
  const popup = await first.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await createVault(popup);
  expect((await sendOk<Status>(popup, 'vault.status')).state).toBe('unlocked');
  await first.context.close();

  const second = await launchWithExtension({ profileDir: first.profileDir });
  try {
    await extensionServiceWorker(second.context);
    const again = await second.context.newPage();
    await again.goto(`chrome-extension://${id}/popup.html`);
    expect((await sendOk<Status>(again, 'vault.status')).state).toBe('locked');
    expect((await send(again, 'items.list', { filter: { kind: 'all' }, query: '', offset: 0, limit: 5 })).ok).toBe(false);
    await sendOk(again, 'vault.unlock', { password: MASTER_PASSWORD });
    expect((await sendOk<Status>(again, 'vault.status')).state).toBe('unlocked');
  } finally {
    await second.context.close();
    rmSync(first.profileDir, { recursive: true, force: true });
  }
});

// A minute of waiting: in the wall-clock lane (playwright.config.ts), beside the other tests.
test('auto-lock locks the vault after the chosen minutes without activity', { tag: '@wall-clock' }, async ({ openPopup }) => {
  test.setTimeout(150_000);
  const popup = await openPopup();
  await createVault(popup);
  await sendOk(popup, 'settings.set', { autoLock: '1' });
  // Unlocking again restarts the inactivity timer with the new setting.
  await sendOk(popup, 'vault.lock');
  await sendOk(popup, 'vault.unlock', { password: MASTER_PASSWORD });
  await popup.close();
  const checker = await openPopup();
  await expect.poll(async () => (await sendOk<Status>(checker, 'vault.status')).state, { timeout: 100_000, intervals: [5_000] }).toBe('locked');
});

test('a corrupted record shows as unreadable and the rest of the vault keeps working', async ({ context, openPopup }) => {
  const setup = await openPopup();
  await createVault(setup);
  const good = loginItem('Good site', { password: 'good-pw' });
  const bad = loginItem('Bad site');
  await sendOk(setup, 'items.import', { items: [good, bad] });

  // Damage the stored record as a disk fault or a hostile write would, then make the worker reload.
  await setup.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('keyhold-vault');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    // Item rows are stored packed, a record per bucket of ids (vault/item-buckets.ts).
    const tx = db.transaction(['itemBuckets', 'meta'], 'readwrite');
    const buckets = tx.objectStore('itemBuckets');
    const bucket = await new Promise<{ bucket: string; rows: { id: string; overview: string }[] }>((resolve) => {
      const get = buckets.get(id.slice(0, 2));
      get.onsuccess = () => resolve(get.result as { bucket: string; rows: { id: string; overview: string }[] });
    });
    const row = bucket.rows.find((r) => r.id === id)!;
    row.overview = row.overview.slice(0, 40) + (row.overview[40] === 'A' ? 'B' : 'A') + row.overview.slice(41);
    buckets.put(bucket);
    tx.objectStore('meta').delete('overviewIndex');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, bad.id);
  await stopServiceWorker(context, setup);

  const popup = await openPopup();
  await expect(popup.getByTestId('item-row').filter({ hasText: 'This item cannot be read' })).toHaveCount(1);
  await popup.getByTestId('item-row').filter({ hasText: 'Good site' }).click();
  await expect(popup.getByTestId('item-view')).toContainText('Good site');
  expect((await sendOk<{ item: { password: string } }>(setup, 'items.get', { id: good.id })).item.password).toBe('good-pw');
  expect((await send(setup, 'items.get', { id: bad.id })).ok).toBe(false);
});
