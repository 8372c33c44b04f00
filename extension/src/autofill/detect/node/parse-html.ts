// Node-only: turns an HTML string into a DOM the detector can run on (jsdom, scripts never run),
// with declarative shadow roots attached as a browser would. Used by the classify CLI, the tests and
// the bench; the extension itself never imports this file.
import { JSDOM, VirtualConsole } from 'jsdom';
import { attachShadowTemplates } from '../attach-shadow-templates';

export interface ParsedPage {
  window: Window;
  document: Document;
}

export function parseHtml(html: string, options: { url?: string } = {}): ParsedPage {
  // runScripts is left unset: jsdom then never executes the page's scripts (jsdom README, "Executing scripts").
  // Pages saved from the web often carry CSS that jsdom's parser rejects; that says nothing about the
  // page's fields, so only other jsdom errors are printed.
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    if (!error.message.startsWith('Could not parse CSS stylesheet')) console.error(error);
  });
  const dom = new JSDOM(html, { url: options.url ?? 'https://example.com/', contentType: 'text/html', virtualConsole });
  // A cast for a real reason: jsdom types its window as its own DOMWindow, not lib.dom's Window; the
  // detector only uses the standard DOM members jsdom implements. No schema is involved.
  const window = dom.window as unknown as Window;
  attachShadowTemplates(window.document);
  return { window, document: window.document };
}
