// A save or update is offered only for values the user typed or we filled — never for what a page
// script wrote into a field. jsdom cannot make trusted (typed) input events, so "ours" here are
// filled values; the typed path is covered by the e2e save tests in real Chromium.
import { describe, expect, it } from 'vitest';
import { collectLogin } from '../../../src/autofill/save/collect-login';
import { createCredentialValues } from '../../../src/autofill/save/credential-values';
import { testPage } from './dom';

const LOGIN = `<form><input id="u" autocomplete="username"><input id="p" type="password" autocomplete="current-password"><button>Sign in</button></form>`;
const SIGNUP = `<form><h2>Create account</h2><input id="u" autocomplete="username"><input id="n" type="password" autocomplete="new-password">
  <input id="c" type="password" autocomplete="new-password" name="confirm"><button>Sign up</button></form>`;

function setValue(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new field.ownerDocument.defaultView!.Event('input', { bubbles: true }));
}

describe('collectLogin', () => {
  it('reports values we filled', () => {
    const page = testPage(LOGIN);
    const values = createCredentialValues(page.document);
    for (const [selector, value] of [
      ['#u', 'ada'],
      ['#p', 'pw-1'],
    ] as const) {
      setValue(page.field(selector), value);
      values.recordFilled(page.field(selector), value);
    }
    expect(collectLogin(page.fields, values)).toEqual({ formKind: 'login', username: 'ada', password: 'pw-1', newPassword: '' });
  });

  it('ignores values a page script put into the fields, even with an input event', () => {
    const page = testPage(LOGIN);
    const values = createCredentialValues(page.document);
    setValue(page.field('#u'), 'ada');
    setValue(page.field('#p'), 'planted-by-script');
    expect(collectLogin(page.fields, values)).toBeNull();
  });

  it('ignores a value changed by script after we filled it', () => {
    const page = testPage(LOGIN);
    const values = createCredentialValues(page.document);
    values.recordFilled(page.field('#p'), 'pw-1');
    setValue(page.field('#p'), 'pw-2');
    expect(collectLogin(page.fields, values)).toBeNull();
  });

  it('takes the new password of a signup only when the confirmation agrees', () => {
    const page = testPage(SIGNUP);
    const values = createCredentialValues(page.document);
    for (const [selector, value] of [
      ['#u', 'ada'],
      ['#n', 'fresh-1'],
      ['#c', 'fresh-1'],
    ] as const) {
      setValue(page.field(selector), value);
      values.recordFilled(page.field(selector), value);
    }
    expect(collectLogin(page.fields, values)).toMatchObject({ formKind: 'signup', username: 'ada', newPassword: 'fresh-1' });
    values.recordFilled(page.field('#c'), 'fresh-2');
    setValue(page.field('#c'), 'fresh-2');
    expect(collectLogin(page.fields, values)).toBeNull();
  });

  it('offers nothing for a search or newsletter form', () => {
    const page = testPage(`<form role="search"><input id="q" type="search" name="q"><button>Search</button></form>`);
    const values = createCredentialValues(page.document);
    values.recordFilled(page.field('#q'), 'x');
    setValue(page.field('#q'), 'x');
    expect(collectLogin(page.fields, values)).toBeNull();
  });
});
