// KeePass databases (KDBX 3.1 and 4, from KeePass 2, KeePassXC, KeeWeb, Strongbox, KeePassDX...),
// opened with the file's password and/or key file (decrypt/kdbx-open.ts). Groups become folders,
// the path below the root group joined with "/" (the root's own name is dropped, as in
// keepassxc-csv.ts); entries in the Recycle Bin come in as trashed. Standard fields map to the
// login (Title, UserName, Password, URL, Notes); KeePassXC's KP2A_URL* and plugins' URL_* fields
// are more URLs; TOTP comes from kdbx-totp.ts; other fields are kept as custom fields (protected
// ones hidden); entry history gives the old passwords. Attachments are reported, not imported.
// Field names: keepass.info/help/base/fieldrefs.html and KeePassXC's EntryAttributes.
import type * as kdbxweb from 'kdbxweb';
import { createItemCollector, type CollectorOptions, type ImportResult, type ItemCollector } from '../collect-items';
import { openKdbx, type KdbxCredentialsInput } from '../decrypt/kdbx-open';
import { field, type DraftField, type DraftPassword, type ItemDraft } from '../item-draft';
import { toUrls } from '../urls';
import { kdbxTotp } from './kdbx-totp';

export type KdbxOptions = CollectorOptions & KdbxCredentialsInput;

const STANDARD_FIELDS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);
const EXTRA_URL = /^(KP2A_URL(_\d+)?|URL_.+)$/;

export async function parseKdbx(bytes: Uint8Array, options: KdbxOptions = {}): Promise<ImportResult> {
  const { password, keyFile, ...collectorOptions } = options;
  const db = await openKdbx(bytes, { password, keyFile });
  const collector = createItemCollector(collectorOptions);
  const recycleBin = db.meta.recycleBinEnabled === false ? undefined : db.meta.recycleBinUuid?.id;
  let index = 0;
  const walk = (group: kdbxweb.KdbxGroup, path: readonly string[], trashed: boolean): void => {
    const folder = path.join('/');
    if (!trashed) collector.addFolder(folder);
    for (const entry of group.entries) {
      const at = { item: ++index };
      collector.add(at, draftOf(entry, { folder, trashed, at, collector }));
    }
    for (const child of group.groups) {
      const isBin = recycleBin !== undefined && child.uuid.id === recycleBin;
      // Inside the Recycle Bin the folder is where the item sits below it, as in keepassxc-csv.ts.
      walk(child, isBin ? [] : [...path, child.name ?? ''], trashed || isBin);
    }
  };
  walk(db.getDefaultGroup(), [], false);
  return collector.result();
}

type Place = { folder: string; trashed: boolean; at: { item: number }; collector: ItemCollector };

function draftOf(entry: kdbxweb.KdbxEntry, place: Place): ItemDraft {
  const get = (name: string): string => textOf(entry.fields.get(name));
  const totp = kdbxTotp(get, get('Title'));
  const used = new Set([...STANDARD_FIELDS, ...(totp?.used ?? [])]);
  const urls = [get('URL')];
  const customFields: DraftField[] = [];
  for (const [name, value] of entry.fields) {
    if (used.has(name)) continue;
    if (EXTRA_URL.test(name)) urls.push(textOf(value));
    else customFields.push(...field(name, textOf(value), typeof value === 'string' ? 'text' : 'hidden'));
  }
  if (entry.binaries.size > 0) place.collector.report({ kind: 'attachment-not-imported', at: place.at, count: entry.binaries.size });
  const times = entry.times;
  const updatedAt = times.lastModTime?.getTime() ?? null;
  const common = {
    name: get('Title'),
    folder: place.folder === '' ? null : place.folder,
    tags: entry.tags.filter((t) => t.trim() !== ''),
    trashedAt: place.trashed ? (times.locationChanged?.getTime() ?? updatedAt ?? place.collector.now) : null,
  };
  const unmapped = times.expires === true && times.expiryTime !== undefined ? field('Expires', times.expiryTime.toISOString()) : [];
  const source = { createdAt: times.creationTime?.getTime() ?? null, updatedAt };
  const username = get('UserName');
  const password = get('Password');
  const notes = get('Notes');
  const isNote = username === '' && password === '' && urls.every((u) => u.trim() === '') && totp === null && notes.trim() !== '';
  if (isNote) return { type: 'note', fields: { ...common, text: notes }, customFields, unmapped, ...source };
  return {
    type: 'login',
    fields: { ...common, username, password, urls: toUrls(urls), notes },
    totp: totp?.uri ?? '',
    customFields,
    unmapped,
    passwordHistory: passwordHistory(entry, password),
    ...source,
  };
}

/**
 * KeePass keeps whole earlier versions of an entry; each distinct earlier password (not the current
 * one) becomes one history entry, dated by the last version that still had it.
 */
function passwordHistory(entry: kdbxweb.KdbxEntry, current: string): DraftPassword[] {
  const latest = new Map<string, number>();
  for (const version of entry.history) {
    const value = textOf(version.fields.get('Password'));
    if (value === '' || value === current) continue;
    const changedAt = version.times.lastModTime?.getTime() ?? Number.NaN;
    const seen = latest.get(value);
    if (seen === undefined || !(seen >= changedAt)) latest.set(value, changedAt);
  }
  return [...latest].map(([value, changedAt]) => ({ value, changedAt }));
}

function textOf(value: kdbxweb.KdbxEntryField | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.getText();
}
