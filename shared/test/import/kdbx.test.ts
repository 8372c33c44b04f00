import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/import/detect-format';
import { parseKdbx } from '../../src/import/formats/kdbx';
import { ImportError } from '../../src/import/import-error';
import { parseImportFile } from '../../src/import/registry';
import { createDb, headerOnly, kdbxweb, protectedText, saveDb, type TestKdf } from './_kdbx';
import { byName, expectSoundResult, fieldsOf, NOW } from './_helpers';

const PASSWORD = 'SECRET-master ✓';
const T = (iso: string): Date => new Date(iso);

/** A database with what real ones hold: nested groups, every TOTP convention, history, the bin. */
async function sampleDb(kdf: TestKdf, secrets: { password?: string; keyFile?: Uint8Array } = { password: PASSWORD }): Promise<Uint8Array> {
  const db = createDb(kdf, secrets);
  const root = db.getDefaultGroup();
  const work = db.createGroup(root, 'Work');
  const servers = db.createGroup(work, 'Servers');
  db.createGroup(root, 'Empty group');

  const mail = db.createEntry(work);
  const set = (entry: kdbxweb.KdbxEntry, fields: Record<string, string | kdbxweb.ProtectedValue>): void => {
    for (const [name, value] of Object.entries(fields)) entry.fields.set(name, value);
  };
  set(mail, { Title: 'Mail', UserName: 'zoe@example.com', Password: protectedText('SECRET-old-1'), URL: 'https://mail.example.com' });
  mail.times.lastModTime = T('2023-02-01T00:00:00Z');
  mail.pushHistory();
  set(mail, { Password: protectedText('SECRET-old-2') });
  mail.times.lastModTime = T('2023-06-01T00:00:00Z');
  mail.pushHistory();
  set(mail, {
    Password: protectedText('SECRET-current'),
    Notes: 'Recovery: ask IT\nSecond line',
    KP2A_URL: 'https://webmail.example.org',
    KP2A_URL_1: 'androidapp://com.example.mail',
    otp: 'otpauth://totp/Mail:zoe?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Mail',
    PIN: protectedText('SECRET-pin-1234'),
    Department: 'Sales',
  });
  mail.tags = ['email', 'work'];
  mail.times.creationTime = T('2023-01-15T12:00:00Z');
  mail.times.lastModTime = T('2024-07-02T08:30:00Z');
  mail.times.expires = true;
  mail.times.expiryTime = T('2027-01-01T00:00:00Z');

  const ssh = db.createEntry(servers);
  set(ssh, {
    Title: 'Build server',
    UserName: 'deploy',
    Password: protectedText('SECRET-ssh'),
    'TimeOtp-Secret-Base32': 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    'TimeOtp-Period': '60',
    'TimeOtp-Length': '8',
    'TimeOtp-Algorithm': 'HMAC-SHA-256',
  });
  ssh.binaries.set('id_ed25519', await db.createBinary(protectedText('SECRET-key-file')));

  const bank = db.createEntry(root);
  set(bank, { Title: 'Bank', UserName: 'zoe', Password: protectedText('SECRET-bank'), 'TOTP Seed': 'JBSW Y3DP EHPK 3PXP', 'TOTP Settings': '30;6' });

  const hex = db.createEntry(root);
  set(hex, {
    Title: 'Hex TOTP',
    UserName: 'h',
    Password: protectedText('SECRET-h'),
    'TimeOtp-Secret-Hex': '3132333435363738393031323334353637383930',
  });

  const note = db.createEntry(root);
  set(note, { Title: 'Wi-Fi', Notes: 'SECRET-note guest network: hunter2' });

  const old = db.createEntry(work);
  set(old, { Title: 'Old forum', UserName: 'z', Password: protectedText('SECRET-forum'), URL: 'https://forum.example.net' });
  db.remove(old);
  return saveDb(db);
}

const refusedWith = (detail: object) => expect.objectContaining({ detail });

describe('KeePass KDBX', () => {
  it('maps groups, fields, URLs, TOTP, custom fields, tags, times, history and the Recycle Bin (KDBX 4, Argon2id)', async () => {
    const result = await parseKdbx(await sampleDb('argon2id'), { password: PASSWORD, now: NOW });
    expectSoundResult(result);
    expect(result.folders).toEqual(['Work', 'Work/Servers', 'Empty group']);
    expect(result.items.map((i) => [i.name, i.type])).toEqual([
      ['Bank', 'login'],
      ['Hex TOTP', 'login'],
      ['Wi-Fi', 'note'],
      ['Old forum', 'login'],
      ['Mail', 'login'],
      ['Build server', 'login'],
    ]);

    const mail = byName(result, 'Mail', 'login');
    expect(mail).toMatchObject({ username: 'zoe@example.com', password: 'SECRET-current', notes: 'Recovery: ask IT\nSecond line', folder: 'Work' });
    expect(mail.urls.map((u) => u.url)).toEqual(['https://mail.example.com', 'https://webmail.example.org', 'androidapp://com.example.mail']);
    expect(mail.totp).toBe('otpauth://totp/Mail:zoe?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Mail');
    expect(mail.customFields.map((f) => [f.name, f.value, f.kind])).toEqual([
      ['PIN', 'SECRET-pin-1234', 'hidden'],
      ['Department', 'Sales', 'text'],
      ['Expires', '2027-01-01T00:00:00.000Z', 'text'],
    ]);
    expect(mail.tags).toEqual(['email', 'work']);
    expect(mail.createdAt).toBe(Date.parse('2023-01-15T12:00:00Z'));
    expect(mail.updatedAt).toBe(Date.parse('2024-07-02T08:30:00Z'));
    expect(mail.trashedAt).toBeNull();
    expect(mail.history.map((h) => [h.value, h.changedAt])).toEqual([
      ['SECRET-old-2', Date.parse('2023-06-01T00:00:00Z')],
      ['SECRET-old-1', Date.parse('2023-02-01T00:00:00Z')],
    ]);

    const ssh = byName(result, 'Build server', 'login');
    expect(ssh.folder).toBe('Work/Servers');
    expect(ssh.totp).toMatch(/^otpauth:\/\/totp\/Build%20server\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=60&algorithm=SHA256$/);
    expect(ssh.customFields).toEqual([]);
    expect(result.problems).toContainEqual({ kind: 'attachment-not-imported', at: { item: 6 }, count: 1 });

    expect(byName(result, 'Bank', 'login').totp).toBe('otpauth://totp/Bank?secret=JBSWY3DPEHPK3PXP&digits=6&period=30');
    expect(byName(result, 'Hex TOTP', 'login').totp).toContain('secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(fieldsOf(byName(result, 'Bank', 'login'))).toEqual({});
    expect(byName(result, 'Wi-Fi', 'note').text).toBe('SECRET-note guest network: hunter2');

    const trashed = byName(result, 'Old forum', 'login');
    expect(trashed.trashedAt).not.toBeNull();
    expect(trashed.folder).toBeNull();
    expect(result.problems).toContainEqual({ kind: 'kept-unmapped', at: { item: 5 }, fields: ['Expires'], keptIn: 'custom-fields' });
  });

  const keyFile = new TextEncoder().encode('a key file that is neither XML nor 32/64 bytes: hashed with SHA-256');
  it.each([
    ['aes-v3', { password: PASSWORD }],
    ['aes-v3', { password: PASSWORD, keyFile }],
    ['aes-v4', { password: PASSWORD }],
    ['argon2d', { password: PASSWORD, keyFile }],
    ['argon2id', { keyFile }],
  ] as const)('opens %s with %o through the registry', async (kdf, secrets) => {
    const bytes = await sampleDb(kdf, secrets);
    expect(detectFormat('Passwords.kdbx', bytes)).toBe('kdbx');
    const result = await parseImportFile('kdbx', bytes, { ...secrets, now: NOW });
    expect(result.items).toHaveLength(6);
  });

  it('opens a database protected by an XML (version 2) key file as KeePassXC writes it', async () => {
    const xmlKey = await kdbxweb.KdbxCredentials.createRandomKeyFile(2);
    const bytes = await sampleDb('argon2id', { password: PASSWORD, keyFile: xmlKey });
    expect((await parseKdbx(bytes, { password: PASSWORD, keyFile: xmlKey })).items).toHaveLength(6);
  });

  it('asks for the password or key file when neither is given (an empty password counts as none)', async () => {
    const bytes = await sampleDb('aes-v4');
    await expect(parseImportFile('kdbx', bytes)).rejects.toThrow(refusedWith({ code: 'password-required', vendor: 'KeePass', keyFile: true }));
    await expect(parseImportFile('kdbx', bytes, { password: '' })).rejects.toThrow(
      refusedWith({ code: 'password-required', vendor: 'KeePass', keyFile: true }),
    );
  });

  it('gives one error for a wrong password, a wrong or missing key file, and a damaged file', async () => {
    const v4 = await sampleDb('argon2id', { password: PASSWORD, keyFile });
    const v3 = await sampleDb('aes-v3', { password: PASSWORD, keyFile });
    const otherKey = new TextEncoder().encode('another key file');
    const damaged = (bytes: Uint8Array, at: number): Uint8Array => {
      const copy = bytes.slice();
      copy[at]! ^= 0x40;
      return copy;
    };
    for (const bytes of [v4, v3]) {
      const attempts: [Uint8Array, { password?: string; keyFile?: Uint8Array }][] = [
        [bytes, { password: 'SECRET-master', keyFile }],
        [bytes, { password: PASSWORD, keyFile: otherKey }],
        [bytes, { password: PASSWORD }],
        // Inside the last data block. (The last ~56 bytes of a KDBX 3.1 file hold only the empty
        // end-of-stream block and padding, whose hash kdbxweb does not check: no data is there.)
        [damaged(bytes, bytes.length - 100), { password: PASSWORD, keyFile }],
        [damaged(bytes, Math.floor(bytes.length / 2)), { password: PASSWORD, keyFile }],
        [bytes.slice(0, bytes.length - 100), { password: PASSWORD, keyFile }],
        [bytes.slice(0, 60), { password: PASSWORD, keyFile }],
      ];
      for (const [file, secrets] of attempts) {
        const error = await parseKdbx(file, secrets).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportError);
        expect((error as ImportError).detail).toEqual({ code: 'wrong-password-or-damaged' });
      }
    }
  });

  it('refuses absurd KDF settings from the header before deriving anything', async () => {
    const { KdfId } = kdbxweb.Consts;
    const { UInt64, UInt32 } = kdbxweb.VarDictionary.ValueType;
    const cases: [(db: kdbxweb.Kdbx) => void, string][] = [
      [(db) => db.header.kdfParameters?.set('M', UInt64, kdbxweb.Int64.from(4 * 1024 ** 3)), 'memory'],
      [(db) => db.header.kdfParameters?.set('I', UInt64, kdbxweb.Int64.from(1_000_000)), 'iterations'],
      [(db) => db.header.kdfParameters?.set('P', UInt32, 100_000), 'parallelism'],
      [
        (db) => {
          db.setKdf(KdfId.Aes);
          db.header.kdfParameters?.set('R', UInt64, kdbxweb.Int64.from(2 ** 40));
        },
        'rounds',
      ],
    ];
    const started = performance.now();
    for (const [tweak, setting] of cases) {
      const db = createDb('argon2id', { password: PASSWORD });
      tweak(db);
      await expect(parseKdbx(headerOnly(db), { password: PASSWORD })).rejects.toThrow(refusedWith({ code: 'kdf-out-of-range', setting }));
    }
    const v3 = createDb('aes-v3', { password: PASSWORD });
    v3.header.keyEncryptionRounds = 2 ** 40;
    await expect(parseKdbx(headerOnly(v3), { password: PASSWORD })).rejects.toThrow(refusedWith({ code: 'kdf-out-of-range', setting: 'rounds' }));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names what it cannot open: KeePass 1, Argon2 version 1.0, a file that is not KeePass', async () => {
    const kdb1 = Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, ...new Array<number>(120).fill(0)]);
    await expect(parseKdbx(kdb1, { password: PASSWORD })).rejects.toThrow(refusedWith({ code: 'unsupported-encryption', what: 'kdb-1' }));
    const v10 = createDb('argon2id', { password: PASSWORD });
    v10.header.kdfParameters?.set('V', kdbxweb.VarDictionary.ValueType.UInt32, 0x10);
    await expect(parseKdbx(headerOnly(v10), { password: PASSWORD })).rejects.toThrow(
      refusedWith({ code: 'unsupported-encryption', what: 'argon2-version' }),
    );
    await expect(parseKdbx(new TextEncoder().encode('{"items": []}'), { password: PASSWORD })).rejects.toThrow(
      refusedWith({ code: 'wrong-shape', expected: 'KeePass (.kdbx)', path: '(the file signature)' }),
    );
  });
});
