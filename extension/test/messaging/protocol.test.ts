// The protocol's request schemas, through the broker: every message has a valid example that reaches
// its handler; content scripts (which speak for a hostile page) get only the autofill messages, and a
// malformed, padded or oversized request of theirs is answered INVALID without running the handler.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newItem } from '@keyhold/shared/items/new-item';
import { createBroker } from '../../src/messaging/broker';
import { MESSAGES, type MessageType, type RequestInput } from '../../src/messaging/protocol';
import { MAX_IMPORT_ITEMS, MAX_ITEM_JSON_CHARS } from '../../src/messaging/request-schemas';
import type { SenderInfo } from '../../src/messaging/sender';

const pageSender: SenderInfo = { kind: 'page', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html' };
const contentSender: SenderInfo = { kind: 'content', url: 'https://bank.example/login', origin: 'https://bank.example', tabId: 7, frameId: 0 };

const ID = '3f0c1a52-7a43-4c1e-9d2b-5b8f6e1d2c3a';
const TOKEN = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const SESSION = 'ab'.repeat(32);
const login = newItem(
  'login',
  { name: 'Bank', username: 'ada', password: 'pw', urls: [{ url: 'https://bank.example', match: 'default' }] },
  1_700_000_000_000,
);

/** One valid request per message; the type makes the table complete. */
const VALID: { [T in MessageType]: RequestInput<T> } = {
  'autofill.menu': undefined,
  'vault.status': undefined,
  'vault.create': { password: 'correct horse' },
  'vault.confirmRecovery': undefined,
  'vault.unlock': { password: 'correct horse', limit: 50, tabId: 3 },
  'vault.lock': undefined,
  'vault.resetWithRecoveryKey': { recoveryKey: 'ABCD-EFGH', newPassword: 'new horse' },
  'vault.changePassword': { currentPassword: 'a', newPassword: 'b' },
  'vault.viewRecoveryKey': { password: 'a' },
  'vault.regenerateRecoveryKey': { password: 'a' },
  'vault.exportItems': { password: 'a' },
  'vault.kdf': undefined,
  'vault.calibrateKdf': { memoryKiB: 65536, iterations: 3, parallelism: 4 },
  'vault.setKdf': { password: 'a', memoryKiB: 65536, iterations: 3, parallelism: 4 },
  'rotation.status': undefined,
  'rotation.start': { password: 'a' },
  'rotation.resume': undefined,
  'rotation.cancel': undefined,
  'rotation.dismiss': undefined,
  'settings.get': undefined,
  'settings.set': { autoLock: '5', theme: 'dark' },
  'popup.open': { limit: 50 },
  'items.list': { filter: { kind: 'tag', tag: 'work' }, query: 'ba', offset: 0, limit: 50 },
  'items.get': { id: ID },
  'items.save': { item: login },
  'items.import': { items: [login] },
  'items.trash': { ids: [ID] },
  'items.restore': { ids: [ID] },
  'items.deleteForever': { ids: [ID] },
  'items.update': { ids: [ID], patch: { favorite: true, folder: null, addTags: ['work'] } },
  'items.tagsAndFolders': undefined,
  'items.changePasswordUrl': { url: 'https://example.com/login' },
  'generator.history': undefined,
  'generator.remember': { value: 'generated-1' },
  'generator.clearHistory': undefined,
  'generator.siteRules': { url: 'https://www.activision.com/signup' },
  'clipboard.copied': { value: 'secret' },
  'activity.ping': undefined,
  'autofill.loadEngine': undefined,
  'autofill.query': undefined,
  'autofill.fill': {
    itemId: ID,
    gesture: { kind: 'token', token: TOKEN },
    want: { username: true, password: true, totp: false },
    confirmed: false,
  },
  'autofill.generate': { rules: 'minlength: 12; required: digit' },
  'autofill.submitted': { formKind: 'login', username: 'ada', password: 'typed', newPassword: '' },
  'autofill.savePrompt': { promptId: TOKEN, action: 'save' },
  'autofill.openUnlock': undefined,
  'autofill.openPopup': { start: 'new-login' },
  'autofill.fillFromPopup': { itemId: ID, tabId: 3 },
  'sync.status': undefined,
  'sync.signUp': { serverUrl: 'https://sync.example', email: 'ada@example.org', password: 'a', deviceName: 'Laptop', inviteToken: 'x' },
  'sync.logIn': { serverUrl: 'https://sync.example', email: 'ada@example.org', password: 'a', deviceName: 'Laptop' },
  'sync.logOut': undefined,
  'sync.now': { full: true },
  'sync.devices': undefined,
  'sync.revokeDevice': { sessionId: SESSION },
  'sync.dismissReports': undefined,
  'sync.conflicts': undefined,
  'sync.conflict': { id: ID },
  'sync.resolveConflict': { id: ID, choices: [{ field: 'password', choose: 'local' }] },
  'sync.keepBoth': { id: ID },
  'import.begin': { total: 1200 },
  'import.add': { importId: TOKEN, items: [login] },
  'import.commit': { importId: TOKEN, duplicates: 'update' },
  'import.touch': { importId: TOKEN },
  'import.cancel': { importId: TOKEN },
  'health.status': undefined,
  'health.start': undefined,
  'health.cancel': undefined,
  'health.report': undefined,
  'health.summary': undefined,
  'passkeys.create': {
    options: {
      rp: { id: 'bank.example', name: 'Bank' },
      user: { id: 'dXNlcg', name: 'ada', displayName: 'Ada' },
      challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
      algorithms: [-7, -257],
      excludeCredentials: [{ id: 'AAAAAAAAAAAAAAAAAAAAAA' }],
      userVerification: 'preferred',
      credProps: true,
    },
    frame: { policyAllows: true, userActivation: true },
    callId: TOKEN,
  },
  'passkeys.get': {
    options: { rpId: 'bank.example', challenge: 'Y2hhbGxlbmdl', allowCredentials: [], userVerification: 'required' },
    frame: { policyAllows: true, userActivation: false },
    callId: TOKEN,
    conditional: true,
  },
  'passkeys.abort': { callId: TOKEN },
  'passkeys.menu': undefined,
  'passkeys.chooseInMenu': { token: TOKEN, itemId: ID, passkeyId: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'passkeys.pending': { requestId: TOKEN },
  'passkeys.decide': { requestId: TOKEN, decision: { action: 'save', target: { kind: 'existing', itemId: ID } } },
  'quickUnlock.status': undefined,
  'quickUnlock.enablePin': { password: 'a', pin: '482915' },
  'quickUnlock.disablePin': undefined,
  'quickUnlock.unlockPin': { pin: '482915', limit: 50 },
  'quickUnlock.enablePrf': { password: 'a', credentialId: 'Y3JlZGVudGlhbC1pZC0xMjM0', salt: 'A'.repeat(43), prfOutput: 'B'.repeat(43) },
  'quickUnlock.disablePrf': undefined,
  'quickUnlock.unlockPrf': { prfOutput: 'B'.repeat(43), tabId: 3 },
};

const TYPES = Object.keys(MESSAGES) as MessageType[];
const CONTENT_TYPES = TYPES.filter((type) => (MESSAGES[type].senders as readonly string[]).includes('content'));
const senderFor = (type: MessageType): SenderInfo => (CONTENT_TYPES.includes(type) ? contentSender : pageSender);

/** A broker whose every handler records what it received. */
function recordingBroker() {
  const calls: { type: MessageType; request: unknown }[] = [];
  const broker = createBroker();
  for (const type of TYPES) {
    broker.on(type, (request: unknown) => {
      calls.push({ type, request });
      return undefined as never;
    });
  }
  return { broker, calls };
}

async function expectRefused(type: MessageType, request: unknown): Promise<void> {
  const { broker, calls } = recordingBroker();
  const reply = await broker.dispatch({ type, request }, senderFor(type));
  expect(reply, `${type} ${JSON.stringify(request)?.slice(0, 80)}`).toEqual({
    ok: false,
    error: { code: 'INVALID', message: 'That request is not valid.' },
  });
  expect(calls).toEqual([]);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

describe('the protocol', () => {
  it('lets content scripts send the autofill and passkey messages and nothing else', () => {
    expect(CONTENT_TYPES.sort()).toEqual([
      'autofill.fill',
      'autofill.generate',
      'autofill.loadEngine',
      'autofill.menu',
      'autofill.openPopup',
      'autofill.openUnlock',
      'autofill.query',
      'autofill.savePrompt',
      'autofill.submitted',
      'passkeys.abort',
      'passkeys.chooseInMenu',
      'passkeys.create',
      'passkeys.get',
      'passkeys.menu',
    ]);
    for (const type of TYPES) expect(MESSAGES[type].senders.length, type).toBe(1);
  });

  it.each(TYPES)('passes a valid %s request to its handler', async (type) => {
    const { broker, calls } = recordingBroker();
    const request = VALID[type];
    expect(await broker.dispatch({ type, request }, senderFor(type))).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual([{ type, request }]);
  });

  it.each(TYPES)('refuses extra keys and a wrong shape for %s', async (type) => {
    const request: unknown = VALID[type];
    if (isObject(request)) {
      await expectRefused(type, { ...request, extra: 1 });
      await expectRefused(type, undefined);
    } else {
      // Messages without a request take none: not even an empty object.
      await expectRefused(type, {});
    }
    await expectRefused(type, null);
    await expectRefused(type, 'text');
    await expectRefused(type, [request]);
  });

  it('runs zod without generating code, and every entry point that bundles zod says so first', () => {
    expect(z.config().jitless).toBe(true);
    for (const entry of ['background/index.ts', 'popup/main.tsx', 'vault/main.tsx']) {
      const source = readFileSync(new URL(`../../src/entrypoints/${entry}`, import.meta.url), 'utf8');
      const firstImport = source.split('\n').find((line) => line.startsWith('import '));
      expect(firstImport, entry).toBe("import '../../messaging/zod-jitless';");
    }
  });
});

describe('content-script requests (a hostile page may forge them)', () => {
  const fill = VALID['autofill.fill'];
  const submitted = VALID['autofill.submitted'];

  it.each([
    ['autofill.fill', { ...fill, itemId: 'not-an-id' }],
    ['autofill.fill', { ...fill, itemId: ID.toUpperCase().replace(/-/g, '') }],
    ['autofill.fill', { ...fill, gesture: { kind: 'token', token: 'guessed' } }],
    ['autofill.fill', { ...fill, gesture: { kind: 'token', token: TOKEN, origin: 'https://bank.example' } }],
    ['autofill.fill', { ...fill, gesture: { kind: 'trusted' } }],
    ['autofill.fill', { ...fill, gesture: { kind: 'menu', isTrusted: true } }],
    ['autofill.fill', { ...fill, want: { username: true, password: true, totp: false, notes: true } }],
    ['autofill.fill', { ...fill, want: { username: 'yes', password: true, totp: false } }],
    ['autofill.fill', { ...fill, confirmed: 'true' }],
    ['autofill.fill', { itemId: ID }],
    ['autofill.submitted', { ...submitted, formKind: 'payment' }],
    ['autofill.submitted', { ...submitted, username: 'a'.repeat(1025) }],
    ['autofill.submitted', { ...submitted, password: 'p'.repeat(4097) }],
    ['autofill.submitted', { ...submitted, newPassword: 'p'.repeat(1_000_000) }],
    ['autofill.submitted', { ...submitted, password: 42 }],
    ['autofill.submitted', { formKind: 'login', username: 'ada' }],
    ['autofill.savePrompt', { promptId: TOKEN, action: 'delete' }],
    ['autofill.savePrompt', { promptId: 'x'.repeat(64), action: 'save' }],
    ['autofill.savePrompt', { promptId: TOKEN, action: 'save', itemId: ID }],
    ['autofill.query', { url: 'https://bank.example' }],
    ['autofill.loadEngine', { frameId: 0 }],
    ['autofill.generate', { length: 64 }],
    ['autofill.generate', { rules: 'x'.repeat(1001) }],
    ['autofill.generate', { rules: 42 }],
    ['autofill.openUnlock', { url: 'https://evil.example' }],
    ['autofill.openPopup', { start: 'https://evil.example' }],
    ['autofill.openPopup', { start: 'new-login', url: 'https://evil.example' }],
  ] as [MessageType, unknown][])('refuses %s %j', async (type, request) => {
    await expectRefused(type, request);
  });

  it('never echoes the request in the answer', async () => {
    const { broker } = recordingBroker();
    const reply = await broker.dispatch(
      { type: 'autofill.submitted', request: { ...submitted, 'leaked-key-7f3a': 'leaked-value-9c1e' } },
      contentSender,
    );
    expect(JSON.stringify(reply)).not.toMatch(/leaked/);
  });
});

describe('bounds on page requests', () => {
  it.each([
    ['vault.unlock', { password: 'p'.repeat(4097) }],
    ['vault.unlock', { password: '' }],
    ['vault.unlock', { password: 'a', limit: 501 }],
    ['vault.unlock', { password: 'a', tabId: -1 }],
    ['vault.unlock', { password: 'a', tabId: 1.5 }],
    ['vault.setKdf', { password: 'a', memoryKiB: 65536.5, iterations: 3, parallelism: 4 }],
    ['vault.calibrateKdf', { memoryKiB: 65536, iterations: 0, parallelism: 4 }],
    ['items.trash', { ids: [] }],
    ['items.trash', { ids: Array.from({ length: 10_001 }, () => ID) }],
    ['items.list', { filter: { kind: 'all' }, query: 'q'.repeat(257), offset: 0, limit: 50 }],
    ['items.list', { filter: { kind: 'everything' }, query: '', offset: 0, limit: 50 }],
    ['items.update', { ids: [ID], patch: { addTags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }],
    ['items.update', { ids: [ID], patch: { trashedAt: 0 } }],
    ['generator.remember', { value: 'x'.repeat(1025) }],
    ['clipboard.copied', { value: '' }],
    ['settings.set', { autoLock: 'bogus' }],
    ['settings.set', { clipboardClearSeconds: 601 }],
    ['sync.logIn', { serverUrl: 'https://sync.example', email: 'e'.repeat(255), password: 'a', deviceName: 'Laptop' }],
    ['sync.revokeDevice', { sessionId: 'not-a-session' }],
    ['sync.resolveConflict', { id: ID, choices: [{ field: 'password', choose: 'both' }] }],
    ['vault.exportItems', { password: '' }],
    ['vault.exportItems', { password: 'p'.repeat(4097) }],
    ['import.begin', { total: 0 }],
    ['import.begin', { total: 100_001 }],
    ['import.begin', { total: 2.5 }],
    ['import.add', { importId: 'not-an-id', items: [login] }],
    ['import.add', { importId: TOKEN, items: [] }],
    ['import.add', { importId: TOKEN, items: [{ ...login, password: 42 }] }],
    ['import.commit', { importId: TOKEN, duplicates: 'merge' }],
    ['import.commit', { importId: TOKEN }],
    ['import.touch', { importId: 'x'.repeat(36) }],
    ['import.cancel', { importId: 'x'.repeat(36) }],
  ] as [MessageType, unknown][])('refuses %s %j', async (type, request) => {
    await expectRefused(type, request);
  });

  it('refuses an import of more than 1,000 items, and accepts 1,000', async () => {
    expect(MAX_IMPORT_ITEMS).toBe(1000);
    const items = Array.from({ length: 1000 }, (_, i) => ({ ...login, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    await expectRefused('items.import', { items: [...items, login] });
    const { broker, calls } = recordingBroker();
    expect(await broker.dispatch({ type: 'items.import', request: { items } }, pageSender)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
  });

  it('refuses an import chunk of more than 500 items, and accepts 500', async () => {
    const items = Array.from({ length: 500 }, () => login);
    await expectRefused('import.add', { importId: TOKEN, items: [...items, login] });
    const { broker, calls } = recordingBroker();
    expect(await broker.dispatch({ type: 'import.add', request: { importId: TOKEN, items } }, pageSender)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
  });

  it('answers the decrypted export and the import only to extension pages', async () => {
    const { broker, calls } = recordingBroker();
    for (const type of ['vault.exportItems', 'import.begin', 'import.add', 'import.commit', 'import.touch', 'import.cancel'] as const) {
      expect(await broker.dispatch({ type, request: VALID[type] }, contentSender), type).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(calls).toEqual([]);
  });

  it('checks items with the shared item schemas', async () => {
    await expectRefused('items.save', { item: { id: ID, type: 'login' } });
    await expectRefused('items.save', { item: { ...login, id: 'not-a-uuid' } });
    await expectRefused('items.save', { item: { ...login, password: 42 } });
    // A member the split step reads before any schema runs: refused, not thrown.
    await expectRefused('items.save', { item: { ...login, totp: null } });
    await expectRefused('items.save', { item: { ...login, notes: new Map() } });
    await expectRefused('items.save', { item: { ...login, notes: 'n'.repeat(MAX_ITEM_JSON_CHARS) } });
    await expectRefused('items.save', { item: [login] });
  });

  it('keeps members a newer version wrote, and opaque items of unknown types', async () => {
    const { broker, calls } = recordingBroker();
    const newer = { ...login, attachments: [{ id: 'k1' }] };
    const opaque = { id: ID, type: 'ssh-key', schemaVersion: 3, name: 'Server', publicKey: 'ssh-ed25519 AAAA' };
    expect(await broker.dispatch({ type: 'items.import', request: { items: [newer, opaque] } }, pageSender)).toMatchObject({ ok: true });
    expect(calls[0]?.request).toEqual({ items: [newer, opaque] });
  });
});
