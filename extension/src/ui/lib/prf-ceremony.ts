// The WebAuthn side of quick unlock with biometrics or a security key (docs/adr/0019-quick-unlock.md):
// an extension page creates a credential and asks it for a PRF output (the `prf` extension, WebAuthn
// Level 3 §10.1.4, over CTAP2's hmac-secret). The relying party is the extension itself: in Chromium an
// extension page may use its own id (the host of chrome-extension://<id>/) as the rpId, so the
// credential belongs to Keyhold and no web page can ask for it. There is no server to verify an
// assertion: what matters is the PRF output, which only the authenticator can compute, after user
// verification. The background turns it into the wrapping key; the page never sees the vault key.
import { base64urlToBytes, bytesToBase64url } from '@keyhold/shared/crypto/bytes';
import { t } from '../../i18n/messages';

/** Raised for what the user should read (cancelled, not supported). */
export class PrfCeremonyError extends Error {
  override name = 'PrfCeremonyError';
}

type PrfResults = { enabled?: boolean; results?: { first?: ArrayBuffer | ArrayBufferView } };
type WithPrf = { prf?: PrfResults };

/**
 * Whether this browser says it can evaluate PRF (WebAuthn's getClientCapabilities, Chrome 133+).
 * Browsers without that method are given the benefit of the doubt: enrolment then says if it failed.
 */
export async function prfSupported(): Promise<boolean> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return false;
  const capabilities = (PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> }).getClientCapabilities;
  if (!capabilities) return true;
  try {
    return (await capabilities.call(PublicKeyCredential))['extension:prf'] === true;
  } catch {
    return false;
  }
}

const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));
/** Bytes WebAuthn accepts (a plain ArrayBuffer underneath). */
const decode = (text: string) => new Uint8Array(base64urlToBytes(text));

function firstResult(extensions: WithPrf): Uint8Array | null {
  const first = extensions.prf?.results?.first;
  if (!first) return null;
  return first instanceof ArrayBuffer ? new Uint8Array(first) : new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
}

function ceremonyFailed(error: unknown): PrfCeremonyError {
  // NotAllowedError: the user cancelled, timed out, or the page lost focus (WebAuthn §5.1.3, §5.1.4).
  if (error instanceof DOMException && error.name === 'NotAllowedError') return new PrfCeremonyError(t('quick_unlock_prf_cancelled'));
  if (error instanceof PrfCeremonyError) return error;
  return new PrfCeremonyError(t('quick_unlock_prf_failed'));
}

/** Asks the credential for its PRF output on `salt`; base64url of the 32 bytes. */
export async function evaluatePrf(credential: { credentialId: string; salt: string }): Promise<string> {
  try {
    const assertion = (await navigator.credentials.get({
      publicKey: {
        rpId: location.hostname,
        challenge: random(32),
        allowCredentials: [{ type: 'public-key', id: decode(credential.credentialId) }],
        userVerification: 'required',
        timeout: 60_000,
        extensions: { prf: { eval: { first: decode(credential.salt) } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
    const output = assertion && firstResult(assertion.getClientExtensionResults() as WithPrf);
    if (!output || output.length !== 32) throw new PrfCeremonyError(t('quick_unlock_prf_unsupported'));
    return bytesToBase64url(output);
  } catch (error) {
    throw ceremonyFailed(error);
  }
}

/**
 * Creates a credential for this extension and takes its first PRF output: from the creation itself
 * when the authenticator gives one (CTAP 2.2 hmac-secret-mc), else from one assertion right after.
 */
export async function enrollPrf(): Promise<{ credentialId: string; salt: string; prfOutput: string }> {
  const salt = bytesToBase64url(random(32));
  let credentialId: string;
  let output: Uint8Array | null;
  try {
    const created = (await navigator.credentials.create({
      publicKey: {
        rp: { id: location.hostname, name: 'Keyhold' },
        user: { id: random(16), name: 'Keyhold vault', displayName: 'Keyhold vault' },
        challenge: random(32),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
        timeout: 60_000,
        extensions: { prf: { eval: { first: decode(salt) } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
    if (!created) throw new PrfCeremonyError(t('quick_unlock_prf_failed'));
    const extensions = created.getClientExtensionResults() as WithPrf;
    if (extensions.prf?.enabled !== true) throw new PrfCeremonyError(t('quick_unlock_prf_unsupported'));
    credentialId = bytesToBase64url(new Uint8Array(created.rawId));
    output = firstResult(extensions);
  } catch (error) {
    throw ceremonyFailed(error);
  }
  const prfOutput = output && output.length === 32 ? bytesToBase64url(output) : await evaluatePrf({ credentialId, salt });
  return { credentialId, salt, prfOutput };
}
