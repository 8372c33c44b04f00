/**
 * Reads what a user pastes as a two-factor secret: an otpauth://totp/ URI (the QR-code format,
 * https://github.com/google/google-authenticator/wiki/Key-Uri-Format) or a bare base32 secret,
 * spaces allowed. Anything else gets a reason saying what to paste instead.
 */
import { Secret } from 'otpauth';

export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

export type TotpConfig = {
  /** RFC 4648 base32, upper case, without padding. */
  secret: string;
  algorithm: TotpAlgorithm;
  digits: number;
  /** Seconds per code (RFC 6238 §4.1 "X"). */
  period: number;
  /** '' when the URI names none. */
  issuer: string;
  /** The account name; '' when the URI names none. */
  label: string;
};

export type ParseTotpError =
  | 'empty'
  | 'unsupported-format'
  | 'invalid-uri'
  | 'not-totp'
  | 'invalid-secret'
  | 'secret-too-short'
  | 'unsupported-algorithm'
  | 'invalid-digits'
  | 'invalid-period';

export type ParseTotpResult = { ok: true; config: TotpConfig } | { ok: false; reason: ParseTotpError; message: string };

export const TOTP_DIGITS = { min: 6, max: 8 } as const;
export const TOTP_PERIOD = { min: 1, max: 300 } as const;
/** 80 bits, the shortest secret in common use (16 base32 characters); RFC 4226 §4 asks for 128. */
export const MIN_SECRET_BYTES = 10;

const MESSAGES: Readonly<Record<ParseTotpError, string>> = {
  empty: 'Paste the setup key or the otpauth:// link the site shows when you turn on two-factor authentication.',
  'unsupported-format': 'This is not a TOTP setup key. Paste the otpauth://totp/ link or the key itself (letters A–Z and digits 2–7).',
  'invalid-uri': 'This otpauth:// link is damaged. Copy it again from the site.',
  'not-totp': 'This is a counter-based (HOTP) key; Keyhold only supports time-based (TOTP) codes.',
  'invalid-secret': 'The setup key may only contain the letters A–Z and the digits 2–7. Copy it again from the site.',
  'secret-too-short': 'The setup key is too short to be a real key. Copy the whole key from the site.',
  'unsupported-algorithm': 'This key uses a hash other than SHA1, SHA256 or SHA512, which Keyhold does not support.',
  'invalid-digits': `Codes must have ${TOTP_DIGITS.min} to ${TOTP_DIGITS.max} digits.`,
  'invalid-period': `The code period must be ${TOTP_PERIOD.min} to ${TOTP_PERIOD.max} seconds.`,
};

const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const BASE32 = /^[A-Z2-7]+$/;
// A base32 string can only end with 0, 2, 4, 5 or 7 characters past a full 8-character group
// (RFC 4648 §6: 1, 3 or 6 would leave bits that do not make a byte).
const BASE32_LENGTH_REMAINDERS = new Set([0, 2, 4, 5, 7]);
const ALGORITHM = /^SHA-?(1|256|512)$/i;
const POSITIVE_INTEGER = /^[1-9]\d{0,5}$/;

export function parseTotp(secretOrUri: string): ParseTotpResult {
  const input = secretOrUri.trim();
  if (input === '') return failure('empty');
  if (/^otpauth:/i.test(input)) return parseUri(input);
  if (OTHER_SCHEME.test(input)) return failure('unsupported-format');
  return parseBareSecret(input, { issuer: '', label: '' });
}

function parseUri(input: string): ParseTotpResult {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return failure('invalid-uri');
  }
  const type = url.host.toLowerCase();
  if (type === 'hotp') return failure('not-totp');
  if (type !== 'totp') return failure('invalid-uri');

  let labelText: string;
  try {
    labelText = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return failure('invalid-uri');
  }
  // "Issuer:account", with optional spaces after the colon (Key Uri Format, "Label").
  const colon = labelText.indexOf(':');
  const labelIssuer = colon === -1 ? '' : labelText.slice(0, colon).trim();
  const label = (colon === -1 ? labelText : labelText.slice(colon + 1)).trim();
  const params = url.searchParams;
  const issuer = (params.get('issuer') ?? labelIssuer).trim() || labelIssuer;

  const algorithmParam = params.get('algorithm') ?? 'SHA1';
  const algorithmMatch = ALGORITHM.exec(algorithmParam);
  if (algorithmMatch === null) return failure('unsupported-algorithm');
  const algorithm = `SHA${algorithmMatch[1]}` as TotpAlgorithm;

  const digits = integerParam(params.get('digits'), 6);
  if (digits === null || digits < TOTP_DIGITS.min || digits > TOTP_DIGITS.max) return failure('invalid-digits');
  const period = integerParam(params.get('period'), 30);
  if (period === null || period < TOTP_PERIOD.min || period > TOTP_PERIOD.max) return failure('invalid-period');

  const secret = params.get('secret');
  if (secret === null) return failure('invalid-secret');
  const parsed = parseBareSecret(secret, { issuer, label });
  return parsed.ok ? { ok: true, config: { ...parsed.config, algorithm, digits, period } } : parsed;
}

function parseBareSecret(text: string, names: { issuer: string; label: string }): ParseTotpResult {
  const normalized = text.replace(/\s+/g, '').toUpperCase().replace(/=+$/, '');
  if (normalized === '') return failure('empty');
  if (!BASE32.test(normalized) || !BASE32_LENGTH_REMAINDERS.has(normalized.length % 8)) return failure('invalid-secret');
  const secret = Secret.fromBase32(normalized);
  if (secret.bytes.length < MIN_SECRET_BYTES) return failure('secret-too-short');
  return {
    ok: true,
    config: { secret: secret.base32, algorithm: 'SHA1', digits: 6, period: 30, ...names },
  };
}

function integerParam(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return POSITIVE_INTEGER.test(value) ? Number(value) : null;
}

function failure(reason: ParseTotpError): ParseTotpResult {
  return { ok: false, reason, message: MESSAGES[reason] };
}
