// Login items: usernames, a password with its history, the URLs it is for (each with a match mode),
// an optional TOTP secret, notes and custom fields. The overview carries what autofill
// suggestions and the list need (primary username, URLs, whether a TOTP exists); everything
// secret stays in the details.
import { z } from 'zod';
import { detailsCommonShape, overviewCommonShape, type Known } from '../schema-common';
import { passkeySchema } from './passkey';

/** How a saved URL matches a page (autofill/match implements them; 'default' = the vault setting). */
export const URL_MATCH_MODES = ['default', 'base-domain', 'host', 'starts-with', 'exact', 'regex', 'never'] as const;
export type UrlMatchMode = (typeof URL_MATCH_MODES)[number];

export const loginUrlSchema = z.looseObject({
  url: z.string().min(1),
  match: z.enum(URL_MATCH_MODES),
});
export type LoginUrl = Known<z.output<typeof loginUrlSchema>>;

/** A saved URL in a shape this version can match. An opaque (newer-version) login's `urls` went
 * through no schema, so its entries are checked one by one; an unknown match mode never matches. */
export function isLoginUrl(value: unknown): value is LoginUrl {
  if (typeof value !== 'object' || value === null) return false;
  const { url, match } = value as { url?: unknown; match?: unknown };
  return typeof url === 'string' && (URL_MATCH_MODES as readonly unknown[]).includes(match);
}

export const CUSTOM_FIELD_KINDS = ['text', 'hidden', 'boolean', 'url'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** A user-defined field. `boolean` fields hold 'true' or 'false'; `hidden` ones are masked in the UI. */
export const customFieldSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  value: z.string(),
  kind: z.enum(CUSTOM_FIELD_KINDS),
});
export type CustomField = Known<z.output<typeof customFieldSchema>>;

export const loginOverviewSchema = z.looseObject({
  ...overviewCommonShape,
  type: z.literal('login'),
  /** The primary username, shown in lists and suggestions. */
  username: z.string(),
  urls: z.array(loginUrlSchema),
  /** Derived from the details' `totp`, so the list can show a code badge without opening details. */
  hasTotp: z.boolean(),
});

export const loginDetailsSchema = z.looseObject({
  ...detailsCommonShape,
  type: z.literal('login'),
  /** Further usernames (e.g. an email and a handle), offered after the primary one. */
  extraUsernames: z.array(z.string()),
  password: z.string(),
  /** An otpauth:// URI or a bare base32 secret; '' when the login has no TOTP. */
  totp: z.string(),
  notes: z.string(),
  customFields: z.array(customFieldSchema),
  /** Passkeys for this login's sites (types/passkey.ts); absent on logins that never had one. */
  passkeys: z.array(passkeySchema).optional(),
});

export type LoginOverview = Known<z.output<typeof loginOverviewSchema>>;
export type LoginDetails = Known<z.output<typeof loginDetailsSchema>>;

export const loginSpec = {
  overview: loginOverviewSchema,
  details: loginDetailsSchema,
  derive: (item: { totp: string }) => ({ hasTotp: item.totp.trim() !== '' }),
  defaults: { username: '', urls: [], extraUsernames: [], password: '', totp: '', notes: '', customFields: [] },
  /** Fields whose old values are kept in history when they change (applyEdit). */
  historyFields: ['password'],
} as const;
