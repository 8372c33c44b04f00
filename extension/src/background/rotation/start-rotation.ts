// The key rotation in the service worker: its messages, and resuming a rotation a stopped worker left
// (vault/rotation.ts) at start-up and whenever the vault is unlocked (the unlocked session appearing in
// storage.session, as sync notices it).
import { browser } from 'wxt/browser';
import type { Broker } from '../../messaging/broker';
import type { KeyRotation } from '../../vault/rotation';
import { UNLOCKED_SESSION_KEY } from '../../vault/browser-session-store';

export function startRotation(deps: { broker: Broker; rotation: KeyRotation }): void {
  const { broker, rotation } = deps;
  broker.on('rotation.status', () => rotation.status());
  broker.on('rotation.start', (req) => rotation.start(req.password, { recovery: req.recovery ?? 'keep' }));
  broker.on('rotation.resume', () => rotation.resume());
  broker.on('rotation.cancel', () => rotation.cancel());
  broker.on('rotation.dismiss', () => rotation.dismiss());

  const resume = () => void rotation.resume().catch((error: unknown) => console.warn('Keyhold: the key rotation did not resume', error));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[UNLOCKED_SESSION_KEY]?.newValue !== undefined && changes[UNLOCKED_SESSION_KEY].oldValue === undefined) resume();
  });
  resume();
}
