// Attacks on the Keyhold export file, and what the file shows without the password. Each refusal is
// the one detail-free error a reader gives; a file with weakened settings or another version is
// refused before the KDF runs (hash-wasm is wrapped in a call-counting spy that still runs Argon2id,
// as in shared/test/crypto/unlock-vault.test.ts).
import { argon2id } from 'hash-wasm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { base64urlToBytes, bytesToBase64url, utf8ToBytes } from '../../src/crypto/bytes.ts';
import { KDF_FLOORS, newKdfParams } from '../../src/crypto/kdf-params.ts';
import { sealMany } from '../../src/crypto/seal-many.ts';
import { exportKeyhold } from '../../src/export/keyhold-export';
import { _deriveExportKey, exportBinding, KeyholdExportError } from '../../src/export/keyhold-format';
import { parseKeyholdExport } from '../../src/import/formats/keyhold';
import { ImportError } from '../../src/import/import-error';
import type { Item } from '../../src/items/item';
import { newItem } from '../../src/items/new-item';

vi.mock('hash-wasm', async (importOriginal) => {
  const real = await importOriginal<typeof import('hash-wasm')>();
  return { ...real, argon2id: vi.fn(real.argon2id) };
});
const argon2Calls = vi.mocked(argon2id);

const PASSWORD = 'correct horse battery staple';
const login = newItem(
  'login',
  { name: 'Bank', username: 'ada', password: 'SECRET-pw-1', urls: [{ url: 'https://bank.example', match: 'default' }], folder: 'Money' },
  Date.UTC(2026, 0, 1),
);
const note = newItem('note', { name: 'Wifi', text: 'SECRET-note-1', trashedAt: Date.UTC(2026, 1, 1) }, Date.UTC(2026, 0, 2));
const file = await exportKeyhold({ items: [login, note], password: PASSWORD, kdf: KDF_FLOORS });
const container = JSON.parse(file) as Record<string, any>;
beforeEach(() => {
  argon2Calls.mockClear();
});

/** The file with its JSON changed by `edit`. */
function edited(edit: (root: Record<string, any>) => void): string {
  const root = structuredClone(container);
  edit(root);
  return JSON.stringify(root);
}

async function refusal(text: string, password = PASSWORD): Promise<unknown> {
  return parseKeyholdExport(text, { password }).then(
    () => expect.unreachable('the file was accepted'),
    (error: unknown) => error,
  );
}

async function expectDamaged(text: string, password = PASSWORD): Promise<void> {
  const error = await refusal(text, password);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).detail).toEqual({ code: 'wrong-password-or-damaged' });
  expect((error as Error).message).toBe(new ImportError({ code: 'wrong-password-or-damaged' }).message);
}

describe('the Keyhold export file', () => {
  it('is the documented container and holds no item value in the clear', () => {
    expect(Object.keys(container).sort()).toEqual(['format', 'kdf', 'payload', 'salt', 'version']);
    expect(container).toMatchObject({ format: 'keyhold-export', version: 1, kdf: { algorithm: 'argon2id', ...KDF_FLOORS } });
    expect(base64urlToBytes(container.salt as string)).toHaveLength(16);
    for (const secret of ['SECRET-', 'Bank', 'ada', 'Money', 'bank.example', PASSWORD]) expect(file).not.toContain(secret);
  });

  it('uses the KDF defaults unless told otherwise', async () => {
    const text = await exportKeyhold({ items: [], password: PASSWORD });
    expect(JSON.parse(text).kdf).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
  }, 30_000);

  it('refuses settings below the floors when writing, and an empty password', async () => {
    await expect(exportKeyhold({ items: [], password: PASSWORD, kdf: { iterations: 1 } })).rejects.toThrow(/too weak/);
    await expect(exportKeyhold({ items: [], password: '' })).rejects.toThrow(TypeError);
  });

  it('opens with its password: items (trash state included) and folders', async () => {
    const result = await parseKeyholdExport(file, { password: PASSWORD });
    expect(argon2Calls).toHaveBeenCalledTimes(1);
    expect(result.items).toEqual([login, note]);
    expect(result.folders).toEqual(['Money']);
  });

  it('opens whatever Unicode form the password is typed in (NFKC)', async () => {
    const text = await exportKeyhold({ items: [], password: 'Ｃafé', kdf: KDF_FLOORS });
    await expect(parseKeyholdExport(text, { password: 'Cafe\u0301' })).resolves.toMatchObject({ items: [] });
  });
});

describe('a Keyhold export that must not open', () => {
  it('wrong password: one error that says what to do and nothing about the file', async () => {
    await expectDamaged(file, 'correct horse battery stapler');
  });

  it('no password: asks for one, before any key derivation', async () => {
    for (const options of [{}, { password: '' }]) {
      await expect(parseKeyholdExport(file, options)).rejects.toMatchObject({
        detail: { code: 'password-required', vendor: 'Keyhold', keyFile: false },
      });
    }
    expect(argon2Calls).not.toHaveBeenCalled();
  });

  it('a changed byte anywhere in the payload, a truncated or lengthened payload: the same error', async () => {
    const bytes = base64urlToBytes(container.payload as string);
    for (const index of [2, 14, 30, bytes.length - 1]) {
      const flipped = bytes.slice();
      flipped[index]! ^= 1;
      await expectDamaged(edited((root) => (root.payload = bytesToBase64url(flipped))));
    }
    await expectDamaged(edited((root) => (root.payload = bytesToBase64url(bytes.subarray(0, bytes.length - 1)))));
    await expectDamaged(edited((root) => (root.payload = `${root.payload as string}AA`)));
    await expectDamaged(edited((root) => (root.payload = 'not base64url!')));
  });

  it('a changed salt or a raised cost (a different key): the same error', async () => {
    const salt = base64urlToBytes(container.salt as string);
    salt[0]! ^= 1;
    await expectDamaged(edited((root) => (root.salt = bytesToBase64url(salt))));
    await expectDamaged(edited((root) => (root.kdf.iterations = KDF_FLOORS.iterations + 1)));
  });

  it('a payload sealed for another version or purpose does not open in a version-1 file', async () => {
    const params = newKdfParams(KDF_FLOORS);
    const key = await _deriveExportKey(PASSWORD, params);
    const plaintext = utf8ToBytes(JSON.stringify({ items: [], folders: [] }));
    const [asVersion2, asSettings] = await sealMany([
      { key, plaintext, binding: exportBinding(2) },
      { key, plaintext, binding: { purpose: 'settings', accountId: 'keyhold-export', itemId: '1' } },
    ]);
    const [asVersion1] = await sealMany([{ key, plaintext, binding: exportBinding() }]);
    const withPayload = (payload: string | undefined) =>
      edited((root) => Object.assign(root, { payload, salt: params.salt, kdf: { ...root.kdf, ...KDF_FLOORS } }));
    await expectDamaged(withPayload(asVersion2));
    await expectDamaged(withPayload(asSettings));
    await expect(parseKeyholdExport(withPayload(asVersion1), { password: PASSWORD })).resolves.toMatchObject({ items: [] });
  });

  it.each([0, 2, '1', null, 1.5])('version %j is refused, before any key derivation', async (version) => {
    const error = await refusal(edited((root) => (root.version = version)));
    expect(error).toBeInstanceOf(KeyholdExportError);
    expect((error as KeyholdExportError).reason).toBe('unsupported-version');
    expect(argon2Calls).not.toHaveBeenCalled();
  });

  it('settings below the floors or above the ceilings are refused before any key derivation', async () => {
    for (const kdf of [{ memoryKiB: 1024 }, { iterations: 1 }, { parallelism: 0 }, { memoryKiB: 4 * 1024 * 1024 }, { iterations: 1000 }]) {
      const error = await refusal(edited((root) => Object.assign(root.kdf, kdf)));
      expect(error).toBeInstanceOf(KeyholdExportError);
      expect((error as KeyholdExportError).reason).toBe('unsafe-kdf');
    }
    expect(argon2Calls).not.toHaveBeenCalled();
  });

  it('a file that is not a Keyhold export says so, naming the member', async () => {
    const cases: [string, string][] = [
      [edited((root) => (root.format = 'bitwarden')), 'format'],
      [edited((root) => delete root.payload), 'payload'],
      [edited((root) => (root.kdf.algorithm = 'scrypt')), 'kdf.algorithm'],
      [edited((root) => (root.salt = 'AAAA')), 'salt'],
      ['[]', 'format'],
    ];
    for (const [text, path] of cases) {
      const error = await refusal(text);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).detail).toMatchObject({ code: 'wrong-shape', path });
    }
    await expect(parseKeyholdExport('{"format":', { password: PASSWORD })).rejects.toMatchObject({ detail: { code: 'malformed-json' } });
  });
});

describe('items inside an authentic payload are still checked', () => {
  it('an invalid item, a duplicate id, an unknown type are reported by number; the others import', async () => {
    const broken = { ...login, id: crypto.randomUUID(), urls: 'https://not-a-list.example' } as unknown as Item;
    const wrongTypes = { ...login, id: crypto.randomUUID(), totp: 42 } as unknown as Item;
    const newer = { ...note, id: crypto.randomUUID(), type: 'passkey', schemaVersion: 2 } as unknown as Item;
    const text = await exportKeyhold({ items: [login, broken, login, wrongTypes, newer, note], password: PASSWORD, kdf: KDF_FLOORS });
    const result = await parseKeyholdExport(text, { password: PASSWORD });
    expect(result.items).toEqual([login, note]);
    expect(result.problems).toEqual([2, 3, 4, 5].map((item) => ({ kind: 'skipped', at: { item }, reason: 'invalid' })));
    expect(JSON.stringify(result.problems)).not.toMatch(/SECRET|not-a-list/);
  });

  it('a payload over the item limit is refused as a whole', async () => {
    const text = await exportKeyhold({ items: [login, note], password: PASSWORD, kdf: KDF_FLOORS });
    await expect(parseKeyholdExport(text, { password: PASSWORD, maxItems: 1 })).rejects.toMatchObject({ detail: { code: 'too-many-items' } });
  });
});
