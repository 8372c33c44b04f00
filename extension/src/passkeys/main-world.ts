// The main-world wrapper of navigator.credentials (issue: passkeys). It runs at document_start in
// every http(s) frame, before the page's scripts, and does nothing else until a page calls create()
// or get() with `publicKey`: then it posts the options, as base64url and plain values, to the bridge
// in the isolated world (passkeys/bridge.ts), with a MessagePort for the one answer. The answer is a
// credential to hand back, an error name, or "fallback": the browser's own implementation is called
// with the page's options, unchanged. A conditional get (mediation "conditional") goes the same way
// and waits while Keyhold offers the site's passkeys in the username field's inline menu (the
// browser's own isConditionalMediationAvailable() already answers true in Chromium and Firefox).
// Kept small: it loads into every frame (≤ 2 KB gzipped, issue).
import { PASSKEY_REQUEST_TAG } from './bridge-tag';

type Json = Record<string, unknown>;
/** A credential from the background: byte strings in base64url, and the public key algorithm. */
type Wire = Record<string, string> & { publicKeyAlgorithm?: number };
type Reply = { kind: 'ack' } | { kind: 'fallback' } | { kind: 'error'; name: string } | { kind: 'done'; credential: Wire };

const TRANSPORTS = ['hybrid', 'internal'];

function b64(source: BufferSource): string {
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const bytes = (text: string): ArrayBuffer => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
const oneOf = (value: unknown, allowed: string[]) => (allowed.includes(value as string) ? (value as string) : undefined);
const descriptors = (list: PublicKeyCredentialDescriptor[] | undefined) =>
  (list ?? []).filter((d) => d.type === 'public-key').map((d) => ({ id: b64(d.id) }));
const uv = (value: unknown) => oneOf(value, ['required', 'preferred', 'discouraged']);

function serialize(kind: 'create' | 'get', pk: Json): Json {
  if (kind === 'get') {
    const o = pk as unknown as PublicKeyCredentialRequestOptions;
    return {
      rpId: o.rpId,
      challenge: b64(o.challenge),
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: uv(o.userVerification),
    };
  }
  const o = pk as unknown as PublicKeyCredentialCreationOptions;
  const selection = o.authenticatorSelection ?? {};
  return {
    rp: { id: o.rp.id, name: String(o.rp.name ?? '') },
    user: { id: b64(o.user.id), name: String(o.user.name ?? ''), displayName: String(o.user.displayName ?? '') },
    challenge: b64(o.challenge),
    algorithms: (o.pubKeyCredParams ?? []).filter((p) => p.type === 'public-key').map((p) => p.alg),
    excludeCredentials: descriptors(o.excludeCredentials),
    authenticatorAttachment: oneOf(selection.authenticatorAttachment, ['platform', 'cross-platform']),
    userVerification: uv(selection.userVerification),
    credProps: Boolean((o.extensions as Json | undefined)?.credProps),
  };
}

function credential(kind: 'create' | 'get', c: Wire, credProps: boolean): object {
  const extensions = kind === 'create' && credProps ? { credProps: { rk: true } } : {};
  const responseJson: Json =
    kind === 'create'
      ? {
          clientDataJSON: c.clientDataJSON,
          attestationObject: c.attestationObject,
          authenticatorData: c.authenticatorData,
          publicKey: c.publicKey,
          publicKeyAlgorithm: c.publicKeyAlgorithm,
          transports: TRANSPORTS,
        }
      : { clientDataJSON: c.clientDataJSON, authenticatorData: c.authenticatorData, signature: c.signature, userHandle: c.userHandle };
  const response: Json = {};
  for (const [name, value] of Object.entries(responseJson)) if (typeof value === 'string') response[name] = bytes(value);
  if (kind === 'create') {
    delete response.authenticatorData;
    delete response.publicKey;
    Object.assign(response, {
      getTransports: () => [...TRANSPORTS],
      getAuthenticatorData: () => bytes(c.authenticatorData ?? ''),
      getPublicKey: () => bytes(c.publicKey ?? ''),
      getPublicKeyAlgorithm: () => c.publicKeyAlgorithm,
    });
  }
  // Own members shadow the prototypes' getters, so `instanceof` and the usual reads both work.
  Object.setPrototypeOf(response, (kind === 'create' ? AuthenticatorAttestationResponse : AuthenticatorAssertionResponse).prototype);
  const result = {
    id: c.id,
    rawId: bytes(c.id ?? ''),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response,
    getClientExtensionResults: () => ({ ...extensions }),
    toJSON: () => ({
      id: c.id,
      rawId: c.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: extensions,
      response: responseJson,
    }),
  };
  return Object.setPrototypeOf(result, PublicKeyCredential.prototype) as object;
}

function wrap(kind: 'create' | 'get', original: CredentialsContainer['get']) {
  return function (this: CredentialsContainer, options?: CredentialCreationOptions & CredentialRequestOptions): Promise<Credential | null> {
    const browserCall = () => Reflect.apply(original, this, [options]) as Promise<Credential | null>;
    const pk = options?.publicKey as Json | undefined;
    const conditional = (options?.mediation as string) === 'conditional';
    // A conditional create (a password upgraded to a passkey) stays the browser's.
    if (!pk || (conditional && kind === 'create')) return browserCall();
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    let request: Json;
    try {
      request = serialize(kind, pk);
    } catch {
      return browserCall(); // malformed options: the browser's own TypeError
    }
    return new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      const port = channel.port1;
      // No bridge answering within a second (an extension update, a frame it never reached): the browser's.
      let acked = false;
      const timer = setTimeout(() => !acked && finish({ kind: 'fallback' }), 1000);
      function finish(reply: Reply): void {
        clearTimeout(timer);
        port.close();
        if (reply.kind === 'done') resolve(credential(kind, reply.credential, Boolean(request.credProps)) as Credential);
        else if (reply.kind === 'error') reject(new DOMException('The operation either timed out or was not allowed.', reply.name));
        else browserCall().then(resolve, reject);
      }
      port.onmessage = (event: MessageEvent<Reply>) => {
        if (event.data?.kind === 'ack') acked = true;
        else finish(event.data);
      };
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        // The bridge asks the background to end the request, which closes Keyhold's dialog.
        port.postMessage({ kind: 'abort' });
        port.close();
        reject(signal.reason as Error);
      });
      window.postMessage({ [PASSKEY_REQUEST_TAG]: kind, options: request, conditional }, '/', [channel.port2]);
    });
  };
}

/**
 * This runs at document_start in every frame, so it does the least it can: it looks up
 * CredentialsContainer and swaps its two methods. The helpers above, the globals they use and
 * PublicKeyCredential are touched only when a page calls (what a page pays for this script is
 * `idle_passkeys_ms` in `npm run bench -- autofill`).
 */
export function startPasskeyMainWorld(): void {
  const proto = globalThis.CredentialsContainer?.prototype;
  if (!proto || window.origin === 'null') return;
  // The originals, kept before page scripts run: a "fallback" calls exactly these.
  const { create, get } = proto;
  proto.create = wrap('create', create);
  proto.get = wrap('get', get);
}
