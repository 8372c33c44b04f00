// The isolated-world half of the passkey bridge: it hears requests that the main-world wrapper
// (passkeys/main-world.ts) posts to this frame's own window, adds what only it can measure without
// the page's interference (the frame's permissions policy for WebAuthn, its user activation), and
// forwards them to the background, which decides with the frame origin the browser reports. It
// ignores messages from any other window or origin and answers only on the request's own port.
import { PASSKEY_REQUEST_TAG } from './bridge-tag';

type Api = { runtime?: { sendMessage(message: unknown): Promise<unknown> } };
type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string } } | undefined;

function policyAllows(kind: 'create' | 'get'): boolean {
  const policy = (document as unknown as { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
  return policy?.allowsFeature(`publickey-credentials-${kind}`) ?? false;
}

export function startPasskeyBridge(): void {
  if (window.origin === 'null') return;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window || event.origin !== window.origin) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    const kind = data[PASSKEY_REQUEST_TAG];
    const port = event.ports[0];
    if ((kind !== 'create' && kind !== 'get') || !port) return;
    port.postMessage({ kind: 'ack' });
    const frame = { policyAllows: policyAllows(kind), userActivation: navigator.userActivation?.isActive ?? false };
    const scope = globalThis as { browser?: Api; chrome?: Api };
    const runtime = scope.browser?.runtime ?? scope.chrome?.runtime;
    // Named here, where the page cannot choose it: an abort ends this call and no other.
    const callId = crypto.randomUUID();
    // The page aborted its call (AbortSignal): the background ends the call's request and closes its dialog.
    port.onmessage = (reply: MessageEvent<unknown>) => {
      if ((reply.data as { kind?: unknown } | null)?.kind === 'abort')
        void runtime?.sendMessage({ type: 'passkeys.abort', request: { callId } }).catch(() => undefined);
    };
    const request = { options: data.options, frame, callId, ...(kind === 'get' ? { conditional: data.conditional === true } : {}) };
    // Anything but an answer (a refused or malformed request, Keyhold gone): the browser's own ceremony.
    const forward = runtime?.sendMessage({ type: `passkeys.${kind}`, request }) ?? Promise.resolve(undefined);
    forward.then(
      (reply) => port.postMessage((reply as Reply)?.ok ? (reply as { value: unknown }).value : { kind: 'fallback' }),
      () => port.postMessage({ kind: 'fallback' }),
    );
  });
}
