// The always-on content script's whole job: on a page with a candidate field (now, or when one gets
// focus), have the background load the autofill engine into this frame. Sandboxed frames (opaque
// origin) are never served, so they are not even watched.
//
// It runs in the page's main world (registered with world MAIN: background/autofill/start-autofill.ts).
// Looking at the page from an isolated world builds that world's own wrappers for the document and
// its interfaces first, about 0.35 ms of every page load; the main world's come from the context
// snapshot (bench/suites/autofill.ts, idle_page_ms; docs/adr/0006). The page's code can see, slow
// or stop this script: all it decides is whether the engine loads into the page's own frame, which
// the page could also ask for, or prevent, itself. It reads no credential and holds no extension
// API: it dispatches one event on its own window, which the isolated-world bridge (passkeys/bridge.ts)
// turns into the request, once per document. Filling, and what it fills, stay in the isolated world.
import { ENGINE_REQUEST_EVENT } from '../../passkeys/bridge-tag';
import { watchForCandidateFields } from './watch-for-fields';
import { insertionIdleScheduler } from './watch-insertions';

function requestEngine(): void {
  window.dispatchEvent(new Event(ENGINE_REQUEST_EVENT));
}

export function startBoot(): void {
  if (window.origin === 'null') return;
  watchForCandidateFields({ document, onFound: requestEngine, schedule: insertionIdleScheduler(), now: () => performance.now() });
}
