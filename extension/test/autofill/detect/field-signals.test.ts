import { describe, expect, it } from 'vitest';
import { autofillFieldName, createFieldReader } from '../../../src/autofill/detect/field-signals';
import type { FormControl } from '../../../src/autofill/detect/types';
import { page } from './page';

function signalsOf(body: string, selector = '#f') {
  const document = page(body);
  const control = document.querySelector(selector) as FormControl;
  return createFieldReader().read(control, { container: document.body, position: 0 });
}

describe('autofillFieldName (HTML §4.10.18.7)', () => {
  it('takes the last token, skipping section, shipping/billing and webauthn', () => {
    expect(autofillFieldName('username')).toBe('username');
    expect(autofillFieldName('section-login shipping email')).toBe('email');
    expect(autofillFieldName('username webauthn')).toBe('username');
    expect(autofillFieldName('  Current-Password ')).toBe('current-password');
  });

  it('ignores values that are not autofill field names', () => {
    expect(autofillFieldName('off')).toBeNull();
    expect(autofillFieldName('nope')).toBeNull();
    expect(autofillFieldName('')).toBeNull();
    expect(autofillFieldName(null)).toBeNull();
  });
});

describe('createFieldReader().read', () => {
  it('reads <label for>', () => {
    expect(signalsOf('<label for="f">E-Mail</label><input id="f">').label).toBe('e mail');
  });

  it('reads a wrapping label', () => {
    expect(signalsOf('<label>Benutzername <input id="f"></label>').label).toBe('benutzername');
  });

  it('reads the value of button inputs in a label, never what was typed into a field', () => {
    expect(signalsOf('<label>Login <input type="submit" value="now"> <input id="f" value="secret-name"></label>').label).toBe('login now');
  });

  it('reads aria-labelledby (several ids) and aria-label', () => {
    const signals = signalsOf('<span id="a">Your</span><span id="b">password</span><input id="f" aria-labelledby="a b">');
    expect(signals.label).toBe('your password');
    expect(signalsOf('<input id="f" aria-label="Contraseña">').label).toBe('contrasena');
  });

  it('falls back to the nearest text before the field, but not across another field or a heading', () => {
    expect(signalsOf('<div><div>User ID</div><div><input id="f"></div></div>').nearby).toBe('user id');
    expect(signalsOf('<div>Email</div><input id="g"><input id="f">').nearby).toBe('');
    expect(signalsOf('<h2>Sign in</h2><input id="f">').nearby).toBe('');
  });

  it('reads text right after the field (floating captions), but not its buttons or links', () => {
    expect(signalsOf('<div><input id="f"><span>Password</span></div>').nearby).toBe('password');
    expect(signalsOf('<div><input id="f"><a href="#">Forgot password?</a></div>').nearby).toBe('');
  });

  it('splits name and id into words', () => {
    expect(signalsOf('<input id="f" name="loginForm:userName">').attributes).toBe('login form user name f');
  });

  it('marks disabled, read-only and aria-hidden fields inert, but not CSS-hidden ones (visibility is checked at fill time)', () => {
    expect(signalsOf('<input id="f" disabled>').inert).toBe(true);
    expect(signalsOf('<input id="f" readonly>').inert).toBe(true);
    expect(signalsOf('<div aria-hidden="true"><input id="f"></div>').inert).toBe(true);
    expect(signalsOf('<div inert><input id="f"></div>').inert).toBe(true);
    expect(signalsOf('<div style="display:none"><input id="f"></div>').inert).toBe(false);
  });

  it('reads input type as the browser does: unknown types are text', () => {
    expect(signalsOf('<input id="f" type="PASSWORD">').type).toBe('password');
    expect(signalsOf('<input id="f" type="passwd">').type).toBe('text');
    expect(signalsOf('<select id="f"></select>').type).toBe('select');
  });
});
