// The always-on autofill script (every http/https frame, in the page's main world): a native
// selector query and a focus listener that have the background load the autofill engine
// (entrypoints/autofill-engine.content) into a frame with a candidate field, by way of the
// isolated-world bridge (autofill/content/start-boot.ts). An unlisted script that the background
// registers as a content script (scripting.registerContentScripts, world MAIN).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startBoot } from '../../autofill/content/start-boot';

export default defineUnlistedScript(startBoot);
