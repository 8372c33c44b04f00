// Which rpId a calling origin may use (WebAuthn Level 3 §5.1.3/§5.1.4): the host itself or a
// registrable suffix of it, never a public suffix, never from an insecure origin or an IP address.
import { describe, expect, it } from 'vitest';
import { decideRpId } from '../../src/webauthn/rp-id.ts';

describe('decideRpId', () => {
  it('defaults to the effective domain of the origin', () => {
    expect(decideRpId('https://login.example.com', undefined)).toEqual({ ok: true, rpId: 'login.example.com' });
  });

  it('accepts the host and its registrable suffixes', () => {
    expect(decideRpId('https://login.example.com', 'login.example.com')).toEqual({ ok: true, rpId: 'login.example.com' });
    expect(decideRpId('https://login.example.com', 'example.com')).toEqual({ ok: true, rpId: 'example.com' });
    expect(decideRpId('https://a.b.example.co.uk:8443', 'example.co.uk')).toEqual({ ok: true, rpId: 'example.co.uk' });
  });

  it('refuses another site, a sibling, a longer name and a suffix that is not on a label boundary', () => {
    for (const rpId of ['victim.com', 'other.example.com', 'x.login.example.com', 'ample.com', 'le.com']) {
      expect(decideRpId('https://login.example.com', rpId)).toEqual({ ok: false, reason: 'rp-id-mismatch' });
    }
  });

  it('refuses public suffixes, ICANN and private alike', () => {
    expect(decideRpId('https://shop.example.co.uk', 'co.uk')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
    expect(decideRpId('https://shop.example.co.uk', 'uk')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
    expect(decideRpId('https://attacker.github.io', 'github.io')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
    expect(decideRpId('https://foo.example.com', 'com')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
  });

  it('refuses other spellings of the same name', () => {
    expect(decideRpId('https://login.example.com', 'Example.com')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
    expect(decideRpId('https://login.example.com', 'example.com.')).toEqual({ ok: false, reason: 'rp-id-mismatch' });
  });

  it('allows only secure contexts: https, or http on localhost', () => {
    expect(decideRpId('http://example.com', undefined)).toEqual({ ok: false, reason: 'insecure-origin' });
    expect(decideRpId('http://localhost:8080', undefined)).toEqual({ ok: true, rpId: 'localhost' });
    expect(decideRpId('http://localhost:8080', 'localhost')).toEqual({ ok: true, rpId: 'localhost' });
    expect(decideRpId('http://app.localhost:3000', 'app.localhost')).toEqual({ ok: true, rpId: 'app.localhost' });
    expect(decideRpId('ftp://example.com', undefined)).toEqual({ ok: false, reason: 'insecure-origin' });
    expect(decideRpId('null', undefined)).toEqual({ ok: false, reason: 'insecure-origin' });
    expect(decideRpId('https://example.com/path', undefined)).toEqual({ ok: false, reason: 'insecure-origin' });
  });

  it('refuses IP address origins whatever they ask for (§5.1.3 step 7: the effective domain must be a domain)', () => {
    expect(decideRpId('https://127.0.0.1:8443', undefined)).toEqual({ ok: false, reason: 'not-a-domain' });
    expect(decideRpId('https://127.0.0.1:8443', '127.0.0.1')).toEqual({ ok: false, reason: 'not-a-domain' });
    expect(decideRpId('http://127.0.0.1:8080', 'localhost')).toEqual({ ok: false, reason: 'insecure-origin' });
    expect(decideRpId('https://[::1]:8443', undefined)).toEqual({ ok: false, reason: 'not-a-domain' });
    expect(decideRpId('https://192.168.1.10', '168.1.10')).toEqual({ ok: false, reason: 'not-a-domain' });
  });
});
