import { describe, expect, it } from 'vitest';
import { parseBitwardenJson } from '../../src/import/formats/bitwarden-json';
import { parseBitwardenFile } from '../../src/import/formats/bitwarden-protected-json';
import { ImportError } from '../../src/import/import-error';
import { summarizeItem } from '../../src/import/summarize';
import type { ImportResult } from '../../src/import/collect-items';
import { cipherString, protectedExport, type TestKdf } from './_bitwarden-encrypt';
import { expectSoundResult, fixtureText, NOW } from './_helpers';

const PASSWORD = 'correct horse battery staple ✓';
const PBKDF2: TestKdf = { kdfType: 0, kdfIterations: 5000 };
const ARGON2ID: TestKdf = { kdfType: 1, kdfIterations: 2, kdfMemory: 16, kdfParallelism: 2 };
const plainJson = fixtureText('bitwarden-personal.json');

const open = (envelope: object, password?: string): Promise<ImportResult> => parseBitwardenFile(JSON.stringify(envelope), { now: NOW, password });

/** Item ids are random: compare what the preview shows, secrets included. */
const shown = (result: ImportResult) => ({
  items: result.items.map((item) => summarizeItem(item, { reveal: true })),
  folders: result.folders,
  problems: result.problems,
});

const refusedWith = (code: string) => expect.objectContaining({ detail: expect.objectContaining({ code }) });

describe('Bitwarden password-protected export', () => {
  it.each([
    ['PBKDF2-SHA256', PBKDF2],
    ['Argon2id', ARGON2ID],
  ] as const)('opens a %s export built with node:crypto / native argon2, giving what the plain export gives', async (_, kdf) => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, kdf);
    const result = await open(envelope, PASSWORD);
    expectSoundResult(result);
    expect(shown(result)).toEqual(shown(parseBitwardenJson(plainJson, { now: NOW })));
  });

  it('asks for the password when none is given, as a typed error the UI can react to', async () => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, PBKDF2);
    await expect(open(envelope)).rejects.toThrow(
      expect.objectContaining({ detail: { code: 'password-required', vendor: 'Bitwarden', keyFile: false } }),
    );
    await expect(open(envelope, '')).rejects.toThrow(refusedWith('password-required'));
  });

  it('says only "wrong password or damaged file" for a wrong password', async () => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, PBKDF2);
    const error = await open(envelope, 'Correct horse battery staple ✓').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).detail).toEqual({ code: 'wrong-password-or-damaged' });
    expect((error as ImportError).message).toMatch(/^Wrong password or damaged file\./);
  });

  it('verifies the MAC before decrypting: a well-formed ciphertext under a wrong MAC is refused', async () => {
    const { envelope, keys } = await protectedExport(plainJson, PASSWORD, PBKDF2);
    // The ciphertext decrypts to the real export; only the MAC is wrong. Without the check this imports.
    const [head, ct] = cipherString(plainJson, keys).split('|');
    const forged = `${head}|${ct}|${Buffer.alloc(32, 7).toString('base64')}`;
    await expect(open({ ...envelope, data: forged }, PASSWORD)).rejects.toThrow(refusedWith('wrong-password-or-damaged'));
  });

  it('refuses a tampered validation string, ciphertext or MAC with the same error', async () => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, ARGON2ID);
    const flip = (text: string, part: number): string => {
      const parts = text.split('|');
      const bytes = Buffer.from(parts[part]!.replace(/^2\./, ''), 'base64');
      bytes[0]! ^= 1;
      parts[part] = (part === 0 ? '2.' : '') + bytes.toString('base64');
      return parts.join('|');
    };
    for (const data of [flip(envelope.data, 0), flip(envelope.data, 1), flip(envelope.data, 2), envelope.data.slice(0, -8), 'garbage', '']) {
      await expect(open({ ...envelope, data }, PASSWORD)).rejects.toThrow(refusedWith('wrong-password-or-damaged'));
    }
    await expect(open({ ...envelope, encKeyValidation_DO_NOT_EDIT: flip(envelope.encKeyValidation_DO_NOT_EDIT, 2) }, PASSWORD)).rejects.toThrow(
      refusedWith('wrong-password-or-damaged'),
    );
  });

  it('refuses absurd KDF settings before deriving anything, so a hostile file cannot stall the browser', async () => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, PBKDF2);
    const cases: [object, string][] = [
      [{ kdfType: 0, kdfIterations: 10_000_001 }, 'iterations'],
      [{ kdfType: 0, kdfIterations: 0 }, 'iterations'],
      [{ kdfType: 0, kdfIterations: '600000' }, 'iterations'],
      [{ kdfType: 1, kdfIterations: 3, kdfMemory: 2048, kdfParallelism: 4 }, 'memory'],
      [{ kdfType: 1, kdfIterations: 1000, kdfMemory: 1024, kdfParallelism: 4 }, 'iterations'],
      [{ kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 0 }, 'parallelism'],
      [{ kdfType: 1, kdfIterations: 3, kdfParallelism: 4 }, 'memory'],
    ];
    const started = performance.now();
    for (const [kdf, setting] of cases) {
      await expect(open({ ...envelope, ...kdf }, PASSWORD)).rejects.toThrow(
        expect.objectContaining({ detail: { code: 'kdf-out-of-range', setting } }),
      );
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names what it cannot open: an unknown KDF, a cipher string type other than 2', async () => {
    const { envelope } = await protectedExport(plainJson, PASSWORD, PBKDF2);
    await expect(open({ ...envelope, kdfType: 7 }, PASSWORD)).rejects.toThrow(
      expect.objectContaining({ detail: { code: 'unsupported-encryption', what: 'bitwarden-kdf' } }),
    );
    await expect(open({ ...envelope, data: '0.aXY=|Y3Q=' }, PASSWORD)).rejects.toThrow(
      expect.objectContaining({ detail: { code: 'unsupported-encryption', what: 'bitwarden-cipher' } }),
    );
  });

  it('still refuses the account-restricted export, password or not, saying to export with a password', async () => {
    for (const password of [undefined, PASSWORD]) {
      const error = await parseBitwardenFile(fixtureText('bitwarden-account-restricted.json'), { password }).catch((e: unknown) => e);
      expect((error as ImportError).detail).toEqual({ code: 'account-restricted-export' });
      expect((error as ImportError).message).toMatch(/Password protected/);
    }
  });

  it('imports a plain export given a password it does not need', async () => {
    const result = await parseBitwardenFile(plainJson, { now: NOW, password: 'unused' });
    expect(result.items.length).toBe(6);
  });
});
