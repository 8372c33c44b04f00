// The shapes of sync's page-only messages (their entries live in messaging/protocol.ts). Passwords
// travel from the Settings page to the background exactly as for unlocking; the background derives
// the auth key and never returns key material.
import type { SessionInfo } from '@keyhold/shared/sync/protocol';
import type { ConflictDetail, ConflictSummary, FieldChoice } from './conflicts';
import type { SyncStatus } from './status';

export type SyncCredentials = { serverUrl: string; email: string; password: string; deviceName: string };
export type SignUpRequest = SyncCredentials & { inviteToken?: string };

export type SyncMessages = {
  'sync.status': { request: void; response: SyncStatus };
  /** Creates the server account for this device's vault and uploads it. */
  'sync.signUp': { request: SignUpRequest; response: SyncStatus };
  /** Connects to an existing account; on a browser without a vault, downloads and opens it. */
  'sync.logIn': { request: SyncCredentials; response: SyncStatus };
  'sync.logOut': { request: void; response: { serverInformed: boolean } };
  /** Syncs now, ignoring any backoff; `full` also checks the server's whole listing. */
  'sync.now': { request: { full?: boolean }; response: SyncStatus };
  'sync.devices': { request: void; response: { devices: SessionInfo[] } };
  'sync.revokeDevice': { request: { sessionId: string }; response: void };
  'sync.dismissReports': { request: void; response: void };
  'sync.conflicts': { request: void; response: { items: ConflictSummary[] } };
  'sync.conflict': { request: { id: string }; response: ConflictDetail };
  'sync.resolveConflict': { request: { id: string; choices: FieldChoice[] }; response: { remaining: number } };
  'sync.keepBoth': { request: { id: string }; response: { copyId: string } };
};
