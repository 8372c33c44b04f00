// Builds KeePass databases for the tests with kdbxweb itself, KeeWeb's KDBX writer: KDBX 3.1
// (AES-KDF) or 4 (AES-KDF, Argon2d, Argon2id), password and/or key file, with cheap KDF settings.
// kdbxweb ships no Argon2, so the writer gets hash-wasm's here (the importer sets its own).
import { argon2d, argon2id } from 'hash-wasm';
import kdbxweb from 'kdbxweb';

export type TestKdf = 'aes-v3' | 'aes-v4' | 'argon2d' | 'argon2id';

kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type) => {
  const options = { password: new Uint8Array(password), salt: new Uint8Array(salt), memorySize: memory, iterations, parallelism, hashLength: length };
  const hash =
    type === kdbxweb.CryptoEngine.Argon2TypeArgon2id
      ? await argon2id({ ...options, outputType: 'binary' })
      : await argon2d({ ...options, outputType: 'binary' });
  return hash.slice().buffer;
});

export function createDb(kdf: TestKdf, secrets: { password?: string; keyFile?: Uint8Array }): kdbxweb.Kdbx {
  const password = secrets.password === undefined ? null : kdbxweb.ProtectedValue.fromString(secrets.password);
  const db = kdbxweb.Kdbx.create(new kdbxweb.KdbxCredentials(password, secrets.keyFile ?? null), 'My Vault');
  const { KdfId } = kdbxweb.Consts;
  if (kdf === 'aes-v3') {
    db.setVersion(3);
    db.header.keyEncryptionRounds = 1000;
  } else {
    db.setVersion(4);
    db.setKdf(kdf === 'aes-v4' ? KdfId.Aes : kdf === 'argon2d' ? KdfId.Argon2d : KdfId.Argon2id);
    if (kdf === 'aes-v4') db.header.kdfParameters?.set('R', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(1000));
  }
  return db;
}

export async function saveDb(db: kdbxweb.Kdbx): Promise<Uint8Array> {
  return new Uint8Array(await db.save());
}

/** Only the outer header: enough for the importer's KDF check, which must refuse before reading on. */
export function headerOnly(db: kdbxweb.Kdbx): Uint8Array {
  db.header.generateSalts();
  const stream = new kdbxweb.BinaryStream();
  db.header.write(stream);
  return new Uint8Array(stream.getWrittenBytes());
}

export function protectedText(text: string): kdbxweb.ProtectedValue {
  return kdbxweb.ProtectedValue.fromString(text);
}

export { kdbxweb };
