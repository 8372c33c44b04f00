// Bitwarden's JSON export in all three kinds, for callers that can wait: plain, account-restricted
// (refused, see bitwarden-json.ts) and password-protected:
// `{ encrypted: true, passwordProtected: true, salt, kdfType (0 PBKDF2-SHA256, 1 Argon2id),
//    kdfIterations, kdfMemory (MiB), kdfParallelism, encKeyValidation_DO_NOT_EDIT, data }`,
// where `data` is the plain export, encrypted as one cipher string (decrypt/). The validation string
// (an encrypted random GUID) is opened first, so a wrong password fails before the large `data` is
// touched; both give the same error. Source: Bitwarden Help, "Encrypted Exports".
import type { CollectorOptions, ImportResult } from '../collect-items';
import { bytesToUtf8, zeroize } from '../../crypto/bytes';
import { openCipherString, isOtherCipherStringType } from '../decrypt/bitwarden-cipher-string';
import { deriveBitwardenKeys, type BitwardenKdf } from '../decrypt/bitwarden-keys';
import { ImportError } from '../import-error';
import { asRecord, bool, num, str, type JsonRecord } from '../json-fields';
import { parseJsonSafely } from '../read-json';
import { importBitwardenRoot, readBitwardenRoot } from './bitwarden-json';

export type BitwardenFileOptions = CollectorOptions & { password?: string };

export async function parseBitwardenFile(input: string, options: BitwardenFileOptions = {}): Promise<ImportResult> {
  const root = readBitwardenRoot(input);
  if (!bool(root, 'encrypted') || !bool(root, 'passwordProtected')) return importBitwardenRoot(root, options);
  const { password, ...collectorOptions } = options;
  if (password === undefined || password === '') throw new ImportError({ code: 'password-required', vendor: 'Bitwarden', keyFile: false });
  const inner = asRecord(parseJsonSafely(await decryptData(root, password)));
  if (inner === null || bool(inner, 'encrypted')) throw new ImportError({ code: 'wrong-shape', expected: 'Bitwarden JSON', path: 'data' });
  return importBitwardenRoot(inner, collectorOptions);
}

async function decryptData(root: JsonRecord, password: string): Promise<string> {
  const validation = str(root, 'encKeyValidation_DO_NOT_EDIT');
  const data = str(root, 'data');
  if (isOtherCipherStringType(validation) || isOtherCipherStringType(data)) {
    throw new ImportError({ code: 'unsupported-encryption', what: 'bitwarden-cipher' });
  }
  const salt = str(root, 'salt');
  if (salt === '') throw new ImportError({ code: 'wrong-shape', expected: 'Bitwarden password-protected JSON', path: 'salt' });
  const keys = await deriveBitwardenKeys(password, salt, kdfOf(root));
  try {
    zeroize(openCipherString(validation, keys));
    const plain = openCipherString(data, keys);
    try {
      return bytesToUtf8(plain);
    } catch {
      throw new ImportError({ code: 'wrong-password-or-damaged' });
    } finally {
      zeroize(plain);
    }
  } finally {
    zeroize(keys.encKey, keys.macKey);
  }
}

/** Missing or non-numeric settings become NaN, which the KDF limits refuse. */
function kdfOf(root: JsonRecord): BitwardenKdf {
  const iterations = num(root, 'kdfIterations') ?? Number.NaN;
  switch (num(root, 'kdfType')) {
    case 0:
      return { type: 'pbkdf2', iterations };
    case 1:
      return {
        type: 'argon2id',
        iterations,
        memoryMiB: num(root, 'kdfMemory') ?? Number.NaN,
        parallelism: num(root, 'kdfParallelism') ?? Number.NaN,
      };
    default:
      throw new ImportError({ code: 'unsupported-encryption', what: 'bitwarden-kdf' });
  }
}
