// What the import preview and the CLI show about a parsed file: one line per item saying what it
// holds (type, name, usernames, URLs, folder, tags, the names of its custom fields, whether a
// password or a TOTP is there, how many old passwords) and counts for the whole file. Secret values
// appear only when the caller asks for them with `reveal`.
import type { KnownItem } from '../items/item';
import type { ImportResult } from './collect-items';
import { describeProblem } from './import-problem';

export type ItemSummary = {
  type: KnownItem['type'];
  name: string;
  usernames: string[];
  urls: string[];
  folder: string | null;
  tags: string[];
  favorite: boolean;
  trashed: boolean;
  hasPassword: boolean;
  hasTotp: boolean;
  customFields: string[];
  historyCount: number;
  secrets?: Record<string, string>;
};

export function summarizeItem(item: KnownItem, options: { reveal: boolean }): ItemSummary {
  const base = {
    type: item.type,
    name: item.name,
    folder: item.folder,
    tags: item.tags,
    favorite: item.favorite,
    trashed: item.trashedAt !== null,
    historyCount: item.history.length,
  };
  switch (item.type) {
    case 'login': {
      const summary = {
        ...base,
        usernames: [item.username, ...item.extraUsernames].filter((u) => u !== ''),
        urls: item.urls.map((u) => u.url),
        hasPassword: item.password !== '',
        hasTotp: item.totp !== '',
        customFields: item.customFields.map((f) => f.name),
      };
      const secrets = { password: item.password, totp: item.totp, ...Object.fromEntries(item.customFields.map((f) => [`field:${f.name}`, f.value])) };
      return options.reveal ? { ...summary, secrets } : summary;
    }
    case 'card': {
      const summary = {
        ...base,
        usernames: [item.cardholder].filter((u) => u !== ''),
        urls: [],
        hasPassword: item.securityCode !== '' || item.pin !== '',
        hasTotp: false,
        customFields: [],
      };
      return options.reveal ? { ...summary, secrets: { number: item.number, securityCode: item.securityCode, pin: item.pin } } : summary;
    }
    case 'identity':
      return { ...base, usernames: [item.email].filter((u) => u !== ''), urls: [], hasPassword: false, hasTotp: false, customFields: [] };
    case 'api-key': {
      const summary = {
        ...base,
        usernames: [item.key].filter((u) => u !== ''),
        urls: [item.serviceUrl].filter((u) => u !== ''),
        hasPassword: item.secret !== '',
        hasTotp: false,
        customFields: [],
      };
      return options.reveal ? { ...summary, secrets: { secret: item.secret } } : summary;
    }
    case 'note': {
      const summary = { ...base, usernames: [], urls: [], hasPassword: false, hasTotp: false, customFields: [] };
      return options.reveal ? { ...summary, secrets: { text: item.text } } : summary;
    }
  }
}

export type ResultSummary = {
  summary: true;
  items: number;
  byType: Record<string, number>;
  folders: number;
  problems: number;
  problemList: string[];
};

export function summarizeResult(result: ImportResult): ResultSummary {
  const byType: Record<string, number> = {};
  for (const item of result.items) byType[item.type] = (byType[item.type] ?? 0) + 1;
  return {
    summary: true,
    items: result.items.length,
    byType,
    folders: result.folders.length,
    problems: result.problems.length,
    problemList: result.problems.map(describeProblem),
  };
}
