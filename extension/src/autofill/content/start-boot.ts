// The always-on content script's whole job: on a page with a candidate field (now, or when one gets
// focus), ask the background to load the autofill engine into this frame. Sandboxed frames (opaque
// origin) are never served, so they are not even watched.
import type { Browser } from 'wxt/browser';
import { watchForCandidateFields } from './watch-for-fields';
import { insertionIdleScheduler } from './watch-insertions';

/**
 * The one message this script sends. Not messaging/client.ts: importing it (wxt/browser) touches the
 * extension API at load, which instantiates its bindings in every frame; here they are touched only
 * once a page has a field.
 */
function requestEngine(): void {
  type Api = { runtime?: Pick<typeof Browser.runtime, 'sendMessage'> };
  const scope = globalThis as { browser?: Api; chrome?: Api };
  const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
  void runtime?.sendMessage({ type: 'autofill.loadEngine' }).catch(() => undefined);
}

export function startBoot(): void {
  if (window.origin === 'null') return;
  watchForCandidateFields({ document, onFound: requestEngine, schedule: insertionIdleScheduler(), now: () => performance.now() });
}
