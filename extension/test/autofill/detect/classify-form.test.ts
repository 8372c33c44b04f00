// What the detector decides a group of fields is for, and the rules it must keep whatever the words say.
import { describe, expect, it } from 'vitest';
import { formKindsOf, kindsOf } from './page';

describe('form context', () => {
  it.each([
    ['login', '<form><h2>Sign in</h2><input name="user"><input type="password"><button>Sign in</button></form>'],
    [
      'signup',
      '<form><h2>Create account</h2><input type="email"><input type="password"><input type="password" placeholder="Confirm password"><button>Sign up</button></form>',
    ],
    ['change-password', '<form><input type="password"><input type="password"><input type="password"><button>Save</button></form>'],
    ['reset', '<form><h1>Choose a new password</h1><input type="password" placeholder="New password"><button>Save</button></form>'],
    ['reset', '<form><h1>Forgot your password?</h1><input type="email"><button>Send reset link</button></form>'],
    ['2fa', '<form><h2>Two-factor authentication</h2><input inputmode="numeric" maxlength="6"><button>Verify</button></form>'],
    ['2fa', '<div><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>'],
    ['login', '<form><input type="tel" placeholder="Phone number"><input placeholder="SMS code"><button>Log in</button></form>'],
    ['search', '<form role="search"><input name="q"><button>Go</button></form>'],
    ['newsletter', '<form><h3>Newsletter</h3><input type="email"><button>Subscribe</button></form>'],
    ['other', '<form><input name="first" placeholder="First name"><input name="city" placeholder="City"><button>Save</button></form>'],
    [
      'other',
      '<form><h2>Gift card balance</h2><input placeholder="Card number"><input type="password" placeholder="PIN"><button>Check</button></form>',
    ],
  ])('%s: %s', (kind, html) => {
    expect(formKindsOf(html)[0]).toBe(kind);
  });

  it('gives each form of a page its own context (login and signup side by side)', () => {
    const kinds = formKindsOf(
      '<form><h2>Log in</h2><input type="email"><input type="password"><button>Log in</button></form>' +
        '<form><h2>Register</h2><input type="email"><input type="password"><button>Register</button></form>',
    );
    expect(kinds).toEqual(['login', 'login', 'signup', 'signup']);
  });

  it('splits a whole-page form into its independently submitted sections', () => {
    const kinds = formKindsOf(
      '<form><div><input name="q" placeholder="Search"><input type="submit" value="Search"></div>' +
        '<div><input name="u" placeholder="Username"><input type="password"><input type="submit" value="Log in"></div></form>',
    );
    expect(kinds.slice(0, 2)).toEqual(['search', 'search']);
    expect(kinds.slice(2, 4)).toEqual(['login', 'login']);
  });

  it('clusters form-less fields by their smallest shared container', () => {
    const kinds = formKindsOf(
      '<div class="top"><input placeholder="Search"><button>Search</button></div>' +
        '<div class="box"><div><input placeholder="Username"></div><div><input type="password"></div><button>Log in</button></div>',
    );
    expect(kinds).toEqual(['search', 'login', 'login']);
  });
});

describe('field kinds', () => {
  it('classifies a login, a signup with confirmation and a change-password form', () => {
    expect(kindsOf('<form><input name="username"><input type="password"><button>Log in</button></form>')).toEqual(['username', 'current-password']);
    expect(
      kindsOf('<form><h1>Sign up</h1><input type="email"><input type="password"><input type="password"><button>Sign up</button></form>'),
    ).toEqual(['email', 'new-password', 'new-password']);
    expect(kindsOf('<form><input type="password"><input type="password"><input type="password"></form>')).toEqual([
      'current-password',
      'new-password',
      'new-password',
    ]);
  });

  it('leaves select, textarea, checkboxes, hidden and submit inputs null', () => {
    expect(
      kindsOf(
        '<form><input type="hidden" name="password"><select name="user"></select><textarea name="password"></textarea><input type="checkbox" name="remember"><input type="submit" value="Log in"></form>',
      ),
    ).toEqual([null, null, null, null, null]);
  });
});

describe('security rules', () => {
  it('never calls a one-time-code field a password, even when it is type=password on a login form', () => {
    expect(
      kindsOf('<form><input name="user"><input type="password"><input type="password" autocomplete="one-time-code"><button>Log in</button></form>'),
    ).toEqual(['username', 'current-password', 'totp']);
  });

  it('never calls a new-password field the current password, even on a login-looking form', () => {
    expect(
      kindsOf('<form><h2>Log in</h2><input name="user"><input type="password" autocomplete="new-password"><button>Log in</button></form>'),
    ).toEqual(['username', 'new-password']);
  });

  it('trusts autocomplete over names and labels', () => {
    expect(
      kindsOf('<form><input name="password" autocomplete="username"><input type="password" name="user" autocomplete="current-password"></form>'),
    ).toEqual(['username', 'current-password']);
  });

  it('never classifies disabled, read-only, aria-hidden or inert fields (honeypots, parked copies)', () => {
    expect(
      kindsOf(
        '<form><div aria-hidden="true"><input name="username" tabindex="-1"></div><div inert><input type="password"></div>' +
          '<input name="login" disabled><input type="password" readonly><input name="user"><input type="password"></form>',
      ),
    ).toEqual([null, null, null, null, 'username', 'current-password']);
  });

  it('never classifies search boxes, newsletters or coupons as credentials', () => {
    expect(kindsOf('<form role="search"><input name="username" placeholder="Find a user"><button>Search</button></form>')).toEqual([null]);
    expect(kindsOf('<form><h3>Newsletter</h3><input type="email" autocomplete="email"><button>Subscribe</button></form>')).toEqual([null]);
    expect(kindsOf('<form><input name="code" placeholder="Coupon code"><button>Apply</button></form>')).toEqual([null]);
  });

  it('never takes a card security code for a one-time code or a password', () => {
    expect(
      kindsOf(
        '<form><input placeholder="Card number" autocomplete="cc-number"><input placeholder="MM/YY"><input type="password" placeholder="Security code" maxlength="4"><button>Pay</button></form>',
      ),
    ).toEqual([null, null, null]);
  });

  it('never takes a recovery code for a one-time code', () => {
    expect(
      kindsOf('<form><h2>Two-factor authentication</h2><input name="recovery_code" placeholder="Recovery code"><button>Verify</button></form>'),
    ).toEqual([null]);
  });
});
