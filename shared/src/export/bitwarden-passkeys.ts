// Passkeys in Bitwarden's JSON export (login.fido2Credentials), both ways. Bitwarden writes every
// member as a string: a credential id in GUID form (its own 16-byte ids) or "b64." and base64url,
// the private key as base64url PKCS#8 in keyValue, the user handle in base64url, counter and
// discoverable as text. Only ECDSA P-256 keys are taken in; another kind is left out and counted,
// so the import can say so.
import type { Passkey } from '../items/types/passkey';
import { base64urlToBytes, bytesToBase64url } from '../crypto/bytes';
import { es256FromPkcs8, es256ToPkcs8 } from '../webauthn/es256';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function credentialIdToBitwarden(id: string): string {
  const bytes = base64urlToBytes(id);
  if (bytes.length !== 16) return `b64.${id}`;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function credentialIdFromBitwarden(text: string): string {
  if (GUID.test(text)) return bytesToBase64url(Uint8Array.from(text.replaceAll('-', '').match(/../g)!, (h) => parseInt(h, 16)));
  const encoded = text.startsWith('b64.') ? text.slice(4) : text;
  return bytesToBase64url(base64urlToBytes(encoded));
}

/** base64url or standard base64 (with or without padding), as exports in the wild use both. */
function looseBase64(text: string): Uint8Array {
  return base64urlToBytes(text.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''));
}

export function passkeysToBitwarden(passkeys: readonly Passkey[]): Record<string, string>[] {
  return passkeys
    .filter((p) => p.algorithm === 'ES256')
    .map((p) => ({
      credentialId: credentialIdToBitwarden(p.id),
      keyType: 'public-key',
      keyAlgorithm: 'ECDSA',
      keyCurve: 'P-256',
      keyValue: bytesToBase64url(es256ToPkcs8(base64urlToBytes(p.privateKey))),
      rpId: p.rpId,
      userHandle: p.userHandle,
      userName: p.userName,
      counter: '0',
      rpName: p.rpName,
      userDisplayName: p.userDisplayName,
      discoverable: String(p.discoverable),
      creationDate: new Date(p.createdAt).toISOString(),
    }));
}

type Text = (key: string) => string;

/** A Bitwarden passkey as Keyhold's, or null when it is not an ECDSA P-256 key this version can use. */
export function passkeyFromBitwarden(read: Text, now: number): Passkey | null {
  if (read('keyType') !== 'public-key' || read('keyAlgorithm') !== 'ECDSA' || read('keyCurve') !== 'P-256' || !read('rpId')) return null;
  try {
    const created = Date.parse(read('creationDate'));
    const userHandle = read('userHandle');
    if (!userHandle) return null; // a passkey without its user handle cannot answer a discoverable sign-in
    return {
      id: credentialIdFromBitwarden(read('credentialId')),
      rpId: read('rpId'),
      rpName: read('rpName'),
      userHandle: userHandle ? bytesToBase64url(looseBase64(userHandle)) : '',
      userName: read('userName'),
      userDisplayName: read('userDisplayName'),
      algorithm: 'ES256',
      privateKey: bytesToBase64url(es256FromPkcs8(looseBase64(read('keyValue')))),
      discoverable: read('discoverable') !== 'false',
      createdAt: Number.isFinite(created) && created >= 0 ? created : now,
      lastUsedAt: null,
    };
  } catch {
    return null;
  }
}
