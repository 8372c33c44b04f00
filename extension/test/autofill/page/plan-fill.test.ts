// Which fields a login goes into. The rules a user or attacker would notice: a saved password never
// lands in a new-password or one-time-code field, the username goes with its own password, and a
// field the detector did not classify anchors nothing.
import { describe, expect, it } from 'vitest';
import { canHoldSavedPassword, planFill } from '../../../src/autofill/fill/plan-fill';
import { testPage } from './dom';

const LOGIN = `<form><label>Email <input id="u" type="email" autocomplete="username"></label>
  <label>Password <input id="p" type="password" autocomplete="current-password"></label><button>Sign in</button></form>`;

describe('planFill', () => {
  it("puts the username and the password of the anchor's form together", () => {
    const page = testPage(`<form><input id="search" type="search" name="q"></form>${LOGIN}`);
    const plan = planFill(page.fields, page.field('#p'));
    expect(plan?.username).toBe(page.field('#u'));
    expect(plan?.password).toBe(page.field('#p'));
  });

  it('without an anchor fills the first form that has a password', () => {
    const page = testPage(`<form><input name="newsletter" type="email" placeholder="Your email"><button>Subscribe</button></form>${LOGIN}`);
    const plan = planFill(page.fields, null);
    expect(plan?.password).toBe(page.field('#p'));
  });

  it('never puts a saved password into a new-password field (signup, change password)', () => {
    const page = testPage(`<form><h2>Create your account</h2><input id="u" name="username" autocomplete="username">
      <input id="n" type="password" autocomplete="new-password"><input id="c" type="password" autocomplete="new-password" name="confirm">
      <button>Create account</button></form>`);
    for (const anchor of [page.field('#u'), page.field('#n'), null]) {
      const plan = planFill(page.fields, anchor);
      expect(plan?.password ?? null).toBeNull();
    }
    expect(planFill(page.fields, page.field('#n'))?.newPasswords).toEqual([page.field('#n'), page.field('#c')]);
  });

  it('never puts a saved password into a one-time-code field', () => {
    const page = testPage(`<form><input id="u" autocomplete="username"><input id="p" type="password" autocomplete="current-password">
      <label>Authenticator code <input id="otp" inputmode="numeric" autocomplete="one-time-code"></label><button>Sign in</button></form>`);
    const plan = planFill(page.fields, page.field('#otp'));
    expect(plan?.totp).toBe(page.field('#otp'));
    expect(plan?.password).toBe(page.field('#p'));
    expect(canHoldSavedPassword(page.field('#otp'))).toBe(false);
  });

  it('re-checks the markup even where the classifier says current-password', () => {
    const page = testPage(LOGIN);
    const password = page.field('#p');
    const fields = page.fields.map((f) => (f.element === password ? { ...f, kind: 'current-password' as const } : f));
    password.setAttribute('autocomplete', 'one-time-code');
    expect(planFill(fields, null)?.password ?? null).toBeNull();
    password.setAttribute('autocomplete', 'new-password');
    expect(planFill(fields, null)?.password ?? null).toBeNull();
  });

  it('fills only the username on the first step of a multi-step login', () => {
    const page = testPage(`<form><h1>Sign in</h1><input id="u" type="email" autocomplete="username"><button>Next</button></form>`);
    const plan = planFill(page.fields, page.field('#u'));
    expect(plan?.username).toBe(page.field('#u'));
    expect(plan?.password).toBeNull();
  });

  it('anchors nothing on a field the detector did not classify', () => {
    const page = testPage(`<form role="search"><input id="q" type="search" name="q"><button>Search</button></form>${LOGIN}`);
    expect(planFill(page.fields, page.field('#q'))).toBeNull();
  });
});
