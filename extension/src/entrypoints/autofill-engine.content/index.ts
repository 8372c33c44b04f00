// The autofill engine (detector, inline menu, filling, save prompts), injected by the background
// with scripting.executeScript into a frame whose always-on script found a candidate field — so
// pages without one never load it. `registration: 'runtime'` keeps it out of the manifest's
// content_scripts; WXT lists its matches as host permissions, which executeScript needs.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startEngine } from '../../autofill/engine/start-engine';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main: startEngine,
});
