// Every message between extension contexts, in one place: which sender kinds may send it, the zod
// schema its request must pass (the broker parses every request with it before any handler runs, and
// the request types are inferred from it), and its response type (STYLE.md: one typed protocol map;
// Proton Pass: senders per type). Extension pages ('page': popup, options/full-page vault) are
// trusted; content scripts ('content') speak for a web page and get only what they must have — they
// never receive the vault, and their requests have the strictest schemas.
import './zod-jitless';
import { z } from 'zod';
import type { Item } from '@keyhold/shared/items/item';
import type { KdfCost } from '@keyhold/shared/crypto/kdf-params';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import type { VaultStatus } from '../vault/vault-service';
import type { ListPage, ListQuery } from '../vault/overview-index';
import type { ListRow } from '../vault/list-row';
import type { BulkPatch } from '../vault/item-service';
import { settingsSchema, type Settings } from '../vault/settings';
import type { AutofillOffer, FillRequest, FillResponse, SaveAction, SavePromptView, SubmittedLogin } from '../autofill/messages';
import type { SiteRules } from '../generator/site-rules';
import { SYNC_MESSAGES, type SyncResponses } from '../sync/messages';
import { IMPORT_MESSAGES, type ImportResponses } from '../import/messages';
import { PASSKEY_MESSAGES, type PasskeyResponses } from '../passkeys/messages';
import { HEALTH_MESSAGES, type HealthResponses } from '../health/messages';
import { QUICK_UNLOCK_MESSAGES, type QuickUnlockResponses } from '../vault/quick-unlock/messages';
import { ROTATION_MESSAGES, type RotationResponses } from '../vault/rotation-messages';
import {
  MAX_IDS,
  MAX_IMPORT_ITEMS,
  content,
  idsSchema,
  itemSchema,
  noRequest,
  page,
  passwordSchema,
  tabIdSchema,
  type MessageSpec,
} from './request-schemas';

export type OpenPayload = { status: VaultStatus; suggestions: ListRow[]; page: ListPage | null; pageUrl: string | null };

const ids = z.strictObject({ ids: idsSchema });

/** Where the popup opens: how many list rows the first paint shows, and the tab it speaks for. */
const openRequest = z.strictObject({ limit: z.int().min(1).max(500), tabId: tabIdSchema.optional() });

/**
 * Argon2id cost as the settings page sends it: whole positive numbers. The floors and ceilings are
 * kdf-params.ts's rules, applied by the vault service with a message that says which value is wrong.
 */
const kdfCost = z.strictObject({ memoryKiB: z.int().min(1), iterations: z.int().min(1), parallelism: z.int().min(1) }) satisfies z.ZodType<KdfCost>;

// A stored setting that does not parse falls back to its default (settings.ts `.catch`); a setting
// sent to be saved must be valid as it is, so the patch uses the same schemas without the fallback.
const stored = settingsSchema.shape;
const settingsPatch = z
  .strictObject({
    autoLock: stored.autoLock.removeCatch(),
    lockOnIdle: stored.lockOnIdle.removeCatch(),
    clipboardClearSeconds: stored.clipboardClearSeconds.removeCatch(),
    theme: stored.theme.removeCatch(),
    totpAfterFill: stored.totpAfterFill.removeCatch(),
    relatedDomains: stored.relatedDomains.removeCatch(),
    breachCheck: stored.breachCheck.removeCatch(),
    passkeyAskPassword: stored.passkeyAskPassword.removeCatch(),
    breachEndpoint: stored.breachEndpoint.removeCatch(),
  } satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> })
  .partial();

const label = z.string().max(200);
const listQuery = z.strictObject({
  filter: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('favorites') }),
    z.strictObject({ kind: z.literal('trash') }),
    z.strictObject({ kind: z.literal('type'), type: label }),
    z.strictObject({ kind: z.literal('tag'), tag: label }),
    z.strictObject({ kind: z.literal('folder'), folder: label }),
  ]),
  query: z.string().max(256),
  offset: z.int().min(0),
  // Up to the whole vault: the full-page vault's "select all" lists every matching row at once.
  limit: z.int().min(1).max(MAX_IDS),
}) satisfies z.ZodType<ListQuery>;

const bulkPatch = z.strictObject({
  favorite: z.boolean().optional(),
  folder: label.nullable().optional(),
  addTags: z.array(z.string().max(100)).max(50).optional(),
  removeTags: z.array(z.string().max(100)).max(50).optional(),
}) satisfies z.ZodType<BulkPatch>;

// Content scripts. Ids, fill tokens and prompt ids are the background's own UUIDs (crypto.randomUUID),
// so a page can only echo one back, never send a string of its choosing.
const fillRequest = z.strictObject({
  itemId: itemIdSchema,
  gesture: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('menu'), token: z.uuid() }),
    z.strictObject({ kind: z.literal('token'), token: z.uuid() }),
    z.strictObject({ kind: z.literal('totp-follow-up') }),
  ]),
  want: z.strictObject({ username: z.boolean(), password: z.boolean(), totp: z.boolean() }),
  confirmed: z.boolean(),
}) satisfies z.ZodType<FillRequest>;

/** A typed or filled password from a page form: generous, but bounded. */
const pagePassword = z.string().max(4096);
const submittedLogin = z.strictObject({
  formKind: z.enum(['login', 'signup', 'change-password', 'reset']),
  username: z.string().max(1024),
  password: pagePassword,
  newPassword: pagePassword,
}) satisfies z.ZodType<SubmittedLogin>;

/**
 * A new-password field's own `passwordrules` attribute, as the page wrote it: hostile text, bounded
 * here (real rules are under 200 characters; shared/generator/password-rules.ts MAX_RULES_LENGTH)
 * and parsed leniently by the background, which picks the rule and generates.
 */
const generateRequest = z.strictObject({ rules: z.string().max(1000).nullable() });

const savePrompt = z.strictObject({
  promptId: z.uuid(),
  action: z.enum(['save', 'never', 'dismiss']) satisfies z.ZodType<SaveAction>,
});

export const MESSAGES = {
  'vault.status': page(noRequest),
  'vault.create': page(z.strictObject({ password: passwordSchema })),
  'vault.confirmRecovery': page(noRequest),
  /** Unlocks, and answers with what popup.open would, so the first list paint needs no second round trip. */
  'vault.unlock': page(openRequest.partial({ limit: true }).extend({ password: passwordSchema })),
  'vault.lock': page(noRequest),
  // Pasted recovery keys may carry dashes and spaces; recovery-key.ts says what is wrong with one.
  'vault.resetWithRecoveryKey': page(z.strictObject({ recoveryKey: z.string().min(1).max(1000), newPassword: passwordSchema })),
  'vault.changePassword': page(z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema })),
  'vault.viewRecoveryKey': page(z.strictObject({ password: passwordSchema })),
  'vault.regenerateRecoveryKey': page(z.strictObject({ password: passwordSchema })),
  /** Every item decrypted, for an export file made in the page; only with the master password. */
  'vault.exportItems': page(z.strictObject({ password: passwordSchema })),
  'vault.kdf': page(noRequest),
  'vault.calibrateKdf': page(kdfCost),
  'vault.setKdf': page(kdfCost.extend({ password: passwordSchema })),

  'settings.get': page(noRequest),
  'settings.set': page(settingsPatch),

  /** The popup opening: the page's suggestions and the first page of the list, in one round trip. */
  'popup.open': page(openRequest),
  'items.list': page(listQuery),
  'items.get': page(z.strictObject({ id: itemIdSchema })),
  /** `base`: for an edit, the item as the form loaded it (a change synced meanwhile is merged, not overwritten). */
  'items.save': page(z.strictObject({ item: itemSchema, base: itemSchema.optional() })),
  /** Adds new items in bulk (importers). */
  'items.import': page(z.strictObject({ items: z.array(itemSchema).min(1).max(MAX_IMPORT_ITEMS) })),
  'items.trash': page(ids),
  'items.restore': page(ids),
  'items.deleteForever': page(ids),
  'items.update': page(ids.extend({ patch: bulkPatch })),
  'items.tagsAndFolders': page(noRequest),
  /** Where a login's site changes passwords (site data held by the background), or null. */
  'items.changePasswordUrl': page(z.strictObject({ url: z.string().max(2048) })),

  'generator.history': page(noRequest),
  'generator.remember': page(z.strictObject({ value: z.string().max(1024) })),
  'generator.clearHistory': page(noRequest),
  /** The built-in password rules of a site: the one of `url`, else of the tab the popup speaks for. */
  'generator.siteRules': page(z.strictObject({ url: z.string().max(2048).optional(), tabId: tabIdSchema.optional() })),

  /** The popup put a secret on the clipboard; the background clears it later if it is still there. */
  'clipboard.copied': page(z.strictObject({ value: z.string().min(1).max(100_000) })),
  /** Any user activity in an extension page postpones auto-lock. */
  'activity.ping': page(noRequest),

  /** Autofill (content scripts): load the lazy engine into the sending frame. */
  'autofill.loadEngine': content(noRequest),
  /** What may be offered in the sending frame; decided from the frame's URL as the browser reports it. */
  'autofill.query': content(noRequest),
  /** The offer for an inline menu the user just opened in the field: it carries the menu's fill token. */
  'autofill.menu': content(noRequest),
  'autofill.fill': content(fillRequest),
  /** A new password for a new-password field; it goes into the generator history at once. */
  'autofill.generate': content(generateRequest),
  'autofill.submitted': content(submittedLogin),
  'autofill.savePrompt': content(savePrompt),
  /** The inline menu's "Unlock" when the vault is locked: opens the popup. */
  'autofill.openUnlock': content(noRequest),
  /** From the menu of a site with no login: Keyhold's window for the sender's tab, on the new-login form or the search. */
  'autofill.openPopup': content(z.strictObject({ start: z.enum(['new-login', 'search']) })),
  /** The popup's "fill" on a suggestion: fills the active tab's login form (a trusted gesture). */
  'autofill.fillFromPopup': page(z.strictObject({ itemId: itemIdSchema, tabId: tabIdSchema.optional() })),

  ...SYNC_MESSAGES,
  ...IMPORT_MESSAGES,
  ...HEALTH_MESSAGES,
  ...PASSKEY_MESSAGES,
  ...QUICK_UNLOCK_MESSAGES,
  ...ROTATION_MESSAGES,
} as const satisfies Record<string, MessageSpec>;

type Responses = {
  'vault.status': VaultStatus;
  'vault.create': { recoveryKey: string };
  'vault.confirmRecovery': void;
  'vault.unlock': OpenPayload;
  'vault.lock': void;
  'vault.resetWithRecoveryKey': void;
  'vault.changePassword': void;
  'vault.viewRecoveryKey': { recoveryKey: string };
  'vault.regenerateRecoveryKey': { recoveryKey: string };
  'vault.exportItems': { items: Item[]; unreadable: number };
  'vault.kdf': KdfCost;
  'vault.calibrateKdf': { ms: number };
  'vault.setKdf': void;

  'settings.get': Settings;
  'settings.set': Settings;

  'popup.open': OpenPayload;
  'items.list': ListPage;
  'items.get': { item: Item };
  'items.save': { id: string };
  'items.import': { added: number; skipped: number };
  'items.trash': void;
  'items.restore': void;
  'items.deleteForever': void;
  'items.update': void;
  'items.tagsAndFolders': { tags: string[]; folders: string[] };
  'items.changePasswordUrl': string | null;

  'generator.history': { entries: { value: string; createdAt: number }[] };
  'generator.remember': void;
  'generator.clearHistory': void;
  'generator.siteRules': SiteRules | null;

  'clipboard.copied': { clearAfterSeconds: number };
  'activity.ping': void;

  'autofill.loadEngine': void;
  'autofill.query': AutofillOffer;
  'autofill.menu': AutofillOffer;
  'autofill.fill': FillResponse;
  'autofill.generate': { password: string };
  'autofill.submitted': { prompt: SavePromptView | null };
  'autofill.savePrompt': void;
  'autofill.openUnlock': void;
  'autofill.openPopup': void;
  'autofill.fillFromPopup': { filled: boolean };

  /** PIN and PRF unlock answer like vault.unlock. */
  'quickUnlock.unlockPin': OpenPayload;
  'quickUnlock.unlockPrf': OpenPayload;
} & QuickUnlockResponses &
  RotationResponses &
  SyncResponses &
  ImportResponses &
  HealthResponses &
  PasskeyResponses;

export type MessageType = keyof typeof MESSAGES;
/** The request as the handler receives it: parsed by the message's schema. */
export type RequestOf<T extends MessageType> = z.output<(typeof MESSAGES)[T]['request']>;
/** The request as a sender passes it to `send` (before parsing: defaults not yet applied). */
export type RequestInput<T extends MessageType> = z.input<(typeof MESSAGES)[T]['request']>;
export type ResponseOf<T extends MessageType> = Responses[T];

// Every message has a response type, and every response type a message.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const responsesMatchMessages: SameKeys<Responses, typeof MESSAGES> = true;
void responsesMatchMessages;

/** Whether `type` names a message of the protocol (own keys only: never `toString`). */
export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(MESSAGES, type);
}
