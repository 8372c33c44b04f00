// User settings. None of them is secret, so they live in `storage.local` in the clear and every
// extension context can read them (the popup needs the theme before anything else). Parsed with
// zod so a bad stored value falls back to the default instead of breaking the popup.
import { z } from 'zod';
import { t } from '../i18n/messages';

export const AUTO_LOCK_CHOICES = ['1', '5', '15', '30', '60', 'restart', 'never'] as const;
export const CLIPBOARD_CLEAR_CHOICES = [10, 20, 30, 60, 120, 0] as const;

/**
 * Related domains the user changed (shared/site-data/related-domains.ts): groups of their own (each
 * a list of domains as typed; invalid ones are ignored when used) and built-in group ids turned off.
 */
export const relatedDomainsSchema = z.strictObject({
  custom: z.array(z.array(z.string().max(253)).max(20)).max(100),
  disabled: z.array(z.string().max(300)).max(500),
});

/** Where vault health asks about breached passwords (the Pwned Passwords range API, or a relay of it). */
export const DEFAULT_BREACH_ENDPOINT = 'https://api.pwnedpasswords.com';
/** An http(s) URL; the range path is added to it (health/range-client.ts). */
export const breachEndpointSchema = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), t('error_settings_breach_address'));

export const settingsSchema = z.object({
  autoLock: z.enum(AUTO_LOCK_CHOICES).catch('15'),
  lockOnIdle: z.boolean().catch(true),
  clipboardClearSeconds: z.number().int().min(0).max(600).catch(30),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  totpAfterFill: z.enum(['fill', 'copy']).catch('fill'),
  relatedDomains: relatedDomainsSchema.catch({ custom: [], disabled: [] }),
  /** Vault health may send 5-hex-digit hash prefixes to the breach endpoint: only after the user opts in. */
  breachCheck: z.boolean().catch(false),
  breachEndpoint: breachEndpointSchema.catch(DEFAULT_BREACH_ENDPOINT),
  /** Passkeys: ask for the master password at each save and sign-in, not only a click (passkeys/service). */
  passkeyAskPassword: z.boolean().catch(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export function parseSettings(raw: unknown): Settings {
  return settingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
}

/** Minutes of inactivity before the vault locks, or null when only a browser restart locks it. */
export function autoLockMinutes(settings: Settings): number | null {
  return settings.autoLock === 'restart' || settings.autoLock === 'never' ? null : Number(settings.autoLock);
}
