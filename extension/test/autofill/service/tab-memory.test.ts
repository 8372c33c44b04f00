// What autofill remembers per tab is dropped for every tab when the vault locks: a pending save
// prompt holds the password the user typed, and nothing of an unlocked session outlives its lock.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/autofill/service/key-value-store';
import { createTabMemory, type StoredPrompt } from '../../../src/autofill/service/tab-memory';

const prompt: StoredPrompt = {
  id: 'p1',
  kind: 'save',
  site: 'example.com',
  pageUrl: 'https://example.com/login',
  host: 'example.com',
  username: 'octo',
  password: 'typed-secret',
  itemId: null,
  itemName: null,
  createdAt: 0,
  awaitingNavigation: true,
};

describe('tab memory', () => {
  it('forgets every tab on lock, and keeps what other features store', async () => {
    const store = createMemoryStore();
    await store.set('autofill.recent', { kept: true });
    const memory = createTabMemory(store);
    await memory.update(1, (r) => void (r.prompt = prompt));
    await memory.update(2, (r) => void (r.identifier = { site: 'example.com', username: 'octo', at: 0 }));

    await memory.forgetAll();

    expect(await memory.read(1)).toEqual({});
    expect(await memory.read(2)).toEqual({});
    expect(await store.get('autofill.recent')).toEqual({ kept: true });
  });

  it('an update queued before the lock cannot land after it', async () => {
    const memory = createTabMemory(createMemoryStore());
    const update = memory.update(1, (r) => void (r.prompt = prompt));
    const forgot = memory.forgetAll();
    await Promise.all([update, forgot]);
    expect(await memory.read(1)).toEqual({});
  });
});
