import { describe, expect, it } from 'vitest';
import { openBinary, sealBinary } from '../../src/crypto/seal-binary.ts';
import { open } from '../../src/crypto/open.ts';
import { seal } from '../../src/crypto/seal.ts';
import { base64urlToBytes, bytesToBase64url, randomBytes } from '../../src/crypto/bytes.ts';
import { DecryptError } from '../../src/crypto/errors.ts';
import type { Binding } from '../../src/crypto/envelope.ts';
import { text } from './_fixtures.ts';

const key = randomBytes(32);
const binding: Binding = { purpose: 'overview-index', accountId: 'acct-1' };

describe('binary envelopes', () => {
  it('round-trips, and is the same layout as the text form in both directions', async () => {
    const sealed = await sealBinary(key, text('index'), binding);
    expect(new TextDecoder().decode(await openBinary(key, sealed, binding))).toBe('index');
    expect(new TextDecoder().decode(open(key, bytesToBase64url(sealed), binding))).toBe('index');
    const fromText = base64urlToBytes(seal(key, text('other'), binding));
    expect(new TextDecoder().decode(await openBinary(key, fromText, binding))).toBe('other');
  });

  it('rejects a flipped bit in every part, a wrong binding or key, and truncated or empty input', async () => {
    const sealed = await sealBinary(key, text('index'), binding);
    // version, algorithm, nonce, ciphertext, tag
    for (const at of [0, 1, 2, 13, 14, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[at]! ^= 1;
      await expect(openBinary(key, tampered, binding)).rejects.toBeInstanceOf(DecryptError);
    }
    await expect(openBinary(key, sealed, { ...binding, accountId: 'acct-2' })).rejects.toBeInstanceOf(DecryptError);
    await expect(openBinary(key, sealed, { purpose: 'manifest', accountId: 'acct-1' })).rejects.toBeInstanceOf(DecryptError);
    await expect(openBinary(randomBytes(32), sealed, binding)).rejects.toBeInstanceOf(DecryptError);
    await expect(openBinary(key, sealed.subarray(0, 20), binding)).rejects.toBeInstanceOf(DecryptError);
    await expect(openBinary(key, new Uint8Array(0), binding)).rejects.toBeInstanceOf(DecryptError);
  });
});
