// Where the icon rests without a focus: the first visible identifier, else the first visible password.
import { describe, expect, it } from 'vitest';
import { pickRestingField } from '../../../src/autofill/engine/rest-icon';
import type { FormControl } from '../../../src/autofill/detect/types';
import { testPage } from './dom';

describe('pickRestingField', () => {
  const page = testPage(
    '<form><input id="code" autocomplete="one-time-code"></form>' +
      '<form><input id="hidden-user" autocomplete="username"><input id="user" autocomplete="username"><input id="pw" type="password" autocomplete="current-password"></form>',
  );
  const all = (_field: FormControl) => true;

  it('prefers the first username or e-mail field to a password field, and never a one-time code field', () => {
    expect(pickRestingField(page.fields, all)?.id).toBe('hidden-user');
  });

  it('skips fields the user cannot see', () => {
    expect(pickRestingField(page.fields, (field) => field.id !== 'hidden-user')?.id).toBe('user');
    expect(pickRestingField(page.fields, (field) => field.id === 'pw')?.id).toBe('pw');
  });

  it('rests nowhere without a visible credential field', () => {
    expect(pickRestingField(page.fields, () => false)).toBeNull();
    expect(pickRestingField(testPage('<input type="search" name="q">').fields, all)).toBeNull();
  });
});
