// TOTP: RFC 6238 Appendix B test vectors through our parser and code function, and the inputs a
// user may paste by mistake.
import { describe, expect, it } from 'vitest';
import { parseTotp } from '../../src/totp/parse-totp';
import type { TotpConfig } from '../../src/totp/parse-totp';
import { totpCode } from '../../src/totp/totp-code';

/** RFC 4648 base32 without padding, written out here so the vectors do not depend on the library under test. */
function base32(ascii: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...ascii].map((char) => char.charCodeAt(0).toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's output size.
const SEEDS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;

const VECTORS: Array<[seconds: number, sha1: string, sha256: string, sha512: string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 Appendix B', () => {
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    const uri = `otpauth://totp/RFC6238:test?secret=${base32(SEEDS[algorithm])}&algorithm=${algorithm}&digits=8&period=30`;
    it.each(VECTORS)(`${algorithm} at T = %i s`, (seconds, sha1, sha256, sha512) => {
      const parsed = parseTotp(uri);
      if (!parsed.ok) throw new Error(parsed.message);
      const expected = { SHA1: sha1, SHA256: sha256, SHA512: sha512 }[algorithm];
      expect(totpCode(parsed.config, seconds * 1000).code).toBe(expected);
    });
  }
});

describe('totpCode', () => {
  const config: TotpConfig = { secret: base32(SEEDS.SHA1), algorithm: 'SHA1', digits: 6, period: 30, issuer: '', label: '' };

  it('counts down the seconds left in the current period', () => {
    expect(totpCode(config, 60_000).remainingSeconds).toBe(30);
    expect(totpCode(config, 60_999).remainingSeconds).toBe(30);
    expect(totpCode(config, 89_000).remainingSeconds).toBe(1);
    expect(totpCode(config, 89_999).remainingSeconds).toBe(1);
    expect(totpCode({ ...config, period: 60 }, 61_000).remainingSeconds).toBe(59);
  });

  it('keeps one code for the whole period and changes it at the boundary', () => {
    expect(totpCode(config, 60_000).code).toBe(totpCode(config, 89_999).code);
    expect(totpCode(config, 90_000).code).not.toBe(totpCode(config, 89_999).code);
  });

  it('pads codes with leading zeros to the configured length', () => {
    // RFC 6238 vector at T = 1111111109 s is 07081804 in 8 digits; its last 6 digits are 081804.
    expect(totpCode(config, 1111111109_000).code).toBe('081804');
  });

  it('refuses impossible times', () => {
    expect(() => totpCode(config, Number.NaN)).toThrow(RangeError);
    expect(() => totpCode(config, -1)).toThrow(RangeError);
  });
});

describe('parseTotp', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('reads a full otpauth URI', () => {
    const result = parseTotp(`otpauth://totp/ACME%20Co:john.doe@example.com?secret=${secret}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`);
    expect(result).toEqual({
      ok: true,
      config: { secret, algorithm: 'SHA256', digits: 8, period: 60, issuer: 'ACME Co', label: 'john.doe@example.com' },
    });
  });

  it('fills in the defaults: SHA1, 6 digits, 30 seconds', () => {
    expect(parseTotp(`otpauth://totp/alice?secret=${secret}`)).toEqual({
      ok: true,
      config: { secret, algorithm: 'SHA1', digits: 6, period: 30, issuer: '', label: 'alice' },
    });
  });

  it('takes the issuer from the label when the parameter is missing, and the parameter when both exist', () => {
    expect(parseTotp(`otpauth://totp/Example:%20alice?secret=${secret}`)).toMatchObject({ ok: true, config: { issuer: 'Example', label: 'alice' } });
    expect(parseTotp(`otpauth://totp/Old:alice?secret=${secret}&issuer=New`)).toMatchObject({ ok: true, config: { issuer: 'New', label: 'alice' } });
  });

  it('accepts upper-case scheme and type, lower-case secrets and padding', () => {
    expect(parseTotp(`OTPAUTH://TOTP/x?secret=${secret.toLowerCase()}====`)).toMatchObject({ ok: true, config: { secret } });
  });

  it('reads a bare secret with spaces, as many sites display it', () => {
    expect(parseTotp(' jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp\n')).toEqual({
      ok: true,
      config: { secret, algorithm: 'SHA1', digits: 6, period: 30, issuer: '', label: '' },
    });
  });

  it('accepts the common 80-bit (16-character) secrets', () => {
    expect(parseTotp('JBSWY3DPEHPK3PXP')).toMatchObject({ ok: true, config: { secret: 'JBSWY3DPEHPK3PXP' } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['JBSWY3DPEHPK3PX0', 'invalid-secret'],
    ['JBSWY3DP-EHPK3PXP', 'invalid-secret'],
    ['JBSWY3DPEHPK3PXPA', 'invalid-secret'],
    ['JBSWY3DPEHPK', 'secret-too-short'],
    ['123456', 'invalid-secret'],
    ['https://example.com/2fa', 'unsupported-format'],
    ['otpauth-migration://offline?data=CjEKCkhlbGxv', 'unsupported-format'],
    [`otpauth://hotp/x?secret=${secret}&counter=1`, 'not-totp'],
    [`otpauth://totq/x?secret=${secret}`, 'invalid-uri'],
    [`otpauth://totp/%E0%A4%A?secret=${secret}`, 'invalid-uri'],
    ['otpauth://totp/x?issuer=ACME', 'invalid-secret'],
    ['otpauth://totp/x?secret=', 'empty'],
    ['otpauth://totp/x?secret=not*base32', 'invalid-secret'],
    [`otpauth://totp/x?secret=${secret}&algorithm=MD5`, 'unsupported-algorithm'],
    [`otpauth://totp/x?secret=${secret}&algorithm=SHA3-256`, 'unsupported-algorithm'],
    [`otpauth://totp/x?secret=${secret}&digits=4`, 'invalid-digits'],
    [`otpauth://totp/x?secret=${secret}&digits=9`, 'invalid-digits'],
    [`otpauth://totp/x?secret=${secret}&digits=six`, 'invalid-digits'],
    [`otpauth://totp/x?secret=${secret}&period=0`, 'invalid-period'],
    [`otpauth://totp/x?secret=${secret}&period=-30`, 'invalid-period'],
    [`otpauth://totp/x?secret=${secret}&period=86400`, 'invalid-period'],
    [`otpauth://totp/x?secret=${secret}&period=1e3`, 'invalid-period'],
  ])('refuses %j (%s) with a message for the user', (input, reason) => {
    const result = parseTotp(input);
    expect(result).toMatchObject({ ok: false, reason });
    expect(!result.ok && result.message.length).toBeGreaterThan(20);
  });
});
