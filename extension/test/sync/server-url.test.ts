// The server address a user types: one spelling, https unless the server is on this computer, and
// the host-permission pattern the extension asks for.
import { describe, expect, it } from 'vitest';
import { parseServerUrl } from '../../src/sync/server-url';

describe('parseServerUrl', () => {
  it('normalises to a base URL and a permission pattern', () => {
    expect(parseServerUrl('  https://Sync.Example.org/keyhold/ ')).toEqual({
      ok: true,
      url: {
        base: 'https://sync.example.org/keyhold',
        origin: 'https://sync.example.org',
        permission: 'https://sync.example.org/*',
        loopback: false,
      },
    });
    expect(parseServerUrl('sync.example.org')).toMatchObject({ ok: true, url: { base: 'https://sync.example.org' } });
    expect(parseServerUrl('http://127.0.0.1:8787')).toMatchObject({
      ok: true,
      url: { base: 'http://127.0.0.1:8787', permission: 'http://127.0.0.1/*', loopback: true },
    });
    expect(parseServerUrl('http://localhost:8787')).toMatchObject({ ok: true, url: { loopback: true } });
  });

  it('refuses plain http to another computer, other schemes, credentials, queries', () => {
    expect(parseServerUrl('http://sync.example.org')).toMatchObject({ ok: false, reason: expect.stringMatching(/https/) });
    expect(parseServerUrl('http://192.168.1.10:8787')).toMatchObject({ ok: false });
    expect(parseServerUrl('ftp://sync.example.org')).toMatchObject({ ok: false });
    expect(parseServerUrl('https://user:pw@sync.example.org')).toMatchObject({ ok: false });
    expect(parseServerUrl('https://sync.example.org/?x=1')).toMatchObject({ ok: false });
    expect(parseServerUrl('')).toMatchObject({ ok: false });
  });
});
