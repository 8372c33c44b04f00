// One zxcvbn thread for vault health (score-passwords.ts keeps a small pool of them in the
// offscreen document, or in Firefox's event page): it gets a batch of passwords and answers their
// scores in order. It keeps nothing between batches but the loaded dictionaries.
import '../messaging/zod-jitless';
import { scoreInThisThread } from './score-local';

self.onmessage = (event: MessageEvent<{ id: number; passwords: string[] }>) => {
  const { id, passwords } = event.data;
  scoreInThisThread(passwords).then(
    (scores) => self.postMessage({ id, scores }),
    () => self.postMessage({ id, scores: null }),
  );
};
