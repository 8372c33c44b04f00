// The always-on content script's whole job: wait for a candidate field, then ask the background to
// load the autofill engine into this frame. Sandboxed frames (opaque origin) are never served, so
// they are not even watched.
import { send } from '../../messaging/client';
import { browserIdleScheduler } from './idle-work';
import { watchForCandidateFields } from './watch-for-fields';

export function startBoot(): void {
  if (window.origin === 'null') return;
  watchForCandidateFields({
    document,
    schedule: browserIdleScheduler(),
    now: () => performance.now(),
    onFound: () => void send('autofill.loadEngine').catch(() => undefined),
  });
}
