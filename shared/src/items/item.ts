// The decrypted item as the rest of Keyhold sees it: one flat object per item (overview and
// details joined), a discriminated union on `type`. Items of a type this version does not know,
// or written by a newer version in a shape it cannot read, are "opaque": kept whole and marked
// `opaque: true` so the UI can say "made by a newer version" and sync still carries them intact.
import { z } from 'zod';
import type { JsonObject } from './json';
import { itemIdSchema, overviewCommonShape, schemaVersionSchema, historyEntrySchema, type HistoryEntry } from './schema-common';
import { apiKeySpec, type ApiKeyDetails, type ApiKeyOverview } from './types/api-key';
import { cardSpec, type CardDetails, type CardOverview } from './types/card';
import { identitySpec, type IdentityDetails, type IdentityOverview } from './types/identity';
import { loginSpec, type LoginDetails, type LoginOverview } from './types/login';
import { noteSpec, type NoteDetails, type NoteOverview } from './types/note';

export const ITEM_SPECS = {
  login: loginSpec,
  note: noteSpec,
  card: cardSpec,
  identity: identitySpec,
  'api-key': apiKeySpec,
} as const;

export type ItemType = keyof typeof ITEM_SPECS;
export const ITEM_TYPES = Object.keys(ITEM_SPECS) as ItemType[];

export function isItemType(type: unknown): type is ItemType {
  return typeof type === 'string' && Object.hasOwn(ITEM_SPECS, type);
}

/**
 * Members every joined item may carry besides its schema. `overviewExtra` holds overview members
 * written by a newer version that this one does not know, so splitItem can put them back into the
 * overview (unknown details members stay at the top level of the item and go back to the details).
 * The names `overviewExtra` and `opaque` are reserved in every schema version.
 */
export type ItemExtras = { overviewExtra?: JsonObject };

type Flat<T> = { [K in keyof T]: T[K] };
type Joined<O, D, Derived extends keyof O> = Flat<Omit<O, Derived> & D & ItemExtras>;

export type LoginItem = Joined<LoginOverview, LoginDetails, 'hasTotp'>;
export type NoteItem = Joined<NoteOverview, NoteDetails, never>;
export type CardItem = Joined<CardOverview, CardDetails, 'last4'>;
export type IdentityItem = Joined<IdentityOverview, IdentityDetails, 'fullName'>;
export type ApiKeyItem = Joined<ApiKeyOverview, ApiKeyDetails, never>;

export type KnownItem = LoginItem | NoteItem | CardItem | IdentityItem | ApiKeyItem;
export type KnownOverview = LoginOverview | NoteOverview | CardOverview | IdentityOverview | ApiKeyOverview;
export type KnownDetails = LoginDetails | NoteDetails | CardDetails | IdentityDetails | ApiKeyDetails;
export type ItemOf<T extends ItemType> = Extract<KnownItem, { type: T }>;

/** Members every version writes into every overview; validated when present, everything else kept. */
export const opaqueOverviewSchema = z.looseObject({
  ...z.object(overviewCommonShape).partial().shape,
  id: itemIdSchema,
  type: z.string().min(1),
  schemaVersion: schemaVersionSchema,
});

export const opaqueDetailsSchema = z.looseObject({
  id: itemIdSchema,
  type: z.string().min(1),
  schemaVersion: schemaVersionSchema,
  history: z.array(historyEntrySchema).optional(),
});

type OpaqueBase = {
  opaque: true;
  id: string;
  type: string;
  schemaVersion: number;
  [key: string]: unknown;
};
export type OpaqueOverview = OpaqueBase & Partial<Omit<z.output<typeof opaqueOverviewSchema>, 'id' | 'type' | 'schemaVersion'>>;
export type OpaqueDetails = OpaqueBase & { history?: HistoryEntry[] };
export type OpaqueItem = OpaqueOverview & OpaqueDetails & ItemExtras;

export type Item = KnownItem | OpaqueItem;
export type Overview = KnownOverview | OpaqueOverview;
export type Details = KnownDetails | OpaqueDetails;

/** True for items, overviews and details this version can only carry, not show or edit. */
export function isOpaque<T extends Item | Overview | Details>(value: T): value is Extract<T, { opaque: true }> {
  return 'opaque' in value && value.opaque === true;
}

/** Overview members that are computed from the item on split rather than stored in it. */
export const DERIVED_OVERVIEW_KEYS: Readonly<Record<ItemType, readonly string[]>> = {
  login: ['hasTotp'],
  note: [],
  card: ['last4'],
  identity: ['fullName'],
  'api-key': [],
};

/** Keys that live in the overview of an item of this type (derived ones excluded). */
export function overviewKeysOf(item: { type: string; opaque?: unknown }): ReadonlySet<string> {
  if (item.opaque === true || !isItemType(item.type)) return new Set(Object.keys(opaqueOverviewSchema.shape));
  const derived = DERIVED_OVERVIEW_KEYS[item.type];
  return new Set(Object.keys(ITEM_SPECS[item.type].overview.shape).filter((key) => !derived.includes(key)));
}

/** Fields whose replaced values are kept in history (the password of a login, an API secret...). */
export function historyFieldsOf(type: string): readonly string[] {
  return isItemType(type) ? ITEM_SPECS[type].historyFields : [];
}
