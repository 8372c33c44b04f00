// What the inline menu offers for a field. A locked vault shows no usernames; new-password fields
// get a generated password and no saved login; one-time-code fields get codes only; a cross-origin
// frame or a form that sends elsewhere says so and asks for a confirmation.
import { describe, expect, it } from 'vitest';
import { asksFirst, buildMenuModel, confirmationModel } from '../../../src/autofill/menu/menu-model';
import type { AutofillOffer } from '../../../src/autofill/messages';

const unlocked = (over: Partial<Extract<AutofillOffer, { state: 'unlocked' }>> = {}): AutofillOffer => ({
  state: 'unlocked',
  logins: [
    { id: 'a', name: 'Work', username: 'ada@work.example', hasTotp: true, via: null, savedFor: null },
    { id: 'b', name: 'Personal', username: 'ada', hasTotp: false, via: null, savedFor: null },
  ],
  host: 'login.example.com',
  preferredId: null,
  crossOrigin: null,
  totpItemId: null,
  menuToken: '6f1c1d2e-7a0b-4c3d-9e8f-0a1b2c3d4e5f',
  ...over,
});

describe('buildMenuModel', () => {
  it('lists matching logins with their usernames, the remembered one first', () => {
    const model = buildMenuModel({ offer: unlocked({ preferredId: 'b' }), anchorKind: 'username', actionHost: null });
    expect(model?.entries.map((e) => [e.title, e.detail])).toEqual([
      ['Personal', 'ada'],
      ['Work', 'ada@work.example'],
    ]);
    expect(model?.needsConfirmation).toBe(false);
  });

  it('shows no usernames while the vault is locked, only the way to unlock', () => {
    const model = buildMenuModel({ offer: { state: 'locked' }, anchorKind: 'current-password', actionHost: null });
    expect(model?.entries.map((e) => e.kind)).toEqual(['unlock']);
    expect(JSON.stringify(model)).not.toMatch(/ada/);
  });

  it('offers a generated password, never a saved login, in a new-password field', () => {
    const model = buildMenuModel({ offer: unlocked(), anchorKind: 'new-password', actionHost: null });
    expect(model?.entries.map((e) => e.kind)).toEqual(['generate']);
  });

  it('offers one-time codes, never passwords, in a one-time-code field', () => {
    const model = buildMenuModel({ offer: unlocked(), anchorKind: 'totp', actionHost: null });
    expect(model?.entries.map((e) => [e.kind, e.detail])).toEqual([['totp', 'Work']]);
  });

  it('on a site with no saved login, offers to add one and to search instead of nothing', () => {
    for (const anchorKind of ['username', 'email', 'current-password'] as const) {
      const model = buildMenuModel({ offer: unlocked({ logins: [] }), anchorKind, actionHost: null });
      expect(model?.entries.map((e) => [e.kind, e.title])).toEqual([
        ['add', 'Add a login for this site'],
        ['search', 'Search Keyhold'],
      ]);
      expect(model?.needsConfirmation).toBe(false);
    }
  });

  it('offers nothing where the background says nothing is available (sandboxed frame, no vault)', () => {
    expect(buildMenuModel({ offer: { state: 'unavailable' }, anchorKind: 'username', actionHost: null })).toBeNull();
  });

  it('on a host whose certificate warning may have been bypassed, says so and offers nothing, in every kind of field', () => {
    for (const anchorKind of ['username', 'current-password', 'new-password', 'totp'] as const) {
      const model = buildMenuModel({ offer: { state: 'insecure', host: 'bank.example' }, anchorKind, actionHost: null })!;
      expect(model.entries).toEqual([]);
      expect(model.token).toBeNull();
      expect(model.notice).toContain('bank.example');
      expect(model.notice).toContain('certificate was not valid');
    }
  });

  it('asks before filling a cross-origin frame or a form that sends elsewhere', () => {
    const framed = buildMenuModel({
      offer: unlocked({ crossOrigin: { frameHost: 'login.partner.example', topHost: 'shop.example' } }),
      anchorKind: 'username',
      actionHost: null,
    })!;
    expect(framed.notice).toContain('login.partner.example');
    expect(framed.notice).toContain('shop.example');
    expect(framed.needsConfirmation).toBe(true);
    const posting = buildMenuModel({ offer: unlocked(), anchorKind: 'current-password', actionHost: 'collector.example' })!;
    expect(posting.notice).toContain('collector.example');
    expect(posting.needsConfirmation).toBe(true);
    const entry = posting.entries[0]!;
    if (entry.kind !== 'login') throw new Error('expected a login');
    expect(confirmationModel(posting, entry).entries.map((e) => e.kind)).toEqual(['confirm', 'cancel']);
  });

  it('asks before using a login saved on another subdomain, naming both hosts, for that entry only', () => {
    const model = buildMenuModel({
      offer: unlocked({
        host: 'shop.example.com',
        logins: [
          { id: 'own', name: 'Shop', username: 'ada', hasTotp: false, via: null, savedFor: null },
          { id: 'acc', name: 'Accounts', username: 'ada@example.com', hasTotp: false, via: null, savedFor: 'accounts.example.com' },
        ],
      }),
      anchorKind: 'username',
      actionHost: null,
    })!;
    expect(model.needsConfirmation).toBe(false);
    const [own, sibling] = model.entries;
    expect(own).not.toHaveProperty('note');
    expect(sibling).toMatchObject({ kind: 'login', note: 'saved for accounts.example.com' });
    expect(asksFirst(model, own!)).toBe(false);
    expect(asksFirst(model, sibling!)).toBe(true);
    if (sibling?.kind !== 'login') throw new Error('expected a login');
    const step = confirmationModel(model, sibling);
    expect(step.notice).toBe('Use your accounts.example.com login on shop.example.com?');
    expect(step.entries.map((e) => e.kind)).toEqual(['confirm', 'cancel']);
  });
});

describe('passkeys for a conditional WebAuthn get', () => {
  const passkeys = {
    token: '0c8e6d3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
    choices: [{ itemId: 'a', passkeyId: 'cred-1', userName: 'ada@work.example', itemName: 'Work' }],
  };

  it('come first in a sign-in field’s menu, each with the token of that menu', () => {
    const model = buildMenuModel({ offer: unlocked(), anchorKind: 'username', actionHost: null, passkeys })!;
    expect(model.entries.map((e) => e.kind)).toEqual(['passkey', 'login', 'login']);
    expect(model.entries[0]).toMatchObject({
      itemId: 'a',
      passkeyId: 'cred-1',
      token: passkeys.token,
      title: 'ada@work.example',
      detail: 'Passkey · Work',
    });
    expect(asksFirst(model, model.entries[0]!)).toBe(false);
  });

  it('are not offered in a new-password or one-time-code field, nor with no token (no call waiting)', () => {
    for (const anchorKind of ['new-password', 'totp'] as const)
      expect(buildMenuModel({ offer: unlocked(), anchorKind, actionHost: null, passkeys })!.entries.some((e) => e.kind === 'passkey')).toBe(false);
    const none = buildMenuModel({ offer: unlocked(), anchorKind: 'username', actionHost: null, passkeys: { token: null, choices: [] } })!;
    expect(none.entries.map((e) => e.kind)).toEqual(['login', 'login']);
  });

  it('replace "Add a login" on a site whose only login holds the passkey elsewhere, and never show while locked', () => {
    const empty = buildMenuModel({ offer: unlocked({ logins: [] }), anchorKind: 'username', actionHost: null, passkeys })!;
    expect(empty.entries.map((e) => e.kind)).toEqual(['passkey']);
    expect(empty.empty).toBeNull();
    const locked = buildMenuModel({ offer: { state: 'locked' }, anchorKind: 'username', actionHost: null, passkeys })!;
    expect(locked.entries.map((e) => e.kind)).toEqual(['unlock']);
  });
});
