// The one name the main-world wrapper and the isolated-world bridge agree on: the member a request
// posted to the frame's own window carries. It is no secret (the page can read both scripts); the
// bridge trusts nothing in the message but what it is asked, and answers only on the MessagePort
// the request brought, so no other frame or script can answer in its place.
export const PASSKEY_REQUEST_TAG = '__keyholdPasskeyRequest';
