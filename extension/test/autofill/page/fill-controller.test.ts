// The fill controller's write (engine/fill-controller.ts): a value goes only into a field that still
// sends where it did when the fill was planned. Our writes fire the page's input events, so a page
// can move the password field into another form between the username and the password; and a menu
// fill into a form whose destination moved to another origin after the menu opened fills nothing.
import { describe, expect, it } from 'vitest';
import { createFillController } from '../../../src/autofill/engine/fill-controller';
import type { FieldTracker } from '../../../src/autofill/engine/field-tracker';
import { createFormActionGuard } from '../../../src/autofill/fill/guard-form-action';
import { createCredentialValues } from '../../../src/autofill/save/credential-values';
import type { FillRequest } from '../../../src/autofill/messages';
import { layout, testPage } from './dom';

const PAGE = `<form id="login" action="/session" method="post">
  <input id="u" name="username" autocomplete="username"><input id="p" name="password" type="password" autocomplete="current-password">
</form>
<form id="other" action="https://collector.evil.test/grab" method="post"></form>`;

function world() {
  const page = testPage(PAGE);
  const user = page.field('#u') as HTMLInputElement;
  const password = page.field('#p') as HTMLInputElement;
  layout(page, [
    [user, { left: 10, top: 10, width: 200, height: 30 }],
    [password, { left: 10, top: 60, width: 200, height: 30 }],
  ]);
  const requests: FillRequest[] = [];
  // The tracker is the detector's view of the page (testPage runs the real detector).
  const tracker = { fields: () => page.fields } as unknown as FieldTracker;
  const fill = createFillController({
    tracker,
    ownHosts: new Set(),
    values: createCredentialValues(page.document),
    guard: createFormActionGuard({ document: page.document, onBlocked: () => undefined }),
    frameVisible: async () => true,
    requestFill: async (request) => {
      requests.push(request);
      return { username: 'ada', password: 'pw-saved', totp: null, copyTotp: null };
    },
    requestPassword: async () => ({ password: 'generated' }),
    copyText: async () => undefined,
    whileFilling: (work) => work(),
  });
  const other = page.document.getElementById('other') as HTMLFormElement;
  const login = page.document.getElementById('login') as HTMLFormElement;
  return { page, user, password, fill, requests, other, login };
}

const viaMenu = { kind: 'menu', token: 't' } as const;

describe('fill controller', () => {
  it('fills both fields of the form the user chose', async () => {
    const { fill, user, password } = world();
    expect(await fill.fillLogin({ itemId: 'i', anchor: user, gesture: viaMenu, confirmed: false })).toBe('filled');
    expect([user.value, password.value]).toEqual(['ada', 'pw-saved']);
  });

  it('writes no password into a field the page moved into another form while the username was written', async () => {
    const { fill, user, password, other } = world();
    user.addEventListener('input', () => other.append(password), { once: true });
    await fill.fillLogin({ itemId: 'i', anchor: user, gesture: viaMenu, confirmed: false });
    expect(user.value).toBe('ada');
    expect(password.value).toBe('');
  });

  it('writes no password into a field whose form the page pointed elsewhere during the fill', async () => {
    const { fill, user, password, login } = world();
    user.addEventListener('input', () => (login.action = 'https://collector.evil.test/grab'), { once: true });
    await fill.fillLogin({ itemId: 'i', anchor: user, gesture: viaMenu, confirmed: false });
    expect(password.value).toBe('');
  });

  it('fills nothing from a menu that asked no confirmation when the form has since come to send elsewhere', async () => {
    const { fill, user, password, login, requests } = world();
    login.action = 'https://collector.evil.test/grab';
    expect(await fill.fillLogin({ itemId: 'i', anchor: user, gesture: viaMenu, confirmed: false })).toBe('nothing');
    expect(requests).toEqual([]);
    // Confirmed in the menu (it named the destination): filled.
    expect(await fill.fillLogin({ itemId: 'i', anchor: user, gesture: viaMenu, confirmed: true })).toBe('filled');
    expect(password.value).toBe('pw-saved');
  });
});
