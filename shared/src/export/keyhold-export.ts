// Writes a Keyhold encrypted export: every item whole (every field, folders, tags, favorites, trash
// state, times, history) and the folder names, sealed under a key derived from an export password the
// user chooses. The file opens in any Keyhold (parseKeyholdExport in import/formats/keyhold.ts) and,
// with the steps in docs/export-format.md, with standard tools. The format: keyhold-format.ts.
import { utf8ToBytes, zeroize } from '../crypto/bytes.ts';
import { newKdfParams, type KdfCost } from '../crypto/kdf-params.ts';
import { sealMany } from '../crypto/seal-many.ts';
import type { Item } from '../items/item';
import { folderNames } from './folder-names';
import { _deriveExportKey, exportBinding, KEYHOLD_EXPORT_FORMAT, KEYHOLD_EXPORT_VERSION, type KeyholdExportFile } from './keyhold-format';

export type KeyholdExportOptions = {
  items: readonly Item[];
  /** The export password (not the master password). NFKC-normalised before use, like every password. */
  password: string;
  /** Folders to list even when no item is in them. */
  folders?: readonly string[];
  /** Argon2id cost; the defaults (64 MiB, t = 3, p = 4) unless given, never below the floors. */
  kdf?: Partial<KdfCost>;
};

/** The export file's text (JSON). Rejects with TypeError for an empty password or a non-array. */
export async function exportKeyhold(options: KeyholdExportOptions): Promise<string> {
  const { items, password } = options;
  if (typeof password !== 'string' || password === '') throw new TypeError('the export password must be a non-empty string');
  if (!Array.isArray(items)) throw new TypeError('items must be an array');
  const params = newKdfParams(options.kdf);
  const plaintext = utf8ToBytes(JSON.stringify({ items: items.map(_storedForm), folders: folderNames(items, options.folders) }));
  const key = await _deriveExportKey(password, params);
  try {
    const [payload] = await sealMany([{ key, plaintext, binding: exportBinding() }]);
    const file: KeyholdExportFile = {
      format: KEYHOLD_EXPORT_FORMAT,
      version: KEYHOLD_EXPORT_VERSION,
      kdf: { algorithm: params.algorithm, memoryKiB: params.memoryKiB, iterations: params.iterations, parallelism: params.parallelism },
      salt: params.salt,
      payload: payload!,
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  } finally {
    zeroize(key, plaintext);
  }
}

/**
 * An item as the vault stores it: without the in-memory `opaque` marker (item.ts reserves the name;
 * a reader recognises an item of a newer version by its shape, as the vault does).
 */
function _storedForm(item: Item): Item {
  if (!('opaque' in item)) return item;
  const { opaque: _opaque, ...rest } = item;
  return rest as Item;
}
