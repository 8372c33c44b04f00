// The isolated-world half of the page bridge. It hears what the main-world scripts tell this frame's
// own window:
// - passkey requests from the wrapper of navigator.credentials (passkeys/main-world.ts): it adds what
//   only it can measure without the page's interference (the frame's permissions policy for
//   WebAuthn, its user activation) and forwards them to the background, which decides with the frame
//   origin the browser reports; it ignores messages from any other window or origin, and answers
//   only on the request's own port;
// - the always-on autofill script's news that the frame has a candidate field
//   (autofill/content/start-boot.ts): it asks the background, once per document, to load the
//   autofill engine into this frame.
import { ENGINE_REQUEST_EVENT, PASSKEY_REQUEST_TAG } from './bridge-tag';

type Api = { runtime?: { sendMessage(message: unknown): Promise<unknown> } };
type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string } } | undefined;

function policyAllows(kind: 'create' | 'get'): boolean {
  const policy = (document as unknown as { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
  return policy?.allowsFeature(`publickey-credentials-${kind}`) ?? false;
}

/** The extension API, looked up only when a message needs it: touching it builds its bindings in this frame. */
function extensionRuntime(): Api['runtime'] {
  const scope = globalThis as { browser?: Api; chrome?: Api };
  return scope.browser?.runtime ?? scope.chrome?.runtime;
}

/**
 * The always-on autofill script's event becomes one request for the engine per document: the page can
 * dispatch the event as often as it likes, and asks for no more than one page with an input would.
 */
export function relayEngineRequest(target: Pick<Window, 'addEventListener'>, runtime: () => Api['runtime']): void {
  target.addEventListener(
    ENGINE_REQUEST_EVENT,
    () =>
      void runtime()
        ?.sendMessage({ type: 'autofill.loadEngine' })
        .catch(() => undefined),
    { once: true },
  );
}

export function startPasskeyBridge(): void {
  if (window.origin === 'null') return;
  relayEngineRequest(window, extensionRuntime);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window || event.origin !== window.origin) return;
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return;
    const kind = data[PASSKEY_REQUEST_TAG];
    const port = event.ports[0];
    if ((kind !== 'create' && kind !== 'get') || !port) return;
    port.postMessage({ kind: 'ack' });
    const frame = { policyAllows: policyAllows(kind), userActivation: navigator.userActivation?.isActive ?? false };
    const runtime = extensionRuntime();
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
