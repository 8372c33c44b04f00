// Wraps navigator.credentials in the page's main world (passkeys/main-world.ts). An unlisted script
// the manifest lists with world MAIN at document_start in every frame (wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPasskeyMainWorld } from '../../passkeys/main-world';

export default defineUnlistedScript(startPasskeyMainWorld);
