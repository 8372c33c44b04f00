// The client data JSON (WebAuthn Level 3 §5.8.1) that the browser would have made: Keyhold stands in
// for the browser's client, so it writes it, with the member order of §5.8.1.1 (type, challenge,
// origin, crossOrigin, then topOrigin for a cross-origin frame). The origin is the one the browser
// reported for the calling frame, never one the page supplied.
import { bytesToBase64url, utf8ToBytes } from '../crypto/bytes';

export type ClientDataInput = {
  type: 'webauthn.create' | 'webauthn.get';
  challenge: Uint8Array;
  origin: string;
  /** The top-level origin when the caller is a cross-origin frame; null for a top-level or same-origin frame. */
  topOrigin: string | null;
};

export function encodeClientDataJson(input: ClientDataInput): Uint8Array {
  const data: Record<string, string | boolean> = {
    type: input.type,
    challenge: bytesToBase64url(input.challenge),
    origin: input.origin,
    crossOrigin: input.topOrigin !== null,
  };
  if (input.topOrigin !== null) data.topOrigin = input.topOrigin;
  return utf8ToBytes(JSON.stringify(data));
}
