// What a URL turns into before matching, and which URLs are refused outright.
import { describe, expect, it } from 'vitest';
import { parseSiteUrl } from '../../src/url/parse-site-url';

const page = (raw: string) => parseSiteUrl(raw, { schemeless: 'reject' });
const item = (raw: string) => parseSiteUrl(raw, { schemeless: 'assume-https' });

describe('parseSiteUrl', () => {
  it('splits a page URL into the parts matching compares', () => {
    expect(page('https://Login.Example.co.uk:8443/a/b?x=1#frag')).toEqual({
      ok: true,
      url: {
        scheme: 'https',
        host: 'login.example.co.uk',
        port: 8443,
        path: '/a/b',
        search: '?x=1',
        registrableDomain: 'example.co.uk',
        isIp: false,
        href: 'https://login.example.co.uk:8443/a/b?x=1#frag',
      },
    });
  });

  it('puts hosts in ASCII form, so look-alike letters stay distinct', () => {
    const result = page('https://p\u0430ypal.com/');
    expect(result.ok && result.url.host).toBe('xn--pypal-4ve.com');
    expect(result.ok && result.url.registrableDomain).toBe('xn--pypal-4ve.com');
  });

  it('uses the private part of the public suffix list', () => {
    const result = page('https://alice.github.io/');
    expect(result.ok && result.url.registrableDomain).toBe('alice.github.io');
  });

  it.each([
    ['http://192.168.0.1:8080/', '192.168.0.1', 8080],
    ['http://3232235521/', '192.168.0.1', null],
    ['http://[::FFFF:1.2.3.4]/', '[::ffff:102:304]', null],
  ])('recognises IP addresses: %s', (raw, host, port) => {
    expect(page(raw)).toMatchObject({ ok: true, url: { host, port, isIp: true, registrableDomain: null } });
  });

  it.each(['https://localhost/', 'https://github.io/', 'https://intranet/'])('has no registrable domain for %s', (raw) => {
    expect(page(raw)).toMatchObject({ ok: true, url: { registrableDomain: null, isIp: false } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://', 'invalid'],
    ['https://exa mple.com/', 'invalid'],
    ['https://a..b/', 'invalid'],
    ['victim.com/login', 'invalid'],
    ['data:text/html,hi', 'unsupported-scheme'],
    ['blob:https://victim.com/1234', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['JavaScript:alert(1)', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['about:blank', 'unsupported-scheme'],
    ['chrome-extension://abcdefghijklmnop/popup.html', 'unsupported-scheme'],
    ['moz-extension://0c1f9e2a/popup.html', 'unsupported-scheme'],
    ['ftp://victim.com/', 'unsupported-scheme'],
    ['https://victim.com@evil.test/', 'credentials-in-url'],
    ['https://user:pass@victim.com/', 'credentials-in-url'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(page(raw)).toEqual({ ok: false, reason });
  });

  it('reads item URLs typed without a scheme as https', () => {
    expect(item('victim.com/login')).toMatchObject({ ok: true, url: { scheme: 'https', host: 'victim.com', path: '/login' } });
    expect(item('localhost:3000')).toMatchObject({ ok: true, url: { scheme: 'https', host: 'localhost', port: 3000 } });
    expect(item('victim.com:8443/x')).toMatchObject({ ok: true, url: { scheme: 'https', port: 8443, path: '/x' } });
  });

  it('does not let "assume https" turn other schemes into https', () => {
    expect(item('javascript:alert(1)')).toEqual({ ok: false, reason: 'unsupported-scheme' });
    expect(item('data:text/html,hi')).toEqual({ ok: false, reason: 'unsupported-scheme' });
    expect(item('http://victim.com/')).toMatchObject({ ok: true, url: { scheme: 'http' } });
  });
});
