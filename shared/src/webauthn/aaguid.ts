// Keyhold's authenticator model identifier (WebAuthn Level 3 §6.5.1, "AAGUID"). Relying parties
// with an attestation "none" see it as a name for the kind of authenticator (a passkey provider
// list maps AAGUIDs to names and icons); it says nothing about the user or the device.

export const KEYHOLD_AAGUID = 'c2af7454-77f6-49fb-82ba-52c584bcbac9';

export function aaguidBytes(): Uint8Array {
  const hex = KEYHOLD_AAGUID.replaceAll('-', '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}
