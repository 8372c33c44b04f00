// Keyhold's access to web sites (the http/https host permissions its autofill scripts need). Chrome
// grants them at install, but a user can narrow them ("on click"); Firefox treats a Manifest V3
// add-on's host permissions as the user's to switch off in about:addons (docs/adr/0011-firefox-mv3.md).
// Without them no login form shows our icon or gets filled, so the popup says so and asks again.
import { browser } from 'wxt/browser';

/** The origins in the manifest's host_permissions (wxt.config.ts, from the engine's `matches`). */
export const SITE_ORIGINS = ['http://*/*', 'https://*/*'];

export async function hasSiteAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: SITE_ORIGINS });
}

/** Must run from the user's click: the browser shows its prompt only for a user gesture. */
export async function requestSiteAccess(): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: SITE_ORIGINS });
  } catch {
    return false;
  }
}
