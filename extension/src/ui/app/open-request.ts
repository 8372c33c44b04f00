// The request that opens the popup, and the one unlock answers with the same payload: the status,
// this site's suggestions and the first page of the list.
import { send } from '../../messaging/client';
import type { ResponseOf } from '../../messaging/protocol';
import { PAGE_SIZE } from '../screens/list/use-item-list';

/**
 * The tab the popup speaks for. The toolbar popup leaves it to the background (the active tab);
 * popup.html opened in a tab (tests, the benchmark) may name one with ?tabId=N.
 */
export function popupTab(): { tabId?: number } {
  const tabId = Number(new URLSearchParams(location.search).get('tabId') ?? NaN);
  return Number.isInteger(tabId) && tabId >= 0 ? { tabId } : {};
}

/** Where a window opened from the page's menu starts (autofill.openPopup): the new-login form or the search. */
export function popupStart(): 'new-login' | 'search' | null {
  const start = new URLSearchParams(location.search).get('start');
  return start === 'new-login' || start === 'search' ? start : null;
}

export type OpenReply = ResponseOf<'popup.open'>;

/** The one request the first paint needs. Entry points call it before rendering <App>. */
export function requestOpen(): Promise<OpenReply> {
  return send('popup.open', openRequest());
}

/** What popup.open (and vault.unlock, which answers the same) needs to know about this page. */
export function openRequest(): { limit: number; tabId?: number } {
  return { limit: PAGE_SIZE, ...popupTab() };
}
