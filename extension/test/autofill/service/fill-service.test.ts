// The background's autofill rules, against a real vault. Each test names the rule it holds; each
// fails if that rule's check is removed from fill-service.ts or check-frame.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FillRequest } from '../../../src/autofill/messages';
import type { LoginItem } from '@keyhold/shared/items/item';
import { content, createWorld, url, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(() => w.close());

const menuFill = (itemId: string, over: Partial<FillRequest> = {}): FillRequest => ({
  itemId,
  gesture: { kind: 'menu', token: '' },
  want: { username: true, password: true, totp: false },
  confirmed: false,
  ...over,
});

describe('offer', () => {
  it('lists the matching logins for the frame, with names and usernames only', async () => {
    const item = await w.login({ name: 'Bank', urls: url('https://bank.example') });
    await w.login({ name: 'Other', urls: url('https://other.example') });
    const offer = await w.fills.offer(content('https://www.bank.example/login'), 'https://www.bank.example/login');
    expect(offer).toEqual({
      state: 'unlocked',
      logins: [{ id: item.id, name: 'Bank', username: 'ada', hasTotp: false, via: null, savedFor: null }],
      host: 'www.bank.example',
      preferredId: null,
      crossOrigin: null,
      totpItemId: null,
      menuToken: null,
    });
    expect(JSON.stringify(offer)).not.toContain('pw-saved');
  });

  it('shows a locked vault as locked, without a single name or username', async () => {
    await w.login({ name: 'Bank', urls: url('https://bank.example') });
    await w.vault.lock();
    const offer = await w.fills.offer(content('https://bank.example/login'), 'https://bank.example/login');
    expect(offer).toEqual({ state: 'locked' });
  });

  it('never serves a sandboxed frame (opaque origin), even when its URL matches', async () => {
    await w.login({ urls: url('https://bank.example') });
    const sandboxed = content('https://bank.example/widget', { frameId: 4, origin: 'null' });
    expect(await w.fills.offer(sandboxed, 'https://bank.example/')).toEqual({ state: 'unavailable' });
  });

  it('offers a cross-origin frame only the logins of its own origin, marked for confirmation', async () => {
    const top = await w.login({ name: 'Shop', urls: url('https://shop.example') });
    const partner = await w.login({ name: 'Partner', urls: url('https://login.partner.example') });
    const frame = content('https://login.partner.example/embed', { frameId: 3 });
    const offer = await w.fills.offer(frame, 'https://shop.example/checkout');
    if (offer.state !== 'unlocked') throw new Error('expected unlocked');
    expect(offer.logins.map((l) => l.id)).toEqual([partner.id]);
    expect(offer.logins.map((l) => l.id)).not.toContain(top.id);
    expect(offer.crossOrigin).toEqual({ frameHost: 'login.partner.example', topHost: 'shop.example' });
  });

  it('never offers an https login on an http page', async () => {
    await w.login({ urls: url('https://bank.example') });
    const offer = await w.fills.offer(content('http://bank.example/login'), 'http://bank.example/login');
    expect(offer).toMatchObject({ state: 'unlocked', logins: [] });
  });

  it.each([
    'https://bank.example.evil.test/login',
    'https://bank-example.evil.test/',
    'https://xn--bnk-7cd.example/login',
    'https://bank.example@evil.test/',
    'data:text/html,<form>',
    'blob:https://bank.example/6f1c',
    'https://evil.test/?next=https://bank.example',
  ])('never offers a login on the look-alike %s', async (lookAlike) => {
    await w.login({ urls: url('https://bank.example') });
    const offer = await w.fills.offer(content(lookAlike), lookAlike);
    if (offer.state === 'unlocked') expect(offer.logins).toEqual([]);
    else expect(offer.state).toBe('unavailable');
  });
});

describe('fill', () => {
  it('sends the username and password of a matching login, only what the page has fields for', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const page = content('https://bank.example/login');
    expect(await w.viaMenu(page, page.url, menuFill(item.id))).toEqual({ username: 'ada', password: 'pw-saved', totp: null, copyTotp: null });
    expect(await w.viaMenu(page, page.url, menuFill(item.id, { want: { username: true, password: false, totp: false } }))).toMatchObject({
      password: null,
    });
  });

  it('refuses a login that does not match the frame asking for it', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const evil = content('https://evil.test/login');
    await expect(w.viaMenu(evil, evil.url, menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an https login on an http page', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const plain = content('http://bank.example/login');
    await expect(w.viaMenu(plain, plain.url, menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a sandboxed frame', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const sandboxed = content('https://bank.example/frame', { frameId: 2, origin: 'null' });
    await expect(w.viaMenu(sandboxed, 'https://bank.example/', menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('offers and fills nothing on a host whose certificate error may have been clicked through, nor in a tab showing one', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const page = content('https://bank.example/login');
    await w.certErrors.record('https://bank.example/login', 'net::ERR_CERT_AUTHORITY_INVALID');
    expect(await w.fills.offer(page, page.url, { forMenu: true })).toEqual({ state: 'insecure', host: 'bank.example' });
    await expect(w.viaMenu(page, page.url, menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A frame of the site inside a tab whose page had the error: the tab's page can cover or rewrite it.
    const frame = content('https://bank.example/embed', { frameId: 2 });
    await w.certErrors.record('https://mitm.example/', 'net::ERR_CERT_COMMON_NAME_INVALID');
    expect((await w.fills.offer(frame, 'https://mitm.example/')).state).toBe('insecure');
  });

  it('fills a cross-origin frame only after the user confirmed it', async () => {
    const item = await w.login({ urls: url('https://login.partner.example') });
    const frame = content('https://login.partner.example/embed', { frameId: 3 });
    await expect(w.viaMenu(frame, 'https://shop.example/', menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await w.viaMenu(frame, 'https://shop.example/', menuFill(item.id, { confirmed: true }))).toMatchObject({
      password: 'pw-saved',
    });
  });

  it('fills a login saved on another subdomain only after the user confirmed it, and then remembers the host', async () => {
    const item = await w.login({ urls: url('https://accounts.example.com') });
    const shop = content('https://shop.example.com/login');
    const offer = await w.fills.offer(shop, 'https://shop.example.com/login');
    if (offer.state !== 'unlocked') throw new Error('expected unlocked');
    expect(offer.logins).toMatchObject([{ id: item.id, savedFor: 'accounts.example.com' }]);
    expect(offer.host).toBe('shop.example.com');
    // An XSS on shop.example.com that drives the menu without the confirmation gets nothing.
    await expect(w.viaMenu(shop, 'https://shop.example.com/', menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await w.viaMenu(shop, 'https://shop.example.com/', menuFill(item.id, { confirmed: true }))).toMatchObject({ password: 'pw-saved' });
    // Remembered on the item (so it syncs): shop.example.com is now one of its websites, and fills without asking.
    expect(((await w.items.get(item.id)) as LoginItem).urls).toEqual([
      { url: 'https://accounts.example.com', match: 'default' },
      { url: 'https://shop.example.com', match: 'host' },
    ]);
    const again = await w.fills.offer(shop, 'https://shop.example.com/login');
    expect(again.state === 'unlocked' && again.logins[0]?.savedFor).toBe(null);
    expect(await w.viaMenu(shop, 'https://shop.example.com/', menuFill(item.id))).toMatchObject({ password: 'pw-saved' });
    // The yes was for shop.example.com only.
    const blog = content('https://blog.example.com/login');
    await expect(w.viaMenu(blog, 'https://blog.example.com/', menuFill(item.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('fills a login saved on the bare domain on any subdomain without asking', async () => {
    const item = await w.login({ urls: url('https://example.com') });
    const shop = content('https://shop.example.com/login');
    expect(await w.viaMenu(shop, 'https://shop.example.com/', menuFill(item.id))).toMatchObject({ password: 'pw-saved' });
    expect(((await w.items.get(item.id)) as LoginItem).urls).toHaveLength(1);
  });

  it('fills a same-origin frame without asking', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const frame = content('https://bank.example/embedded-login', { frameId: 5 });
    expect(await w.viaMenu(frame, 'https://bank.example/', menuFill(item.id))).toMatchObject({ password: 'pw-saved' });
  });

  it('refuses while locked', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    await w.vault.lock();
    const page = content('https://bank.example/login');
    await expect(w.viaMenu(page, page.url, menuFill(item.id))).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it("takes no content script's word for a menu click: a menu fill needs the token issued when that menu opened", async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const other = await w.login({ name: 'Other', urls: url('https://other.example') });
    const frame = content('https://bank.example/login');
    const forged = { ...menuFill(item.id), gesture: { kind: 'menu' as const, token: crypto.randomUUID() } };
    await expect(w.fills.fill(frame, 'https://bank.example/', forged)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const plain = await w.fills.offer(frame, 'https://bank.example/');
    expect(plain.state === 'unlocked' && plain.menuToken).toBe(null);
    const menuOffer = async () => {
      const offer = await w.fills.offer(frame, 'https://bank.example/', { forMenu: true });
      if (offer.state !== 'unlocked' || offer.menuToken === null) throw new Error('expected a menu token');
      return offer.menuToken;
    };
    const withToken = (token: string, itemId = item.id) => ({ ...menuFill(itemId), gesture: { kind: 'menu' as const, token } });
    // Another frame, or a login the menu did not offer, cannot use it (and it is spent).
    await expect(
      w.fills.fill(content('https://bank.example/login', { frameId: 2 }), 'https://bank.example/', withToken(await menuOffer())),
    ).rejects.toThrow();
    await expect(w.fills.fill(frame, 'https://bank.example/', withToken(await menuOffer(), other.id))).rejects.toThrow();
    // One fill per menu opening.
    const token = await menuOffer();
    expect(await w.fills.fill(frame, 'https://bank.example/', withToken(token))).toMatchObject({ password: 'pw-saved' });
    await expect(w.fills.fill(frame, 'https://bank.example/', withToken(token))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A newer menu in the frame retires the older one's token; menu tokens expire.
    const older = await menuOffer();
    await menuOffer();
    await expect(w.fills.fill(frame, 'https://bank.example/', withToken(older))).rejects.toThrow();
    const stale = await menuOffer();
    w.advance(5 * 60_000 + 1);
    await expect(w.fills.fill(frame, 'https://bank.example/', withToken(stale))).rejects.toThrow();
  });

  it('accepts a background-issued token once, for its own tab, frame and item', async () => {
    const item = await w.login({ urls: url('https://bank.example') });
    const other = await w.login({ name: 'Second', urls: url('https://bank.example') });
    const page = content('https://bank.example/login', { tabId: 7, frameId: 0 });
    const withToken = (token: string, itemId = item.id) => menuFill(itemId, { gesture: { kind: 'token', token } });

    const token = w.tokens.issue({ tabId: 7, frameId: 0, itemId: item.id });
    expect(await w.fills.fill(page, page.url, withToken(token))).toMatchObject({ password: 'pw-saved' });
    await expect(w.fills.fill(page, page.url, withToken(token))).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const forFrame = w.tokens.issue({ tabId: 7, frameId: 2, itemId: item.id });
    await expect(w.fills.fill(page, page.url, withToken(forFrame))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const forItem = w.tokens.issue({ tabId: 7, frameId: 0, itemId: item.id });
    await expect(w.fills.fill(page, page.url, withToken(forItem, other.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const late = w.tokens.issue({ tabId: 7, frameId: 0, itemId: item.id });
    w.advance(60_000);
    await expect(w.fills.fill(page, page.url, withToken(late))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(w.fills.fill(page, page.url, withToken('made-up'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('remembers the chosen login for the tab and site, for the next step of a multi-step login', async () => {
    await w.login({ name: 'A', urls: url('https://bank.example') });
    const b = await w.login({ name: 'B', urls: url('https://bank.example') });
    const step1 = content('https://bank.example/identifier');
    await w.viaMenu(step1, step1.url, menuFill(b.id, { want: { username: true, password: false, totp: false } }));
    const step2 = content('https://login.bank.example/password');
    expect(await w.fills.offer(step2, step2.url)).toMatchObject({ preferredId: b.id });
    expect(await w.fills.offer(content('https://bank.example/', { tabId: 2 }), 'https://bank.example/')).toMatchObject({ preferredId: null });
  });
});

describe('one-time codes after a fill', () => {
  const SECRET = 'JBSWY3DPEHPK3PXP';

  it('lets the code follow into the next step once, on the same site, and never a password that way', async () => {
    const item = await w.login({ urls: url('https://bank.example'), totp: SECRET });
    const page = content('https://bank.example/login');
    expect(await w.viaMenu(page, page.url, menuFill(item.id))).toMatchObject({ totp: null, copyTotp: null });

    const twoFactor = content('https://bank.example/2fa');
    expect(await w.fills.offer(twoFactor, twoFactor.url)).toMatchObject({ totpItemId: item.id });
    const followUp = menuFill(item.id, { gesture: { kind: 'totp-follow-up' }, want: { username: false, password: false, totp: true } });
    await expect(
      w.fills.fill(twoFactor, twoFactor.url, { ...followUp, want: { username: false, password: true, totp: true } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const code = (await w.fills.fill(twoFactor, twoFactor.url, followUp)).totp;
    expect(code).toMatch(/^\d{6}$/);
    await expect(w.fills.fill(twoFactor, twoFactor.url, followUp)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives no follow-up code to another site or after a few minutes', async () => {
    const item = await w.login({ urls: [...url('https://bank.example'), ...url('https://other.example')], totp: SECRET });
    const page = content('https://bank.example/login');
    await w.viaMenu(page, page.url, menuFill(item.id));
    const followUp = menuFill(item.id, { gesture: { kind: 'totp-follow-up' }, want: { username: false, password: false, totp: true } });
    const elsewhere = content('https://other.example/2fa');
    await expect(w.fills.fill(elsewhere, elsewhere.url, followUp)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    w.advance(4 * 60_000);
    const twoFactor = content('https://bank.example/2fa');
    await expect(w.fills.fill(twoFactor, twoFactor.url, followUp)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('copies the code instead when the setting says so', async () => {
    w.close();
    w = await createWorld({ settings: { totpAfterFill: 'copy' } });
    const item = await w.login({ urls: url('https://bank.example'), totp: SECRET });
    const page = content('https://bank.example/login');
    const reply = await w.viaMenu(page, page.url, menuFill(item.id, { want: { username: true, password: true, totp: true } }));
    expect(reply.totp).toBeNull();
    expect(reply.copyTotp).toMatch(/^\d{6}$/);
    expect(w.copied).toEqual([reply.copyTotp]);
  });
});
