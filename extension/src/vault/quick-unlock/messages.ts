// Quick unlock's page-only messages (merged into messaging/protocol.ts MESSAGES). Content scripts may
// send none of them. The two unlocks answer like vault.unlock (an OpenPayload, typed in protocol.ts).
import { z } from 'zod';
import { noRequest, page, passwordSchema, tabIdSchema } from '../../messaging/request-schemas';
import type { QuickUnlockStatus } from './quick-unlock';

/** Digits only; the service says what is wrong with a PIN that is too short (quick-wrap.ts, PIN_PATTERN). */
const pinSchema = z.string().regex(/^\d{1,32}$/);
/** 32 bytes as base64url, without padding. */
const prfOutputSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const opening = z.strictObject({ limit: z.int().min(1).max(500).optional(), tabId: tabIdSchema.optional() });

export const QUICK_UNLOCK_MESSAGES = {
  /** Whether the unlock screen may offer a PIN and a PRF credential (with what the page passes to WebAuthn). */
  'quickUnlock.status': page(noRequest),
  'quickUnlock.enablePin': page(z.strictObject({ password: passwordSchema, pin: pinSchema })),
  'quickUnlock.disablePin': page(noRequest),
  'quickUnlock.unlockPin': page(opening.extend({ pin: pinSchema })),
  'quickUnlock.enablePrf': page(
    z.strictObject({
      password: passwordSchema,
      credentialId: z.string().regex(/^[A-Za-z0-9_-]{16,1400}$/),
      salt: prfOutputSchema,
      prfOutput: prfOutputSchema,
    }),
  ),
  'quickUnlock.disablePrf': page(noRequest),
  'quickUnlock.unlockPrf': page(opening.extend({ prfOutput: prfOutputSchema })),
} as const;

export type QuickUnlockResponses = {
  'quickUnlock.status': QuickUnlockStatus;
  'quickUnlock.enablePin': void;
  'quickUnlock.disablePin': void;
  'quickUnlock.enablePrf': void;
  'quickUnlock.disablePrf': void;
};
