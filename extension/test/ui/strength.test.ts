// The one check every new master password passes (create, change, reset): strong enough first, then
// typed the same twice, each refusal naming the field it belongs to.
import { describe, expect, it } from 'vitest';
import { checkNewMasterPassword } from '../../src/ui/lib/strength';

const STRONG = 'vq8 Tz!mRw lake 93 orbit Kp';

describe('checkNewMasterPassword', () => {
  it('accepts a strong password typed twice', async () => {
    expect(await checkNewMasterPassword(STRONG, STRONG)).toEqual({ ok: true });
  });

  it('refuses a weak password on the password field, before looking at the confirmation', async () => {
    expect(await checkNewMasterPassword('password', 'different')).toMatchObject({ ok: false, field: 'password' });
  });

  it('refuses a confirmation that differs on the confirmation field', async () => {
    expect(await checkNewMasterPassword(STRONG, `${STRONG}x`)).toEqual({
      ok: false,
      field: 'confirm',
      reason: 'The two passwords are not the same.',
    });
  });
});
