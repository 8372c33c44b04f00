// Opens a KeePass database (KDBX 3.1 or 4) with kdbxweb, the JavaScript implementation KeeWeb uses.
// Before any key derivation the outer header is read and its KDF settings checked against
// KDF_LIMITS (a KDBX file chooses its own AES-KDF rounds or Argon2 memory and passes). Argon2 comes
// from hash-wasm (kdbxweb ships none), which implements Argon2 version 1.3 only. Every failure to
// open — wrong password, wrong key file, a damaged or truncated file — is one error, as KeePass's
// own "The composite key is invalid" covers them all. Format: keepass.info/help/kb/kdbx_4.html.
import { argon2d, argon2id } from 'hash-wasm';
// A default import: kdbxweb is a UMD bundle, whose named exports Node's ESM loader cannot see.
import kdbxweb from 'kdbxweb';
import { ImportError } from '../import-error';
import { IMPORT_LIMITS } from '../limits';
import { assertKdfCost } from './kdf-limits';

export type KdbxCredentialsInput = { password?: string; keyFile?: Uint8Array };

const { KdfId, ErrorCodes } = kdbxweb.Consts;
const ARGON2_VERSION_13 = 0x13;
/** KeePass 1.x (.kdb) shares the first signature word; its second is 0xB54BFB65 (keepass.info, "KDB"). */
const KDB1_SIGNATURE2 = 0xb54bfb65;

/** Argon2 for kdbxweb, with the same limits as the header check in case a path skips it. */
const argon2ForKdbx: kdbxweb.CryptoEngine.Argon2Fn = async (password, salt, memoryKiB, iterations, length, parallelism, type, version) => {
  if (version !== ARGON2_VERSION_13) throw new ImportError({ code: 'unsupported-encryption', what: 'argon2-version' });
  assertKdfCost({ kind: 'argon2', memoryKiB, iterations, parallelism });
  const options = {
    password: new Uint8Array(password),
    salt: new Uint8Array(salt),
    memorySize: memoryKiB,
    iterations,
    parallelism,
    hashLength: length,
    outputType: 'binary' as const,
  };
  const hash = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? await argon2id(options) : await argon2d(options);
  return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
};

export async function openKdbx(bytes: Uint8Array, credentials: KdbxCredentialsInput): Promise<kdbxweb.Kdbx> {
  if (bytes.length > IMPORT_LIMITS.maxKdbxBytes) throw new ImportError({ code: 'file-too-large', limitBytes: IMPORT_LIMITS.maxKdbxBytes });
  // A copy of exactly the file's bytes: kdbxweb wants an ArrayBuffer and zeroes some buffers it reads.
  const data = bytes.slice().buffer;
  checkHeader(data);
  const password = credentials.password === undefined || credentials.password === '' ? null : credentials.password;
  const keyFile = credentials.keyFile === undefined || credentials.keyFile.length === 0 ? null : credentials.keyFile;
  // KeePassXC's rule: an empty password field means "no password", not "the empty password".
  if (password === null && keyFile === null) throw new ImportError({ code: 'password-required', vendor: 'KeePass', keyFile: true });
  kdbxweb.CryptoEngine.setArgon2Impl(argon2ForKdbx);
  try {
    const creds = new kdbxweb.KdbxCredentials(password === null ? null : kdbxweb.ProtectedValue.fromString(password), keyFile?.slice() ?? null);
    return await kdbxweb.Kdbx.load(data, creds);
  } catch (error) {
    throw toImportError(error);
  }
}

/** The outer header's signature, version and KDF settings, checked before anything is derived. */
function checkHeader(data: ArrayBuffer): void {
  const view = new DataView(data);
  if (data.byteLength >= 8 && view.getUint32(4, true) === KDB1_SIGNATURE2) throw new ImportError({ code: 'unsupported-encryption', what: 'kdb-1' });
  let header: kdbxweb.KdbxHeader;
  try {
    header = kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(data), new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() }));
  } catch (error) {
    throw toImportError(error);
  }
  if (header.versionMajor === 3) return assertKdfCost({ kind: 'aes-kdf', rounds: header.keyEncryptionRounds ?? Number.NaN });
  const params = header.kdfParameters;
  const uuid = params?.get('$UUID');
  const kdf = uuid instanceof ArrayBuffer ? kdbxweb.ByteUtils.bytesToBase64(uuid) : '';
  const n = (key: string): number => {
    const value = params?.get(key);
    return typeof value === 'number' ? value : value instanceof kdbxweb.Int64 ? value.value : Number.NaN;
  };
  if (kdf === KdfId.Aes) return assertKdfCost({ kind: 'aes-kdf', rounds: n('R') });
  if (kdf !== KdfId.Argon2d && kdf !== KdfId.Argon2id) throw new ImportError({ code: 'unsupported-encryption', what: 'kdbx-kdf' });
  if (params?.get('V') !== ARGON2_VERSION_13) throw new ImportError({ code: 'unsupported-encryption', what: 'argon2-version' });
  // KDBX 4 gives Argon2 memory in bytes.
  assertKdfCost({ kind: 'argon2', memoryKiB: n('M') / 1024, iterations: n('I'), parallelism: n('P') });
}

function toImportError(error: unknown): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof kdbxweb.KdbxError) {
    if (error.code === ErrorCodes.BadSignature)
      return new ImportError({ code: 'wrong-shape', expected: 'KeePass (.kdbx)', path: '(the file signature)' });
    if (error.code === ErrorCodes.InvalidVersion) return new ImportError({ code: 'unsupported-encryption', what: 'kdbx-version' });
    if (error.code === ErrorCodes.Unsupported) {
      return new ImportError({ code: 'unsupported-encryption', what: /cipher/i.test(error.message) ? 'kdbx-cipher' : 'kdbx-kdf' });
    }
  }
  // InvalidKey, FileCorrupt, a truncated stream (RangeError), a WebCrypto padding failure: all the same to the user.
  return new ImportError({ code: 'wrong-password-or-damaged' });
}
