// Reads a Keyhold encrypted export (export/keyhold-format.ts; docs/export-format.md). The file is
// untrusted until its payload opens: the container is parsed strictly, an unknown version is refused
// before any work, the KDF settings are held to the vault's floors and ceilings before the (slow)
// derivation, and every failure to open — wrong password, a changed byte anywhere in the payload, the
// salt or the settings — is the one ImportError 'wrong-password-or-damaged' (and a missing password
// 'password-required'), the codes the import screen reacts to for every encrypted format. An opened payload
// came from someone who knew the password, yet each item is still checked with the vault's own
// validation (validateItem) and the import limits, and one bad item is reported, not fatal.
import { bytesToUtf8, zeroize } from '../../crypto/bytes.ts';
import { DecryptError, KdfParamsError } from '../../crypto/errors.ts';
import { assertKdfParamsAcceptable, type KdfParams } from '../../crypto/kdf-params.ts';
import { openAll } from '../../crypto/open-many.ts';
import {
  _deriveExportKey,
  exportBinding,
  KEYHOLD_EXPORT_FORMAT,
  KEYHOLD_EXPORT_VERSION,
  KeyholdExportError,
  keyholdExportFileSchema,
  keyholdExportPayloadSchema,
} from '../../export/keyhold-format';
import { isItemType, type Item, type KnownItem } from '../../items/item';
import { SCHEMA_VERSION } from '../../items/schema-common';
import { validateItem } from '../../items/validate-item';
import type { CollectorOptions, ImportResult } from '../collect-items';
import { ImportError } from '../import-error';
import type { ImportProblem } from '../import-problem';
import { asRecord } from '../json-fields';
import { IMPORT_LIMITS } from '../limits';
import { parseJsonSafely } from '../read-json';

/** `password` is optional so the format registry can call every parser alike; without one the file is refused with 'password-required'. */
export type KeyholdImportOptions = CollectorOptions & { password?: string };

const EXPECTED = 'Keyhold export';

export async function parseKeyholdExport(text: string, options: KeyholdImportOptions): Promise<ImportResult> {
  const file = readContainer(text);
  const params: KdfParams = { ...file.kdf, salt: file.salt };
  checkKdf(params);
  const payloadText = await openPayload(file.payload, params, options.password);
  return readPayload(payloadText, options);
}

function readContainer(text: string) {
  const root = asRecord(parseJsonSafely(text));
  if (root === null || root['format'] !== KEYHOLD_EXPORT_FORMAT) throw new ImportError({ code: 'wrong-shape', expected: EXPECTED, path: 'format' });
  // Any other version — older, newer, or not a number — is refused before the KDF runs: a version
  // this code does not know is not read "as if" it were version 1.
  if (root['version'] !== KEYHOLD_EXPORT_VERSION) throw new KeyholdExportError('unsupported-version');
  const parsed = keyholdExportFileSchema.safeParse(root);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || '(the top level)';
    throw new ImportError({ code: 'wrong-shape', expected: EXPECTED, path });
  }
  return parsed.data;
}

/** Floors and ceilings before any derivation (the file chooses the cost; it must not make it trivial or endless). */
function checkKdf(params: KdfParams): void {
  try {
    assertKdfParamsAcceptable(params);
  } catch (error) {
    if (!(error instanceof KdfParamsError)) throw error;
    if (error.reason === 'malformed-salt') throw new ImportError({ code: 'wrong-shape', expected: EXPECTED, path: 'salt' });
    throw new KeyholdExportError('unsafe-kdf');
  }
}

async function openPayload(envelope: string, params: KdfParams, password: string | undefined): Promise<string> {
  if (typeof password !== 'string' || password === '') throw new ImportError({ code: 'password-required', vendor: 'Keyhold', keyFile: false });
  const key = await _deriveExportKey(password, params);
  let plaintext: Uint8Array;
  try {
    [plaintext] = (await openAll([{ key, envelope, binding: exportBinding() }])) as [Uint8Array];
  } catch (error) {
    if (error instanceof DecryptError) throw new ImportError({ code: 'wrong-password-or-damaged' });
    throw error;
  } finally {
    zeroize(key);
  }
  try {
    return bytesToUtf8(plaintext);
  } catch {
    // Authentic but not UTF-8: only a broken writer makes that; to the user it is a damaged file.
    throw new ImportError({ code: 'wrong-password-or-damaged' });
  } finally {
    zeroize(plaintext);
  }
}

function readPayload(payloadText: string, options: CollectorOptions): ImportResult {
  const parsed = keyholdExportPayloadSchema.safeParse(parseJsonSafely(payloadText));
  if (!parsed.success) throw new ImportError({ code: 'wrong-shape', expected: EXPECTED, path: 'payload' });
  const maxItems = options.maxItems ?? IMPORT_LIMITS.maxItems;
  if (parsed.data.items.length > maxItems) throw new ImportError({ code: 'too-many-items', limit: maxItems });
  const items: KnownItem[] = [];
  const problems: ImportProblem[] = [];
  const ids = new Set<string>();
  const folders = new Set(parsed.data.folders.filter((f) => f !== ''));
  parsed.data.items.forEach((entry, index) => {
    const at = { item: index + 1 };
    const outcome = readItem(entry);
    if (!outcome.ok) return problems.push({ kind: 'skipped', at, reason: outcome.reason });
    // Two items with one id would overwrite each other in the vault: the first one stands.
    if (ids.has(outcome.item.id)) return problems.push({ kind: 'skipped', at, reason: 'invalid' });
    ids.add(outcome.item.id);
    items.push(outcome.item);
    if (outcome.item.folder !== null && outcome.item.folder !== '') folders.add(outcome.item.folder);
  });
  return { items, folders: [...folders], problems };
}

type ItemOutcome = { ok: true; item: KnownItem } | { ok: false; reason: 'not-an-item' | 'too-large' | 'invalid' };

function readItem(entry: unknown): ItemOutcome {
  const record = asRecord(entry);
  if (record === null) return { ok: false, reason: 'not-an-item' };
  if (JSON.stringify(record).length > IMPORT_LIMITS.maxItemChars) return { ok: false, reason: 'too-large' };
  // `opaque` is an in-memory marker (items/item.ts), never part of a stored item.
  const { opaque: _opaque, ...candidate } = record;
  // Items of a type or schema version this Keyhold does not know cannot be imported as known items;
  // they are reported (the file still holds them for a newer version).
  const version = candidate['schemaVersion'];
  if (!isItemType(candidate['type']) || typeof version !== 'number' || version > SCHEMA_VERSION) return { ok: false, reason: 'invalid' };
  try {
    // validateItem splits the item and parses both parts with the vault's schemas; a member of the
    // wrong type can make the split's derivations throw, which is the same verdict.
    if (!validateItem(candidate as Item).ok) return { ok: false, reason: 'invalid' };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, item: candidate as KnownItem };
}
