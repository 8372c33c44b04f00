// The keys of a Bitwarden password-protected export, from the export password and the KDF settings
// the file carries: PBKDF2-SHA256(password, salt) or Argon2id(password, SHA-256(salt)), giving 32
// bytes that HKDF-Expand-SHA256 (RFC 5869 §2.3, no extract step) stretches into a 32-byte
// encryption key (info "enc") and a 32-byte MAC key (info "mac"). The salt is used as the UTF-8 of
// the text in the file, not base64-decoded. Source: Bitwarden Help, "Encrypted Exports"
// (bitwarden.com/help/encrypted-export), and the files the Bitwarden clients write.
//
// PBKDF2 runs on WebCrypto: Bitwarden's default 600,000 iterations take ~0.3 s there and ~2 s in
// @noble/hashes (measured here), and WebCrypto is in every extension context and in Node ≥ 20.
import { expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { argon2id } from 'hash-wasm';
import { utf8ToBytes, zeroize } from '../../crypto/bytes';
import { assertKdfCost } from './kdf-limits';

export type BitwardenKdf = { type: 'pbkdf2'; iterations: number } | { type: 'argon2id'; iterations: number; memoryMiB: number; parallelism: number };

export type BitwardenKeys = { encKey: Uint8Array; macKey: Uint8Array };

const KEY_BYTES = 32;
const INFO_ENC = utf8ToBytes('enc');
const INFO_MAC = utf8ToBytes('mac');
const encoder = new TextEncoder();

/** Checks the settings against KDF_LIMITS first (throws ImportError), then derives. */
export async function deriveBitwardenKeys(password: string, salt: string, kdf: BitwardenKdf): Promise<BitwardenKeys> {
  assertKdfCost(
    kdf.type === 'pbkdf2'
      ? { kind: 'pbkdf2', iterations: kdf.iterations }
      : { kind: 'argon2', memoryKiB: kdf.memoryMiB * 1024, iterations: kdf.iterations, parallelism: kdf.parallelism },
  );
  // TextEncoder rather than utf8ToBytes: WebCrypto's types want bytes over an ArrayBuffer.
  const passwordBytes = encoder.encode(password);
  const saltBytes = encoder.encode(salt);
  const key = kdf.type === 'pbkdf2' ? await pbkdf2Sha256(passwordBytes, saltBytes, kdf.iterations) : await argon2(passwordBytes, saltBytes, kdf);
  try {
    return { encKey: expand(sha256, key, INFO_ENC, KEY_BYTES), macKey: expand(sha256, key, INFO_MAC, KEY_BYTES) };
  } finally {
    zeroize(passwordBytes, key);
  }
}

async function pbkdf2Sha256(password: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, KEY_BYTES * 8));
}

function argon2(password: Uint8Array, salt: Uint8Array, kdf: Extract<BitwardenKdf, { type: 'argon2id' }>): Promise<Uint8Array> {
  return argon2id({
    password,
    salt: sha256(salt),
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    memorySize: kdf.memoryMiB * 1024,
    hashLength: KEY_BYTES,
    outputType: 'binary',
  });
}
