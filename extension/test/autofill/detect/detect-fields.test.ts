import { describe, expect, it } from 'vitest';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { page } from './page';

const TWO_FORMS =
  '<form id="one"><input name="user"><input type="password"><button>Log in</button></form>' +
  '<form id="two"><h2>Sign up</h2><input type="email"><input type="password"><button>Sign up</button></form>';

describe('detectFields', () => {
  it('returns every field with its kind and one shared context object per form', () => {
    const fields = detectFields(page(TWO_FORMS));
    expect(fields.map((field) => field.kind)).toEqual(['username', 'current-password', 'email', 'new-password']);
    expect(fields[0]!.form).toBe(fields[1]!.form);
    expect(fields[2]!.form).not.toBe(fields[0]!.form);
    expect(fields[0]!.form.element?.id).toBe('one');
    expect(fields[2]!.form).toMatchObject({ kind: 'signup' });
  });

  it('stops at the time budget, returning the forms it finished, and runs to the end without one', () => {
    let clock = 0;
    const now = () => (clock += 10);
    const document = page(TWO_FORMS);
    expect(detectFields(document, { budgetMs: 5, now }).map((field) => field.element.closest('form')!.id)).toEqual(['one', 'one']);
    expect(detectFields(document, { now })).toHaveLength(4);
    expect(detectFields(document, { budgetMs: 1_000, now })).toHaveLength(4);
  });
});
