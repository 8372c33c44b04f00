// The passkey messages (merged into messaging/protocol.ts MESSAGES) and their response types.
// `passkeys.create` and `passkeys.get` come from the content-script bridge and carry what a web page
// asked for: strict schemas, bounded, byte strings as base64url, nothing the page says about where it
// is (the background takes the frame's origin from the browser). `frame` is measured by the bridge in
// its isolated world, where the page cannot redefine what it reads. The dialog (an extension page)
// reads a pending request and answers it.
import { z } from 'zod';
import { itemIdSchema } from '@keyhold/shared/items/schema-common';
import { content, noRequest, page, passwordSchema } from '../messaging/request-schemas';

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
const challenge = base64url.min(1).max(2048);
/** A credential descriptor: only public-key ones reach here (the main-world script drops the rest). */
const descriptor = z.strictObject({ id: base64url.min(1).max(1400) });
const userVerification = z.enum(['required', 'preferred', 'discouraged']);

export const createOptionsSchema = z.strictObject({
  rp: z.strictObject({ id: z.string().min(1).max(253).optional(), name: z.string().max(1000) }),
  user: z.strictObject({ id: base64url.min(1).max(86), name: z.string().max(1000), displayName: z.string().max(1000) }),
  challenge,
  /** COSE algorithm ids the relying party accepts, in its order of preference. */
  algorithms: z.array(z.int()).max(50),
  excludeCredentials: z.array(descriptor).max(200),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  userVerification: userVerification.optional(),
  credProps: z.boolean(),
});
export type CreateOptions = z.output<typeof createOptionsSchema>;

export const getOptionsSchema = z.strictObject({
  rpId: z.string().min(1).max(253).optional(),
  challenge,
  allowCredentials: z.array(descriptor).max(200),
  userVerification: userVerification.optional(),
});
export type GetOptions = z.output<typeof getOptionsSchema>;

/** What the bridge measured about the calling frame in its isolated world. */
const frameFacts = z.strictObject({
  /** document.featurePolicy allows publickey-credentials-create (for create) or -get (for get). */
  policyAllows: z.boolean(),
  /** navigator.userActivation.isActive: WebAuthn wants it for a create in a cross-origin frame. */
  userActivation: z.boolean(),
});
export type FrameFacts = z.output<typeof frameFacts>;

const decision = z.discriminatedUnion('action', [
  /** Save the new passkey: on a new login, or added to one of the site's logins. */
  z.strictObject({
    action: z.literal('save'),
    target: z.union([z.strictObject({ kind: z.literal('new') }), z.strictObject({ kind: z.literal('existing'), itemId: itemIdSchema })]),
  }),
  /** Sign in with this passkey. */
  z.strictObject({ action: z.literal('use'), itemId: itemIdSchema, passkeyId: base64url.min(1).max(1400) }),
  /** "Use another device or security key": the call goes on to the browser, unchanged. */
  z.strictObject({ action: z.literal('fallback') }),
  z.strictObject({ action: z.literal('cancel') }),
]);
export type PasskeyDecision = z.output<typeof decision>;

/** The bridge's name for one call, so an abort ends that call and no newer one. */
const callId = z.uuid();

export const PASSKEY_MESSAGES = {
  'passkeys.create': content(z.strictObject({ options: createOptionsSchema, frame: frameFacts, callId })),
  /**
   * `conditional`: mediation "conditional" — no dialog; the site's passkeys are offered in the inline
   * menu of the frame's username field, and the call waits for the user's choice there.
   */
  'passkeys.get': content(z.strictObject({ options: getOptionsSchema, frame: frameFacts, callId, conditional: z.boolean() })),
  /** The page aborted its call: that call ends (if it still waits), and its dialog closes. */
  'passkeys.abort': content(z.strictObject({ callId })),
  /**
   * The inline menu of this frame opened for the user (a real click or key in its field): the
   * passkeys it offers, if a conditional get of this document waits, with a one-use token for them.
   */
  'passkeys.menu': content(noRequest),
  /**
   * The user chose a passkey in the inline menu for the conditional get waiting in this frame; `token`
   * is the menu's one-use token (AutofillOffer.menuToken), bound to the passkeys that menu offered.
   */
  'passkeys.chooseInMenu': content(z.strictObject({ token: z.uuid(), itemId: itemIdSchema, passkeyId: base64url.min(1).max(1400) })),
  /** The dialog: the request it was opened for, as the user should see it. */
  'passkeys.pending': page(z.strictObject({ requestId: z.uuid() })),
  /** The dialog: the user's answer. `password` when the setting asks for the master password each time. */
  'passkeys.decide': page(z.strictObject({ requestId: z.uuid(), decision, password: passwordSchema.optional() })),
} as const;

/** A made credential as the main-world script rebuilds it; byte strings in base64url. */
export type CreatedCredential = {
  id: string;
  clientDataJSON: string;
  attestationObject: string;
  authenticatorData: string;
  publicKey: string;
  publicKeyAlgorithm: number;
};
export type AssertedCredential = { id: string; clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };

/** The DOMException names a page may see from Keyhold (the ones the browser itself would use). */
export type PasskeyErrorName = 'NotAllowedError' | 'SecurityError' | 'InvalidStateError';

export type PasskeyOutcome<C> = { kind: 'done'; credential: C } | { kind: 'fallback' } | { kind: 'error'; name: PasskeyErrorName };

export type PasskeyChoice = { itemId: string; passkeyId: string; userName: string; itemName: string; lastUsedAt: number | null };
/** What the inline menu offers for a conditional get: never a key, only names; `token` is null when there is nothing. */
export type MenuPasskeys = { token: string | null; choices: { itemId: string; passkeyId: string; userName: string; itemName: string }[] };
export type SiteLogin = { itemId: string; name: string; username: string };

export type PendingView =
  | { state: 'locked'; kind: 'create' | 'get'; rpId: string; origin: string }
  | { state: 'create'; rpId: string; origin: string; rpName: string; userName: string; excluded: boolean; logins: SiteLogin[]; askPassword: boolean }
  | { state: 'get'; rpId: string; origin: string; choices: PasskeyChoice[]; askPassword: boolean }
  | { state: 'gone' };

export type PasskeyResponses = {
  'passkeys.create': PasskeyOutcome<CreatedCredential>;
  'passkeys.get': PasskeyOutcome<AssertedCredential>;
  'passkeys.abort': void;
  'passkeys.menu': MenuPasskeys;
  'passkeys.chooseInMenu': void;
  'passkeys.pending': PendingView;
  'passkeys.decide': void;
};
