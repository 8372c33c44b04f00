// Import files for the import benchmark, made from the same deterministic vault the other suites use
// (generate-items.ts): a Bitwarden JSON export written by Keyhold's own Bitwarden exporter, and a
// 1Password 1PUX (a zip holding export.data and export.attributes) in the shape 1Password writes,
// one login per generated login and a secure note for every other item.
import { strToU8, zipSync } from 'fflate';
import { exportBitwardenJson } from '../../shared/src/export/bitwarden-json.ts';
import type { Item, LoginItem } from '../../shared/src/items/item.ts';

export function bitwardenJsonFile(items: readonly Item[]): Uint8Array {
  return strToU8(exportBitwardenJson(items));
}

export function onePasswordPuxFile(items: readonly Item[]): Uint8Array {
  const uuid = (i: number) => i.toString(36).padStart(26, '0');
  const puxItems = items.map((item, i) => {
    const login = item.type === 'login' ? (item as LoginItem) : null;
    const times = { createdAt: Math.floor(Number(item.createdAt) / 1000), updatedAt: Math.floor(Number(item.updatedAt) / 1000) };
    if (!login) {
      return {
        uuid: uuid(i),
        favIndex: 0,
        ...times,
        state: 'active',
        categoryUuid: '003',
        details: { loginFields: [], notesPlain: `${String(item.name)} (${item.type} ${i})`, sections: [] },
        overview: { subtitle: '', title: String(item.name), url: '', ps: 0, pbe: 0, pgrng: false, tags: [] },
      };
    }
    return {
      uuid: uuid(i),
      favIndex: login.favorite ? 1 : 0,
      ...times,
      state: 'active',
      categoryUuid: '001',
      details: {
        loginFields: [
          { value: login.username, id: '', name: 'username', fieldType: 'T', designation: 'username' },
          { value: login.password, id: '', name: 'password', fieldType: 'P', designation: 'password' },
        ],
        notesPlain: login.notes,
        sections: [],
      },
      overview: {
        subtitle: login.username,
        urls: login.urls.map((u) => ({ label: '', url: u.url })),
        title: login.name,
        url: login.urls[0]?.url ?? '',
        ps: 80,
        pbe: 70,
        pgrng: true,
        tags: login.tags,
      },
    };
  });
  const data = {
    accounts: [
      {
        attrs: {
          accountName: 'Bench',
          name: 'Bench',
          avatar: '',
          email: 'bench@example.com',
          uuid: 'BENCHACCOUNT00000000000000',
          domain: 'https://my.1password.com/',
        },
        vaults: [{ attrs: { uuid: 'benchvault0000000000000001', desc: '', avatar: '', name: 'Personal', type: 'P' }, items: puxItems }],
      },
    ],
  };
  return zipSync({
    'export.attributes': strToU8(JSON.stringify({ version: 3, description: '1Password Unencrypted Export', createdAt: 1_700_000_000 })),
    'export.data': strToU8(JSON.stringify(data)),
  });
}
