// The server's one HMAC helper, and every keyed value built on it. The pinned values were computed
// before the four call sites were merged onto the helper: a change here would orphan existing server
// keys, audit chains, pseudonyms and fake prelogin salts.
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../src/security/hmac';
import { deriveServerKeys } from '../../src/config/server-secret';
import { keyedHash } from '../../src/security/keyed-hash';
import { headMac, rowMac } from '../../src/audit/audit-log';

describe('hmacSha256', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives the same server keys, pseudonyms and audit MACs as before the merge', () => {
    const keys = deriveServerKeys('pinned-secret-pinned-secret-pinned-secret');
    expect(keys.audit.toString('hex')).toBe('5c069e4f3c109ffcc4f072fd8f27169442192294a3197c5beafd63d443d61765');
    expect(keys.preloginSalt.toString('hex')).toBe('8484badd673fb82bf7e5e0ca10e5ad1a93f284dbc40196b6af1c82021ef376c8');
    expect(keys.subject.toString('hex')).toBe('aaf15561e18378598921e5c31e97584d8ef55ec72e4596549f7bc3eea55ee7c5');
    expect(keyedHash(keys.subject, 'a@b.c')).toBe('9PdEvtPzj-PGVMI-10Dxgc');
    expect(headMac(keys.audit, 7, 'abc')).toBe('174514c702a37435f9011dc9ae4dc4994c297b56faff2b23244d3cdb10988215');
    const row = { seq: 1, at: 2, event: 'login', account_id: 'acc', session_id: null, subject: 'subj', ip: '127.0.0.1', detail: null };
    expect(rowMac(Buffer.alloc(32, 7), 'prev', row)).toBe('d96bb63cf6deaf45e6e6a0f06588d2884f496d7586f370d98204480803a9ec0c');
  });
});
