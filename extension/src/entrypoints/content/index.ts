// Always-on content script (every http/https frame): a few hundred bytes that watch for a field a
// credential could go into and then have the background load the autofill engine
// (entrypoints/autofill-engine.content) into this frame. Keep it tiny: it runs on every page.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startBoot } from '../../autofill/content/start-boot';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  // WXT would otherwise announce every content script start to the page with window.postMessage.
  noScriptStartedPostMessage: true,
  main: startBoot,
});
