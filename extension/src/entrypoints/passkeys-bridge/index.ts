// The passkey bridge in the content scripts' isolated world (passkeys/bridge.ts), registered by the
// background at document_start beside the main-world wrapper.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPasskeyBridge } from '../../passkeys/bridge';

export default defineUnlistedScript(startPasskeyBridge);
