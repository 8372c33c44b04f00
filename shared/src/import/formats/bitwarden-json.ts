// Bitwarden's unencrypted JSON export ("File format: .json"), personal or organization vault:
// `{ encrypted: false, folders: [{id, name}], collections?: [...], items: [...] }`, item types
// 1 login, 2 secure note, 3 card, 4 identity, 5 SSH key; custom field types 0 text, 1 hidden,
// 2 boolean, 3 linked; URI match 0 base domain … 5 never, null the default. Source: Bitwarden Help,
// "Condition a Bitwarden .json" (bitwarden.com/help/condition-bitwarden-import) and the exports
// the Bitwarden clients write. The password-protected export is opened by bitwarden-protected-json.ts,
// which hands the decrypted document to importBitwardenRoot; see refuseEncrypted for the rest.
import type { UrlMatchMode } from '../../items/types/login';
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import { ImportError } from '../import-error';
import { field, type DraftField, type ItemDraft } from '../item-draft';
import { asRecord, bool, isoTime, list, num, rec, records, str, type JsonRecord } from '../json-fields';
import { parseJsonSafely } from '../read-json';
import { cardExpiry } from '../card-expiry';
import { passkeyFromBitwarden } from '../../export/bitwarden-passkeys';

const MATCH_MODES: readonly UrlMatchMode[] = ['base-domain', 'host', 'starts-with', 'exact', 'regex', 'never'];
const FIELD_KINDS = ['text', 'hidden', 'boolean'] as const;
/** Linked custom fields point at a built-in field by number (Bitwarden's LinkedIdType). */
const LINKED_NAMES: Readonly<Record<number, string>> = { 100: 'Username', 101: 'Password', 300: 'Cardholder name', 303: 'Security code' };

export function parseBitwardenJson(input: string, options: CollectorOptions = {}): ImportResult {
  return importBitwardenRoot(readBitwardenRoot(input), options);
}

/** The export's top-level object, parsed defensively. */
export function readBitwardenRoot(input: string): JsonRecord {
  const root = asRecord(parseJsonSafely(input));
  if (root === null) throw new ImportError({ code: 'wrong-shape', expected: 'Bitwarden JSON', path: '(the top level)' });
  return root;
}

/** Imports an unencrypted export's top-level object; an encrypted one is refused (refuseEncrypted). */
export function importBitwardenRoot(root: JsonRecord, options: CollectorOptions = {}): ImportResult {
  refuseEncrypted(root);
  if (!Array.isArray(root['items'])) throw new ImportError({ code: 'wrong-shape', expected: 'Bitwarden JSON', path: 'items' });
  const collector = createItemCollector(options);
  const folders = new Map<string, string>();
  for (const folder of records(root, 'folders')) {
    folders.set(str(folder, 'id'), str(folder, 'name'));
    collector.addFolder(str(folder, 'name'));
  }
  const collections = new Map(records(root, 'collections').map((c) => [str(c, 'id'), str(c, 'name')] as const));
  list(root, 'items').forEach((entry, index) => {
    const at = { item: index + 1 };
    const item = asRecord(entry);
    if (item === null) return collector.report({ kind: 'skipped', at, reason: 'not-an-item' });
    const draft = draftOf(item, collector, at, { folders, collections });
    if (draft === null) return collector.report({ kind: 'skipped', at, reason: 'not-an-item' });
    collector.add(at, draft);
  });
  return collector.result();
}

/**
 * A password-protected export (`passwordProtected: true`, a salt, KDF settings and one `data`
 * string) reaching here had no password to open it with, so the UI is told to ask for one; an
 * account-restricted one (`encrypted: true` without `passwordProtected`) is sealed with the account
 * key and can never be read outside Bitwarden, so the message says how to export again.
 */
function refuseEncrypted(root: JsonRecord): void {
  if (!bool(root, 'encrypted')) return;
  if (bool(root, 'passwordProtected')) throw new ImportError({ code: 'password-required', vendor: 'Bitwarden', keyFile: false });
  throw new ImportError({ code: 'account-restricted-export' });
}

type Lookups = { folders: ReadonlyMap<string, string>; collections: ReadonlyMap<string, string> };

function draftOf(item: JsonRecord, collector: ItemCollector, at: { item: number }, lookups: Lookups): ItemDraft | null {
  const common = {
    name: str(item, 'name'),
    folder: lookups.folders.get(str(item, 'folderId')) ?? null,
    tags: list(item, 'collectionIds').flatMap((id) => lookups.collections.get(String(id)) ?? []),
    favorite: bool(item, 'favorite'),
    trashedAt: isoTime(str(item, 'deletedDate')),
  };
  const times = { createdAt: isoTime(str(item, 'creationDate')), updatedAt: isoTime(str(item, 'revisionDate')) };
  const notes = str(item, 'notes');
  const customFields = records(item, 'fields').map(customField);
  const reprompt = num(item, 'reprompt') === 1 ? field('Bitwarden master password re-prompt', 'on') : [];
  switch (num(item, 'type')) {
    case 1: {
      const login = rec(item, 'login');
      const offered = records(login, 'fido2Credentials');
      const passkeys = offered.flatMap((c) => passkeyFromBitwarden((key) => str(c, key), Date.now()) ?? []);
      if (passkeys.length < offered.length) collector.report({ kind: 'passkey-not-imported', at, count: offered.length - passkeys.length });
      const urls = records(login, 'uris').flatMap((u) => {
        const url = str(u, 'uri').trim();
        const match = num(u, 'match');
        return url === '' ? [] : [{ url, match: (match === null ? undefined : MATCH_MODES[match]) ?? ('default' as const) }];
      });
      return {
        type: 'login',
        fields: {
          ...common,
          username: str(login, 'username'),
          password: str(login, 'password'),
          urls,
          notes,
          ...(passkeys.length > 0 ? { passkeys } : {}),
        },
        totp: str(login, 'totp'),
        customFields,
        unmapped: reprompt,
        passwordHistory: records(item, 'passwordHistory').map((h) => ({
          value: str(h, 'password'),
          changedAt: isoTime(str(h, 'lastUsedDate')) ?? Number.NaN,
        })),
        ...times,
      };
    }
    case 2:
      return { type: 'note', fields: { ...common, text: notes }, customFields, unmapped: reprompt, ...times };
    case 3: {
      const card = rec(item, 'card');
      const expiry = cardExpiry({ month: str(card, 'expMonth'), year: str(card, 'expYear') });
      return {
        type: 'card',
        fields: {
          ...common,
          brand: str(card, 'brand'),
          cardholder: str(card, 'cardholderName'),
          number: str(card, 'number'),
          ...expiry.fields,
          securityCode: str(card, 'code'),
          notes,
        },
        customFields,
        unmapped: [...expiry.unmapped, ...reprompt],
        ...times,
      };
    }
    case 4: {
      const id = rec(item, 'identity');
      return {
        type: 'identity',
        fields: {
          ...common,
          title: str(id, 'title'),
          firstName: str(id, 'firstName'),
          middleName: str(id, 'middleName'),
          lastName: str(id, 'lastName'),
          email: str(id, 'email'),
          phone: str(id, 'phone'),
          addressLines: ['address1', 'address2', 'address3'].map((k) => str(id, k)).filter((line) => line.trim() !== ''),
          city: str(id, 'city'),
          region: str(id, 'state'),
          postalCode: str(id, 'postalCode'),
          country: str(id, 'country'),
          company: str(id, 'company'),
          notes,
        },
        customFields,
        unmapped: [
          ...field('Username', str(id, 'username')),
          ...field('Social security number', str(id, 'ssn'), 'hidden'),
          ...field('Passport number', str(id, 'passportNumber'), 'hidden'),
          ...field('License number', str(id, 'licenseNumber'), 'hidden'),
          ...reprompt,
        ],
        ...times,
      };
    }
    case 5: {
      // Keyhold has no SSH key type yet: a note holding the key parts, the private key hidden.
      const key = rec(item, 'sshKey');
      return {
        type: 'note',
        fields: { ...common, text: notes },
        customFields,
        unmapped: [
          ...field('Private key', str(key, 'privateKey'), 'hidden'),
          ...field('Public key', str(key, 'publicKey')),
          ...field('Fingerprint', str(key, 'keyFingerprint')),
          ...reprompt,
        ],
        ...times,
      };
    }
    default:
      return null;
  }
}

function customField(f: JsonRecord): DraftField {
  const type = num(f, 'type') ?? 0;
  if (type === 3) {
    const linked = num(f, 'linkedId');
    return { name: str(f, 'name'), value: `(linked to ${(linked !== null && LINKED_NAMES[linked]) || 'another field'})`, kind: 'text' };
  }
  return { name: str(f, 'name'), value: str(f, 'value'), kind: FIELD_KINDS[type] ?? 'text' };
}
