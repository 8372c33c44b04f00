// The background's passkey decisions over a real vault (fake-indexeddb), with the dialog replaced by
// the test answering as the user would: the rpId and frame rules, excludeCredentials (InvalidStateError
// only after the user saw it), allowCredentials, the assertion verifying against the registered
// public key, and the master-password setting.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlToBytes, bytesToBase64url, concatBytes } from '@keyhold/shared/crypto/bytes';
import type { LoginItem } from '@keyhold/shared/items/item';
import { vaultWorld } from '../helpers/vault-world';
import { createPasskeyService, type CallSite } from '../../src/passkeys/service/passkey-service';
import type { CreateOptions, CreatedCredential, GetOptions, PendingView } from '../../src/passkeys/messages';

const PASSWORD = 'correct horse battery staple 42';
const SITE: CallSite = { origin: 'https://login.bank.example', topOrigin: 'https://login.bank.example', tabId: 3, frameId: 0 };
const TOP_FRAME = { policyAllows: true, userActivation: true };
const CALL = '0b6f3f58-3f0e-4a4e-9a55-7d6c1c2a9e01';
const OTHER_CALL = '0b6f3f58-3f0e-4a4e-9a55-7d6c1c2a9e02';
const MODAL = { callId: CALL, conditional: false };
const challenge = () => bytesToBase64url(crypto.getRandomValues(new Uint8Array(32)));

function createOptions(fields: Partial<CreateOptions> = {}): CreateOptions {
  return {
    rp: { id: 'bank.example', name: 'Bank' },
    user: { id: 'dXNlci0x', name: 'ada@bank.example', displayName: 'Ada' },
    challenge: challenge(),
    algorithms: [-7, -257],
    excludeCredentials: [],
    credProps: false,
    ...fields,
  };
}
const getOptions = (fields: Partial<GetOptions> = {}): GetOptions => ({
  rpId: 'bank.example',
  challenge: challenge(),
  allowCredentials: [],
  ...fields,
});

async function world(options: { askPassword?: boolean } = {}) {
  const { vault, items } = vaultWorld({ now: () => Date.now() });
  await vault.create(PASSWORD);
  const opened: string[] = [];
  const service = createPasskeyService({
    vault,
    items,
    now: () => Date.now(),
    askPassword: async () => options.askPassword ?? false,
    dialog: { open: async (id) => void opened.push(id), close: () => undefined },
  });
  /** Waits for the dialog to be opened for a call, and returns what it shows. */
  async function dialog(): Promise<{ id: string; view: PendingView }> {
    for (let i = 0; i < 100 && opened.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const id = opened.shift();
    if (!id) throw new Error('no dialog');
    return { id, view: await service.view(id) };
  }
  return { vault, items, service, dialog, opened };
}

async function register(w: Awaited<ReturnType<typeof world>>, options = createOptions()): Promise<CreatedCredential> {
  const call = w.service.create(options, SITE, TOP_FRAME, CALL);
  const { id } = await w.dialog();
  await w.service.decide(id, { action: 'save', target: { kind: 'new' } });
  const outcome = await call;
  if (outcome.kind !== 'done') throw new Error(`not created: ${JSON.stringify(outcome)}`);
  return outcome.credential;
}

describe('passkey service', () => {
  it('registers on a new login for the origin, then signs an assertion that verifies with the registered key', async () => {
    const w = await world();
    const created = await register(w);
    const spki = base64urlToBytes(created.publicKey);
    const options = getOptions();
    const call = w.service.get(options, SITE, TOP_FRAME, MODAL);
    const { id, view } = await w.dialog();
    expect(view).toMatchObject({ state: 'get', rpId: 'bank.example', choices: [{ passkeyId: created.id, userName: 'ada@bank.example' }] });
    if (view.state !== 'get') throw new Error('unexpected view');
    await w.service.decide(id, { action: 'use', itemId: view.choices[0]!.itemId, passkeyId: created.id });
    const outcome = await call;
    if (outcome.kind !== 'done') throw new Error('not signed');
    const { authenticatorData, clientDataJSON, signature, userHandle } = outcome.credential;
    expect(userHandle).toBe('dXNlci0x');
    expect(JSON.parse(new TextDecoder().decode(base64urlToBytes(clientDataJSON)))).toMatchObject({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin: 'https://login.bank.example',
      crossOrigin: false,
    });
    const message = concatBytes(base64urlToBytes(authenticatorData), sha256(base64urlToBytes(clientDataJSON)));
    expect(p256.verify(base64urlToBytes(signature), message, spki.slice(-65), { format: 'der' })).toBe(true);
  });

  it('refuses rpIds the origin may not use, insecure origins and undelegated cross-origin frames, without a dialog', async () => {
    const w = await world();
    expect(await w.service.create(createOptions({ rp: { id: 'other.example', name: 'x' } }), SITE, TOP_FRAME, CALL)).toEqual({
      kind: 'error',
      name: 'SecurityError',
    });
    expect(await w.service.get(getOptions({ rpId: 'example' }), SITE, TOP_FRAME, MODAL)).toEqual({ kind: 'error', name: 'SecurityError' });
    expect(
      await w.service.get(getOptions(), { ...SITE, origin: 'http://login.bank.example', topOrigin: 'http://login.bank.example' }, TOP_FRAME, MODAL),
    ).toEqual({
      kind: 'error',
      name: 'SecurityError',
    });
    const framed: CallSite = { ...SITE, frameId: 7, topOrigin: 'https://shop.example' };
    expect(await w.service.get(getOptions(), framed, { policyAllows: false, userActivation: true }, MODAL)).toEqual({
      kind: 'error',
      name: 'NotAllowedError',
    });
    expect(await w.service.create(createOptions(), framed, { policyAllows: true, userActivation: false }, CALL)).toEqual({
      kind: 'error',
      name: 'NotAllowedError',
    });
  });

  it('hands to the browser what Keyhold does not serve: no ES256, a security key, nothing to offer while unlocked', async () => {
    const w = await world();
    expect(await w.service.create(createOptions({ algorithms: [-257, -8] }), SITE, TOP_FRAME, CALL)).toEqual({ kind: 'fallback' });
    expect(await w.service.create(createOptions({ authenticatorAttachment: 'cross-platform' }), SITE, TOP_FRAME, CALL)).toEqual({ kind: 'fallback' });
    expect(await w.service.get(getOptions(), SITE, TOP_FRAME, MODAL)).toEqual({ kind: 'fallback' });
  });

  it('offers only the credentials in allowCredentials', async () => {
    const w = await world();
    const first = await register(w);
    await register(w, createOptions({ user: { id: 'dXNlci0y', name: 'bob@bank.example', displayName: 'Bob' } }));
    const call = w.service.get(getOptions({ allowCredentials: [{ id: first.id }] }), SITE, TOP_FRAME, MODAL);
    const { id, view } = await w.dialog();
    expect(view.state === 'get' && view.choices.map((c) => c.passkeyId)).toEqual([first.id]);
    await w.service.decide(id, { action: 'cancel' });
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
    expect(await w.service.get(getOptions({ allowCredentials: [{ id: 'AAAAAAAAAAAAAAAAAAAAAA' }] }), SITE, TOP_FRAME, MODAL)).toEqual({
      kind: 'fallback',
    });
  });

  it('excludeCredentials: the dialog says so, saving is refused, and the page hears InvalidStateError once the user closes it', async () => {
    const w = await world();
    const first = await register(w);
    const call = w.service.create(createOptions({ excludeCredentials: [{ id: first.id }] }), SITE, TOP_FRAME, CALL);
    const { id, view } = await w.dialog();
    expect(view).toMatchObject({ state: 'create', excluded: true });
    await expect(w.service.decide(id, { action: 'save', target: { kind: 'new' } })).rejects.toThrow(/already has your passkey/);
    await w.service.decide(id, { action: 'cancel' });
    expect(await call).toEqual({ kind: 'error', name: 'InvalidStateError' });
  });

  it('adds a passkey to an existing login of the site, never to another site’s', async () => {
    const w = await world();
    const { newItem } = await import('@keyhold/shared/items/new-item');
    const mine = newItem('login', { name: 'Bank', username: 'ada', urls: [{ url: 'https://bank.example', match: 'default' }] }, Date.now());
    const theirs = newItem('login', { name: 'Other', username: 'ada', urls: [{ url: 'https://other.example', match: 'default' }] }, Date.now());
    await w.items.save(mine);
    await w.items.save(theirs);
    const refused = w.service.create(createOptions(), SITE, TOP_FRAME, CALL);
    const first = await w.dialog();
    expect(first.view.state === 'create' && first.view.logins.map((l) => l.itemId)).toEqual([mine.id]);
    await expect(w.service.decide(first.id, { action: 'save', target: { kind: 'existing', itemId: theirs.id } })).rejects.toThrow(
      /not for this site/,
    );
    await w.service.decide(first.id, { action: 'save', target: { kind: 'existing', itemId: mine.id } });
    expect((await refused).kind).toBe('done');
    expect(((await w.items.get(mine.id)) as LoginItem).passkeys).toHaveLength(1);
    expect(((await w.items.get(theirs.id)) as LoginItem).passkeys).toBeUndefined();
  });

  it('with the master-password setting, a save needs the right password', async () => {
    const w = await world({ askPassword: true });
    const call = w.service.create(createOptions(), SITE, TOP_FRAME, CALL);
    const { id, view } = await w.dialog();
    expect(view).toMatchObject({ state: 'create', askPassword: true });
    await expect(w.service.decide(id, { action: 'save', target: { kind: 'new' } })).rejects.toThrow(/master password/);
    await expect(w.service.decide(id, { action: 'save', target: { kind: 'new' } }, 'wrong password')).rejects.toThrow();
    await w.service.decide(id, { action: 'save', target: { kind: 'new' } }, PASSWORD);
    expect((await call).kind).toBe('done');
  });

  it('while locked, the dialog shows only the unlock step', async () => {
    const w = await world();
    await register(w);
    await w.vault.lock();
    const call = w.service.get(getOptions(), SITE, TOP_FRAME, MODAL);
    const { id, view } = await w.dialog();
    expect(view).toEqual({ state: 'locked', kind: 'get', rpId: 'bank.example', origin: 'https://login.bank.example' });
    w.service.dialogClosed(id);
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
  });
});

describe('a conditional get (passkeys in the inline menu)', () => {
  const CONDITIONAL = { callId: OTHER_CALL, conditional: true };
  const MENU = { origin: SITE.origin, tabId: SITE.tabId, frameId: SITE.frameId };

  it('opens no dialog, offers the passkey only in the menu of the calling frame, and a choice there answers with a verifying assertion', async () => {
    const w = await world();
    const created = await register(w);
    const options = getOptions();
    const call = w.service.get(options, SITE, TOP_FRAME, CONDITIONAL);
    await new Promise((r) => setTimeout(r, 20));
    expect(w.opened).toEqual([]);
    const [choice] = await w.service.menuChoices(MENU);
    expect(choice).toMatchObject({ passkeyId: created.id, userName: 'ada@bank.example' });
    // Another frame, another tab, or another document in that frame (another origin): nothing.
    expect(await w.service.menuChoices({ ...MENU, frameId: 4 })).toEqual([]);
    expect(await w.service.menuChoices({ ...MENU, tabId: 9 })).toEqual([]);
    expect(await w.service.menuChoices({ ...MENU, origin: 'https://evil.example' })).toEqual([]);
    await expect(w.service.chooseInMenu({ ...MENU, origin: 'https://evil.example' }, choice!.itemId, created.id)).rejects.toThrow();
    await w.service.chooseInMenu(MENU, choice!.itemId, created.id);
    const outcome = await call;
    if (outcome.kind !== 'done') throw new Error(`not signed: ${JSON.stringify(outcome)}`);
    const message = concatBytes(base64urlToBytes(outcome.credential.authenticatorData), sha256(base64urlToBytes(outcome.credential.clientDataJSON)));
    expect(
      p256.verify(base64urlToBytes(outcome.credential.signature), message, base64urlToBytes(created.publicKey).slice(-65), { format: 'der' }),
    ).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(base64urlToBytes(outcome.credential.clientDataJSON)))).toMatchObject({ challenge: options.challenge });
    // Answered once: the menu offers nothing more.
    expect(await w.service.menuChoices(MENU)).toEqual([]);
  });

  it('offers nothing while locked (the menu says "Unlock"), and the same passkey once unlocked', async () => {
    const w = await world();
    const created = await register(w);
    await w.vault.lock();
    const call = w.service.get(getOptions(), SITE, TOP_FRAME, CONDITIONAL);
    await new Promise((r) => setTimeout(r, 20));
    expect(w.opened).toEqual([]);
    expect(await w.service.menuChoices(MENU)).toEqual([]);
    await w.vault.unlock(PASSWORD);
    const [choice] = await w.service.menuChoices(MENU);
    expect(choice?.passkeyId).toBe(created.id);
    w.service.frameGone(SITE.tabId, SITE.frameId);
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
  });

  it('ends when the page aborts that call, not when it aborts another', async () => {
    const w = await world();
    const created = await register(w);
    const call = w.service.get(getOptions(), SITE, TOP_FRAME, CONDITIONAL);
    await new Promise((r) => setTimeout(r, 20));
    w.service.aborted(SITE.tabId, CALL);
    const [choice] = await w.service.menuChoices(MENU);
    expect(choice?.passkeyId).toBe(created.id);
    w.service.aborted(SITE.tabId, OTHER_CALL);
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
    expect(await w.service.menuChoices(MENU)).toEqual([]);
    await expect(w.service.chooseInMenu(MENU, choice!.itemId, created.id)).rejects.toThrow(/no longer/);
  });

  it('a passkey the request does not allow is refused, and the call still waits', async () => {
    const w = await world();
    const created = await register(w);
    const call = w.service.get(getOptions({ allowCredentials: [{ id: created.id }] }), SITE, TOP_FRAME, CONDITIONAL);
    await new Promise((r) => setTimeout(r, 20));
    const [choice] = await w.service.menuChoices(MENU);
    await expect(w.service.chooseInMenu(MENU, choice!.itemId, 'AAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(/not offered/);
    expect(await w.service.menuChoices(MENU)).toHaveLength(1);
    w.service.frameGone(SITE.tabId);
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
  });

  it('with the master-password setting, a choice in the menu opens the dialog for that request instead', async () => {
    const w = await world({ askPassword: true });
    const call = w.service.create(createOptions(), SITE, TOP_FRAME, CALL);
    const created = await w.dialog();
    await w.service.decide(created.id, { action: 'save', target: { kind: 'new' } }, PASSWORD);
    const made = await call;
    if (made.kind !== 'done') throw new Error('not created');
    const get = w.service.get(getOptions(), SITE, TOP_FRAME, CONDITIONAL);
    await new Promise((r) => setTimeout(r, 20));
    const [choice] = await w.service.menuChoices(MENU);
    await w.service.chooseInMenu(MENU, choice!.itemId, made.credential.id);
    const { id, view } = await w.dialog();
    expect(view).toMatchObject({ state: 'get', askPassword: true });
    await w.service.decide(id, { action: 'use', itemId: choice!.itemId, passkeyId: made.credential.id }, PASSWORD);
    expect((await get).kind).toBe('done');
  });
});

describe('an aborted call', () => {
  it('ends the request waiting in that tab (its dialog closes) and nothing is saved', async () => {
    const closed: string[] = [];
    const { vault, items } = vaultWorld({ now: () => Date.now() });
    await vault.create(PASSWORD);
    let opened = '';
    const service = createPasskeyService({
      vault,
      items,
      now: () => Date.now(),
      askPassword: async () => false,
      dialog: { open: async (id) => void (opened = id), close: (id) => void closed.push(id) },
    });
    const call = service.create(createOptions(), SITE, TOP_FRAME, CALL);
    await new Promise((r) => setTimeout(r, 10));
    service.aborted(SITE.tabId + 1, CALL);
    service.aborted(SITE.tabId, OTHER_CALL);
    expect(closed).toEqual([]);
    service.aborted(SITE.tabId, CALL);
    expect(await call).toEqual({ kind: 'error', name: 'NotAllowedError' });
    expect(closed).toEqual([opened]);
    await service.decide(opened, { action: 'save', target: { kind: 'new' } });
    expect((await items.list({ filter: { kind: 'all' }, query: '', offset: 0, limit: 10 })).total).toBe(0);
  });
});
