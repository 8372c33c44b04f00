// Sync's page-only messages: their request schemas (merged into messaging/protocol.ts MESSAGES) and
// response types. Passwords travel from the Settings page to the background exactly as for
// unlocking; the background derives the auth key and never returns key material.
// What the user types (server address, email, device name, invite code) is only bounded here:
// server-url.ts, account-deps.ts and sign-up.ts check it and say what is wrong with it.
import { z } from 'zod';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import { sessionIdSchema } from '@keyhold/shared/sync/protocol-primitives';
import { noRequest, page, passwordSchema } from '../messaging/request-schemas';
import type { ConflictDetail, ConflictSummary, FieldChoice } from './conflicts';
import type { SyncStatus } from './status';

const credentials = z.strictObject({
  serverUrl: z.string().max(2048),
  email: z.string().max(254),
  password: passwordSchema,
  deviceName: z.string().max(64),
});
const signUpRequest = credentials.extend({ inviteToken: z.string().max(100).optional() });
/**
 * `acceptWeakerKdf`: the user read the warning about a server's settings below the default;
 * `acceptUncheckedSalt`: the one about a salt not derived from the email and server (sync/log-in.ts).
 */
const logInRequest = credentials.extend({ acceptWeakerKdf: z.boolean().optional(), acceptUncheckedSalt: z.boolean().optional() });

export type SyncCredentials = z.infer<typeof credentials>;
export type SignUpRequest = z.infer<typeof signUpRequest>;

const conflictId = z.strictObject({ id: itemIdSchema });
const fieldChoice = z.strictObject({ field: z.string().min(1).max(500), choose: z.enum(['local', 'remote']) }) satisfies z.ZodType<FieldChoice>;

export const SYNC_MESSAGES = {
  'sync.status': page(noRequest),
  /** Creates the server account for this device's vault and uploads it. */
  'sync.signUp': page(signUpRequest),
  /** Connects to an existing account; on a browser without a vault, downloads and opens it. */
  'sync.logIn': page(logInRequest),
  'sync.logOut': page(noRequest),
  /** Syncs now, ignoring any backoff; `full` also checks the server's whole listing. */
  'sync.now': page(z.strictObject({ full: z.boolean().optional() })),
  'sync.devices': page(noRequest),
  /** A session id as sync.devices listed it. */
  'sync.revokeDevice': page(z.strictObject({ sessionId: sessionIdSchema })),
  'sync.dismissReports': page(noRequest),
  'sync.conflicts': page(noRequest),
  'sync.conflict': page(conflictId),
  'sync.resolveConflict': page(z.strictObject({ id: itemIdSchema, choices: z.array(fieldChoice).min(1).max(100) })),
  'sync.keepBoth': page(conflictId),
} as const;

export type SyncResponses = {
  'sync.status': SyncStatus;
  'sync.signUp': SyncStatus;
  'sync.logIn': SyncStatus;
  'sync.logOut': { serverInformed: boolean };
  'sync.now': SyncStatus;
  'sync.devices': { devices: SessionInfo[] };
  'sync.revokeDevice': void;
  'sync.dismissReports': void;
  'sync.conflicts': { items: ConflictSummary[] };
  'sync.conflict': ConflictDetail;
  'sync.resolveConflict': { remaining: number };
  'sync.keepBoth': { copyId: string };
};
