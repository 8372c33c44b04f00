// The Keyhold export through the import entry points the UI and the CLI use: detected from its bytes,
// parsed by the registry with the password the user typed, refused without one.
import { describe, expect, it } from 'vitest';
import { KDF_FLOORS } from '../../src/crypto/kdf-params.ts';
import { exportBitwardenJson } from '../../src/export/bitwarden-json';
import { exportKeyhold } from '../../src/export/keyhold-export';
import { detectFormat } from '../../src/import/detect-format';
import { parseImportFile } from '../../src/import/registry';
import { newItem } from '../../src/items/new-item';

const PASSWORD = 'export password';
const login = newItem('login', { name: 'Bank', username: 'ada', password: 'SECRET-pw', folder: 'Money' }, Date.UTC(2026, 0, 1));
const file = await exportKeyhold({ items: [login], password: PASSWORD, kdf: KDF_FLOORS });
const bytes = new TextEncoder().encode(file);

describe('Keyhold export in the import registry', () => {
  it('is detected from its bytes, and a Bitwarden export is not taken for it', () => {
    expect(detectFormat('keyhold-export.json', bytes)).toBe('keyhold');
    expect(detectFormat('bitwarden.json', new TextEncoder().encode(exportBitwardenJson([login])))).toBe('bitwarden-json');
  });

  it('parses with the password through parseImportFile', async () => {
    const result = await parseImportFile('keyhold', bytes, { password: PASSWORD });
    expect(result.items).toEqual([login]);
    expect(result.folders).toEqual(['Money']);
  });

  it('without a password or with a wrong one: refused, nothing returned', async () => {
    await expect(parseImportFile('keyhold', bytes)).rejects.toMatchObject({ detail: { code: 'password-required' } });
    await expect(parseImportFile('keyhold', bytes, { password: 'nope' })).rejects.toMatchObject({ detail: { code: 'wrong-password-or-damaged' } });
  });
});
