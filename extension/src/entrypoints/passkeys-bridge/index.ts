// The passkey bridge in the content scripts' isolated world (passkeys/bridge.ts), listed in the
// manifest at document_start beside the main-world wrapper (wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPasskeyBridge } from '../../passkeys/bridge';

export default defineUnlistedScript(startPasskeyBridge);
