// The passkey security rules in real Chromium (issue: passkeys, "Security e2e"), against the real
// test relying party. Host names: the RP is http://bank.localhost:PORT (rpId bank.localhost); "another
// site" is http://evil.localhost:PORT — Chromium resolves every *.localhost name to loopback and treats
// it as a secure context, so it is a distinct site on which WebAuthn is allowed, like a real attacker's
// https site, without certificates.
import { test, expect, type Page } from '@playwright/test';
import type { PasskeyRp } from '../fixtures/passkey-rp.js';
import { openPasskeySite, type PasskeySite } from '../fixtures/passkey-site.js';
import { MASTER_PASSWORD, sendOk } from '../fixtures/protocol.js';
import { loginItem } from '../fixtures/items.js';
import { clickToFinish, dialogOpen, nextDialog, vaultPasskeys, type PasskeyBrowser } from './passkeys-support.js';

type RpPage = { rp: { register(userName?: string, patch?: object): Promise<unknown>; signIn(patch?: object): Promise<unknown> } };

let rp: PasskeyRp;
let browser: PasskeyBrowser;
let passkeySite: PasskeySite | undefined;

test.beforeAll(async () => {
  // The victim's passkey, registered through Keyhold.
  passkeySite = await openPasskeySite({ userName: 'victim@bank.localhost' });
  ({ rp, browser } = passkeySite);
});

test.afterAll(async () => {
  await passkeySite?.close();
});

/** A Keyhold passkey for `rpId` on a new login for `url`, written through the background like an import. */
async function addPasskey(admin: Page, fields: { rpId: string; url: string; userName: string }): Promise<void> {
  const now = Date.now();
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const item = {
    ...loginItem(fields.rpId, { username: fields.userName, urls: [{ url: fields.url, match: 'default' }] }),
    passkeys: [
      {
        id: b64(crypto.getRandomValues(new Uint8Array(16))),
        rpId: fields.rpId,
        rpName: fields.rpId,
        userHandle: b64(crypto.getRandomValues(new Uint8Array(16))),
        userName: fields.userName,
        userDisplayName: fields.userName,
        algorithm: 'ES256',
        privateKey: b64(crypto.getRandomValues(new Uint8Array(32))),
        discoverable: true,
        createdAt: now,
        lastUsedAt: null,
      },
    ],
  };
  await sendOk(admin, 'items.save', { item });
}

/** What a promise settled with, or that it still waits after `ms` (a refusal is at once; a call that got through waits for the user). */
function within<T>(promise: Promise<T>, ms = 10_000): Promise<T | string> {
  return Promise.race([promise, new Promise<string>((resolve) => setTimeout(() => resolve(`still waiting after ${ms} ms`), ms))]);
}

/** Runs a WebAuthn call in the page and answers with the error name, or 'resolved'. */
function outcome(page: Page, call: (rp: RpPage['rp']) => Promise<unknown>): Promise<string> {
  return page.evaluate(`(${call.toString()})(window.rp).then(() => 'resolved', (e) => e.name)`);
}

test("another site asking for the victim's rpId is refused at once, with no dialog", async () => {
  // A passkey for the victim's rpId on a login for the other site (as a careless import could leave
  // it): that site's logins offer it, so only the rpId rule stands between the page and a signature.
  const evilSite = new URL(rp.otherSite('evil'));
  await addPasskey(browser.admin, { rpId: 'bank.localhost', url: evilSite.origin, userName: 'victim@bank.localhost' });
  const evil = await browser.context.newPage();
  await evil.goto(evilSite.href);
  const got = await evil.evaluate(async () => {
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    // A call that is not refused waits for a dialog: it ends after 3 s as TimeoutError, which shows which one got through.
    const signal = () => AbortSignal.timeout(3000);
    const tries: string[] = [];
    for (const rpId of ['bank.localhost', 'localhost']) {
      tries.push(
        await navigator.credentials.get({ signal: signal(), publicKey: { challenge, rpId } }).then(
          () => 'resolved',
          (e: Error) => e.name,
        ),
      );
    }
    const user = { id: new Uint8Array(8), name: 'x', displayName: 'x' };
    tries.push(
      await navigator.credentials
        .create({
          signal: signal(),
          publicKey: { challenge, rp: { id: 'bank.localhost', name: 'Bank' }, user, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
        })
        .then(
          () => 'resolved',
          (e: Error) => e.name,
        ),
    );
    return tries;
  });
  // SecurityError is what WebAuthn Level 3 §5.1.3/§5.1.4 (and Chromium itself) answer for an rpId the origin may not use.
  expect(got).toEqual(['SecurityError', 'SecurityError', 'SecurityError']);
  expect(dialogOpen(browser.context)).toBe(false);
  await evil.close();
});

test('a cross-origin iframe without the permissions policy is refused; with allow="publickey-credentials-get" it may ask', async () => {
  // The frame's own site (widget.localhost) has a Keyhold passkey, so only the frame rule can refuse it.
  const widget = new URL(rp.otherSite('widget'));
  await addPasskey(browser.admin, { rpId: widget.hostname, url: widget.origin, userName: 'ada@widget' });
  const top = await browser.context.newPage();
  await top.goto(rp.url);
  await top.evaluate((src) => {
    for (const [id, allow] of [
      ['plain', ''],
      ['allowed', 'publickey-credentials-get'],
    ]) {
      const frame = document.createElement('iframe');
      frame.id = id!;
      frame.src = `${src}frame`;
      if (allow) frame.allow = allow;
      document.body.append(frame);
    }
  }, widget.href);
  const frameOf = async (id: string) => (await (await top.waitForSelector(`#${id}`)).contentFrame())!;
  const plain = await frameOf('plain');
  const allowed = await frameOf('allowed');
  await plain.waitForFunction(() => 'rp' in window);
  await allowed.waitForFunction(() => 'rp' in window);
  const get = () =>
    navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32) } }).then(
      () => 'resolved',
      (e: Error) => e.name,
    );

  expect(await within(plain.evaluate(get))).toBe('NotAllowedError');
  expect(dialogOpen(browser.context)).toBe(false);

  const shown = nextDialog(browser.context);
  const delegated = allowed.evaluate(get);
  const dialog = await shown;
  await expect(dialog.getByRole('button', { name: /ada@widget/ })).toBeVisible();
  await clickToFinish(dialog, 'Cancel');
  expect(await delegated).toBe('NotAllowedError');
  await top.close();
});

test('nothing is created or signed without a click in Keyhold: closing the dialog refuses the call', async () => {
  const site = await browser.context.newPage();
  await site.goto(rp.url);
  const before = await vaultPasskeys(browser.admin);
  const dialogShown = nextDialog(browser.context);
  const call = outcome(site, (r) => r.register('mallory@bank.localhost'));
  const dialog = await dialogShown;
  await site.waitForTimeout(1500);
  expect(await vaultPasskeys(browser.admin)).toEqual(before);
  await dialog.close();
  expect(await within(call)).toBe('NotAllowedError');
  expect(await vaultPasskeys(browser.admin)).toEqual(before);

  const signInShown = nextDialog(browser.context);
  const signIn = outcome(site, (r) => r.signIn());
  await clickToFinish(await signInShown, 'Cancel');
  expect(await signIn).toBe('NotAllowedError');
  await site.close();
});

test('a call the page aborts ends at once, and its dialog closes without storing anything', async () => {
  const site = await browser.context.newPage();
  await site.goto(rp.url);
  const before = await vaultPasskeys(browser.admin);
  const dialogShown = nextDialog(browser.context);
  const call = site.evaluate(async () => {
    const controller = new AbortController();
    (window as unknown as { abortCall: () => void }).abortCall = () => controller.abort();
    const user = { id: new Uint8Array(8), name: 'abort@bank.localhost', displayName: 'A' };
    return navigator.credentials
      .create({
        signal: controller.signal,
        publicKey: { challenge: new Uint8Array(32), rp: { name: 'Bank' }, user, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
      })
      .then(
        () => 'resolved',
        (e: Error) => e.name,
      );
  });
  const dialog = await dialogShown;
  await Promise.all([
    dialog.waitForEvent('close', { timeout: 10_000 }),
    site.evaluate(() => (window as unknown as { abortCall: () => void }).abortCall()),
  ]);
  expect(await call).toBe('AbortError');
  expect(await vaultPasskeys(browser.admin)).toEqual(before);
  await site.close();
});

test('the bridge ignores messages that imitate it: from another frame, forged answers, malformed requests', async () => {
  const site = await browser.context.newPage();
  await site.goto(rp.url);
  const tag = '__keyholdPasskeyRequest';
  // 1. A same-site child frame posts our request tag into the top window: not the top window's own message.
  await site.evaluate((t) => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>const c = new MessageChannel(); parent.postMessage({ ${t}: 'get', options: { challenge: 'AAAA', allowCredentials: [] } }, '*', [c.port2]);</script>`;
    document.body.append(frame);
  }, tag);
  // 2. Requests posted straight to the window with options outside the schema, each breaking one rule
  // (a challenge that is not base64url; a field the schema does not know): refused by the broker, no dialog.
  for (const options of [
    { challenge: 'not base64url!', allowCredentials: [] },
    { challenge: 'AAAA', allowCredentials: [], extra: 1 },
  ]) {
    const answers = await site.evaluate(
      ({ t, options }) =>
        new Promise<unknown>((resolve) => {
          const c = new MessageChannel();
          const answers: unknown[] = [];
          c.port1.onmessage = (e) => {
            answers.push(e.data);
            if (answers.length === 2) resolve(answers);
          };
          // A request that got through waits for the dialog: what came back after 3 s shows it.
          setTimeout(() => resolve(answers), 3000);
          window.postMessage({ [t]: 'get', options }, '/', [c.port2]);
        }),
      { t: tag, options },
    );
    expect(answers, JSON.stringify(options)).toEqual([{ kind: 'ack' }, { kind: 'fallback' }]);
  }
  await site.waitForTimeout(1000);
  expect(dialogOpen(browser.context)).toBe(false);

  // 3. A forged "done" posted on the window while a real call waits does not answer that call.
  const dialogShown = nextDialog(browser.context);
  const call = outcome(site, (r) => r.signIn());
  const dialog = await dialogShown;
  await site.evaluate(() => window.postMessage({ kind: 'done', credential: { id: 'AAAA' } }, '*'));
  await site.waitForTimeout(500);
  await clickToFinish(dialog, 'Cancel');
  expect(await call).toBe('NotAllowedError');
  await site.close();
});

test('while locked, a page gets only an unlock prompt: no passkey is listed until the master password is entered', async () => {
  await sendOk(browser.admin, 'vault.lock');
  const site = await browser.context.newPage();
  await site.goto(rp.url);
  const dialogShown = nextDialog(browser.context);
  const call = outcome(site, (r) => r.signIn());
  const dialog = await dialogShown;
  await expect(dialog.getByRole('heading', { name: 'Unlock Keyhold to sign in with a passkey' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /victim@bank\.localhost/ })).toHaveCount(0);
  await clickToFinish(dialog, 'Cancel');
  expect(await call).toBe('NotAllowedError');
  expect((await sendOk<{ state: string }>(browser.admin, 'vault.status')).state).toBe('locked');
  await site.close();
});

test('with "ask for the master password" on, a click alone signs nothing: a wrong password is refused, the right one signs in', async () => {
  await sendOk(browser.admin, 'vault.unlock', { password: MASTER_PASSWORD });
  await sendOk(browser.admin, 'settings.set', { passkeyAskPassword: true });
  try {
    const site = await browser.context.newPage();
    await site.goto(rp.url);
    const dialogShown = nextDialog(browser.context);
    const call = outcome(site, (r) => r.signIn());
    const dialog = await dialogShown;
    const choice = dialog.getByRole('button', { name: /victim@bank\.localhost/ });
    await choice.click();
    await expect(dialog.getByRole('alert')).toContainText('Enter your master password');
    await dialog.getByLabel('Master password').fill('not-the-password');
    await choice.click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    expect(dialog.isClosed()).toBe(false);
    await dialog.getByLabel('Master password').fill(MASTER_PASSWORD);
    await clickToFinish(dialog, /victim@bank\.localhost/);
    expect(await call).toBe('resolved');
    await site.close();
  } finally {
    await sendOk(browser.admin, 'settings.set', { passkeyAskPassword: false });
  }
});

test('no Chromium console errors in the pages, the dialog or the service worker', () => {
  expect(browser.consoleErrors).toEqual([]);
});
