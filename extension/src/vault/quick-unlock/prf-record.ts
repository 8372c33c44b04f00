// The WebAuthn PRF wrap, kept in the vault's database (it survives a browser restart: the PRF output
// needs the authenticator and its user verification every time; docs/adr/0019-quick-unlock.md).
import { z } from 'zod';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const prfRecordSchema = z.object({
  accountId: z.string().min(1),
  fingerprint: z.string().min(1),
  /** The credential's raw id; unlock asks the authenticator for this one credential only. */
  credentialId: base64url.max(1400),
  /** The PRF input (`eval.first`), random per enrolment; not secret. */
  salt: base64url.length(43),
  wrapped: z.string().min(1),
});

export type PrfRecord = z.infer<typeof prfRecordSchema>;
