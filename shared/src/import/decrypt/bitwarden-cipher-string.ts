// Opens one Bitwarden cipher string of type 2, "AesCbc256_HmacSha256_B64":
// `2.<iv base64>|<ciphertext base64>|<mac base64>`, AES-256-CBC with PKCS#7 padding and an
// HMAC-SHA256 over iv ‖ ciphertext (encrypt-then-MAC). The MAC is checked, in constant time, before
// anything is decrypted, so a tampered file never reaches the padding check (no padding oracle).
// Every failure — shape, base64, MAC, padding — is the same error, saying nothing more.
import { cbc } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, constantTimeEqual } from '../../crypto/bytes';
import { ImportError } from '../import-error';
import { base64ToBytes } from './base64';
import type { BitwardenKeys } from './bitwarden-keys';

const TYPE_PREFIX = '2.';
const IV_BYTES = 16;
const MAC_BYTES = 32;
const BLOCK_BYTES = 16;

/** Whether the text is a cipher string of a type other than 2 (older or asymmetric ones). */
export function isOtherCipherStringType(text: string): boolean {
  return /^\d+\./.test(text) && !text.startsWith(TYPE_PREFIX);
}

export function openCipherString(text: string, keys: BitwardenKeys): Uint8Array {
  const parts = text.startsWith(TYPE_PREFIX) ? text.slice(TYPE_PREFIX.length).split('|') : [];
  const [iv, ciphertext, mac] = parts.map(base64ToBytes);
  if (parts.length !== 3 || !iv || !ciphertext || !mac) throw failed();
  if (iv.length !== IV_BYTES || mac.length !== MAC_BYTES || ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0) throw failed();
  if (!constantTimeEqual(hmac(sha256, keys.macKey, concatBytes(iv, ciphertext)), mac)) throw failed();
  try {
    return cbc(keys.encKey, iv).decrypt(ciphertext);
  } catch {
    throw failed();
  }
}

function failed(): ImportError {
  return new ImportError({ code: 'wrong-password-or-damaged' });
}
