// Re-authentication inside a session (password change, account deletion): the auth key must match,
// throttled per account like a login so a stolen session token cannot be used to guess.
import type { LoginThrottle, ThrottlePolicy } from '../limits/login-throttle';
import type { AuthKeyHasher } from '../security/auth-key-hasher';
import type { AccountStore } from '../storage/port';
import { tooManyAttempts, wrongCurrentKey } from './auth-errors';

export type VerifyAccountKey = (options: { accountId: string; authKey: string }) => Promise<string>;

/** The returned function resolves with the stored hash that matched (to detect a concurrent change), or throws. */
export function createVerifyAccountKey(deps: {
  accounts: AccountStore;
  hasher: AuthKeyHasher;
  throttle: LoginThrottle;
  policy: ThrottlePolicy;
}): VerifyAccountKey {
  const { accounts, hasher, throttle, policy } = deps;
  return async ({ accountId, authKey }) => {
    const key = `reauth:${accountId}`;
    const decision = await throttle.begin([{ key, policy }]);
    if (!decision.ok) throw tooManyAttempts(decision.retryAfterMs);
    const authHash = await accounts.authHash(accountId);
    const keyBytes = Buffer.from(authKey, 'base64url');
    const valid = authHash !== null ? await hasher.verify(authHash, keyBytes) : await hasher.verifyDummy(keyBytes);
    if (authHash === null || !valid) throw wrongCurrentKey();
    await throttle.succeed({ clear: [key], forgive: [] });
    return authHash;
  };
}
