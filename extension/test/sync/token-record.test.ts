// The session token at rest (sync/token-record.ts): it opens only with its own account's vault key,
// and a key that a lock wiped is reported as that, not as a token that no longer opens (which would
// sign the device out).
import { describe, expect, it } from 'vitest';
import { randomBytes, zeroize } from '@keyhold/shared/crypto/bytes';
import { ZeroKeyError } from '@keyhold/shared/crypto/errors';
import { openToken, sealToken } from '../../src/sync/token-record';

const keys = () => ({ accountId: 'account-1', vaultKey: randomBytes(32) });

describe('token record', () => {
  it('opens what it sealed', () => {
    const k = keys();
    expect(openToken(sealToken('session-token', k), k)).toBe('session-token');
  });

  it('is null under another vault key or another account', () => {
    const k = keys();
    const sealed = sealToken('session-token', k);
    expect(openToken(sealed, { ...k, vaultKey: randomBytes(32) })).toBeNull();
    expect(openToken(sealed, { ...k, accountId: 'account-2' })).toBeNull();
    expect(openToken('not an envelope', k)).toBeNull();
  });

  it('throws ZeroKeyError for a key a lock wiped, rather than answering null', () => {
    const k = keys();
    const sealed = sealToken('session-token', k);
    zeroize(k.vaultKey);
    expect(() => openToken(sealed, k)).toThrow(ZeroKeyError);
  });
});
