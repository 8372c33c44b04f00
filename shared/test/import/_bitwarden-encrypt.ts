// Builds Bitwarden password-protected exports for the tests, independently of the importer:
// node:crypto for PBKDF2, HMAC and AES-CBC, the native `argon2` package for Argon2id, following
// the documented scheme (Bitwarden Help, "Encrypted Exports"). A cross-check, not a copy of src/.
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export type TestKdf = { kdfType: 0; kdfIterations: number } | { kdfType: 1; kdfIterations: number; kdfMemory: number; kdfParallelism: number };

export type TestKeys = { encKey: Buffer; macKey: Buffer };

export async function exportKeys(password: string, salt: string, kdf: TestKdf): Promise<TestKeys> {
  const key =
    kdf.kdfType === 0
      ? pbkdf2Sync(password, Buffer.from(salt, 'utf8'), kdf.kdfIterations, 32, 'sha256')
      : await argon2.hash(password, {
          type: argon2.argon2id,
          raw: true,
          salt: createHash('sha256').update(salt, 'utf8').digest(),
          timeCost: kdf.kdfIterations,
          memoryCost: kdf.kdfMemory * 1024,
          parallelism: kdf.kdfParallelism,
          hashLength: 32,
        });
  // HKDF-Expand (RFC 5869 §2.3) for one 32-byte block: T(1) = HMAC(PRK, info ‖ 0x01).
  const expand = (info: string): Buffer =>
    createHmac('sha256', key)
      .update(info)
      .update(Buffer.from([1]))
      .digest();
  return { encKey: expand('enc'), macKey: expand('mac') };
}

/** A type-2 cipher string: AES-256-CBC, then HMAC-SHA256 over iv ‖ ciphertext. */
export function cipherString(plain: string, keys: TestKeys, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keys.encKey, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const mac = createHmac('sha256', keys.macKey).update(iv).update(ct).digest();
  return `2.${iv.toString('base64')}|${ct.toString('base64')}|${mac.toString('base64')}`;
}

export async function protectedExport(plainJson: string, password: string, kdf: TestKdf, salt = randomBytes(16).toString('base64')) {
  const keys = await exportKeys(password, salt, kdf);
  return {
    keys,
    envelope: {
      encrypted: true,
      passwordProtected: true,
      salt,
      ...kdf,
      encKeyValidation_DO_NOT_EDIT: cipherString('3f1e6b2a-0000-4000-8000-00000000abcd', keys),
      data: cipherString(plainJson, keys),
    },
  };
}
