// Vault health's page-only messages (merged into messaging/protocol.ts MESSAGES) and their
// response types. Runs start and stop here; progress also arrives as an event (health/events.ts).
import type { HealthSummary } from '@keyhold/shared/health/report';
import { noRequest, page } from '../messaging/request-schemas';
import type { HealthStatus, HealthView } from './health-view';

export const HEALTH_MESSAGES = {
  'health.status': page(noRequest),
  /** Starts a run (or answers the one in progress); breaches are checked only if the user opted in. */
  'health.start': page(noRequest),
  'health.cancel': page(noRequest),
  /** The last report, with each entry's row and change-password link. */
  'health.report': page(noRequest),
  /** Only the last report's counts: the popup's badge. */
  'health.summary': page(noRequest),
} as const;

export type HealthResponses = {
  'health.status': HealthStatus;
  'health.start': HealthStatus;
  'health.cancel': HealthStatus;
  'health.report': HealthView;
  'health.summary': HealthSummary | null;
};
