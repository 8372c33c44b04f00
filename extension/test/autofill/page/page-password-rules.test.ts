// A new-password field's own `passwordrules` attribute goes to the background with the generate
// request (which picks the rule and generates): the anchor's first, else a target's, and never more
// than the protocol accepts from a page.
import { describe, expect, it } from 'vitest';
import { pagePasswordRules } from '../../../src/autofill/engine/fill-controller';
import { MESSAGES } from '../../../src/messaging/protocol';
import { testPage } from './dom';

describe('pagePasswordRules', () => {
  it("reads the anchor's attribute, else the next field's", () => {
    const page = testPage(`<form><input id="new" type="password" autocomplete="new-password">
      <input id="confirm" type="password" autocomplete="new-password" passwordrules="minlength: 12; required: digit"></form>`);
    expect(pagePasswordRules([page.field('#new'), page.field('#confirm')])).toBe('minlength: 12; required: digit');
    page.field('#new').setAttribute('passwordrules', 'allowed: lower');
    expect(pagePasswordRules([page.field('#new'), page.field('#confirm')])).toBe('allowed: lower');
  });

  it('is null without an attribute or with a blank one', () => {
    const page = testPage(`<input id="new" type="password" passwordrules="  ">`);
    expect(pagePasswordRules([page.field('#new')])).toBeNull();
  });

  it("cuts a hostile page's long text to what the protocol accepts", () => {
    const page = testPage(`<input id="new" type="password">`);
    page.field('#new').setAttribute('passwordrules', `minlength: 9; ${'x'.repeat(100_000)}`);
    const rules = pagePasswordRules([page.field('#new')]);
    expect(MESSAGES['autofill.generate'].request.safeParse({ rules }).success).toBe(true);
    expect(MESSAGES['autofill.generate'].request.safeParse({ rules: 'x'.repeat(1001) }).success).toBe(false);
  });
});
