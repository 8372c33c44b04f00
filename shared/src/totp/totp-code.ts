/**
 * The current one-time code for a TOTP configuration (RFC 6238), and how long it stays valid, for
 * the popup's code display and for filling one-time-code fields.
 */
import { Secret, TOTP } from 'otpauth';
import type { TotpConfig } from './parse-totp';

export type TotpCode = {
  code: string;
  /** Whole seconds until the next code, from `period` down to 1. */
  remainingSeconds: number;
};

export function totpCode(config: TotpConfig, nowMs: number): TotpCode {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError('totpCode: nowMs must be a time after 1970');
  const totp = new TOTP({
    secret: Secret.fromBase32(config.secret),
    algorithm: config.algorithm,
    digits: config.digits,
    period: config.period,
  });
  // RFC 6238 §4.2: T = floor((now − T0) / X), with T0 = 0.
  const elapsed = Math.floor(nowMs / 1000) % config.period;
  return { code: totp.generate({ timestamp: nowMs }), remainingSeconds: config.period - elapsed };
}
