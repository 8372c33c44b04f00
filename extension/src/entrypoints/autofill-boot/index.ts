// The always-on autofill script (every http/https frame): a native selector query and a focus
// listener that have the background load the autofill engine (entrypoints/autofill-engine.content)
// into a frame with a candidate field. An unlisted script that the background registers as a content
// script (scripting.registerContentScripts), rather than a manifest content script: WXT's content
// script wrapper reads browser.runtime.id at load, and creating the extension API bindings in every
// frame of every page would cost more than everything this script does.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startBoot } from '../../autofill/content/start-boot';

export default defineUnlistedScript(startBoot);
