// Wraps navigator.credentials in the page's main world (passkeys/main-world.ts). An unlisted script
// the background registers with world MAIN at document_start (background/passkeys/start-passkeys.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPasskeyMainWorld } from '../../passkeys/main-world';

export default defineUnlistedScript(startPasskeyMainWorld);
