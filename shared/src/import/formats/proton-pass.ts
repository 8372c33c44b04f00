// Proton Pass's unencrypted export: JSON `{ version, userId, encrypted: false, vaults: { <shareId>:
// { name, description, display, items: [...] } } }`, alone or as "Proton Pass/data.json" inside a
// zip (with attachments, not imported). Each item has `data.type` (login, alias, note, creditCard,
// identity, and newer custom types), `data.metadata` {name, note}, `data.content`, `data.extraFields`
// [{fieldName, type: text|hidden|totp|timestamp, data: {content}}], `state` (1 active, 2 trashed),
// `pinned`, and times in Unix seconds. The PGP-encrypted export is refused for now. Source: Proton
// Pass's exporter (ProtonMail/WebClients, packages/pass/lib/export) and proton.me/support/pass-export.
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import { cardExpiry } from '../card-expiry';
import { ImportError } from '../import-error';
import { field, type ItemDraft } from '../item-draft';
import { asRecord, bool, list, num, rec, records, str, type JsonRecord } from '../json-fields';
import { parseJsonSafely } from '../read-json';
import { createZipReader } from '../read-zip';
import { toUrls } from '../urls';
import { extraFields } from './proton-pass-fields';
import { identityDraft } from './proton-pass-identity';

export const PROTON_ZIP_ENTRY = 'Proton Pass/data.json';
const PGP_ARMOR = '-----BEGIN PGP MESSAGE-----';
const STATE_TRASHED = 2;

export function parseProtonPassZip(input: Uint8Array, options: CollectorOptions = {}): ImportResult {
  const zip = createZipReader(input);
  return parseProtonPassJson(new TextDecoder().decode(zip.read(PROTON_ZIP_ENTRY)), options);
}

export function parseProtonPassJson(input: string, options: CollectorOptions = {}): ImportResult {
  if (input.trimStart().startsWith(PGP_ARMOR)) throw new ImportError({ code: 'encrypted-export', vendor: 'Proton Pass' });
  const root = asRecord(parseJsonSafely(input));
  if (root === null || rec(root, 'vaults') === null) throw new ImportError({ code: 'wrong-shape', expected: 'Proton Pass', path: 'vaults' });
  if (bool(root, 'encrypted')) throw new ImportError({ code: 'encrypted-export', vendor: 'Proton Pass' });
  const collector = createItemCollector(options);
  let number = 0;
  for (const vault of Object.values(rec(root, 'vaults') ?? {})) {
    const v = asRecord(vault);
    const folder = str(v, 'name') || null;
    if (folder !== null) collector.addFolder(folder);
    for (const entry of list(v, 'items')) {
      const at = { item: ++number };
      const item = asRecord(entry);
      const draft = item === null ? null : draftOf(item, folder, collector, at);
      if (draft === null) collector.report({ kind: 'skipped', at, reason: 'not-an-item' });
      else collector.add(at, draft);
    }
  }
  return collector.result();
}

function draftOf(item: JsonRecord, folder: string | null, collector: ItemCollector, at: { item: number }): ItemDraft | null {
  const data = rec(item, 'data');
  if (data === null) return null;
  const metadata = rec(data, 'metadata');
  const content = rec(data, 'content');
  const modified = (num(item, 'modifyTime') ?? Number.NaN) * 1000;
  const common = {
    name: str(metadata, 'name'),
    folder,
    favorite: bool(item, 'pinned'),
    trashedAt: num(item, 'state') === STATE_TRASHED ? (Number.isFinite(modified) ? modified : collector.now) : null,
  };
  const times = { createdAt: (num(item, 'createTime') ?? Number.NaN) * 1000, updatedAt: modified };
  const note = str(metadata, 'note');
  const extra = extraFields(records(data, 'extraFields'));
  const files = list(item, 'files').length;
  if (files > 0) collector.report({ kind: 'attachment-not-imported', at, count: files });
  switch (str(data, 'type')) {
    case 'login':
    case 'alias': {
      const passkeys = list(content, 'passkeys').length;
      if (passkeys > 0) collector.report({ kind: 'passkey-not-imported', at, count: passkeys });
      // Content format 5 split the username from the email; older exports have `username` only.
      const emails = [str(content, 'itemUsername') || str(content, 'username'), str(content, 'itemEmail'), str(item, 'aliasEmail')].filter(
        (u) => u !== '',
      );
      const [username = '', ...extraUsernames] = [...new Set(emails)];
      const urls = list(content, 'urls').filter((u): u is string => typeof u === 'string');
      return {
        type: 'login',
        fields: { ...common, username, extraUsernames, password: str(content, 'password'), urls: toUrls(urls), notes: note },
        totp: str(content, 'totpUri'),
        customFields: extra.fields,
        unmapped: extra.totps,
        ...times,
      };
    }
    case 'creditCard': {
      const expiry = cardExpiry({ text: str(content, 'expirationDate') });
      const card = {
        cardholder: str(content, 'cardholderName'),
        number: str(content, 'number'),
        securityCode: str(content, 'verificationNumber'),
        pin: str(content, 'pin'),
      };
      return {
        type: 'card',
        fields: { ...common, ...card, ...expiry.fields, notes: note },
        customFields: extra.fields,
        unmapped: [...expiry.unmapped, ...extra.totps],
        ...times,
      };
    }
    case 'identity':
      return { ...identityDraft(content, common, note, extra.fields), ...times };
    case 'note':
      return { type: 'note', fields: { ...common, text: note }, customFields: extra.fields, unmapped: extra.totps, ...times };
    default: {
      // Types newer than this importer (wifi, SSH key, custom): every string in the content is kept.
      const kept = Object.entries(content ?? {}).flatMap(([key, value]) =>
        typeof value === 'string' ? field(key, value, /password|key|secret/i.test(key) ? 'hidden' : 'text') : [],
      );
      return {
        type: 'note',
        fields: { ...common, text: note },
        customFields: extra.fields,
        unmapped: [...field('Proton Pass type', str(data, 'type')), ...kept, ...extra.totps],
        ...times,
      };
    }
  }
}
