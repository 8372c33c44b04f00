// The two-factor secret of a KeePass entry, from whichever convention wrote it, as an otpauth URI
// the collector checks: KeePassXC's `otp` field (already an otpauth:// URI); KeePass 2.47+'s
// `TimeOtp-*` fields (keepass.info/help/base/placeholders.html#otp: the secret as
// TimeOtp-Secret-Base32, -Hex, -Base64 or plain UTF-8 TimeOtp-Secret, with TimeOtp-Length,
// TimeOtp-Period, TimeOtp-Algorithm "HMAC-SHA-1|256|512"); KeeOTP's and older KeePassXC's
// `TOTP Seed` with `TOTP Settings` "period;digits" ("30;6"; a digit count of "S" is Steam's).
// Returns the names of the fields it used, so they are not also kept as custom fields.
import { Secret } from 'otpauth';
import { base64ToBytes } from '../decrypt/base64';

export type KdbxTotp = { uri: string; used: readonly string[] };

const TIME_OTP_SECRETS = ['TimeOtp-Secret-Base32', 'TimeOtp-Secret-Hex', 'TimeOtp-Secret-Base64', 'TimeOtp-Secret'] as const;
const TIME_OTP_SETTINGS = ['TimeOtp-Length', 'TimeOtp-Period', 'TimeOtp-Algorithm'] as const;

export function kdbxTotp(get: (name: string) => string, title: string): KdbxTotp | null {
  const otp = get('otp').trim();
  if (otp !== '') return { uri: otp, used: ['otp'] };
  for (const name of TIME_OTP_SECRETS) {
    const value = get(name).trim();
    if (value === '') continue;
    const secret = base32Of(name, value);
    const algorithm = /^HMAC-SHA-(256|512)$/i.exec(get('TimeOtp-Algorithm').trim())?.[1];
    const uri = otpauth(title, secret ?? value, {
      digits: get('TimeOtp-Length').trim(),
      period: get('TimeOtp-Period').trim(),
      algorithm: algorithm === undefined ? '' : `SHA${algorithm}`,
    });
    return { uri, used: [name, ...TIME_OTP_SETTINGS.filter((s) => get(s) !== '')] };
  }
  const seed = get('TOTP Seed').trim();
  if (seed === '') return null;
  const [period = '', digits = ''] = get('TOTP Settings')
    .split(';')
    .map((s) => s.trim());
  // Steam codes are not RFC 6238 digits; the collector keeps what it cannot use as a hidden field.
  if (digits.toUpperCase() === 'S') return { uri: seed, used: ['TOTP Seed'] };
  return { uri: otpauth(title, seed.replace(/\s+/g, '').toUpperCase(), { period, digits, algorithm: '' }), used: ['TOTP Seed', 'TOTP Settings'] };
}

/** The secret as base32; null when it cannot be read (the raw value is then kept for the collector to report). */
function base32Of(name: (typeof TIME_OTP_SECRETS)[number], value: string): string | null {
  try {
    switch (name) {
      case 'TimeOtp-Secret-Base32':
        return value.replace(/\s+/g, '').toUpperCase();
      case 'TimeOtp-Secret-Hex':
        return Secret.fromHex(value.replace(/\s+/g, '')).base32;
      case 'TimeOtp-Secret-Base64': {
        const bytes = base64ToBytes(value.replace(/\s+/g, ''));
        return bytes === null ? null : new Secret({ buffer: bytes.slice().buffer }).base32;
      }
      case 'TimeOtp-Secret':
        return Secret.fromUTF8(value).base32;
    }
  } catch {
    return null;
  }
}

function otpauth(title: string, secret: string, settings: { digits: string; period: string; algorithm: string }): string {
  const query = new URLSearchParams({ secret });
  if (/^\d+$/.test(settings.digits)) query.set('digits', settings.digits);
  if (/^\d+$/.test(settings.period)) query.set('period', settings.period);
  if (settings.algorithm !== '') query.set('algorithm', settings.algorithm);
  return `otpauth://totp/${encodeURIComponent(title.trim() === '' ? 'KeePass' : title.trim())}?${query.toString()}`;
}
