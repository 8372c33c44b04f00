// API keys and tokens: the overview names the service URL; the key, the secret and the dates that
// drive rotation reminders are in the details.
import { z } from 'zod';
import { detailsCommonShape, isoDateSchema, overviewCommonShape, type Known } from '../schema-common';

export const apiKeyOverviewSchema = z.looseObject({
  ...overviewCommonShape,
  type: z.literal('api-key'),
  serviceUrl: z.string(),
});

export const apiKeyDetailsSchema = z.looseObject({
  ...detailsCommonShape,
  type: z.literal('api-key'),
  key: z.string(),
  secret: z.string(),
  expiresOn: isoDateSchema,
  rotationDueOn: isoDateSchema,
  notes: z.string(),
});

export type ApiKeyOverview = Known<z.output<typeof apiKeyOverviewSchema>>;
export type ApiKeyDetails = Known<z.output<typeof apiKeyDetailsSchema>>;

export const apiKeySpec = {
  overview: apiKeyOverviewSchema,
  details: apiKeyDetailsSchema,
  derive: () => ({}),
  defaults: { serviceUrl: '', key: '', secret: '', expiresOn: null, rotationDueOn: null, notes: '' },
  /** A rotated key or secret is kept in history, like a changed password. */
  historyFields: ['key', 'secret'],
} as const;
