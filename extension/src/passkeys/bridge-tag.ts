// The names the main-world scripts and the isolated-world bridge (passkeys/bridge.ts) agree on. They
// are no secret (the page can read every script); the bridge trusts nothing it hears but what it is
// asked.
// - A passkey request is a message posted to the frame's own window with this member. The bridge
//   answers only on the MessagePort the request brought, so no other frame or script can answer in
//   its place.
export const PASSKEY_REQUEST_TAG = '__keyholdPasskeyRequest';
// - "This frame has a field someone could type a credential into" (the always-on autofill script,
//   autofill/content/start-boot.ts) is an event of this name dispatched on the window, not a posted
//   message, so the page's own message listeners never see it. The bridge asks the background, once
//   per document, to load the autofill engine into this frame. A page that dispatches it itself gets
//   what a page with an input gets.
export const ENGINE_REQUEST_EVENT = 'keyhold-candidate-field';
