// The current one-time code (RFC 6238) of a login's TOTP secret: an otpauth:// URI or a bare base32
// secret. TEMPORARY adapter on otpauth until @keyhold/shared/totp lands; callers only see
// `currentTotp(secret, nowMs)`, so switching over is this file alone.
import { Secret, TOTP, URI } from 'otpauth';

export function currentTotp(secret: string, nowMs: number): string | null {
  const text = secret.trim();
  if (text === '') return null;
  try {
    const otp = text.toLowerCase().startsWith('otpauth://') ? URI.parse(text) : new TOTP({ secret: Secret.fromBase32(text.replace(/[\s-]/g, '').toUpperCase()) });
    return otp instanceof TOTP ? otp.generate({ timestamp: nowMs }) : null;
  } catch {
    return null;
  }
}
