// The Keyhold encrypted export, version 1: what the writer (keyhold-export.ts) and the reader
// (import/formats/keyhold.ts) share — the container's shape, the key derivation, the associated data
// and the one error a reader gives. The format is documented for people and other tools in
// docs/export-format.md; change both together.
//
//   export password ──Argon2id (salt, m, t, p from the file)──▶ 32 B ──HKDF-SHA256, info "keyhold/v1/export"──▶ export key
//   payload = AES-256-GCM envelope (crypto/envelope.ts) of the UTF-8 JSON { items, folders },
//             associated data = the binding { purpose 'export', accountId 'keyhold-export', itemId '1' }
//
// The export is not tied to an account (it must open in another browser or vault), so the binding's
// account slot names the file format and its item slot the format version: a payload moved into a file
// that claims another version, or sealed for any other purpose, does not open.
import { z } from 'zod';
import { utf8ToBytes, zeroize } from '../crypto/bytes.ts';
import { deriveMasterKey } from '../crypto/derive-master-key.ts';
import { _hkdfSha256 } from '../crypto/derive-subkeys.ts';
import type { Binding } from '../crypto/envelope.ts';
import type { KdfParams } from '../crypto/kdf-params.ts';

export const KEYHOLD_EXPORT_FORMAT = 'keyhold-export';
export const KEYHOLD_EXPORT_VERSION = 1;

const INFO_EXPORT = utf8ToBytes('keyhold/v1/export');
const EXPORT_KEY_BYTES = 32;

/** The container as written. Members are checked strictly on read; the payload is the only secret part. */
export const keyholdExportFileSchema = z.object({
  format: z.literal(KEYHOLD_EXPORT_FORMAT),
  version: z.literal(KEYHOLD_EXPORT_VERSION),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.int(),
    iterations: z.int(),
    parallelism: z.int(),
  }),
  /** base64url (no padding) of the 16-byte Argon2id salt */
  salt: z.string(),
  /** base64url envelope: version 1, algorithm 1, nonce, ciphertext ‖ tag */
  payload: z.string().min(1),
});
export type KeyholdExportFile = z.output<typeof keyholdExportFileSchema>;

/** The decrypted payload: items as the vault holds them (joined, every member) and folder names. */
export type KeyholdExportPayload = { items: unknown[]; folders: string[] };

export const keyholdExportPayloadSchema = z.object({
  items: z.array(z.unknown()),
  folders: z.array(z.string()),
});

/** The associated data of a version-1 payload (docs/export-format.md gives its bytes). */
export function exportBinding(version: number = KEYHOLD_EXPORT_VERSION): Binding {
  return { purpose: 'export', accountId: KEYHOLD_EXPORT_FORMAT, itemId: String(version) };
}

/**
 * Export password → export key. deriveMasterKey checks the parameters against the floors and
 * ceilings before any work (the file is attacker-controlled) and NFKC-normalises the password.
 * The caller zeroes the key.
 */
export async function _deriveExportKey(password: string, params: KdfParams): Promise<Uint8Array> {
  const stretched = await deriveMasterKey(password, params);
  try {
    return _hkdfSha256(stretched, undefined, INFO_EXPORT, EXPORT_KEY_BYTES);
  } finally {
    zeroize(stretched);
  }
}

/**
 * Refusals particular to Keyhold's format. A missing password and a failure to open (a wrong password
 * and any change to the file look the same: AES-GCM's tag fails either way) are the import layer's
 * 'password-required' and 'wrong-password-or-damaged', shared by every encrypted format.
 */
export type KeyholdExportErrorReason = 'unsupported-version' | 'unsafe-kdf';

const MESSAGES: Readonly<Record<KeyholdExportErrorReason, string>> = {
  'unsupported-version':
    'This Keyhold export has a format version this version of Keyhold cannot read. If it was made by a newer Keyhold, update Keyhold and try again.',
  'unsafe-kdf':
    "The export file's password-protection settings are outside what Keyhold accepts (too weak or too costly), so it was not opened. The file may have been tampered with; export the vault again.",
};

/** A Keyhold export that cannot be opened as a whole. `reason` is for the UI to branch on. */
export class KeyholdExportError extends Error {
  override readonly name = 'KeyholdExportError';
  constructor(readonly reason: KeyholdExportErrorReason) {
    super(MESSAGES[reason]);
  }
}
