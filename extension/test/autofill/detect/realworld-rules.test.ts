// Rules the real-world form corpus asked for (docs/adr/0009-detector-real-world.md): recovery
// forms, captions over markup, namespaces in field names, closed dropdowns, CAPTCHAs beside a code.
import { describe, expect, it } from 'vitest';
import type { FieldSignals } from '../../../src/autofill/detect/field-signals';
import { createFieldReader } from '../../../src/autofill/detect/field-signals';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { isLookAlike, isNamedIdentifier, namesUsername } from '../../../src/autofill/detect/predicates';
import { normaliseText } from '../../../src/autofill/detect/normalise-text';
import { planFill } from '../../../src/autofill/fill/plan-fill';
import type { FormControl } from '../../../src/autofill/detect/types';
import { formKindsOf, kindsOf, page } from './page';

function field(overrides: Partial<Omit<FieldSignals, 'control'>>): FieldSignals {
  const base = { type: 'text', autocomplete: null, attributes: '', label: '', placeholder: '', title: '', nearby: '' };
  const merged = { ...base, inputMode: '', maxLength: null, image: '', inert: false, position: 0, ...overrides };
  return {
    ...merged,
    label: normaliseText(merged.label),
    placeholder: normaliseText(merged.placeholder),
    nearby: normaliseText(merged.nearby),
    control: null as unknown as FieldSignals['control'],
  };
}

describe('password-recovery forms', () => {
  it.each([
    ['a button naming a password, nothing else', '<form><input name="email"><button>Send new password</button></form>'],
    ['a heading in Danish', '<form><h2>Glemt din adgangskode?</h2><input name="mail" placeholder="E-mail"><button>Næste</button></form>'],
    ['the action URL', '<form action="/members/forgot-password"><label>Username <input name="u"></label><input type="submit" value="OK"></form>'],
    [
      'a captcha beside the identifier',
      '<form><h1>Password recovery</h1><label>Email <input name="email"></label><label>Captcha <input name="captcha"></label><button>Next</button></form>',
    ],
  ])('is told by %s, and its identifier is the identifier', (_, html) => {
    expect(formKindsOf(html)[0]).toBe('reset');
    expect(['username', 'email']).toContain(kindsOf(html)[0]);
  });

  it('is told by a button that acts on a password even under a "Log in" heading', () => {
    const html =
      '<h2>Log in</h2><form><input name="email" placeholder="Enter your email address or username"><input type="submit" value="Request a new password"></form>';
    expect(formKindsOf(html)[0]).toBe('reset');
  });

  it('but not a newsletter box on a "forgot password" page', () => {
    const html = '<h1>Mot de passe oublié</h1><form class="newsletter"><input type="email" name="email"><button>S\'inscrire</button></form>';
    expect(formKindsOf(html)[0]).toBe('newsletter');
  });

  it('keeps "Forgot password?" on a login step a link, not the form it sits in', () => {
    const html =
      '<div><h1>Sign in to X</h1><input name="text" placeholder="Phone, email, or username"><button>Next</button><button>Forgot password?</button></div>';
    expect(formKindsOf(html)[0]).toBe('login');
  });

  it('is filled with the saved user name only, never a password', () => {
    const document = page('<form><h2>Forgot your password?</h2><input type="email" id="e" name="email"><button>Reset password</button></form>');
    const fields = detectFields(document);
    const anchor = document.getElementById('e') as FormControl;
    const plan = planFill(fields, anchor);
    expect(plan?.form.kind).toBe('reset');
    expect(plan?.username).toBe(anchor);
    expect(plan?.password).toBeNull();
    expect(plan?.newPasswords).toEqual([]);
  });
});

describe('registrations', () => {
  it('without a password (it is mailed): a "register" button and a login to choose', () => {
    const html =
      '<form><label>Login <input name="login"></label><label>Meno <input name="meno"></label><label>E-mail <input name="mail"></label><button>Registrovať</button></form>';
    expect(formKindsOf(html)[0]).toBe('signup');
    expect(kindsOf(html)).toEqual(['username', null, 'email']);
  });

  it('a namespace called "login" in every field name does not make a phone number the user name', () => {
    const html =
      '<form><h2>Create my account</h2><input type="email" name="secureLogin[email]"><input type="password" name="secureLogin[password]"><input name="secureLogin[phone]" placeholder="Telefone"><button>Continue</button></form>';
    expect(kindsOf(html)).toEqual(['email', 'new-password', null]);
  });
});

describe('what the user reads outranks the markup', () => {
  it('a field called user_name captioned "Real name" is a name', () => {
    expect(namesUsername(field({ attributes: 'user name', placeholder: 'Real name' }))).toBe(false);
    expect(isLookAlike(field({ attributes: 'user name', placeholder: 'Real name' }))).toBe(true);
    expect(namesUsername(field({ attributes: 'user name' }))).toBe(true);
  });

  it('but a bare "Name" caption leaves an old login\'s login_username a user name', () => {
    expect(namesUsername(field({ attributes: 'login username', nearby: 'Name:' }))).toBe(true);
  });

  it('"user" before another word is a namespace, not a user name', () => {
    expect(namesUsername(field({ attributes: 'data user firstname' }))).toBe(false);
    expect(namesUsername(field({ attributes: 'userfield field 11' }))).toBe(false);
    expect(namesUsername(field({ attributes: 'user question' }))).toBe(false);
    expect(namesUsername(field({ attributes: 'user id' }))).toBe(true);
    expect(namesUsername(field({ attributes: 'user login' }))).toBe(true);
  });

  it('a password hint, a reminder question or an OpenID is never an identifier', () => {
    expect(isLookAlike(field({ attributes: 'vb login password hint' }))).toBe(true);
    expect(isLookAlike(field({ attributes: 'openid url', nearby: 'OpenID URL' }))).toBe(true);
    expect(isNamedIdentifier(field({ attributes: 'email', placeholder: 'you@website.com' }))).toBe(true);
    expect(isLookAlike(field({ attributes: 'email', label: 'Email', placeholder: 'you@website.com' }))).toBe(false);
  });

  it('a login does not take the text box beside its password for a second user name', () => {
    const html =
      '<form><input name="vb_login_username"><input name="vb_login_password_hint" value="Password"><input type="password" name="vb_login_password"><button>Log in</button></form>';
    expect(kindsOf(html)).toEqual(['username', null, 'current-password']);
  });
});

describe('hidden fields', () => {
  const read = (html: string) => {
    const document = page(html);
    return createFieldReader().read(document.getElementById('f') as FormControl, { container: document.body, position: 0 });
  };

  it('a closed dropdown holding a whole login form is not a honeypot', () => {
    expect(read('<div aria-hidden="true"><form><input id="f" name="email"><input type="password"><button>Login</button></form></div>').inert).toBe(
      false,
    );
  });

  it('an aria-hidden wrapper around one field, or the field itself, still is', () => {
    expect(read('<form><div aria-hidden="true"><input id="f" name="username_hp"></div><button>Sign in</button></form>').inert).toBe(true);
    expect(read('<form><input id="f" aria-hidden="true" name="x"><button>Sign in</button></form>').inert).toBe(true);
  });
});

describe('codes', () => {
  it('a "security code" with a picture beside it is a CAPTCHA on a registration', () => {
    const html =
      '<form><h2>Register</h2><input type="email" name="email"><input type="password" name="pw"><span>Security code</span><span><input name="sc"><img src="/img/code.php"></span><button>Register</button></form>';
    expect(kindsOf(html)).toEqual(['email', 'new-password', null]);
  });
});
