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
  ] as const)('%s is %s, and parses as it', (file, format) => {
    const bytes = fixtureBytes(file);
    expect(detectFormat(file, bytes)).toBe(format);
    if (!file.includes('protected') && !file.includes('restricted'))
      expect(parseImportFile(format, bytes, { now: NOW }).items.length).toBeGreaterThan(0);
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
