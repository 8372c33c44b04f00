import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/import/detect-format';
import { IMPORT_FORMATS, parseImportFile } from '../../src/import/registry';
import { fixtureBytes, NOW } from './_helpers';

describe('format detection', () => {
  it.each([
    ['bitwarden-personal.json', 'bitwarden-json'],
    ['bitwarden-password-protected.json', 'bitwarden-json'],
    ['bitwarden-account-restricted.json', 'bitwarden-json'],
    ['bitwarden.csv', 'bitwarden-csv'],
    ['bitwarden-org.csv', 'bitwarden-csv'],
    ['chrome.csv', 'chromium-csv'],
    ['chrome-old.csv', 'chromium-csv'],
    ['firefox.csv', 'firefox-csv'],
    ['safari.csv', 'safari-csv'],
    ['lastpass.csv', 'lastpass-csv'],
    ['1password.csv', '1password-csv'],
    ['keepassxc.csv', 'keepassxc-csv'],
    ['proton-pass.json', 'proton-pass-json'],
    ['dashlane-credentials.csv', 'dashlane-csv'],
  ] as const)('%s is %s, and parses as it', async (file, format) => {
    const bytes = fixtureBytes(file);
    expect(detectFormat(file, bytes)).toBe(format);
    if (!file.includes('protected') && !file.includes('restricted'))
      expect((await parseImportFile(format, bytes, { now: NOW })).items.length).toBeGreaterThan(0);
  });

  it('tells KeePass databases by their signature, KeePass 1 included (the importer explains it)', () => {
    const kdbx = Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]);
    const kdb1 = Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, 0x00, 0x00]);
    expect(detectFormat('Passwords.kdbx', kdbx)).toBe('kdbx');
    expect(detectFormat('old.kdb', kdb1)).toBe('kdbx');
    expect(detectFormat('x.bin', Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x00, 0x00, 0x00, 0x00]))).toBeNull();
  });

  it('passes the password through to an encrypted format, and asks for it when it is missing', async () => {
    const bytes = fixtureBytes('bitwarden-password-protected.json');
    await expect(parseImportFile('bitwarden-json', bytes)).rejects.toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ code: 'password-required' }) }),
    );
    // The fixture's cipher strings are placeholders: with a password it gets as far as the MAC check.
    await expect(parseImportFile('bitwarden-json', bytes, { password: 'x' })).rejects.toThrow(
      expect.objectContaining({ detail: { code: 'wrong-password-or-damaged' } }),
    );
  });

  it('tells zips apart by their entries', () => {
    expect(detectFormat('x.1pux', zipSync({ 'export.attributes': strToU8('{}'), 'export.data': strToU8('{}') }))).toBe('1password-1pux');
    expect(detectFormat('x.zip', zipSync({ 'Proton Pass/data.json': strToU8('{}') }))).toBe('proton-pass-zip');
    expect(detectFormat('x.zip', zipSync({ 'credentials.csv': strToU8('a') }))).toBe('dashlane-zip');
    expect(detectFormat('x.zip', zipSync({ 'other.txt': strToU8('a') }))).toBeNull();
  });

  it('answers null for what it cannot tell', () => {
    expect(detectFormat('notes.txt', strToU8('just some text'))).toBeNull();
    expect(detectFormat('a.json', strToU8('{"hello": 1}'))).toBeNull();
  });

  it('lists every format with a label', () => {
    for (const spec of Object.values(IMPORT_FORMATS)) expect(spec.label).not.toBe('');
  });
});
