// Host permission for the sync server, asked for from the user's click in Settings → Sync (the
// browser only shows the prompt for a user gesture). The service worker needs it to talk to the
// server, which sends no CORS headers. Already granted (this build holds http/https host access
// for autofill) means no prompt at all.
import { browser } from 'wxt/browser';
import { parseServerUrl } from '../../sync/server-url';
import { t } from '../../i18n/messages';

export async function requestServerAccess(serverUrl: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const parsed = parseServerUrl(serverUrl);
  if (!parsed.ok) return parsed;
  const origins = [parsed.url.permission];
  try {
    if (await browser.permissions.contains({ origins })) return { ok: true };
    if (await browser.permissions.request({ origins })) return { ok: true };
    return { ok: false, reason: t('health_permission_denied', parsed.url.origin) };
  } catch {
    return { ok: false, reason: t('sync_access_not_asked', parsed.url.origin) };
  }
}
